/**
 * The ext_proc HTTP filter that streams each request to Consilium: which phases Envoy sends, how long it
 * waits for each answer, and what it keeps from the answers (dynamic metadata under our namespace).
 */
import { METADATA_NAMESPACE } from '../extproc/headers.js';
import { bytesLabel, duration, type EnvoyLimits } from './limits.js';
import { EXT_PROC_CLUSTER, FILTER_NAMES, MESSAGE_TYPES, typeUrl } from './names.js';
import { note, type Annotated } from './notes.js';

/** The filter's processing modes; Consilium overrides them per request with mode_override when needed. */
export const PROCESSING_MODE = {
  request_header_mode: 'SEND',
  request_body_mode: 'BUFFERED',
  request_trailer_mode: 'SKIP',
  response_header_mode: 'SEND',
  response_body_mode: 'NONE',
  response_trailer_mode: 'SKIP',
} as const;

export function buildExtProcFilter(limits: EnvoyLimits): Annotated<Record<string, unknown>> {
  const timeout = duration(limits.messageTimeoutMs);
  const value = {
    name: FILTER_NAMES.extProc,
    typed_config: {
      '@type': typeUrl(MESSAGE_TYPES.extProc),
      grpc_service: { envoy_grpc: { cluster_name: EXT_PROC_CLUSTER, max_receive_message_length: limits.grpcMessageBytes } },
      failure_mode_allow: false,
      processing_mode: { ...PROCESSING_MODE },
      allow_mode_override: true,
      message_timeout: timeout,
      max_message_timeout: timeout,
      metadata_options: { receiving_namespaces: { untyped: [METADATA_NAMESPACE] } },
    },
  };
  const at = ['typed_config'];
  return {
    value,
    notes: [
      note(
        [...at, 'grpc_service', 'envoy_grpc', 'max_receive_message_length'],
        ` ${bytesLabel(limits.grpcMessageBytes)}: an answer may carry a rewritten body or a synthesized completion\n` +
          ' larger than the client\'s body (twice the request buffer, never under gRPC\'s 4 MiB default).',
      ),
      note(
        [...at, 'failure_mode_allow'],
        ' Fail closed: without Consilium nobody sets the cluster header, and a client must never pick one.',
      ),
      note(
        [...at, 'processing_mode'],
        ' Bodies: the request is BUFFERED (Consilium needs the whole JSON); the response body is NONE so SSE\n' +
          ' streams untouched. Consilium asks for more per request with mode_override (allow_mode_override).',
      ),
      note(
        [...at, 'message_timeout'],
        ` = server.message_timeout_ms. A recipe runs inside the request_body answer, so Envoy must wait at\n` +
          ' least the slowest recipe deadline (config load checks every recipe deadline is below it).',
      ),
      note([...at, 'max_message_timeout'], ' Upper bound for override_message_timeout; the same value, so Consilium cannot extend past it.'),
      note(
        [...at, 'metadata_options'],
        ` Keep Consilium's dynamic_metadata (namespace "${METADATA_NAMESPACE}") for access logs; unset drops it.`,
      ),
    ],
  };
}
