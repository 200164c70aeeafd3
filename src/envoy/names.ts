/**
 * Names the generated Envoy bootstrap and its readers (checker, dev gateway view) agree on: filter and
 * extension names, `@type` URLs, and the ext_proc cluster's name.
 */

export const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** The cluster that carries the ext_proc gRPC stream to Consilium. */
export const EXT_PROC_CLUSTER = 'consilium_ext_proc';

export const FILTER_NAMES = {
  hcm: 'envoy.filters.network.http_connection_manager',
  extProc: 'envoy.filters.http.ext_proc',
  router: 'envoy.filters.http.router',
  earlyHeaderMutation: 'envoy.http.early_header_mutation.header_mutation',
  tls: 'envoy.transport_sockets.tls',
  stdoutLog: 'envoy.access_loggers.stdout',
  previousHosts: 'envoy.retry_host_predicates.previous_hosts',
} as const;

/** Fully qualified proto message names of every typed_config the generator writes. */
export const MESSAGE_TYPES = {
  hcm: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  extProc: 'envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor',
  extProcPerRoute: 'envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
  router: 'envoy.extensions.filters.http.router.v3.Router',
  earlyHeaderMutation: 'envoy.extensions.http.early_header_mutation.header_mutation.v3.HeaderMutation',
  upstreamTls: 'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  httpProtocolOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  stdoutLog: 'envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
  previousHosts: 'envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
} as const;

/** The `@type` value of a message name. */
export function typeUrl(messageName: string): string {
  return `${TYPE_URL_PREFIX}${messageName}`;
}

/** The message name inside an `@type` URL (everything after the last '/'). */
export function messageNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
