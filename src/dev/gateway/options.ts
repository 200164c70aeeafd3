/**
 * The dev gateway's configuration: the Envoy settings it imitates (listener, routes, clusters, the ext_proc
 * filter), their defaults, and the frozen resolved form the gateway runs on. Defaults for protocol values are
 * Envoy's own (200 ms message timeout, 15 s route timeout, 1 MiB buffer), so a setting the Envoy generator forgets
 * fails here the way it would in production.
 */
import { API_PATHS, HEADERS, METADATA_NAMESPACE, STRIPPED_CLIENT_HEADERS } from '../../extproc/headers.js';
import type { ProcessingMode } from '../../extproc/messages.js';
import type { LocalReplyMapper } from '../../envoy/view.js';
import type { Logger } from '../../observability/logger.js';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface ClusterSpec {
  readonly endpoints: readonly Endpoint[];
  readonly tls?: boolean;
  /** TLS server name (defaults to the endpoint host). */
  readonly sni?: string;
}

/** A route's retry_policy: Envoy retries before the response starts, on another host when there is one. */
export interface RetryPolicy {
  /** retry_on conditions; the gateway acts on connect-failure, reset, 5xx and gateway-error. */
  readonly retryOn: readonly string[];
  readonly numRetries: number;
}

interface UpstreamAction {
  readonly timeoutMs: number;
  readonly retry?: RetryPolicy;
  /** auto_host_rewrite: the Host header becomes the chosen endpoint's hostname. */
  readonly autoHostRewrite?: boolean;
}

export type RouteAction =
  | ({ readonly kind: 'cluster_header'; readonly header: string; readonly clusterNotFoundCode: number } & UpstreamAction)
  | ({ readonly kind: 'cluster'; readonly cluster: string } & UpstreamAction)
  | { readonly kind: 'direct_response'; readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> };

/**
 * One route of the virtual host, first match wins: `path` is exact (query ignored), `prefix` a prefix, and every
 * `presentHeaders` name must be present.
 */
export interface RouteSpec {
  readonly match: { readonly path?: string; readonly prefix?: string; readonly presentHeaders?: readonly string[] };
  readonly action: RouteAction;
  /** ExtProcPerRoute `disabled: true`: the filter is skipped on this route. */
  readonly extProcDisabled?: boolean;
}

/** Envoy's HeaderMutationRules (all default false): which mutations the processor may make. */
export interface MutationRules {
  readonly allowAllRouting?: boolean;
  readonly allowEnvoy?: boolean;
  readonly disallowSystem?: boolean;
  readonly disallowAll?: boolean;
  /** A disallowed mutation fails the request (500) instead of being ignored. */
  readonly disallowIsError?: boolean;
}

/**
 * How `set_headers` entries without the deprecated `append` flag are applied.
 * - 'append_action' (default): honour `append_action`; unset means APPEND_IF_EXISTS_OR_ADD, as the API documents.
 * - 'envoy_legacy': what Envoy releases through 1.3x actually do: ignore `append_action`; unset `append` replaces.
 * Either way an explicit `append` BoolValue wins. A processor that writes OVERWRITE_IF_EXISTS_OR_ADD behaves the
 * same under both, which is what Consilium does.
 */
export type HeaderAppendSemantics = 'append_action' | 'envoy_legacy';

/** What Envoy would write to its access log for one request (plus what the tests want to see). */
export interface AccessLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly cluster: string | undefined;
  readonly upstream: string | undefined;
  /** Envoy response flags: NR no route, UF connect failure, UC reset, UT timeout, DC downstream gone, LR local reply. */
  readonly flags: readonly string[];
  readonly details: string | undefined;
  readonly durationMs: number;
  readonly dynamicMetadata: Readonly<Record<string, unknown>>;
}

export type RouteCacheAction = 'DEFAULT' | 'CLEAR' | 'RETAIN';

export interface GatewayOptions {
  readonly listen: Endpoint;
  readonly extProc: Endpoint;
  readonly clusters: Readonly<Record<string, ClusterSpec>>;
  readonly clusterHeader: string;
  readonly clusterNotFoundCode: number;
  /** Exact API paths routed by the cluster header; every other path gets a JSON 404 without ext_proc. */
  readonly apiPaths: readonly string[];
  /** The full route table; when set it replaces the one built from apiPaths/clusterHeader. */
  readonly routes?: readonly RouteSpec[];
  /** Exact header names removed before anything else (early_header_mutation_extensions). */
  readonly earlyRemoveHeaders: readonly string[];
  readonly messageTimeoutMs: number;
  /** Upper bound for override_message_timeout; 0 disables it (Envoy's default). */
  readonly maxMessageTimeoutMs: number;
  /** per_connection_buffer_limit_bytes: a buffered body over this gets 413 (request) or 500 (response). */
  readonly maxRequestBytes: number;
  /** Route timeout, from the upstream request to the end of its response; 0 disables. */
  readonly routeTimeoutMs: number;
  readonly processingMode: Required<ProcessingMode>;
  readonly allowModeOverride: boolean;
  readonly failureModeAllow: boolean;
  /** metadata_options.receiving_namespaces.untyped; dynamic_metadata under other namespaces is dropped. */
  readonly receivingNamespaces: readonly string[];
  readonly mutationRules: MutationRules;
  readonly routeCacheAction: RouteCacheAction;
  readonly headerAppend: HeaderAppendSemantics;
  /** Largest gRPC message either way (grpc-js and Envoy default to 4 MiB). */
  readonly maxGrpcMessageBytes: number;
  /** After the exchange ends, how long an unfinished ext_proc stream may linger before it is cancelled. */
  readonly deferredCloseMs: number;
  /**
   * The HCM's local_reply_config mappers. Unset: the gateway renders its own replies as OpenAI errors (what a
   * JSON local_reply_config does). Set (from a bootstrap): replies start as Envoy's plain-text ones and the first
   * matching mapper rewrites them, processor immediate responses included, exactly as Envoy would.
   */
  readonly localReplyMappers?: readonly LocalReplyMapper[];
  readonly onDynamicMetadata?: (requestId: string, metadata: Readonly<Record<string, unknown>>) => void;
  readonly onAccessLog?: (entry: AccessLogEntry) => void;
  readonly logger?: Logger;
}

