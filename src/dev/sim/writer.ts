/**
 * Writes simulated answers to the socket: JSON bodies and OpenAI SSE streams, with the chunk pacing, the
 * hold-back of the last chunk, and the body-level faults (reset mid-body, truncated stream, invalid JSON).
 */
import type { ServerResponse } from 'node:http';
import type { AnswerPlan } from './answer.js';

export interface BodyFaults {
  readonly resetAfterBytes?: number;
  readonly truncateSse?: boolean;
  readonly invalidJson?: boolean;
}

export interface WriteContext {
  readonly res: ServerResponse;
  /** Aborted when the client goes away: writing stops. */
  readonly signal: AbortSignal;
  readonly headers: Readonly<Record<string, string>>;
  readonly chunkDelayMs: number;
  readonly tokensPerChunk: number;
  readonly faults: BodyFaults;
  readonly hold: () => Promise<void>;
  /** Called just before a reset fault destroys the socket, so the log does not blame the client. */
  readonly onReset: () => void;
}

export const SSE_DONE = 'data: [DONE]\n\n';
const BROKEN_JSON = '{"id": "broken", "choices": [{"index": 0, "message": ';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Writes through a byte budget: once `resetAfterBytes` is reached the socket is destroyed mid-body. */
class BodySink {
  private written = 0;
  reset = false;
  constructor(private readonly ctx: WriteContext) {}

  write(text: string | Buffer): boolean {
    if (this.reset || this.ctx.signal.aborted) return false;
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const limit = this.ctx.faults.resetAfterBytes;
    if (limit !== undefined && this.written + data.length >= limit) {
      const head = data.subarray(0, Math.max(0, limit - this.written));
      if (head.length > 0) this.ctx.res.write(head);
      this.reset = true;
      this.ctx.onReset();
      // Let the partial bytes leave before the reset, so the client sees a body cut short, not a refused request.
      setImmediate(() => this.ctx.res.socket?.destroy());
      return false;
    }
    this.written += data.length;
    this.ctx.res.write(data);
    return true;
  }
}

export async function writeJson(ctx: WriteContext, status: number, payload: unknown): Promise<void> {
  await ctx.hold();
  if (ctx.signal.aborted) return;
  const text = ctx.faults.invalidJson && status < 400 ? BROKEN_JSON : JSON.stringify(payload);
  const body = Buffer.from(text, 'utf8');
  ctx.res.writeHead(status, { ...ctx.headers, 'content-type': 'application/json', 'content-length': String(body.length) });
  const sink = new BodySink(ctx);
  if (sink.write(body)) ctx.res.end();
}

/** The plan as SSE event payloads: role, content, tool calls, finish, optional usage. */
export function sseEvents(plan: AnswerPlan, includeUsage: boolean, tokensPerChunk: number): { events: string[]; lastContent: number } {
  const base = { id: plan.id, object: 'chat.completion.chunk', created: plan.created, model: plan.model, system_fingerprint: null };
  const usageField = includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null, logprobs: unknown = null): string =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs, finish_reason: finish }], ...usageField });

  const events = [chunk({ role: 'assistant', content: '' }, null)];
  const per = Math.max(1, tokensPerChunk);
  for (let i = 0; i < plan.tokens.length; i += per) {
    const logprobs = plan.logprobs ? { content: plan.logprobs.slice(i, i + per), refusal: null } : null;
    events.push(chunk({ content: plan.tokens.slice(i, i + per).join('') }, null, logprobs));
  }
  const lastContent = events.length - 1;
  plan.toolCalls.forEach((call, index) => {
    events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }, null));
    events.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }, null));
  });
  events.push(chunk({}, plan.finishReason));
  if (includeUsage) events.push(JSON.stringify({ ...base, choices: [], usage: plan.usage }));
  return { events, lastContent };
}

export async function writeSse(ctx: WriteContext, plan: AnswerPlan, includeUsage: boolean): Promise<void> {
  const { events, lastContent } = sseEvents(plan, includeUsage, ctx.tokensPerChunk);
  // With no content the "last chunk" held back is the finish chunk.
  const holdAt = lastContent > 0 ? lastContent : events.length - (includeUsage ? 2 : 1);
  await writeSseEvents(ctx, events, holdAt, lastContent);
}

/**
 * Streams SSE events paced by chunkDelayMs, holding back event `holdAt` until ctx.hold() settles. With the
 * truncate fault the stream ends cleanly after half the content events, without `data: [DONE]`.
 */
export async function writeSseEvents(ctx: WriteContext, events: readonly string[], holdAt: number, lastContent: number): Promise<void> {
  const stopAt = ctx.faults.truncateSse ? Math.max(1, Math.ceil((lastContent + 1) / 2)) : events.length;
  ctx.res.writeHead(200, { ...ctx.headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  ctx.res.flushHeaders();
  const sink = new BodySink(ctx);
  for (let i = 0; i < stopAt; i++) {
    if (i > 0) await sleep(ctx.chunkDelayMs, ctx.signal);
    if (i === holdAt) await ctx.hold();
    const data = ctx.faults.invalidJson && i === 1 ? BROKEN_JSON : events[i];
    if (!sink.write(`data: ${data}\n\n`)) return;
  }
  if (!ctx.faults.truncateSse && !sink.write(SSE_DONE)) return;
  ctx.res.end();
}
