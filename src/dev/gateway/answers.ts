/**
 * One phase of the ext_proc conversation as Envoy runs it: send the message, wait for the answer, then judge it.
 * mode_override counts only in an answer to a headers message; an answer for another phase is a protocol error
 * (500 unless failure_mode_allow); immediate_response ends the exchange with the processor's reply; dynamic
 * metadata is kept only under the receiving namespaces; clear_route_cache counts only with a header mutation.
 */
import type { CommonResponse, ImmediateResponse, ProcessingRequest, ProcessingResponse, RequestPhase } from '../../extproc/messages.js';
import type { GatewayRuntime, RequestContext } from './context.js';
import { HeaderList } from './header-list.js';
import { failure, type LocalReply } from './local-reply.js';
import { applyHeaderMutation } from './mutations.js';
import { statusNumber, structToPlain } from './proto-values.js';

export type PhaseResult =
  /** `common` is null when no processor took part (none configured, or the stream closed). */
  | { readonly kind: 'continue'; readonly common: CommonResponse | null }
  | { readonly kind: 'reply'; readonly reply: LocalReply };

const CONTINUE_WITHOUT: PhaseResult = Object.freeze({ kind: 'continue', common: null });

type AnsweredPhase = 'request_headers' | 'request_body' | 'response_headers' | 'response_body';

export async function runPhase(ctx: RequestContext, runtime: GatewayRuntime, phase: AnsweredPhase, message: ProcessingRequest): Promise<PhaseResult> {
  const processor = ctx.processor();
  if (!processor) return CONTINUE_WITHOUT;
  const outcome = await ctx.guard(processor.exchange(message));
  if (outcome.kind === 'closed') return CONTINUE_WITHOUT;
  const response = outcome.response;
  const options = runtime.options;
  const headersPhase = phase === 'request_headers' || phase === 'response_headers';
  if (response.mode_override) {
    if (options.allowModeOverride && headersPhase) ctx.applyModeOverride(response.mode_override);
    else ctx.log.debug({ phase }, 'mode_override ignored');
  }
  const answered = answeredPhase(response);
  if (answered === 'immediate_response' && response.immediate_response) {
    keepMetadata(ctx, runtime, response);
    processor.finish();
    return { kind: 'reply', reply: immediateReply(response.immediate_response, runtime) };
  }
  if (answered !== phase) {
    ctx.log.warn({ expected: phase, got: answered ?? 'nothing' }, 'spurious ext_proc answer');
    processor.cancel();
    if (options.failureModeAllow) return CONTINUE_WITHOUT;
    throw failure(500, 'The request processor answered out of order.', 'ext_proc_error_spurious_message');
  }
  keepMetadata(ctx, runtime, response);
  const body = response[phase] as { response?: CommonResponse | null } | null | undefined;
  return { kind: 'continue', common: body?.response ?? {} };
}

function answeredPhase(response: ProcessingResponse): RequestPhase | 'immediate_response' | undefined {
  if (response.response) return response.response as RequestPhase | 'immediate_response';
  const phases = ['request_headers', 'request_body', 'response_headers', 'response_body', 'request_trailers', 'response_trailers', 'immediate_response'] as const;
  return phases.find((name) => response[name] !== undefined && response[name] !== null);
}

/** Envoy honours clear_route_cache only in an answer that also mutates headers (and per route_cache_action). */
export function noteRouteCache(ctx: RequestContext, runtime: GatewayRuntime, common: CommonResponse): void {
  const action = runtime.options.routeCacheAction;
  if (!common.header_mutation || action === 'RETAIN') return;
  if (action === 'CLEAR' || common.clear_route_cache === true) ctx.clearRouteCache();
}

/** The processor's ImmediateResponse as the local reply Envoy sends (status < 200 or unset becomes 200). */
export function immediateReply(response: ImmediateResponse, runtime: GatewayRuntime): LocalReply {
  const code = statusNumber(response.status?.code);
  const status = code === undefined || code < 200 ? 200 : code;
  const headers = new HeaderList();
  try {
    applyHeaderMutation(headers, response.headers, { rules: runtime.options.mutationRules, append: runtime.options.headerAppend, skipContentLength: false });
  } catch (error) {
    // Envoy logs a rejected immediate-response mutation and still sends the reply.
    runtime.logger.warn({ err: error }, 'immediate_response header mutation rejected');
  }
  const body = response.body ? Buffer.from(response.body) : Buffer.alloc(0);
  if (body.length > 0 && !headers.has('content-type')) headers.set('content-type', 'text/plain');
  headers.remove('content-length');
  return { status, headers: headers.snapshot(), body, details: response.details || 'ext_proc_immediate_response', flags: [], origin: 'processor' };
}

function keepMetadata(ctx: RequestContext, runtime: GatewayRuntime, response: ProcessingResponse): void {
  if (!response.dynamic_metadata) return;
  const received = structToPlain(response.dynamic_metadata);
  const kept: Record<string, unknown> = {};
  for (const [namespace, value] of Object.entries(received)) {
    if (runtime.options.receivingNamespaces.includes(namespace)) kept[namespace] = value;
    else ctx.log.debug({ namespace }, 'dynamic_metadata namespace not receiving: dropped');
  }
  if (Object.keys(kept).length === 0) return;
  for (const [namespace, value] of Object.entries(kept)) {
    const previous = ctx.metadata[namespace];
    ctx.metadata[namespace] = isRecord(previous) && isRecord(value) ? { ...previous, ...value } : value;
  }
  ctx.log.info({ dynamic_metadata: kept }, 'dynamic metadata');
  runtime.options.onDynamicMetadata?.(ctx.requestId, kept);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
