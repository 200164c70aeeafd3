import { describe, expect, it } from 'vitest';
import { generateBootstrap } from '../../src/envoy/generate.js';
import { ConfigError } from '../../src/errors/index.js';
import { API_PATHS, METADATA_NAMESPACE, STRIPPED_CLIENT_HEADERS } from '../../src/extproc/headers.js';
import { cluster, extProc, hcm, listener, ms, routes, virtualHost } from './bootstrap-paths.js';
import { testConfig } from './fixture.js';

const MIB = 1024 * 1024;

describe('generateBootstrap: listener and connection manager', () => {
  it('listens on 0.0.0.0:8080 by default and on the requested port otherwise', () => {
    expect(listener(generateBootstrap(testConfig())).address.socket_address).toEqual({ address: '0.0.0.0', port_value: 8080 });
    expect(listener(generateBootstrap(testConfig(), { listenPort: 10_000 })).address.socket_address.port_value).toBe(10_000);
  });

  it('sizes the listener buffer to hold a body of max_body_bytes plus headers', () => {
    for (const maxBodyBytes of [1024, 8 * MIB, 64 * MIB]) {
      const limit = listener(generateBootstrap(testConfig({ maxBodyBytes }))).per_connection_buffer_limit_bytes;
      expect(limit).toBeGreaterThan(maxBodyBytes);
    }
  });

  it('removes every stripped client header by exact name, before routing', () => {
    const early = hcm(generateBootstrap(testConfig())).early_header_mutation_extensions;
    expect(early).toHaveLength(1);
    expect(early[0].name).toBe('envoy.http.early_header_mutation.header_mutation');
    expect(early[0].typed_config['@type']).toBe('type.googleapis.com/envoy.extensions.http.early_header_mutation.header_mutation.v3.HeaderMutation');
    const removed = early[0].typed_config.mutations.map((m: { remove: string }) => m.remove);
    expect(removed).toEqual([...STRIPPED_CLIENT_HEADERS]);
    expect(removed).toContain('x-consilium-cluster');
  });

  it('keeps stream and request timeouts above the slowest deadline', () => {
    const b = generateBootstrap(testConfig({ messageTimeoutMs: 300_000 }));
    expect(ms(hcm(b).stream_idle_timeout)).toBeGreaterThan(300_000);
    expect(ms(hcm(b).request_timeout)).toBeGreaterThan(300_000);
  });

  it('runs ext_proc first and the router last', () => {
    const names = hcm(generateBootstrap(testConfig())).http_filters.map((f: { name: string }) => f.name);
    expect(names).toEqual(['envoy.filters.http.ext_proc', 'envoy.filters.http.router']);
  });
});

describe('generateBootstrap: ext_proc filter', () => {
  const config = testConfig({ messageTimeoutMs: 95_500, maxBodyBytes: 10 * MIB });
  const ep = extProc(generateBootstrap(config));

  it('streams request headers, buffers the request body, sends response headers only', () => {
    expect(ep.processing_mode).toEqual({
      request_header_mode: 'SEND',
      request_body_mode: 'BUFFERED',
      request_trailer_mode: 'SKIP',
      response_header_mode: 'SEND',
      response_body_mode: 'NONE',
      response_trailer_mode: 'SKIP',
    });
    expect(ep.allow_mode_override).toBe(true);
    expect(ep.failure_mode_allow).toBe(false);
  });

  it('waits server.message_timeout_ms for each answer, and no longer', () => {
    expect(ep.message_timeout).toBe('95.5s');
    expect(ep.max_message_timeout).toBe('95.5s');
  });

  it('talks to the consilium_ext_proc cluster with a message limit above the body limit', () => {
    expect(ep.grpc_service.envoy_grpc.cluster_name).toBe('consilium_ext_proc');
    expect(ep.grpc_service.envoy_grpc.max_receive_message_length).toBeGreaterThan(10 * MIB);
  });

  it('keeps dynamic metadata under the consilium namespace and leaves mutation rules default', () => {
    expect(ep.metadata_options).toEqual({ receiving_namespaces: { untyped: [METADATA_NAMESPACE] } });
    expect(ep.mutation_rules).toBeUndefined();
  });
});

