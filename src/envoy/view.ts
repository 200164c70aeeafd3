/**
 * A typed reading of an Envoy bootstrap for the dev gateway (src/dev/gateway.ts), which imitates Envoy: the
 * listener and its buffer limit, the headers removed before routing, the routes (cluster header, not-found
 * status, timeouts, retries, direct responses), the clusters, the ext_proc filter settings and the local
 * reply mappers. It reads the standard v3 structure, so it works on generateBootstrap()'s object as well as
 * on a parsed envoy.yaml. Route selection and local-reply rendering (view-routing.ts) build on it.
 */
import { ConfigError } from '../errors/index.js';
import { isPlainObject, parseDuration } from './check-values.js';
import { FILTER_NAMES, MESSAGE_TYPES, messageNameOf } from './names.js';

export interface GatewayView {
  readonly listener: { readonly host: string; readonly port: number; readonly bufferLimitBytes: number | undefined };
  /** Removed from every request before route selection (early header mutation). */
  readonly earlyRemovedHeaders: readonly string[];
  readonly streamIdleTimeoutMs: number | undefined;
  readonly requestTimeoutMs: number | undefined;
  /** In match order: the first that matches wins. */
  readonly routes: readonly GatewayRoute[];
  readonly clusters: ReadonlyMap<string, GatewayCluster>;
  readonly extProc: GatewayExtProc | undefined;
  readonly localReplies: readonly LocalReplyMapper[];
}

export interface RouteMatch {
  /** Exact path (query string ignored). */
  readonly path?: string;
  readonly prefix?: string;
  /** Headers that must be present (lowercase names). */
  readonly presentHeaders: readonly string[];
}

export interface RetryView {
  readonly retryOn: readonly string[];
  readonly numRetries: number;
}

export type RouteAction =
  | { readonly kind: 'cluster_header'; readonly header: string; readonly notFoundStatus: number; readonly timeoutMs: number | undefined; readonly autoHostRewrite: boolean; readonly retry: RetryView | undefined }
  | { readonly kind: 'cluster'; readonly cluster: string; readonly timeoutMs: number | undefined; readonly autoHostRewrite: boolean; readonly retry: RetryView | undefined }
  | { readonly kind: 'direct'; readonly status: number; readonly body: string; readonly headers: Readonly<Record<string, string>> };

export interface GatewayRoute {
  readonly name: string;
  readonly match: RouteMatch;
  readonly action: RouteAction;
  /** ext_proc switched off for this route (typed_per_filter_config ExtProcPerRoute disabled). */
  readonly extProcDisabled: boolean;
}

export interface GatewayCluster {
  readonly name: string;
  readonly endpoints: readonly { readonly host: string; readonly port: number }[];
  readonly tls: { readonly sni: string | undefined } | undefined;
  readonly http2: boolean;
  readonly connectTimeoutMs: number | undefined;
  readonly bufferLimitBytes: number | undefined;
}

export interface GatewayExtProc {
  readonly cluster: string;
  readonly messageTimeoutMs: number;
  readonly maxMessageTimeoutMs: number | undefined;
  readonly failureModeAllow: boolean;
  readonly allowModeOverride: boolean;
  /** e.g. { request_header_mode: 'SEND', request_body_mode: 'BUFFERED', ... } */
  readonly processingMode: Readonly<Record<string, string>>;
  readonly receivingNamespaces: readonly string[];
  readonly maxReceiveMessageBytes: number | undefined;
}

export interface LocalReplyMapper {
  /** undefined: not a flag filter; empty: any response flag; else any of these flags. */
  readonly responseFlags: readonly string[] | undefined;
  /** Matches replies with exactly this status (status_code_filter EQ). */
  readonly statusEquals: number | undefined;
  readonly rewriteStatus: number | undefined;
  /** The json_format template (command operators like %RESPONSE_CODE_DETAILS% still in it). */
  readonly bodyTemplate: unknown;
  readonly contentType: string;
}

