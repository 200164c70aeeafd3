/**
 * The HCM's local_reply_config: turns Envoy's own error replies (no cluster, upstream unreachable, 413 over the
 * buffer limit, timeouts) into OpenAI-shaped JSON, so clients see `{"error":{...}}` whoever failed.
 *
 * Envoy runs this config on EVERY local reply, including ext_proc ImmediateResponses (Consilium's answers) and
 * direct_response routes. So no mapper may match those by accident: the mappers key on Envoy's response flags,
 * which only Envoy sets, and on the three statuses whose Envoy replies carry no flag (413, 500, 504). Consilium
 * uses the same catalog codes for those three statuses, so a normalised Consilium error keeps its status, type
 * and code and loses only its message text. There is deliberately no top-level body_format: an unmatched
 * reply (a 200 synthesized answer, a 404 model_not_found) passes through untouched.
 */
import { CATALOG, type ErrorCode } from '../errors/index.js';
import { note, type Annotated } from './notes.js';

/** The OpenAI error object, as a json_format template (`param` is always null here). */
export function openAIErrorTemplate(code: ErrorCode, message: string): Record<string, unknown> {
  return { error: { message, type: CATALOG[code].type, param: null, code } };
}

/** The same error as a JSON string, for bodies Envoy sends verbatim (direct_response). */
export function openAIErrorJson(code: ErrorCode, message: string): string {
  return JSON.stringify(openAIErrorTemplate(code, message));
}

type Filter = Record<string, unknown>;

function flags(...names: string[]): Filter {
  return { response_flag_filter: { flags: names } };
}

function statusEquals(status: number): Filter {
  // runtime_key is required by the proto; no runtime layer defines it, so default_value always applies.
  return { status_code_filter: { comparison: { op: 'EQ', value: { default_value: status, runtime_key: `consilium.local_reply.status_${status}` } } } };
}

function mapper(filter: Filter, code: ErrorCode, message: string, status?: number): Record<string, unknown> {
  return {
    filter,
    ...(status === undefined ? {} : { status_code: status }),
    body_format_override: { json_format: openAIErrorTemplate(code, message), content_type: 'application/json' },
  };
}

export function buildLocalReplyConfig(): Annotated<Record<string, unknown>> {
  const mappers = [
    // NC: the cluster header named no cluster (or was missing: the request never went through Consilium).
    mapper(flags('NC'), 'backend_unavailable', 'no backend cluster matches this request', 503),
    // UF/UH/UO/URX/UC/UR: connect failure, no healthy host, circuit breaker, retries exhausted, reset.
    mapper(flags('UF', 'UH', 'UO', 'URX', 'UC', 'UR'), 'backend_unavailable', 'the backend could not be reached', 503),
    // UT: the route timeout passed before the backend answered.
    mapper(flags('UT'), 'timeout', 'the backend did not answer within the route timeout', 504),
    // SI/DT: stream idle / max duration timeouts; Envoy's status (408 or 504) is kept.
    mapper(flags('SI', 'DT'), 'timeout', 'the request timed out'),
    // 413 has no flag: the request body outgrew the listener buffer before Consilium saw it.
    mapper(statusEquals(413), 'body_too_large', 'the request body exceeds the size limit'),
    // 504 without a flag: ext_proc's message_timeout fired (Consilium did not answer in time).
    mapper(statusEquals(504), 'timeout', 'the router did not answer in time'),
    // 500 without a flag: the ext_proc stream failed or a mutation was rejected.
    mapper(statusEquals(500), 'internal_error', 'internal error'),
    // Any other reply Envoy flagged (protocol errors, overload, ...): keep the status, say what happened.
    mapper({ response_flag_filter: {} }, 'internal_error', 'gateway error: %RESPONSE_CODE_DETAILS%'),
  ];
  return {
    value: { mappers },
    notes: [
      note(
        ['mappers'],
        ' Envoy applies these to every local reply, Consilium\'s ImmediateResponses included, so each\n' +
          ' mapper matches only what Envoy itself produces: response flags, or the flagless 413/500/504\n' +
          ' (Consilium uses the same codes for those). Unmatched replies pass through untouched.',
      ),
    ],
  };
}
