/**
 * Applies a processor's header and body mutations the way Envoy's ext_proc filter does: removals first, then
 * sets; Envoy's default mutation rules (routing headers, x-envoy-*, and removing pseudo-headers or host are
 * ignored, or fail with disallow_is_error); invalid names or values fail the request; a BUFFERED body mutation must
 * match the content-length the headers carry after the same answer's header mutation.
 */
import type { BodyMutation, HeaderMutation, HeaderValue, HeaderValueOption } from '../../extproc/messages.js';
import type { HeaderList } from './header-list.js';
import { failure } from './local-reply.js';
import type { HeaderAppendSemantics, MutationRules } from './options.js';

export type CheckResult = 'ok' | 'ignore' | 'fail';
type Operation = 'set' | 'append' | 'remove';

const ROUTING_HEADERS = new Set(['host', ':authority', ':method', ':scheme']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PSEUDO = /^:[a-z]+$/;

/** Envoy's mutation_rules Checker with its defaults (every flag false). */
export function checkHeader(rules: MutationRules, op: Operation, name: string, value = ''): CheckResult {
  if (name === ':status' && op !== 'remove' && !validStatus(value)) return 'fail';
  const denied = rules.disallowIsError ? 'fail' : 'ignore';
  if (op === 'remove' && (name.startsWith(':') || name === 'host')) return denied;
  if (rules.disallowAll) return denied;
  if (!rules.allowAllRouting && ROUTING_HEADERS.has(name)) return denied;
  if (rules.disallowSystem && name.startsWith(':')) return denied;
  if (!rules.allowEnvoy && name.startsWith('x-envoy')) return denied;
  return 'ok';
}

function validStatus(value: string): boolean {
  const status = Number(value);
  return /^\d{3}$/.test(value) && status >= 200 && status <= 599;
}

export function validHeaderName(name: string): boolean {
  return name.startsWith(':') ? PSEUDO.test(name) : TOKEN.test(name);
}

export function validHeaderValue(value: string): boolean {
  return !/[\0\r\n]/.test(value);
}

/** A header's value: `raw_value` bytes when present, else `value`. Bytes map 1:1 to latin1, as node writes them. */
export function headerValue(header: HeaderValue): string {
  if (header.raw_value && header.raw_value.length > 0) return Buffer.from(header.raw_value).toString('latin1');
  return header.value ?? '';
}

export interface MutationContext {
  readonly rules: MutationRules;
  readonly append: HeaderAppendSemantics;
  /** Body modes where Envoy owns content-length (STREAMED, ...): set_headers for it are skipped. */
  readonly skipContentLength: boolean;
  /** CONTINUE_AND_REPLACE lets `:method` change. */
  readonly replacingMessage?: boolean;
}

/** Names of mutations that the rules made Envoy ignore. */
export interface MutationOutcome {
  readonly ignored: readonly string[];
}

/** Applies `mutation` to `headers` in place. Throws GatewayFailure (500) where Envoy rejects the answer. */
export function applyHeaderMutation(headers: HeaderList, mutation: HeaderMutation | null | undefined, ctx: MutationContext): MutationOutcome {
  const ignored: string[] = [];
  if (!mutation) return { ignored };
  for (const raw of mutation.remove_headers ?? []) {
    if (!validHeaderName(raw)) throw rejected('Invalid character in remove_headers mutation.');
    const name = raw.toLowerCase();
    const result = checkHeader(ctx.rules, 'remove', name);
    if (result === 'fail') throw rejected(`Invalid attempt to remove ${name}`);
    if (result === 'ignore') ignored.push(name);
    else headers.remove(name);
  }
  for (const option of mutation.set_headers ?? []) {
    if (!option.header) continue;
    const name = option.header.key.toLowerCase();
    if (ctx.skipContentLength && name === 'content-length') continue;
    const hasRaw = (option.header.raw_value?.length ?? 0) > 0;
    if (hasRaw && (option.header.value ?? '') !== '') throw rejected('Only one of value or raw_value in the HeaderValue message should be set.');
    const value = headerValue(option.header);
    if (!validHeaderName(option.header.key) || !validHeaderValue(value)) throw rejected('Invalid character in set_headers mutation.');
    const exists = headers.has(name);
    const action = appendAction(option, ctx.append);
    if ((action === 'ADD_IF_ABSENT' && exists) || (action === 'OVERWRITE_IF_EXISTS' && !exists)) continue;
    const append = action === 'APPEND_IF_EXISTS_OR_ADD' || action === 'ADD_IF_ABSENT';
    let result = checkHeader(ctx.rules, append && exists ? 'append' : 'set', name, value);
    if (ctx.replacingMessage && name === ':method') result = 'ok';
    if (result === 'fail') throw rejected(`Invalid attempt to modify ${name}`);
    if (result === 'ignore') {
      ignored.push(name);
      continue;
    }
    if (append) headers.add(name, value);
    else headers.set(name, value);
  }
  return { ignored };
}

type Action = 'APPEND_IF_EXISTS_OR_ADD' | 'ADD_IF_ABSENT' | 'OVERWRITE_IF_EXISTS_OR_ADD' | 'OVERWRITE_IF_EXISTS';

function appendAction(option: HeaderValueOption, semantics: HeaderAppendSemantics): Action {
  if (option.append && typeof option.append.value === 'boolean') {
    return option.append.value ? 'APPEND_IF_EXISTS_OR_ADD' : 'OVERWRITE_IF_EXISTS_OR_ADD';
  }
  if (semantics === 'envoy_legacy') return 'OVERWRITE_IF_EXISTS_OR_ADD';
  const action = option.append_action ?? 'APPEND_IF_EXISTS_OR_ADD';
  if (!['APPEND_IF_EXISTS_OR_ADD', 'ADD_IF_ABSENT', 'OVERWRITE_IF_EXISTS_OR_ADD', 'OVERWRITE_IF_EXISTS'].includes(action)) {
    throw rejected(`Invalid append_action value ${String(action)}`);
  }
  return action;
}

/** The bytes a body mutation leaves: replaced, cleared, or unchanged. */
export function mutatedBody(body: Buffer, mutation: BodyMutation | null | undefined): Buffer {
  if (!mutation) return body;
  if (mutation.mutation === 'body' || (mutation.mutation === undefined && mutation.body !== undefined && mutation.body !== null)) {
    return mutation.body ? Buffer.from(mutation.body) : Buffer.alloc(0);
  }
  if (mutation.mutation === 'clear_body' || mutation.clear_body !== undefined) return mutation.clear_body ? Buffer.alloc(0) : body;
  return body;
}

/**
 * Envoy (BUFFERED, headers sent): a body mutation is rejected with a 500 local reply when the headers, after the
 * same answer's header mutation, carry a content-length other than the mutated body's length (a clear, or a
 * mutation without a body, counts as length 0).
 */
export function checkContentLength(headers: HeaderList, mutation: BodyMutation): void {
  const declared = headers.get('content-length');
  if (declared === undefined || !/^\d+$/.test(declared.trim())) return;
  const length = mutation.mutation === 'body' || (mutation.mutation === undefined && mutation.body) ? (mutation.body?.length ?? 0) : 0;
  if (Number(declared.trim()) !== length) throw rejected('mismatch between content length and the length of the mutated body');
}

function rejected(details: string): ReturnType<typeof failure> {
  return failure(500, `The ext_proc answer was rejected: ${details}`, details);
}
