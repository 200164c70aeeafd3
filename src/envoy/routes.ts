/**
 * The route table: one cluster_header route per OpenAI API path, the same routes again under every backend
 * base path that differs from /v1 (Consilium rewrites `:path` and clears the route cache, so Envoy picks the
 * route again on the rewritten path), and a JSON 404 for everything else with ext_proc switched off.
 */
import type { ConsiliumConfig } from '../config/types.js';
import { API_PATHS, HEADERS } from '../extproc/headers.js';
import { duration, type EnvoyLimits } from './limits.js';
import { openAIErrorJson } from './local-reply.js';
import { FILTER_NAMES, MESSAGE_TYPES, typeUrl } from './names.js';
import { note, type Annotated, type Note } from './notes.js';

/** Answered by ext_proc's ImmediateResponse; never forwarded, so never rewritten to a backend path. */
const MODELS_PATH = '/v1/models';
const CLIENT_PREFIX = '/v1';

/** Retry only failures where no answer can have reached the client and no generation was answered. */
export const RETRY_ON = 'connect-failure,refused-stream,reset';
export const NUM_RETRIES = 2;

export function buildRouteConfig(config: ConsiliumConfig, limits: EnvoyLimits): Annotated<Record<string, unknown>> {
  const notes: Note[] = [];
  const routes: Record<string, unknown>[] = [];

  for (const path of API_PATHS) routes.push(apiRoute(routeName(path), { path }, limits));

  const rewrittenPaths = backendPaths(config).filter((p) => !(API_PATHS as readonly string[]).includes(p));
  if (rewrittenPaths.length > 0) {
    notes.push(
      note(
        ['virtual_hosts', 0, 'routes', API_PATHS.length],
        ' Backend base paths: Consilium rewrites :path for backends not served under /v1 and clears the\n' +
          ' route cache, so Envoy matches again on the rewritten path. Only a request carrying the cluster\n' +
          ' header (which only ext_proc can set: clients\' copies are removed early) may take these routes.',
      ),
    );
  }
  for (const path of rewrittenPaths) {
    routes.push(apiRoute(`backend_${routeName(path)}`, { path, headers: [{ name: HEADERS.cluster, present_match: true }] }, limits));
  }

  const notFoundIndex = routes.length;
  routes.push({
    name: 'not_found',
    match: { prefix: '/' },
    direct_response: { status: 404, body: { inline_string: openAIErrorJson('not_found', 'no such API path') } },
    response_headers_to_add: [{ header: { key: 'content-type', value: 'application/json' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }],
    typed_per_filter_config: { [FILTER_NAMES.extProc]: { '@type': typeUrl(MESSAGE_TYPES.extProcPerRoute), disabled: true } },
  });
  notes.push(
    note(
      ['virtual_hosts', 0, 'routes', notFoundIndex],
      ' Every other path: a JSON 404 from Envoy itself. ext_proc is disabled here because the router\n' +
        ' filter, which sends direct responses, runs after it; Consilium only ever sees the API paths.',
    ),
  );

  const first = ['virtual_hosts', 0, 'routes', 0, 'route'];
  notes.push(
    note([...first, 'cluster_header'], ' Consilium sets this header in its request_body answer, with clear_route_cache.'),
    note(
      [...first, 'cluster_not_found_response_code'],
      ' Explicit: the proto\'s comments disagree about the default. A missing or unknown cluster is a 503.',
    ),
    note(
      [...first, 'timeout'],
      ` Covers a whole backend generation (streamed or not): the slowest of server.message_timeout_ms and\n` +
        ` the models' timeout_ms (${limits.routeTimeoutMs} ms).`,
    ),
    note(
      ['virtual_hosts', 0, 'retry_policy'],
      ' Only connection-level failures, before any response byte reached the client. Never 5xx: a backend\n' +
        ' that answered may have generated (and billed) a completion, and POSTs are not idempotent.',
    ),
    note(
      ['virtual_hosts', 0, 'routes', API_PATHS.indexOf(MODELS_PATH)],
      ' Consilium answers /v1/models itself (ImmediateResponse); the route only lets the request reach ext_proc.',
    ),
  );

  return {
    value: { name: 'consilium', virtual_hosts: [{ name: 'openai_api', domains: ['*'], retry_policy: retryPolicy(), routes }] },
    notes,
  };
}

function apiRoute(name: string, match: Record<string, unknown>, limits: EnvoyLimits): Record<string, unknown> {
  return {
    name,
    match,
    route: {
      cluster_header: HEADERS.cluster,
      cluster_not_found_response_code: 'SERVICE_UNAVAILABLE',
      auto_host_rewrite: true,
      timeout: duration(limits.routeTimeoutMs),
    },
  };
}

/** Applies to every forwarding route of the virtual host (the 404 route never goes upstream). */
function retryPolicy(): Record<string, unknown> {
  return {
    retry_on: RETRY_ON,
    num_retries: NUM_RETRIES,
    retry_host_predicate: [{ name: FILTER_NAMES.previousHosts, typed_config: { '@type': typeUrl(MESSAGE_TYPES.previousHosts) } }],
    host_selection_retry_max_attempts: 3,
    retry_back_off: { base_interval: '0.1s', max_interval: '1s' },
  };
}

/** The paths Consilium may rewrite a forwarded request to: each base path plus the API path after /v1. */
function backendPaths(config: ConsiliumConfig): string[] {
  const out = new Set<string>();
  for (const model of config.models.values()) {
    for (const path of API_PATHS) {
      if (path === MODELS_PATH) continue;
      out.add(`${model.basePath}${path.slice(CLIENT_PREFIX.length)}`);
    }
  }
  return [...out].sort();
}

function routeName(path: string): string {
  return path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
