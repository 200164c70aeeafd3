import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../../src/errors/index.js';
import { gatewayOptionsFromBootstrap, resolveGatewayOptions, startGateway, type Gateway } from '../../../src/dev/gateway/index.js';
import { startSimBackend, type SimBackend } from '../../../src/dev/sim-backend.js';
import { answer, phaseOf, setHeader, startFakeExtProc, type FakeExtProc } from './fake-ext-proc.js';

const BOOTSTRAP = `
static_resources:
  listeners:
    - name: consilium
      address: { socket_address: { address: 0.0.0.0, port_value: 8080 } }
      per_connection_buffer_limit_bytes: 2048
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                stat_prefix: consilium
                early_header_mutation_extensions:
                  - name: envoy.http.early_header_mutation.header_mutation
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.http.early_header_mutation.header_mutation.v3.HeaderMutation
                      mutations:
                        - remove: x-consilium-cluster
                        - remove: X-Consilium-Model
                route_config:
                  virtual_hosts:
                    - name: api
                      domains: ["*"]
                      routes:
                        - match: { path: /v1/chat/completions }
                          route: { cluster_header: x-consilium-cluster, cluster_not_found_response_code: NOT_FOUND, timeout: 30s }
                        - match: { path: /v1/models }
                          route: { cluster_header: x-consilium-cluster, cluster_not_found_response_code: NOT_FOUND, timeout: 30s }
                        - match: { prefix: / }
                          direct_response:
                            status: 404
                            body: { inline_string: '{"error":{"message":"no such path","type":"not_found_error","param":null,"code":"not_found"}}' }
                          typed_per_filter_config:
                            envoy.filters.http.ext_proc:
                              "@type": type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute
                              disabled: true
                http_filters:
                  - name: envoy.filters.http.ext_proc
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor
                      grpc_service: { envoy_grpc: { cluster_name: consilium_ext_proc } }
                      processing_mode:
                        request_header_mode: SEND
                        request_body_mode: BUFFERED
                        response_header_mode: SEND
                        response_body_mode: NONE
                      message_timeout: 1.5s
                      max_message_timeout: 60s
                      allow_mode_override: true
                      metadata_options: { receiving_namespaces: { untyped: [consilium] } }
                  - name: envoy.filters.http.router
                    typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
  clusters:
    - name: consilium_ext_proc
      load_assignment:
        cluster_name: consilium_ext_proc
        endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: 50051 } } } }] }]
    - name: small
      load_assignment:
        cluster_name: small
        endpoints:
          - lb_endpoints:
              - endpoint: { address: { socket_address: { address: 10.0.0.1, port_value: 8000 } } }
              - endpoint: { address: { socket_address: { address: 10.0.0.2, port_value: 8000 } } }
    - name: openai
      transport_socket:
        name: envoy.transport_sockets.tls
        typed_config: { "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext, sni: api.openai.com }
      load_assignment:
        cluster_name: openai
        endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: api.openai.com, port_value: 443 } } } }] }]
`;

