/**
 * Envoy's behaviour over a GatewayView, for the dev gateway: which route a request takes (first match wins;
 * exact paths ignore the query string) and how a local reply is rewritten by the first matching mapper.
 */
import type { GatewayRoute, GatewayView, LocalReplyMapper } from './view.js';

/** The route Envoy would pick for this path and these (lowercase-named) request headers. */
export function selectRoute(view: GatewayView, path: string, headers: ReadonlyMap<string, string>): GatewayRoute | undefined {
  const pathOnly = path.split('?', 1)[0] ?? path;
  return view.routes.find((route) => {
    const { match } = route;
    if (match.path !== undefined && match.path !== pathOnly) return false;
    if (match.prefix !== undefined && !path.startsWith(match.prefix)) return false;
    if (match.path === undefined && match.prefix === undefined) return false;
    return match.presentHeaders.every((name) => headers.has(name));
  });
}

export interface LocalReply {
  readonly status: number;
  /** Envoy response flags set on the stream (e.g. ['NC'], ['UF']); empty for a plain local reply. */
  readonly responseFlags: readonly string[];
  readonly details: string;
  readonly body: string;
}

export interface RenderedReply {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

/**
 * What the first matching mapper makes of a local reply, or undefined when none matches (Envoy then sends
 * the reply as it was). Envoy's JSON formatter ends the body with a newline; so does this.
 */
export function renderLocalReply(mappers: readonly LocalReplyMapper[], reply: LocalReply): RenderedReply | undefined {
  const mapper = mappers.find((m) => matches(m, reply));
  if (!mapper) return undefined;
  return {
    status: mapper.rewriteStatus ?? reply.status,
    body: `${JSON.stringify(substitute(mapper.bodyTemplate, reply))}\n`,
    contentType: mapper.contentType,
  };
}

function matches(mapper: LocalReplyMapper, reply: LocalReply): boolean {
  if (mapper.responseFlags !== undefined) {
    return mapper.responseFlags.length === 0 ? reply.responseFlags.length > 0 : mapper.responseFlags.some((f) => reply.responseFlags.includes(f));
  }
  return mapper.statusEquals !== undefined && mapper.statusEquals === reply.status;
}

/** Replaces the few command operators our templates use; others render as Envoy's "-" placeholder. */
function substitute(template: unknown, reply: LocalReply): unknown {
  if (typeof template === 'string') {
    return template.replace(/%([A-Z_]+)(\([^)]*\))?%/g, (_, op: string) => {
      if (op === 'RESPONSE_CODE_DETAILS') return reply.details;
      if (op === 'LOCAL_REPLY_BODY') return reply.body;
      if (op === 'RESPONSE_CODE') return String(reply.status);
      if (op === 'RESPONSE_FLAGS') return reply.responseFlags.join(',') || '-';
      return '-';
    });
  }
  if (Array.isArray(template)) return template.map((t) => substitute(t, reply));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, substitute(v, reply)]));
  return template;
}
