/**
 * Local replies: answers the gateway gives instead of the upstream's (no route, no cluster, 413, ext_proc
 * failure, upstream failure, direct responses, the processor's immediate_response). Envoy's own are plain text;
 * its local_reply_config mappers rewrite them. Without mappers the gateway renders its own as OpenAI errors;
 * with the bootstrap's mappers it starts from Envoy's text and lets the first matching mapper rewrite any reply.
 */
import type { ServerResponse } from 'node:http';
import { renderLocalReply } from '../../envoy/view-routing.js';
import type { LocalReplyMapper } from '../../envoy/view.js';
import { CATALOG, RouterError, type ErrorCode } from '../../errors/index.js';

export interface LocalReply {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  /** Envoy's response code details, e.g. `ext_proc_error_per-message_timeout_exceeded`. */
  readonly details: string;
  /** Envoy response flags (NR, NC, UF, UT, ...): what local_reply_config's flag filters match. */
  readonly flags: readonly string[];
  /** Who made it: the gateway's own replies have an Envoy text form; the others are sent as given. */
  readonly origin: 'gateway' | 'processor' | 'direct';
  /** Envoy's own body for a gateway reply (often empty), used when mappers are configured. */
  readonly envoyText?: string;
}

/** Thrown inside a request's flow to end it with a local reply. */
export class GatewayFailure extends RouterError {
  readonly reply: LocalReply;
  constructor(reply: LocalReply) {
    super(codeForStatus(reply.status), reply.details);
    this.reply = reply;
  }
}

/** The request ended because the client went away: nothing is written back. */
export class DownstreamGone extends RouterError {
  constructor() {
    super('internal_error', 'downstream disconnected');
  }
}

const CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  502: 'backend_error',
  503: 'backend_unavailable',
  504: 'timeout',
};

export function codeForStatus(status: number): ErrorCode {
  return CODES[status] ?? 'internal_error';
}

/** A reply made by the gateway: an OpenAI-shaped JSON error, with Envoy's text form kept for mapper mode. */
export function errorReply(status: number, message: string, details: string, flags: readonly string[] = [], envoyText = ''): LocalReply {
  const code = codeForStatus(status);
  const body = { error: { message, type: CATALOG[code].type, param: null, code } };
  return {
    status,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify(body), 'utf8'),
    details,
    flags,
    origin: 'gateway',
    envoyText,
  };
}

export function failure(status: number, message: string, details: string, flags: readonly string[] = [], envoyText = ''): GatewayFailure {
  return new GatewayFailure(errorReply(status, message, details, flags, envoyText));
}

/** A route's direct_response: its inline body as given (JSON or text), or an OpenAI error when it has none. */
export function directReply(status: number, body: string | undefined, headers: Readonly<Record<string, string>> = {}): LocalReply {
  if (body === undefined || body === '') {
    return { ...errorReply(status, status === 404 ? 'No such API path.' : `HTTP ${status}`, 'direct_response'), origin: 'direct' };
  }
  return {
    status,
    headers: [['content-type', looksLikeJson(body) ? 'application/json' : 'text/plain'], ...Object.entries(headers)],
    body: Buffer.from(body, 'utf8'),
    details: 'direct_response',
    flags: [],
    origin: 'direct',
  };
}

/** The reply as Envoy would send it: rewritten by the first matching local_reply_config mapper, if any. */
export function finalizeReply(reply: LocalReply, mappers: readonly LocalReplyMapper[] | undefined): LocalReply {
  if (mappers === undefined) return reply;
  const base: LocalReply =
    reply.origin === 'gateway'
      ? { ...reply, body: Buffer.from(reply.envoyText ?? '', 'utf8'), headers: reply.envoyText ? [['content-type', 'text/plain']] : [] }
      : reply;
  const rendered = renderLocalReply(mappers, { status: base.status, responseFlags: base.flags, details: base.details, body: base.body.toString('utf8') });
  if (!rendered) return base;
  return {
    ...base,
    status: rendered.status,
    body: Buffer.from(rendered.body, 'utf8'),
    headers: [...base.headers.filter(([name]) => name !== 'content-type'), ['content-type', rendered.contentType]],
  };
}

export function writeLocalReply(res: ServerResponse, reply: LocalReply): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of reply.headers) {
    if (name.startsWith(':')) continue;
    const previous = headers[name];
    headers[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  headers['content-length'] = String(reply.body.length);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
