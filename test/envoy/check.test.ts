import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkBootstrap, checkBootstrapText } from '../../src/envoy/check.js';
import type { CheckIssue } from '../../src/envoy/check-issue.js';
import { generateBootstrap } from '../../src/envoy/generate.js';
import { renderBootstrapYaml, renderConfigMapYaml } from '../../src/envoy/render.js';
import { extProc, hcm, listener, routes, virtualHost } from './bootstrap-paths.js';
import { testConfig } from './fixture.js';

const HCM = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config';
const EXT_PROC = `${HCM}.http_filters[0].typed_config`;
const CONFIG = testConfig({
  models: [
    { name: 'small', urls: ['http://small-llm:8000/v1'] },
    { name: 'pool', urls: ['https://a.example.com/openai/v1', 'https://b.example.com/openai/v1'] },
    { name: 'local', urls: ['http://127.0.0.1:9000/v1'] },
  ],
});

/** Issues of the generated bootstrap after `edit` changed a fresh copy. */
function issuesAfter(edit: (b: Record<string, any>) => void, options = {}): CheckIssue[] {
  const b = structuredClone(generateBootstrap(CONFIG)) as Record<string, any>;
  edit(b);
  return checkBootstrap(b, options);
}

function only(issues: CheckIssue[]): CheckIssue {
  expect(issues).toHaveLength(1);
  return issues[0] as CheckIssue;
}

describe('checkBootstrap: generated configs pass', () => {
  it('finds no issue in the bootstrap generated for several shapes of config', () => {
    const expected = [...CONFIG.models.values()].map((m) => m.cluster);
    expect(checkBootstrap(generateBootstrap(CONFIG), { expectedClusters: expected })).toEqual([]);
    expect(checkBootstrap(generateBootstrap(testConfig()))).toEqual([]);
    expect(checkBootstrap(generateBootstrap(CONFIG, { k8s: { namespace: 'prod' }, listenPort: 9000 }))).toEqual([]);
  });

  it('finds no issue in the rendered YAML, or in the ConfigMap around it', () => {
    expect(checkBootstrapText(renderBootstrapYaml(CONFIG))).toEqual([]);
    expect(checkBootstrapText(renderConfigMapYaml(CONFIG, { k8s: { namespace: 'prod' } }))).toEqual([]);
  });
});

describe('checkBootstrap: fields and types', () => {
  it('reports a misspelt field with its path and a suggestion', () => {
    const issue = only(issuesAfter((b) => (hcm(b).stream_idle_timout = '10s')));
    expect(issue).toMatchObject({ kind: 'unknown_field', path: `${HCM}.stream_idle_timout` });
    expect(issue.message).toContain('did you mean "stream_idle_timeout"');
  });

  it('reports a field that belongs to another message', () => {
    const issue = only(issuesAfter((b) => (listener(b).cluster_header = 'x')));
    expect(issue).toMatchObject({ kind: 'unknown_field', path: 'static_resources.listeners[0].cluster_header' });
  });

  it('accepts lowerCamelCase names but not both spellings at once', () => {
    expect(issuesAfter((b) => {
      const l = listener(b);
      l.perConnectionBufferLimitBytes = l.per_connection_buffer_limit_bytes;
      delete l.per_connection_buffer_limit_bytes;
    })).toEqual([]);
    expect(only(issuesAfter((b) => (listener(b).perConnectionBufferLimitBytes = 5))).kind).toBe('type');
  });

  it.each([
    ['a number where a Duration string belongs', (b: any) => (hcm(b).request_timeout = 150), `${HCM}.request_timeout`],
    ['a Duration without its unit', (b: any) => (hcm(b).request_timeout = '150'), `${HCM}.request_timeout`],
    ['a string where a number belongs', (b: any) => (listener(b).per_connection_buffer_limit_bytes = 'lots'), 'static_resources.listeners[0].per_connection_buffer_limit_bytes'],
    ['a number where a string belongs', (b: any) => (hcm(b).stat_prefix = 42), `${HCM}.stat_prefix`],
    ['a string where a bool belongs', (b: any) => (extProc(b).allow_mode_override = 'yes'), `${EXT_PROC}.allow_mode_override`],
    ['a single value where a list belongs', (b: any) => (virtualHost(b).domains = '*'), `${HCM}.route_config.virtual_hosts[0].domains`],
    ['a list where a single message belongs', (b: any) => (extProc(b).processing_mode = []), `${EXT_PROC}.processing_mode`],
    ['an unknown enum name', (b: any) => (extProc(b).processing_mode.request_body_mode = 'BUFFER'), `${EXT_PROC}.processing_mode.request_body_mode`],
    ['a negative uint32', (b: any) => (listener(b).per_connection_buffer_limit_bytes = -1), 'static_resources.listeners[0].per_connection_buffer_limit_bytes'],
    ['a uint32 past 2^32', (b: any) => (listener(b).per_connection_buffer_limit_bytes = 2 ** 32), 'static_resources.listeners[0].per_connection_buffer_limit_bytes'],
    ['a string in a BoolValue wrapper', (b: any) => (hcm(b).normalize_path = 'true'), `${HCM}.normalize_path`],
    ['a scalar where a Struct belongs', (b: any) => (hcm(b).local_reply_config.mappers[0].body_format_override.json_format = 'x'), `${HCM}.local_reply_config.mappers[0].body_format_override.json_format`],
  ])('reports %s as a type issue', (_, edit, path) => {
    expect(only(issuesAfter(edit))).toMatchObject({ kind: 'type', path });
  });

  it('accepts integers written as decimal strings, as proto3 JSON does', () => {
    expect(issuesAfter((b) => (listener(b).per_connection_buffer_limit_bytes = '1048576'))).toEqual([]);
  });
});

