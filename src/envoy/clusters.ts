/**
 * Envoy clusters: one per configured model (named by `models.*.cluster`, the value Consilium writes into
 * x-consilium-cluster) and the HTTP/2 cluster that carries the ext_proc gRPC stream to Consilium.
 */
import { isIP } from 'node:net';
import type { Endpoint, HostPort, ModelConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import { bytesLabel, type EnvoyLimits } from './limits.js';
import { EXT_PROC_CLUSTER, FILTER_NAMES, MESSAGE_TYPES, typeUrl } from './names.js';
import { note, type Annotated, type Note } from './notes.js';

/** Where Envoy finds the public CA bundle (Debian-based images, including envoyproxy/envoy). */
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
export const BACKEND_CONNECT_TIMEOUT = '5s';
export const EXT_PROC_CONNECT_TIMEOUT = '1s';

/** Maps a config host to the name Envoy resolves (identity, or a Kubernetes service DNS name). */
export type HostMapper = (host: string) => string;

export function buildModelCluster(model: ModelConfig, limits: EnvoyLimits, mapHost: HostMapper): Annotated<Record<string, unknown>> {
  const schemes = new Set(model.endpoints.map((e) => e.scheme));
  if (schemes.size > 1) {
    throw new ConfigError('build', [{ path: `models.${model.name}`, message: 'an Envoy cluster cannot mix http and https endpoints', value: [...schemes] }]);
  }
  const endpoints = model.endpoints.map((e) => ({ ...e, host: mapHost(e.host) }));
  const tls = endpoints[0]?.scheme === 'https';
  const cluster: Record<string, unknown> = {
    name: model.cluster,
    type: discoveryType(endpoints, tls),
    connect_timeout: BACKEND_CONNECT_TIMEOUT,
    dns_lookup_family: 'V4_PREFERRED',
    lb_policy: 'LEAST_REQUEST',
    per_connection_buffer_limit_bytes: limits.upstreamBufferBytes,
    load_assignment: loadAssignment(model.cluster, endpoints),
    outlier_detection: {
      consecutive_5xx: 5,
      consecutive_gateway_failure: 3,
      enforcing_consecutive_gateway_failure: 100,
      interval: '10s',
      base_ejection_time: '30s',
      max_ejection_percent: 50,
    },
  };
  const hosts = [...new Set(endpoints.map((e) => e.host))];
  if (tls) {
    const sniHost = hosts[0] as string;
    const validation: Record<string, unknown> = { trusted_ca: { filename: CA_BUNDLE } };
    if (hosts.length === 1) validation.match_typed_subject_alt_names = [{ san_type: 'DNS', matcher: { exact: sniHost } }];
    cluster.transport_socket = {
      name: FILTER_NAMES.tls,
      typed_config: { '@type': typeUrl(MESSAGE_TYPES.upstreamTls), sni: sniHost, common_tls_context: { validation_context: validation } },
    };
    if (hosts.length > 1) {
      // Endpoints with different names: send each one's own name as SNI and check the certificate against it.
      cluster.typed_extension_protocol_options = {
        [MESSAGE_TYPES.httpProtocolOptions]: {
          '@type': typeUrl(MESSAGE_TYPES.httpProtocolOptions),
          upstream_http_protocol_options: { auto_sni: true, auto_san_validation: true },
          explicit_http_config: { http_protocol_options: {} },
        },
      };
    }
  }
  const notes: Note[] = [
    note(['connect_timeout'], ' Connecting only; how long a generation may take is the route timeout\'s business.'),
    note(['lb_policy'], ' LLM requests differ wildly in length: prefer the endpoint with the fewest in flight.'),
    note(
      ['per_connection_buffer_limit_bytes'],
      ` ${bytesLabel(limits.upstreamBufferBytes)}: the forwarded body (rewritten by Consilium) fits without flow-control stalls.`,
    ),
    note(['outlier_detection'], ' Eject an endpoint that keeps failing (5xx, or 502/503/504 and connect failures).'),
  ];
  if (tls) notes.push(note(['transport_socket'], ' https endpoint: TLS with SNI, verified against the system CA bundle.'));
  return { value: cluster, notes };
}

export function buildExtProcCluster(address: HostPort, limits: EnvoyLimits): Annotated<Record<string, unknown>> {
  const endpoint: Endpoint = { scheme: 'http', host: address.host, port: address.port };
  const cluster = {
    name: EXT_PROC_CLUSTER,
    type: discoveryType([endpoint], false),
    connect_timeout: EXT_PROC_CONNECT_TIMEOUT,
    dns_lookup_family: 'V4_PREFERRED',
    lb_policy: 'ROUND_ROBIN',
    per_connection_buffer_limit_bytes: limits.grpcMessageBytes,
    typed_extension_protocol_options: {
      [MESSAGE_TYPES.httpProtocolOptions]: {
        '@type': typeUrl(MESSAGE_TYPES.httpProtocolOptions),
        explicit_http_config: {
          http2_protocol_options: {
            initial_stream_window_size: limits.extProcWindowBytes,
            initial_connection_window_size: limits.extProcWindowBytes,
            connection_keepalive: { interval: '30s', timeout: '5s' },
          },
        },
      },
    },
    load_assignment: loadAssignment(EXT_PROC_CLUSTER, [endpoint]),
  };
  return {
    value: cluster,
    notes: [
      note([], ' Consilium\'s ext_proc gRPC service. gRPC needs HTTP/2 (explicit_http_config below).'),
      note(
        ['type'],
        ' STATIC for an IP, STRICT_DNS for a name. In Kubernetes, use a headless Service: each Consilium pod\n' +
          ' becomes an endpoint (a ClusterIP would pin Envoy\'s one HTTP/2 connection to one pod).',
      ),
      note(['connect_timeout'], ' Consilium runs next to Envoy; a slow connect means it is down.'),
      note(
        ['per_connection_buffer_limit_bytes'],
        ` ${bytesLabel(limits.grpcMessageBytes)}, the largest ext_proc message: a whole buffered body, or a synthesized answer.`,
      ),
      note(
        ['typed_extension_protocol_options', MESSAGE_TYPES.httpProtocolOptions, 'explicit_http_config', 'http2_protocol_options'],
        ' Windows as large as one message, so a buffered body is not held back by flow control; keepalive\n' +
          ' pings find a dead connection before a request waits on it.',
      ),
    ],
  };
}

/** STATIC for IP literals; LOGICAL_DNS for one external https name (large web services); else STRICT_DNS. */
function discoveryType(endpoints: readonly Endpoint[], tls: boolean): string {
  if (endpoints.every((e) => isIP(e.host) !== 0)) return 'STATIC';
  if (tls && endpoints.length === 1) return 'LOGICAL_DNS';
  return 'STRICT_DNS';
}

function loadAssignment(clusterName: string, endpoints: readonly Endpoint[]): Record<string, unknown> {
  return {
    cluster_name: clusterName,
    endpoints: [
      {
        lb_endpoints: endpoints.map((e) => ({
          endpoint: { address: { socket_address: { address: e.host, port_value: e.port } }, hostname: e.host },
        })),
      },
    ],
  };
}
