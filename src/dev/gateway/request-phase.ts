/**
 * The request side of the ext_proc conversation: request_headers, then the body per request_body_mode. BUFFERED
 * holds the headers until the body answer, so that answer may still mutate headers, change the route and must
 * keep content-length true; NONE and STREAMED release the headers (and fix the route) after the headers answer.
 */
import type { BodySendMode, CommonResponse } from '../../extproc/messages.js';
import { noteRouteCache, runPhase } from './answers.js';
import type { BodyReader } from './body-reader.js';
import type { GatewayRuntime, RequestContext } from './context.js';
import type { LocalReply } from './local-reply.js';
import { applyHeaderMutation, checkContentLength, mutatedBody } from './mutations.js';

export type RequestOutcome = { readonly kind: 'reply'; readonly reply: LocalReply } | { readonly kind: 'forward'; readonly body: Buffer | null };

export function isBuffered(mode: BodySendMode): boolean {
  return mode === 'BUFFERED' || mode === 'BUFFERED_PARTIAL';
}

/** Envoy owns content-length in these body modes: it removes the header and skips processor writes to it. */
export function ownsContentLength(mode: BodySendMode): boolean {
  return mode === 'STREAMED' || mode === 'BUFFERED_PARTIAL';
}

export async function processRequest(ctx: RequestContext, runtime: GatewayRuntime, reader: BodyReader): Promise<RequestOutcome> {
  if (ctx.mode.request_header_mode !== 'SKIP') {
    const result = await runPhase(ctx, runtime, 'request_headers', {
      request_headers: { headers: ctx.headers.toProto(), end_of_stream: reader.empty },
    });
    if (result.kind === 'reply') return result;
    // A mode override may have switched buffering on for bytes already received.
    reader.check();
    if (result.common) {
      applyRequestCommon(ctx, runtime, result.common, ownsContentLength(ctx.mode.request_body_mode));
      if (result.common.status === 'CONTINUE_AND_REPLACE') return replaceMessage(ctx, reader, result.common);
    }
  }
  if (reader.empty) return { kind: 'forward', body: null };
  const mode: BodySendMode = ctx.processor() ? ctx.mode.request_body_mode : 'NONE';
  if (isBuffered(mode)) return bufferedBody(ctx, runtime, reader);
  // Headers go upstream now: the route is settled before any body answer.
  ctx.settleRoute();
  if (mode === 'STREAMED') return streamedBody(ctx, runtime, reader);
  return { kind: 'forward', body: await ctx.guard(reader.body()) };
}

function applyRequestCommon(ctx: RequestContext, runtime: GatewayRuntime, common: CommonResponse, skipContentLength: boolean): void {
  const { ignored } = applyHeaderMutation(ctx.headers, common.header_mutation, {
    rules: runtime.options.mutationRules,
    append: runtime.options.headerAppend,
    skipContentLength,
    replacingMessage: common.status === 'CONTINUE_AND_REPLACE',
  });
  if (ignored.length > 0) ctx.log.debug({ ignored }, 'header mutations ignored per mutation rules');
  noteRouteCache(ctx, runtime, common);
}

/** CONTINUE_AND_REPLACE in a headers answer: the body is replaced (content-length dropped), no body phase follows. */
async function replaceMessage(ctx: RequestContext, reader: BodyReader, common: CommonResponse): Promise<RequestOutcome> {
  ctx.settleRoute();
  const original = reader.empty ? Buffer.alloc(0) : await ctx.guard(reader.body());
  if (!common.body_mutation) return { kind: 'forward', body: reader.empty ? null : original };
  ctx.headers.remove('content-length');
  return { kind: 'forward', body: mutatedBody(original, common.body_mutation) };
}

async function bufferedBody(ctx: RequestContext, runtime: GatewayRuntime, reader: BodyReader): Promise<RequestOutcome> {
  const body = await ctx.guard(reader.body());
  const result = await runPhase(ctx, runtime, 'request_body', { request_body: { body, end_of_stream: true } });
  if (result.kind === 'reply') return result;
  if (!result.common) return { kind: 'forward', body };
  applyRequestCommon(ctx, runtime, result.common, false);
  const mutation = result.common.body_mutation;
  if (!mutation) return { kind: 'forward', body };
  checkContentLength(ctx.headers, mutation);
  return { kind: 'forward', body: mutatedBody(body, mutation) };
}

/** Each received chunk goes to the processor in order; header mutations in body answers come too late to apply. */
async function streamedBody(ctx: RequestContext, runtime: GatewayRuntime, reader: BodyReader): Promise<RequestOutcome> {
  ctx.headers.remove('content-length');
  await ctx.guard(reader.body());
  const out: Buffer[] = [];
  const chunks = [...reader.chunks, Buffer.alloc(0)];
  for (const [index, chunk] of chunks.entries()) {
    const result = await runPhase(ctx, runtime, 'request_body', { request_body: { body: chunk, end_of_stream: index === chunks.length - 1 } });
    if (result.kind === 'reply') return result;
    out.push(mutatedBody(chunk, result.common?.body_mutation));
  }
  return { kind: 'forward', body: Buffer.concat(out) };
}
