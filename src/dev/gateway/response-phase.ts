/**
 * The response side: response_headers (with `:status`) to the processor, its mutation and mode_override, then
 * the body per response_body_mode. NONE passes bytes through as they arrive, each chunk flushed (SSE must reach
 * the client token by token); STREAMED sends each chunk to the processor and forwards its answer; BUFFERED
 * collects the body, sends it once and checks content-length like the request side.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { runPhase } from './answers.js';
import type { GatewayRuntime, RequestContext } from './context.js';
import { HeaderList } from './header-list.js';
import { failure, writeLocalReply, type LocalReply } from './local-reply.js';
import { applyHeaderMutation, checkContentLength, mutatedBody } from './mutations.js';
import { isBuffered, ownsContentLength } from './request-phase.js';

/** What answers the client: the upstream's response, or a local reply that still passes the encoder filters. */
export interface ResponseSource {
  readonly headers: HeaderList;
  readonly body: AsyncIterable<Buffer> | Buffer;
  /** Abandons the source (destroys the upstream response). */
  discard(): void;
}

export function replySource(reply: LocalReply): ResponseSource {
  const headers = new HeaderList([[':status', String(reply.status)], ...reply.headers, ['content-length', String(reply.body.length)]]);
  return { headers, body: reply.body, discard: () => undefined };
}

export async function respond(ctx: RequestContext, runtime: GatewayRuntime, source: ResponseSource, res: ServerResponse): Promise<void> {
  const { headers } = source;
  const status = Number(headers.get(':status'));
  const noBody = ctx.method === 'HEAD' || status === 204 || status === 304 || headers.get('content-length') === '0';
  if (ctx.processor() && ctx.mode.response_header_mode !== 'SKIP') {
    const result = await runPhase(ctx, runtime, 'response_headers', { response_headers: { headers: headers.toProto(), end_of_stream: noBody } });
    if (result.kind === 'reply') {
      source.discard();
      writeLocalReply(res, ctx.localReply(result.reply));
      return;
    }
    if (result.common) applyResponseMutation(ctx, runtime, headers, result.common.header_mutation, ownsContentLength(ctx.mode.response_body_mode));
  }
  const mode = ctx.processor() && !noBody ? ctx.mode.response_body_mode : 'NONE';
  if (isBuffered(mode)) return bufferedResponse(ctx, runtime, source, res);
  if (mode === 'STREAMED') return streamedResponse(ctx, runtime, source, res);
  ctx.finishProcessing();
  writeHead(res, headers);
  await pipeBody(ctx, source.body, res, (chunk) => Promise.resolve(chunk));
}

function applyResponseMutation(
  ctx: RequestContext,
  runtime: GatewayRuntime,
  headers: HeaderList,
  mutation: Parameters<typeof applyHeaderMutation>[1],
  skipContentLength: boolean,
): void {
  const { ignored } = applyHeaderMutation(headers, mutation, { rules: runtime.options.mutationRules, append: runtime.options.headerAppend, skipContentLength });
  if (ignored.length > 0) ctx.log.debug({ ignored }, 'response header mutations ignored per mutation rules');
}

async function streamedResponse(ctx: RequestContext, runtime: GatewayRuntime, source: ResponseSource, res: ServerResponse): Promise<void> {
  source.headers.remove('content-length');
  writeHead(res, source.headers);
  const send = async (chunk: Buffer, endOfStream: boolean): Promise<Buffer> => {
    const result = await runPhase(ctx, runtime, 'response_body', { response_body: { body: chunk, end_of_stream: endOfStream } });
    // The headers are out: a reply can no longer be sent, so Envoy resets the stream.
    if (result.kind === 'reply') throw failure(500, 'immediate_response after the response started', 'ext_proc_immediate_response_after_headers');
    return mutatedBody(chunk, result.common?.body_mutation);
  };
  await pipeBody(ctx, source.body, res, (chunk) => send(chunk, false), () => send(Buffer.alloc(0), true));
  ctx.finishProcessing();
}

async function bufferedResponse(ctx: RequestContext, runtime: GatewayRuntime, source: ResponseSource, res: ServerResponse): Promise<void> {
  const body = Buffer.isBuffer(source.body) ? source.body : await collect(ctx, source, runtime.options.maxRequestBytes);
  const result = await runPhase(ctx, runtime, 'response_body', { response_body: { body, end_of_stream: true } });
  if (result.kind === 'reply') {
    writeLocalReply(res, ctx.localReply(result.reply));
    return;
  }
  let out = body;
  if (result.common) {
    applyResponseMutation(ctx, runtime, source.headers, result.common.header_mutation, false);
    if (result.common.body_mutation) {
      checkContentLength(source.headers, result.common.body_mutation);
      out = mutatedBody(body, result.common.body_mutation);
    }
  }
  ctx.finishProcessing();
  writeHead(res, source.headers);
  res.end(out);
}

async function collect(ctx: RequestContext, source: ResponseSource, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limit) {
      source.discard();
      throw failure(500, 'The response body exceeds the buffer limit.', 'response_payload_too_large', [], 'Internal Server Error');
    }
    chunks.push(chunk);
  }
  return ctx.guard(Promise.resolve(Buffer.concat(chunks)));
}

function writeHead(res: ServerResponse, headers: HeaderList): void {
  res.writeHead(Number(headers.get(':status')), headers.toOutgoing());
  // Send the status line and headers now: a streaming client must not wait for the first body byte.
  res.flushHeaders();
}

/** Forwards every chunk through `map` as it arrives, respecting the client's backpressure. */
async function pipeBody(
  ctx: RequestContext,
  body: AsyncIterable<Buffer> | Buffer,
  res: ServerResponse,
  map: (chunk: Buffer) => Promise<Buffer>,
  tail?: () => Promise<Buffer>,
): Promise<void> {
  const write = async (chunk: Buffer): Promise<void> => {
    if (chunk.length === 0) return;
    if (!res.write(chunk)) await ctx.guard(once(res, 'drain'));
  };
  if (Buffer.isBuffer(body)) await write(await map(body));
  else for await (const chunk of body) await write(await map(chunk));
  if (tail) await write(await tail());
  res.end();
}