export type GatewayInput = Partial<GatewayOptions> & { readonly extProc: Endpoint };

/** Our filter config (DESIGN.md): request headers SEND, request body BUFFERED, response headers SEND, response body NONE. */
export const CONSILIUM_PROCESSING_MODE: Required<ProcessingMode> = Object.freeze({
  request_header_mode: 'SEND',
  request_body_mode: 'BUFFERED',
  response_header_mode: 'SEND',
  response_body_mode: 'NONE',
  request_trailer_mode: 'SKIP',
  response_trailer_mode: 'SKIP',
});

/** Envoy's defaults when the filter config gives no processing_mode. */
export const ENVOY_DEFAULT_PROCESSING_MODE: Required<ProcessingMode> = Object.freeze({
  request_header_mode: 'SEND',
  request_body_mode: 'NONE',
  response_header_mode: 'SEND',
  response_body_mode: 'NONE',
  request_trailer_mode: 'SKIP',
  response_trailer_mode: 'SKIP',
});

export const ENVOY_DEFAULTS = Object.freeze({
  messageTimeoutMs: 200,
  routeTimeoutMs: 15_000,
  maxRequestBytes: 1024 * 1024,
  clusterNotFoundCode: 503,
  maxGrpcMessageBytes: 4 * 1024 * 1024,
});

/** DESIGN.md: `consilium dev` listens on 127.0.0.1:8080 unless told otherwise. */
export const DEFAULT_LISTEN: Endpoint = Object.freeze({ host: '127.0.0.1', port: 8080 });

export function resolveGatewayOptions(input: GatewayInput): GatewayOptions {
  const options: GatewayOptions = {
    listen: input.listen ?? DEFAULT_LISTEN,
    extProc: input.extProc,
    clusters: input.clusters ?? {},
    clusterHeader: input.clusterHeader ?? HEADERS.cluster,
    clusterNotFoundCode: input.clusterNotFoundCode ?? ENVOY_DEFAULTS.clusterNotFoundCode,
    apiPaths: input.apiPaths ?? API_PATHS,
    routes: input.routes,
    earlyRemoveHeaders: (input.earlyRemoveHeaders ?? STRIPPED_CLIENT_HEADERS).map((name) => name.toLowerCase()),
    messageTimeoutMs: input.messageTimeoutMs ?? ENVOY_DEFAULTS.messageTimeoutMs,
    maxMessageTimeoutMs: input.maxMessageTimeoutMs ?? 0,
    maxRequestBytes: input.maxRequestBytes ?? ENVOY_DEFAULTS.maxRequestBytes,
    routeTimeoutMs: input.routeTimeoutMs ?? ENVOY_DEFAULTS.routeTimeoutMs,
    processingMode: { ...CONSILIUM_PROCESSING_MODE, ...(input.processingMode ?? {}) },
    allowModeOverride: input.allowModeOverride ?? true,
    failureModeAllow: input.failureModeAllow ?? false,
    receivingNamespaces: input.receivingNamespaces ?? [METADATA_NAMESPACE],
    mutationRules: input.mutationRules ?? {},
    routeCacheAction: input.routeCacheAction ?? 'DEFAULT',
    headerAppend: input.headerAppend ?? 'append_action',
    maxGrpcMessageBytes: input.maxGrpcMessageBytes ?? ENVOY_DEFAULTS.maxGrpcMessageBytes,
    deferredCloseMs: input.deferredCloseMs ?? 5000,
    localReplyMappers: input.localReplyMappers,
    onDynamicMetadata: input.onDynamicMetadata,
    onAccessLog: input.onAccessLog,
    logger: input.logger,
  };
  return deepFreeze(options);
}

/**
 * The route table the gateway matches: the explicit `routes`, or one exact route per API path taking the cluster
 * from the cluster header, then a catch-all JSON 404 that skips ext_proc (what our generated config does).
 */
export function routeTable(options: GatewayOptions): readonly RouteSpec[] {
  if (options.routes) return options.routes;
  const apiRoute: RouteAction = {
    kind: 'cluster_header',
    header: options.clusterHeader.toLowerCase(),
    clusterNotFoundCode: options.clusterNotFoundCode,
    timeoutMs: options.routeTimeoutMs,
  };
  return Object.freeze([
    ...options.apiPaths.map((path) => ({ match: { path }, action: apiRoute })),
    { match: { prefix: '/' }, action: { kind: 'direct_response', status: 404 } as const, extProcDisabled: true },
  ]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) {
      if (typeof child !== 'function' && !isLogger(child)) deepFreeze(child);
    }
  }
  return value;
}

function isLogger(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function';
}