describe('generateBootstrap: routes', () => {
  const config = testConfig({
    models: [
      { name: 'small', urls: ['http://small-llm:8000/v1'], timeoutMs: 200_000 },
      { name: 'azure', urls: ['https://example.openai.azure.com/openai/v1'] },
    ],
  });
  const b = generateBootstrap(config);
  const all = routes(b);

  it('routes each API path by the cluster header, 503 when the cluster is unknown', () => {
    for (const path of API_PATHS) {
      const route = all.find((r) => r.match.path === path && r.match.headers === undefined);
      expect(route, path).toBeDefined();
      expect(route?.route).toMatchObject({
        cluster_header: 'x-consilium-cluster',
        cluster_not_found_response_code: 'SERVICE_UNAVAILABLE',
        auto_host_rewrite: true,
      });
    }
  });

  it('gives every forwarding route a timeout of at least the slowest model or recipe deadline', () => {
    for (const route of all.filter((r) => r.route)) expect(ms(route.route.timeout)).toBeGreaterThanOrEqual(200_000);
  });

  it('routes rewritten backend paths only when the cluster header is present', () => {
    const rewritten = all.filter((r) => r.match.headers);
    expect(rewritten.map((r) => r.match.path)).toEqual(['/openai/v1/chat/completions', '/openai/v1/completions', '/openai/v1/embeddings']);
    for (const r of rewritten) expect(r.match.headers).toEqual([{ name: 'x-consilium-cluster', present_match: true }]);
  });

  it('answers every other path with an OpenAI-shaped JSON 404, with ext_proc disabled', () => {
    const last = all[all.length - 1];
    expect(last.match).toEqual({ prefix: '/' });
    expect(last.direct_response.status).toBe(404);
    expect(JSON.parse(last.direct_response.body.inline_string)).toEqual({
      error: { message: 'no such API path', type: 'not_found_error', param: null, code: 'not_found' },
    });
    expect(last.response_headers_to_add[0].header).toEqual({ key: 'content-type', value: 'application/json' });
    expect(last.typed_per_filter_config['envoy.filters.http.ext_proc']).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
      disabled: true,
    });
  });

  it('retries only connection failures, never 5xx', () => {
    const retry = virtualHost(b).retry_policy;
    expect(retry.retry_on.split(',').sort()).toEqual(['connect-failure', 'refused-stream', 'reset']);
    expect(retry.retry_on).not.toMatch(/5xx|gateway-error|retriable-status/);
  });
});

describe('generateBootstrap: clusters', () => {
  it('makes one cluster per model, named as the model config says, plus the ext_proc cluster', () => {
    const config = testConfig({ models: [{ name: 'a', cluster: 'pool_a', urls: ['http://a:8000/v1'] }, { name: 'b', urls: ['http://b:8000/v1'] }] });
    const names = (generateBootstrap(config).static_resources as { clusters: { name: string }[] }).clusters.map((c) => c.name);
    expect(names).toEqual(['pool_a', 'b', 'consilium_ext_proc']);
  });

  it('uses STRICT_DNS for several endpoints, LOGICAL_DNS for one external https name, STATIC for IPs', () => {
    const config = testConfig({
      models: [
        { name: 'pool', urls: ['http://vllm-0:8000/v1', 'http://vllm-1:8000/v1'] },
        { name: 'cloud', urls: ['https://api.example.com/v1'] },
        { name: 'local', urls: ['http://127.0.0.1:9000/v1'] },
      ],
    });
    const b = generateBootstrap(config);
    expect(cluster(b, 'pool').type).toBe('STRICT_DNS');
    expect(cluster(b, 'pool').load_assignment.endpoints[0].lb_endpoints).toHaveLength(2);
    expect(cluster(b, 'cloud').type).toBe('LOGICAL_DNS');
    expect(cluster(b, 'local').type).toBe('STATIC');
  });

  it('speaks TLS with SNI and certificate checks to https endpoints, plaintext otherwise', () => {
    const b = generateBootstrap(testConfig());
    const tls = cluster(b, 'big').transport_socket;
    expect(tls.name).toBe('envoy.transport_sockets.tls');
    expect(tls.typed_config['@type']).toBe('type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext');
    expect(tls.typed_config.sni).toBe('api.example.com');
    expect(tls.typed_config.common_tls_context.validation_context.match_typed_subject_alt_names).toEqual([{ san_type: 'DNS', matcher: { exact: 'api.example.com' } }]);
    expect(cluster(b, 'small').transport_socket).toBeUndefined();
  });

  it('uses per-endpoint SNI when https endpoints have different names', () => {
    const b = generateBootstrap(testConfig({ models: [{ name: 'multi', urls: ['https://a.example.com/v1', 'https://b.example.com/v1'] }] }));
    const options = cluster(b, 'multi').typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
    expect(options.upstream_http_protocol_options).toEqual({ auto_sni: true, auto_san_validation: true });
  });

  it('sizes backend buffers for the body and ejects failing endpoints', () => {
    const b = generateBootstrap(testConfig({ maxBodyBytes: 20 * MIB }));
    expect(cluster(b, 'small').per_connection_buffer_limit_bytes).toBeGreaterThan(20 * MIB);
    expect(cluster(b, 'small').outlier_detection.consecutive_5xx).toBeGreaterThan(0);
    expect(ms(cluster(b, 'small').connect_timeout)).toBeGreaterThan(0);
  });

  it('makes the ext_proc cluster HTTP/2 and points it at server.listen (loopback for a wildcard)', () => {
    const b = generateBootstrap(testConfig({ listen: { host: '0.0.0.0', port: 50_999 } }));
    const ep = cluster(b, 'consilium_ext_proc');
    const http = ep.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
    expect(http.explicit_http_config.http2_protocol_options).toBeDefined();
    expect(ep.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: '127.0.0.1', port_value: 50_999 });
    const explicit = generateBootstrap(testConfig(), { extProcAddress: { host: 'router.internal', port: 7000 } });
    expect(cluster(explicit, 'consilium_ext_proc').load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({
      address: 'router.internal',
      port_value: 7000,
    });
  });
});

