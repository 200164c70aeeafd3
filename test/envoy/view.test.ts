import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateBootstrap } from '../../src/envoy/generate.js';
import { renderBootstrapYaml } from '../../src/envoy/render.js';
import { readGatewayView } from '../../src/envoy/view.js';
import { renderLocalReply, selectRoute } from '../../src/envoy/view-routing.js';
import { ConfigError } from '../../src/errors/index.js';
import { STRIPPED_CLIENT_HEADERS } from '../../src/extproc/headers.js';
import { testConfig } from './fixture.js';

const config = testConfig({
  messageTimeoutMs: 90_000,
  maxBodyBytes: 2 * 1024 * 1024,
  models: [
    { name: 'small', urls: ['http://small-llm:8000/v1'] },
    { name: 'azure', cluster: 'azure_pool', urls: ['https://x.openai.azure.com/openai/v1'] },
  ],
});
const view = readGatewayView(generateBootstrap(config, { extProcAddress: { host: '127.0.0.1', port: 4100 }, listenPort: 0 }));
const headers = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));

describe('readGatewayView', () => {
  it('reads the listener, early-removed headers, limits and timeouts', () => {
    expect(view.listener).toEqual({ host: '0.0.0.0', port: 0, bufferLimitBytes: 2 * 1024 * 1024 + 64 * 1024 });
    expect(view.earlyRemovedHeaders).toEqual([...STRIPPED_CLIENT_HEADERS]);
    expect(view.requestTimeoutMs).toBeGreaterThan(90_000);
    expect(view.streamIdleTimeoutMs).toBeGreaterThan(90_000);
  });

  it('reads the ext_proc filter settings', () => {
    expect(view.extProc).toEqual({
      cluster: 'consilium_ext_proc',
      messageTimeoutMs: 90_000,
      maxMessageTimeoutMs: 90_000,
      failureModeAllow: false,
      allowModeOverride: true,
      processingMode: {
        request_header_mode: 'SEND',
        request_body_mode: 'BUFFERED',
        request_trailer_mode: 'SKIP',
        response_header_mode: 'SEND',
        response_body_mode: 'NONE',
        response_trailer_mode: 'SKIP',
      },
      receivingNamespaces: ['consilium'],
      maxReceiveMessageBytes: expect.any(Number),
    });
  });

  it('reads clusters with endpoints, TLS and HTTP/2', () => {
    expect(view.clusters.get('small')).toMatchObject({ endpoints: [{ host: 'small-llm', port: 8000 }], tls: undefined, http2: false, connectTimeoutMs: 5000 });
    expect(view.clusters.get('azure_pool')).toMatchObject({ endpoints: [{ host: 'x.openai.azure.com', port: 443 }], tls: { sni: 'x.openai.azure.com' } });
    expect(view.clusters.get('consilium_ext_proc')).toMatchObject({ endpoints: [{ host: '127.0.0.1', port: 4100 }], http2: true });
  });

  it('reads the same view from the rendered YAML as from the object', () => {
    const fromYaml = readGatewayView(parse(renderBootstrapYaml(config, { extProcAddress: { host: '127.0.0.1', port: 4100 }, listenPort: 0 })));
    expect({ ...fromYaml, clusters: [...fromYaml.clusters] }).toEqual({ ...view, clusters: [...view.clusters] });
  });

  it('fails with a ConfigError on something that is not a bootstrap with a connection manager', () => {
    expect(() => readGatewayView({ static_resources: { listeners: [] } })).toThrow(ConfigError);
    expect(() => readGatewayView('nope')).toThrow(ConfigError);
  });
});

describe('selectRoute', () => {
  it('sends API paths through ext_proc to the cluster-header route, ignoring the query string', () => {
    const route = selectRoute(view, '/v1/chat/completions?x=1', headers());
    expect(route?.extProcDisabled).toBe(false);
    expect(route?.action).toMatchObject({ kind: 'cluster_header', header: 'x-consilium-cluster', notFoundStatus: 503 });
    expect(route?.action.kind === 'cluster_header' && route.action.retry?.retryOn).toEqual(['connect-failure', 'refused-stream', 'reset']);
  });

  it('answers unknown paths with the JSON 404 without calling ext_proc', () => {
    const route = selectRoute(view, '/v2/anything', headers());
    expect(route?.extProcDisabled).toBe(true);
    expect(route?.action).toMatchObject({ kind: 'direct', status: 404, headers: { 'content-type': 'application/json' } });
    if (route?.action.kind === 'direct') expect(JSON.parse(route.action.body).error.code).toBe('not_found');
  });

  it('takes a rewritten backend path only when the cluster header is present', () => {
    expect(selectRoute(view, '/openai/v1/chat/completions', headers())?.name).toBe('not_found');
    expect(selectRoute(view, '/openai/v1/chat/completions', headers({ 'x-consilium-cluster': 'azure_pool' }))?.action.kind).toBe('cluster_header');
  });
});

describe('renderLocalReply', () => {
  const reply = (status: number, responseFlags: string[] = [], details = 'x') => renderLocalReply(view.localReplies, { status, responseFlags, details, body: 'plain' });

  it('renders Envoy\'s no-cluster and connect-failure replies as OpenAI errors', () => {
    const nc = reply(503, ['NC'], 'cluster_not_found');
    expect(nc?.status).toBe(503);
    expect(nc?.contentType).toBe('application/json');
    expect(JSON.parse(nc?.body ?? '')).toEqual({ error: { message: 'no backend cluster matches this request', type: 'server_error', param: null, code: 'backend_unavailable' } });
    expect(JSON.parse(reply(503, ['UF'])?.body ?? '').error.code).toBe('backend_unavailable');
    expect(reply(504, ['UT'])?.status).toBe(504);
  });

  it('renders the flagless 413 and 504, and fills the catch-all with the response details', () => {
    expect(JSON.parse(reply(413)?.body ?? '').error.code).toBe('body_too_large');
    expect(JSON.parse(reply(504)?.body ?? '').error.code).toBe('timeout');
    const other = reply(400, ['DPE'], 'codec_error');
    expect(other?.status).toBe(400);
    expect(JSON.parse(other?.body ?? '').error.message).toBe('gateway error: codec_error');
  });

  it('leaves Consilium\'s own answers alone (no flags, other statuses)', () => {
    expect(reply(200)).toBeUndefined();
    expect(reply(404)).toBeUndefined();
    expect(reply(429)).toBeUndefined();
  });
});