describe('gatewayOptionsFromBootstrap', () => {
  it('derives listener, routes, ext_proc settings and clusters from a v3 bootstrap', () => {
    const options = resolveGatewayOptions(gatewayOptionsFromBootstrap(parse(BOOTSTRAP)));
    expect(options.listen).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(options.extProc).toEqual({ host: '127.0.0.1', port: 50051 });
    expect(options.maxRequestBytes).toBe(2048);
    expect(options.earlyRemoveHeaders).toEqual(['x-consilium-cluster', 'x-consilium-model']);
    expect(options.apiPaths).toEqual(['/v1/chat/completions', '/v1/models']);
    expect(options.clusterNotFoundCode).toBe(404);
    expect(options.routeTimeoutMs).toBe(30_000);
    expect(options.messageTimeoutMs).toBe(1500);
    expect(options.maxMessageTimeoutMs).toBe(60_000);
    expect(options.processingMode).toMatchObject({ request_body_mode: 'BUFFERED', response_body_mode: 'NONE', request_trailer_mode: 'SKIP' });
    expect(options.allowModeOverride).toBe(true);
    expect(options.failureModeAllow).toBe(false);
    expect(options.receivingNamespaces).toEqual(['consilium']);
    expect(options.clusters.small?.endpoints).toHaveLength(2);
    expect(options.clusters.openai).toMatchObject({ tls: true, sni: 'api.openai.com' });
    expect(options.routes?.[2]).toMatchObject({ match: { prefix: '/' }, extProcDisabled: true, action: { kind: 'direct_response', status: 404 } });
  });

  it("falls back to Envoy's defaults where the bootstrap is silent", () => {
    const minimal = parse(BOOTSTRAP) as { static_resources: { listeners: { per_connection_buffer_limit_bytes?: number; filter_chains: { filters: { typed_config: { http_filters: { typed_config: Record<string, unknown> }[] } }[] }[] }[] } };
    const listener = minimal.static_resources.listeners[0]!;
    delete listener.per_connection_buffer_limit_bytes;
    const extProc = listener.filter_chains[0]!.filters[0]!.typed_config.http_filters[0]!.typed_config;
    for (const key of ['processing_mode', 'message_timeout', 'max_message_timeout', 'allow_mode_override', 'metadata_options']) delete extProc[key];
    const options = resolveGatewayOptions(gatewayOptionsFromBootstrap(minimal));
    expect(options.maxRequestBytes).toBe(1024 * 1024);
    expect(options.messageTimeoutMs).toBe(200);
    expect(options.maxMessageTimeoutMs).toBe(0);
    expect(options.processingMode.request_body_mode).toBe('NONE');
    expect(options.allowModeOverride).toBe(false);
    expect(options.receivingNamespaces).toEqual([]);
  });

  it('names the bootstrap path that is wrong', () => {
    const broken = parse(BOOTSTRAP) as { static_resources: { listeners: { filter_chains: { filters: { typed_config: { http_filters: unknown[] } }[] }[] }[] } };
    broken.static_resources.listeners[0]!.filter_chains[0]!.filters[0]!.typed_config.http_filters = [];
    expect(() => gatewayOptionsFromBootstrap(broken)).toThrow(ConfigError);
    expect(() => gatewayOptionsFromBootstrap(broken)).toThrow(/bootstrap\.http_filters/);
  });
});

describe('gateway started from a bootstrap', () => {
  let gateway: Gateway | undefined;
  let sim: SimBackend | undefined;
  let extProc: FakeExtProc | undefined;
  afterEach(async () => {
    await gateway?.close();
    await sim?.close();
    await extProc?.close();
  });

  it('serves requests with addresses remapped by overrides', async () => {
    sim = await startSimBackend({ name: 'small' });
    extProc = await startFakeExtProc((message) =>
      phaseOf(message) === 'request_body'
        ? answer(message, { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small', 'OVERWRITE_IF_EXISTS_OR_ADD') }, clear_route_cache: true })
        : answer(message),
    );
    gateway = await startGateway(
      gatewayOptionsFromBootstrap(parse(BOOTSTRAP), {
        listen: { host: '127.0.0.1', port: 0 },
        extProc: { host: '127.0.0.1', port: extProc.port },
        clusters: { small: { endpoints: [{ host: '127.0.0.1', port: sim.port }] } },
      }),
    );
    const chat = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-consilium-cluster': 'openai' },
      body: JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.status).toBe(200);
    expect(chat.headers.get('x-sim-backend')).toBe('small');

    const other = await fetch(`${gateway.url}/v2/elsewhere`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/json');
    expect(((await other.json()) as { error: { message: string } }).error.message).toBe('no such path');
    expect(extProc.streams).toHaveLength(1);

    const big = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'x'.repeat(4096) }] }),
    });
    expect(big.status).toBe(413);
  });
});