describe('generateBootstrap: local replies', () => {
  const mappers = hcm(generateBootstrap(testConfig())).local_reply_config.mappers as Record<string, any>[];

  it('renders every mapped Envoy error as an OpenAI error object in JSON', () => {
    expect(mappers.length).toBeGreaterThanOrEqual(5);
    for (const m of mappers) {
      expect(m.body_format_override.content_type).toBe('application/json');
      const error = m.body_format_override.json_format.error;
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(error.param).toBeNull();
    }
  });

  it('covers no cluster, connect failure, 413, timeouts and a catch-all', () => {
    const byFlag = (flag: string) => mappers.find((m) => m.filter.response_flag_filter?.flags?.includes(flag));
    const byStatus = (status: number) => mappers.find((m) => m.filter.status_code_filter?.comparison.value.default_value === status);
    expect(byFlag('NC')?.status_code).toBe(503);
    expect(byFlag('UF')?.body_format_override.json_format.error.code).toBe('backend_unavailable');
    expect(byFlag('UT')?.status_code).toBe(504);
    expect(byStatus(413)?.body_format_override.json_format.error.code).toBe('body_too_large');
    expect(byStatus(504)?.body_format_override.json_format.error.code).toBe('timeout');
    expect(mappers[mappers.length - 1]?.filter).toEqual({ response_flag_filter: {} });
  });

  it('has no top-level body format, so Consilium\'s own answers pass through unchanged', () => {
    expect(hcm(generateBootstrap(testConfig())).local_reply_config.body_format).toBeUndefined();
    for (const m of mappers) expect(m.filter.status_code_filter?.comparison.value.default_value).not.toBe(200);
  });
});

describe('generateBootstrap: k8s and rejected input', () => {
  it('uses service DNS names for ext_proc and short backend names, leaving external names alone', () => {
    const b = generateBootstrap(testConfig(), { k8s: { namespace: 'llm' } });
    const address = (name: string) => cluster(b, name).load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address;
    expect(address('consilium_ext_proc')).toEqual({ address: 'consilium.llm.svc.cluster.local', port_value: 50051 });
    expect(address('small').address).toBe('small-llm.llm.svc.cluster.local');
    expect(address('big').address).toBe('api.example.com');
    const named = generateBootstrap(testConfig(), { k8s: { namespace: 'llm', consiliumService: 'router' } });
    expect(cluster(named, 'consilium_ext_proc').load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address).toBe(
      'router.llm.svc.cluster.local',
    );
  });

  it('rejects a model mixing http and https endpoints', () => {
    const config = testConfig({ models: [{ name: 'mixed', urls: ['http://a:80/v1', 'https://b/v1'] }] });
    expect(() => generateBootstrap(config)).toThrow(ConfigError);
  });

  it('rejects a message timeout Envoy cannot express, and bad options', () => {
    expect(() => generateBootstrap(testConfig({ messageTimeoutMs: 3_600_001 }))).toThrow(/3600 s/);
    expect(() => generateBootstrap(testConfig(), { k8s: { namespace: 'Bad_NS' } })).toThrow(ConfigError);
    expect(() => generateBootstrap(testConfig(), { listenPort: 70_000 })).toThrow(ConfigError);
  });
});
