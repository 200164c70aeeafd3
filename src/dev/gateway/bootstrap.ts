/**
 * Gateway options from a standard Envoy v3 bootstrap (what `consilium envoy` generates, or a parsed envoy.yaml),
 * read through src/envoy's GatewayView so the codebase has one reader of Envoy config. Where the bootstrap is
 * silent, Envoy's defaults apply, not ours, so a setting the generator forgets shows up in tests. Overrides
 * remap addresses (and add a logger or callbacks) for tests and `consilium dev`.
 */
import { readGatewayView, type GatewayExtProc, type GatewayRoute } from '../../envoy/view.js';
import { ConfigError } from '../../errors/index.js';
import type { BodySendMode, HeaderSendMode, ProcessingMode } from '../../extproc/messages.js';
import { ENVOY_DEFAULT_PROCESSING_MODE, ENVOY_DEFAULTS, type ClusterSpec, type GatewayInput, type RouteSpec } from './options.js';

export function gatewayOptionsFromBootstrap(bootstrap: unknown, overrides: Partial<GatewayInput> = {}): GatewayInput {
  const view = readGatewayView(bootstrap);
  const extProc = view.extProc;
  if (!extProc) throw issue('http_filters', 'no envoy.filters.http.ext_proc filter in the HTTP connection manager');
  const clusters: Record<string, ClusterSpec> = {};
  for (const [name, cluster] of view.clusters) {
    clusters[name] = { endpoints: cluster.endpoints, tls: cluster.tls !== undefined, ...(cluster.tls?.sni ? { sni: cluster.tls.sni } : {}) };
  }
  const routes = view.routes.map(routeSpec);
  const headerRoute = routes.find((route) => route.action.kind === 'cluster_header')?.action;
  const extProcEndpoint = overrides.extProc ?? clusters[extProc.cluster]?.endpoints[0];
  if (!extProcEndpoint) throw issue(`clusters.${extProc.cluster}`, 'the ext_proc cluster has no endpoint');
  const derived: GatewayInput = {
    listen: { host: view.listener.host, port: view.listener.port },
    extProc: extProcEndpoint,
    clusters,
    routes,
    apiPaths: routes.filter((route) => route.action.kind !== 'direct_response' && route.match.path !== undefined).map((route) => route.match.path as string),
    ...(headerRoute?.kind === 'cluster_header'
      ? { clusterHeader: headerRoute.header, clusterNotFoundCode: headerRoute.clusterNotFoundCode, routeTimeoutMs: headerRoute.timeoutMs }
      : {}),
    earlyRemoveHeaders: view.earlyRemovedHeaders,
    maxRequestBytes: view.listener.bufferLimitBytes ?? ENVOY_DEFAULTS.maxRequestBytes,
    messageTimeoutMs: extProc.messageTimeoutMs,
    maxMessageTimeoutMs: extProc.maxMessageTimeoutMs ?? 0,
    processingMode: processingMode(extProc.processingMode),
    allowModeOverride: extProc.allowModeOverride,
    failureModeAllow: extProc.failureModeAllow,
    receivingNamespaces: extProc.receivingNamespaces,
    ...(extProc.maxReceiveMessageBytes !== undefined ? { maxGrpcMessageBytes: extProc.maxReceiveMessageBytes } : {}),
    localReplyMappers: view.localReplies,
  };
  return { ...derived, ...overrides, clusters: { ...clusters, ...(overrides.clusters ?? {}) }, extProc: extProcEndpoint };
}

function routeSpec(route: GatewayRoute): RouteSpec {
  const match = { ...(route.match.path !== undefined ? { path: route.match.path } : {}), ...(route.match.prefix !== undefined ? { prefix: route.match.prefix } : {}), presentHeaders: route.match.presentHeaders };
  const action = route.action;
  if (action.kind === 'direct') return { match, action: { kind: 'direct_response', status: action.status, body: action.body, headers: action.headers }, extProcDisabled: route.extProcDisabled };
  // Envoy's route timeout defaults to 15 s; "0s" disables it.
  const upstream = { timeoutMs: action.timeoutMs ?? ENVOY_DEFAULTS.routeTimeoutMs, retry: action.retry, autoHostRewrite: action.autoHostRewrite };
  return {
    match,
    action: action.kind === 'cluster_header' ? { kind: 'cluster_header', header: action.header, clusterNotFoundCode: action.notFoundStatus, ...upstream } : { kind: 'cluster', cluster: action.cluster, ...upstream },
    extProcDisabled: route.extProcDisabled,
  };
}

/** The filter's processing_mode with Envoy's defaults for what it leaves out. */
function processingMode(mode: GatewayExtProc['processingMode']): Required<ProcessingMode> {
  const d = ENVOY_DEFAULT_PROCESSING_MODE;
  const header = (key: keyof ProcessingMode, fallback: HeaderSendMode): HeaderSendMode => (mode[key] as HeaderSendMode | undefined) ?? fallback;
  const body = (key: keyof ProcessingMode, fallback: BodySendMode): BodySendMode => (mode[key] as BodySendMode | undefined) ?? fallback;
  return {
    request_header_mode: header('request_header_mode', d.request_header_mode),
    response_header_mode: header('response_header_mode', d.response_header_mode),
    request_body_mode: body('request_body_mode', d.request_body_mode),
    response_body_mode: body('response_body_mode', d.response_body_mode),
    request_trailer_mode: header('request_trailer_mode', d.request_trailer_mode),
    response_trailer_mode: header('response_trailer_mode', d.response_trailer_mode),
  };
}

function issue(path: string, message: string): ConfigError {
  return new ConfigError('build', [{ path: `bootstrap.${path}`, message }]);
}