/** Envoy's default per the proto; the generated config always sets it explicitly. */
const NOT_FOUND_CODES: Readonly<Record<string, number>> = { SERVICE_UNAVAILABLE: 503, NOT_FOUND: 404, INTERNAL_SERVER_ERROR: 500 };

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj => (isPlainObject(v) ? v : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const int = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const ms = (v: unknown): number | undefined => {
  const nanos = typeof v === 'string' ? parseDuration(v) : undefined;
  return nanos === undefined ? undefined : Number(nanos / 1_000_000n);
};
const typeOf = (config: unknown): string | undefined => {
  const url = str(obj(config)['@type']);
  return url === undefined ? undefined : messageNameOf(url);
};

export function readGatewayView(bootstrap: unknown): GatewayView {
  const listener = arr(obj(obj(bootstrap).static_resources).listeners)[0];
  const hcmFilter = arr(arr(listener?.filter_chains)[0]?.filters).find((f) => typeOf(f.typed_config) === MESSAGE_TYPES.hcm);
  if (!listener || !hcmFilter) {
    throw new ConfigError('build', [{ path: 'static_resources.listeners[0]', message: 'no listener with an HTTP connection manager' }]);
  }
  const hcm = obj(hcmFilter.typed_config);
  const socket = obj(obj(listener.address).socket_address);
  const filters = arr(hcm.http_filters);
  const extProcFilter = filters.find((f) => typeOf(f.typed_config) === MESSAGE_TYPES.extProc);
  return {
    listener: { host: str(socket.address) ?? '0.0.0.0', port: int(socket.port_value) ?? 0, bufferLimitBytes: int(listener.per_connection_buffer_limit_bytes) },
    earlyRemovedHeaders: arr(hcm.early_header_mutation_extensions)
      .filter((e) => typeOf(e.typed_config) === MESSAGE_TYPES.earlyHeaderMutation)
      .flatMap((e) => arr(obj(e.typed_config).mutations).flatMap((m) => (str(m.remove) ? [(m.remove as string).toLowerCase()] : []))),
    streamIdleTimeoutMs: ms(hcm.stream_idle_timeout),
    requestTimeoutMs: ms(hcm.request_timeout),
    routes: readRoutes(obj(hcm.route_config), str(extProcFilter?.name) ?? FILTER_NAMES.extProc),
    clusters: new Map(arr(obj(obj(bootstrap).static_resources).clusters).map((c) => [str(c.name) ?? '', readCluster(c)])),
    extProc: extProcFilter === undefined ? undefined : readExtProc(obj(extProcFilter.typed_config)),
    localReplies: arr(obj(hcm.local_reply_config).mappers).map(readMapper),
  };
}

function readRoutes(routeConfig: Obj, extProcName: string): GatewayRoute[] {
  return arr(routeConfig.virtual_hosts).flatMap((vh) =>
    arr(vh.routes).map((route) => {
      const match = obj(route.match);
      const presentHeaders = arr(match.headers).filter((h) => h.present_match === true).flatMap((h) => (str(h.name) ? [(h.name as string).toLowerCase()] : []));
      const perFilter = obj(obj(route.typed_per_filter_config)[extProcName]);
      return {
        name: str(route.name) ?? '',
        match: { ...(str(match.path) ? { path: match.path as string } : {}), ...(str(match.prefix) ? { prefix: match.prefix as string } : {}), presentHeaders },
        action: readAction(route, obj(vh.retry_policy)),
        extProcDisabled: typeOf(perFilter) === MESSAGE_TYPES.extProcPerRoute && perFilter.disabled === true,
      };
    }),
  );
}

function readAction(route: Obj, vhRetry: Obj): RouteAction {
  if (isPlainObject(route.direct_response)) {
    const direct = route.direct_response;
    const headers = Object.fromEntries(arr(route.response_headers_to_add).map((h) => [str(obj(h.header).key)?.toLowerCase() ?? '', str(obj(h.header).value) ?? '']));
    return { kind: 'direct', status: int(direct.status) ?? 200, body: str(obj(direct.body).inline_string) ?? '', headers };
  }
  const action = obj(route.route);
  const retrySource = isPlainObject(action.retry_policy) ? action.retry_policy : vhRetry;
  const retry = str(retrySource.retry_on)
    ? { retryOn: (retrySource.retry_on as string).split(',').map((s) => s.trim()), numRetries: int(retrySource.num_retries) ?? 1 }
    : undefined;
  const common = { timeoutMs: ms(action.timeout), autoHostRewrite: action.auto_host_rewrite === true, retry };
  const header = str(action.cluster_header);
  if (header) {
    const code = str(action.cluster_not_found_response_code) ?? 'SERVICE_UNAVAILABLE';
    return { kind: 'cluster_header', header: header.toLowerCase(), notFoundStatus: NOT_FOUND_CODES[code] ?? 503, ...common };
  }
  return { kind: 'cluster', cluster: str(action.cluster) ?? '', ...common };
}

function readCluster(cluster: Obj): GatewayCluster {
  const endpoints = arr(obj(cluster.load_assignment).endpoints)
    .flatMap((locality) => arr(locality.lb_endpoints))
    .map((lb) => obj(obj(obj(lb.endpoint).address).socket_address))
    .map((s) => ({ host: str(s.address) ?? '', port: int(s.port_value) ?? 0 }));
  const tlsSocket = obj(cluster.transport_socket);
  const tls = typeOf(tlsSocket.typed_config) === MESSAGE_TYPES.upstreamTls ? { sni: str(obj(tlsSocket.typed_config).sni) } : undefined;
  const protocol = obj(obj(cluster.typed_extension_protocol_options)[MESSAGE_TYPES.httpProtocolOptions]);
  return {
    name: str(cluster.name) ?? '',
    endpoints,
    tls,
    http2: isPlainObject(obj(protocol.explicit_http_config).http2_protocol_options),
    connectTimeoutMs: ms(cluster.connect_timeout),
    bufferLimitBytes: int(cluster.per_connection_buffer_limit_bytes),
  };
}

function readExtProc(config: Obj): GatewayExtProc {
  const grpc = obj(obj(config.grpc_service).envoy_grpc);
  const mode = obj(config.processing_mode);
  return {
    cluster: str(grpc.cluster_name) ?? '',
    // Envoy's default message_timeout is 200 ms.
    messageTimeoutMs: ms(config.message_timeout) ?? 200,
    maxMessageTimeoutMs: ms(config.max_message_timeout),
    failureModeAllow: config.failure_mode_allow === true,
    allowModeOverride: config.allow_mode_override === true,
    processingMode: Object.fromEntries(Object.entries(mode).filter((e): e is [string, string] => typeof e[1] === 'string')),
    receivingNamespaces: strings(obj(obj(config.metadata_options).receiving_namespaces).untyped),
    maxReceiveMessageBytes: int(grpc.max_receive_message_length),
  };
}

function readMapper(mapper: Obj): LocalReplyMapper {
  const filter = obj(mapper.filter);
  const flagFilter = isPlainObject(filter.response_flag_filter) ? filter.response_flag_filter : undefined;
  const comparison = obj(obj(filter.status_code_filter).comparison);
  const format = obj(mapper.body_format_override);
  return {
    responseFlags: flagFilter ? strings(flagFilter.flags) : undefined,
    statusEquals: (str(comparison.op) ?? 'EQ') === 'EQ' ? int(obj(comparison.value).default_value) : undefined,
    rewriteStatus: int(mapper.status_code),
    bodyTemplate: format.json_format,
    contentType: str(format.content_type) ?? 'application/json',
  };
}
