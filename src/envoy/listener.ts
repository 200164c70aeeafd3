/**
 * The client-facing listener and its HTTP connection manager: early removal of every x-consilium-* header
 * (before route selection), stream timeouts sized for recipes, OpenAI-shaped local replies, the access log,
 * the route table, and the filter chain ext_proc → router.
 */
import type { ConsiliumConfig, HostPort } from '../config/types.js';
import { STRIPPED_CLIENT_HEADERS } from '../extproc/headers.js';
import { buildExtProcFilter } from './ext-proc.js';
import { bytesLabel, duration, type EnvoyLimits } from './limits.js';
import { buildLocalReplyConfig } from './local-reply.js';
import { FILTER_NAMES, MESSAGE_TYPES, typeUrl } from './names.js';
import { note, prefixNotes, type Annotated, type Note } from './notes.js';
import { buildRouteConfig } from './routes.js';

export const LISTENER_NAME = 'consilium_http';

/** One JSON access log line per request, with Consilium's decision from its dynamic metadata. */
const ACCESS_LOG_FORMAT = {
  start_time: '%START_TIME%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(:PATH)%',
  status: '%RESPONSE_CODE%',
  response_flags: '%RESPONSE_FLAGS%',
  details: '%RESPONSE_CODE_DETAILS%',
  duration_ms: '%DURATION%',
  upstream_cluster: '%UPSTREAM_CLUSTER%',
  request_id: '%REQ(X-REQUEST-ID)%',
  consilium: '%DYNAMIC_METADATA(consilium)%',
};

export function buildListener(config: ConsiliumConfig, limits: EnvoyLimits, address: HostPort): Annotated<Record<string, unknown>> {
  const hcm = buildHttpConnectionManager(config, limits);
  const hcmPath = ['filter_chains', 0, 'filters', 0, 'typed_config'];
  return {
    value: {
      name: LISTENER_NAME,
      address: { socket_address: { address: address.host, port_value: address.port } },
      per_connection_buffer_limit_bytes: limits.requestBufferBytes,
      filter_chains: [{ filters: [{ name: FILTER_NAMES.hcm, typed_config: hcm.value }] }],
    },
    notes: [
      note(
        ['per_connection_buffer_limit_bytes'],
        ` ${bytesLabel(limits.requestBufferBytes)} = server.max_body_bytes + 64 KiB for headers. ext_proc buffers the whole\n` +
          ' body; past this Envoy answers 413 itself (Envoy\'s default is 1 MiB, too small for long prompts).\n' +
          ' The headroom lets a body of exactly max_body_bytes reach Consilium, which enforces the limit.',
      ),
      ...prefixNotes(hcmPath, hcm.notes),
    ],
  };
}

function buildHttpConnectionManager(config: ConsiliumConfig, limits: EnvoyLimits): Annotated<Record<string, unknown>> {
  const localReply = buildLocalReplyConfig();
  const routes = buildRouteConfig(config, limits);
  const extProc = buildExtProcFilter(limits);
  const notes: Note[] = [
    note(
      ['stream_idle_timeout'],
      ` No bytes flow while a recipe runs or a non-streaming backend generates: the slowest deadline\n` +
        ` (${limits.slowestDeadlineMs} ms) + 30 s, so the ext_proc or route timeout fires first with a clearer error.`,
    ),
    note(
      ['request_timeout'],
      ' Runs until the request is handed upstream, so it includes the ext_proc body phase:\n' +
        ' server.message_timeout_ms + 30 s to upload the body.',
    ),
    note(
      ['early_header_mutation_extensions'],
      ' Removes every x-consilium-* header a client sent BEFORE route selection, so no client can choose a\n' +
        ' cluster (request_headers_to_remove would act after routing). Exact names: no prefix matching here.',
    ),
    ...prefixNotes(['local_reply_config'], localReply.notes),
    ...prefixNotes(['route_config'], routes.notes),
    note(['http_filters'], ' ext_proc first (it decides the route), the router last.'),
    ...prefixNotes(['http_filters', 0], extProc.notes),
  ];
  return {
    value: {
      '@type': typeUrl(MESSAGE_TYPES.hcm),
      stat_prefix: 'consilium_ingress',
      codec_type: 'AUTO',
      normalize_path: true,
      merge_slashes: true,
      stream_idle_timeout: duration(limits.streamIdleTimeoutMs),
      request_timeout: duration(limits.requestTimeoutMs),
      early_header_mutation_extensions: [
        {
          name: FILTER_NAMES.earlyHeaderMutation,
          typed_config: {
            '@type': typeUrl(MESSAGE_TYPES.earlyHeaderMutation),
            mutations: STRIPPED_CLIENT_HEADERS.map((name) => ({ remove: name })),
          },
        },
      ],
      local_reply_config: localReply.value,
      access_log: [
        {
          name: FILTER_NAMES.stdoutLog,
          typed_config: { '@type': typeUrl(MESSAGE_TYPES.stdoutLog), log_format: { json_format: ACCESS_LOG_FORMAT } },
        },
      ],
      route_config: routes.value,
      http_filters: [extProc.value, { name: FILTER_NAMES.router, typed_config: { '@type': typeUrl(MESSAGE_TYPES.router) } }],
    },
    notes,
  };
}