describe('checkBootstrap: typed configs', () => {
  it('reports an @type that names no Envoy message', () => {
    const issue = only(issuesAfter((b) => (extProc(b)['@type'] = 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcesor')));
    expect(issue).toMatchObject({ kind: 'unknown_type', path: `${EXT_PROC}["@type"]` });
  });

  it('reports a typed config without @type', () => {
    const issues = issuesAfter((b) => delete hcm(b).http_filters[1].typed_config['@type']);
    expect(only(issues.filter((i) => i.kind === 'type'))).toMatchObject({ path: `${HCM}.http_filters[1].typed_config["@type"]` });
    // Without its @type the router is no longer recognisable as the router.
    expect(only(issues.filter((i) => i.kind === 'reference')).message).toContain('no router filter');
  });

  it('checks the fields of the message an @type selects', () => {
    const issue = only(issuesAfter((b) => (extProc(b).message_timout = '1s')));
    expect(issue).toMatchObject({ kind: 'unknown_field', path: `${EXT_PROC}.message_timout` });
  });

  it('checks a well-known type inside an Any under its "value" key', () => {
    const put = (entry: Record<string, unknown>) => (b: any) => (routes(b)[0].typed_per_filter_config = { 'envoy.filters.http.router': entry });
    const string = 'type.googleapis.com/google.protobuf.StringValue';
    expect(issuesAfter(put({ '@type': string, value: 'ok' }))).toEqual([]);
    expect(only(issuesAfter(put({ '@type': string, value: 5 })))).toMatchObject({
      kind: 'type',
      path: `${HCM}.route_config.virtual_hosts[0].routes[0].typed_per_filter_config["envoy.filters.http.router"].value`,
    });
  });

  it('checks a TypedStruct against the message its type_url names', () => {
    const typed = (inner: Record<string, unknown>, url: string) => (b: any) =>
      (hcm(b).http_filters[1].typed_config = { '@type': 'type.googleapis.com/xds.type.v3.TypedStruct', type_url: url, value: inner });
    const router = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
    expect(issuesAfter(typed({ suppress_envoy_headers: true }, router)).filter((i) => i.kind !== 'reference')).toEqual([]);
    expect(only(issuesAfter(typed({ suppress_envoy_headrs: true }, router)).filter((i) => i.kind !== 'reference'))).toMatchObject({
      kind: 'unknown_field',
      path: `${HCM}.http_filters[1].typed_config.value.suppress_envoy_headrs`,
    });
    expect(only(issuesAfter(typed({}, 'type.googleapis.com/no.such.Type')).filter((i) => i.kind !== 'reference')).kind).toBe('unknown_type');
  });
});

describe('checkBootstrap: validate rules', () => {
  it.each([
    ['an empty string under min_len', (b: any) => (hcm(b).stat_prefix = ''), `${HCM}.stat_prefix`, 'must not be empty'],
    ['a zero connect timeout (gt 0s)', (b: any) => (b.static_resources.clusters[0].connect_timeout = '0s'), 'static_resources.clusters[0].connect_timeout', '> 0s'],
    ['a message timeout over an hour', (b: any) => (extProc(b).message_timeout = '3601s'), `${EXT_PROC}.message_timeout`, '<= 3600s'],
    ['a wrapped status outside [200, 600)', (b: any) => (hcm(b).local_reply_config.mappers[0].status_code = 700), `${HCM}.local_reply_config.mappers[0].status_code`, '< 600'],
    ['an empty list under min_items', (b: any) => (hcm(b).early_header_mutation_extensions[0].typed_config.mutations = []), `${HCM}.early_header_mutation_extensions[0].typed_config.mutations`, 'must not be empty'],
    ['an undefined enum number', (b: any) => (hcm(b).codec_type = 9), `${HCM}.codec_type`, 'defined value'],
    ['a response flag Envoy does not know', (b: any) => (hcm(b).local_reply_config.mappers[0].filter.response_flag_filter.flags = ['XX']), `${HCM}.local_reply_config.mappers[0].filter.response_flag_filter.flags[0]`, 'one of'],
    ['a header name with a line break', (b: any) => (routes(b)[0].route.cluster_header = 'x-consilium\ncluster'), `${HCM}.route_config.virtual_hosts[0].routes[0].route.cluster_header`, 'header name'],
    ['a missing required message', (b: any) => delete extProc(b).grpc_service, `${EXT_PROC}.grpc_service`, 'is required'],
  ])('reports %s', (_, edit, path, text) => {
    const issue = only(issuesAfter(edit).filter((i) => i.kind === 'rule'));
    expect(issue.path).toBe(path);
    expect(issue.message).toContain(text);
  });

  it('reports two members of one oneof, and a required oneof left empty', () => {
    const two = only(issuesAfter((b) => (routes(b)[0].route.cluster = 'small')).filter((i) => i.kind === 'rule'));
    expect(two.message).toMatch(/only one of cluster, cluster_header/);
    const none = only(issuesAfter((b) => delete routes(b)[0].match.path).filter((i) => i.kind === 'rule'));
    expect(none).toMatchObject({ path: `${HCM}.route_config.virtual_hosts[0].routes[0].match` });
    expect(none.message).toMatch(/is required \(oneof path_specifier\)/);
  });

  it('reports a deprecated field', () => {
    const issue = only(issuesAfter((b) => (b.static_resources.clusters[0].max_requests_per_connection = 10)));
    expect(issue).toMatchObject({ kind: 'deprecated', path: 'static_resources.clusters[0].max_requests_per_connection' });
  });
});

describe('checkBootstrap: cross-references', () => {
  it('reports a route naming a cluster that does not exist', () => {
    const issue = only(issuesAfter((b) => (routes(b)[0].route = { cluster: 'ghost' })));
    expect(issue).toMatchObject({ kind: 'reference', path: `${HCM}.route_config.virtual_hosts[0].routes[0].route.cluster` });
  });

  it('reports an ext_proc service naming a missing cluster', () => {
    const issue = only(issuesAfter((b) => (extProc(b).grpc_service.envoy_grpc.cluster_name = 'consilium')));
    expect(issue).toMatchObject({ kind: 'reference', path: `${EXT_PROC}.grpc_service.envoy_grpc.cluster_name` });
  });

  it('reports an ext_proc cluster that does not speak HTTP/2', () => {
    const issue = only(issuesAfter((b) => delete b.static_resources.clusters.at(-1).typed_extension_protocol_options));
    expect(issue.kind).toBe('reference');
    expect(issue.message).toContain('HTTP/2');
  });

  it('reports a model cluster missing behind the cluster header', () => {
    const issue = only(issuesAfter((b) => b.static_resources.clusters.splice(0, 1), { expectedClusters: ['small', 'pool', 'local'] }));
    expect(issue.kind).toBe('reference');
    expect(issue.message).toContain('"small"');
  });

  it('reports duplicate clusters, a router that is not last, and per-route config for no filter', () => {
    expect(only(issuesAfter((b) => b.static_resources.clusters.push(structuredClone(b.static_resources.clusters[0])))).message).toContain('duplicate cluster');
    expect(only(issuesAfter((b) => hcm(b).http_filters.reverse())).message).toContain('must be the last');
    const perFilter = only(issuesAfter((b) => (routes(b).at(-1).typed_per_filter_config = { 'envoy.filters.http.extproc': routes(b).at(-1).typed_per_filter_config['envoy.filters.http.ext_proc'] })));
    expect(perFilter).toMatchObject({ kind: 'reference', path: `${HCM}.route_config.virtual_hosts[0].routes[${routes(generateBootstrap(CONFIG)).length - 1}].typed_per_filter_config["envoy.filters.http.extproc"]` });
  });
});

describe('checkBootstrapText', () => {
  it('reports YAML that does not parse, duplicate keys, and a non-mapping document', () => {
    expect(checkBootstrapText('admin: [')[0]?.kind).toBe('parse');
    expect(checkBootstrapText('admin: {}\nadmin: {}\n')[0]?.kind).toBe('parse');
    expect(checkBootstrapText('- a\n- b\n')[0]?.kind).toBe('parse');
    expect(checkBootstrapText('')[0]?.kind).toBe('parse');
  });

  it('prefixes issues inside a ConfigMap with the data key', () => {
    const b = structuredClone(generateBootstrap(CONFIG)) as Record<string, any>;
    hcm(b).stat_prefx = 'x';
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'envoy' }, data: { 'envoy.yaml': stringify(b) } };
    const issue = only(checkBootstrapText(stringify(manifest)));
    expect(issue.path).toBe(`data["envoy.yaml"].${HCM}.stat_prefx`);
  });
});
