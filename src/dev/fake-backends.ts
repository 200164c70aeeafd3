/**
 * A scripted Backends for unit tests and benches: per-model replies (content, tool calls, logprobs, usage,
 * latency, failures, failed attempts before success), honouring the Backends contract (beforeAttempt before
 * every attempt, AbortSignal rejects with BackendError 'aborted', per-call timeout). It records every call
 * with its request and whether its AbortSignal fired. Latency uses real timers unless a FakeClock is given.
 */
import type { Backends, CallOptions, Completion } from '../backends/types.js';
import { BackendError } from '../errors/index.js';
import { estimatePromptTokens, estimateTextTokens } from '../openai/tokens.js';
import type { ChatCompletion, ChatCompletionRequest, TokenLogprob, ToolCall, Usage } from '../openai/types.js';

export interface FakeReply {
  /** Answer text; default "ok". */
  readonly content?: string | null;
  readonly toolCalls?: readonly ToolCall[];
  readonly finishReason?: string;
  /** Returned when the request asks for logprobs. */
  readonly logprobs?: readonly TokenLogprob[];
  /** Shorthand for logprobs: every token at this probability (see logprobsFor). */
  readonly confidence?: number;
  /** Default: prompt estimated from the request, completion from the content. */
  readonly usage?: Partial<Usage>;
  readonly latencyMs?: number;
  /** Fail the call instead of answering (after the latency). */
  readonly error?: { readonly kind: BackendError['kind']; readonly status?: number; readonly message?: string };
  /** Attempts that fail (like 5xx retried by the HTTP client) before this reply; each calls beforeAttempt. */
  readonly failedAttempts?: number;
}

/** One reply, a sequence (the last repeats), or a function of the request and the model's call number. */
export type FakeScript = FakeReply | readonly FakeReply[] | ((request: ChatCompletionRequest, call: number) => FakeReply);

export interface FakeCall {
  /** Order across all models. */
  readonly index: number;
  readonly model: string;
  readonly request: ChatCompletionRequest;
  readonly options: CallOptions;
  /** The call's AbortSignal fired while it was pending (or was aborted already). */
  aborted: boolean;
  /** beforeAttempt calls that went through. */
  attempts: number;
  status: 'pending' | 'ok' | 'error' | 'aborted' | 'refused' | 'timeout';
}

export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves time forward, waking sleepers that are due. */
  advance(ms: number): Promise<void>;
}

export interface FakeBackendsOptions {
  readonly models: Readonly<Record<string, FakeScript>>;
  /** Script for models without one; unset → such calls fail with BackendError 'connect'. */
  readonly fallback?: FakeScript;
  readonly clock?: FakeClock;
}

export class FakeBackends implements Backends {
  readonly calls: FakeCall[] = [];
  private readonly options: FakeBackendsOptions;
  private readonly perModel = new Map<string, number>();

  constructor(options: FakeBackendsOptions) {
    this.options = options;
  }

  callsTo(model: string): FakeCall[] {
    return this.calls.filter((c) => c.model === model);
  }

  async complete(model: string, request: ChatCompletionRequest, options: CallOptions = {}): Promise<Completion> {
    const call: FakeCall = { index: this.calls.length, model, request, options, aborted: false, attempts: 0, status: 'pending' };
    this.calls.push(call);
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) call.aborted = true;
      else signal.addEventListener('abort', () => (call.aborted = call.aborted || call.status === 'pending'), { once: true });
    }
    const fail = (status: FakeCall['status'], error: unknown): never => {
      call.status = status;
      throw error;
    };
    if (signal?.aborted) fail('aborted', new BackendError(model, 'aborted', `call to ${model} aborted`));
    const script = this.options.models[model] ?? this.options.fallback;
    if (!script) fail('error', new BackendError(model, 'connect', `fake backend has no script for ${model}`));
    const n = this.perModel.get(model) ?? 0;
    this.perModel.set(model, n + 1);
    const reply = pick(script as FakeScript, request, n);

    for (let attempt = 1; attempt <= (reply.failedAttempts ?? 0) + 1; attempt++) {
      try {
        options.beforeAttempt?.(attempt);
      } catch (error) {
        fail('refused', error);
      }
      call.attempts = attempt;
    }
    const latency = reply.latencyMs ?? 0;
    const timeout = options.timeoutMs;
    try {
      await this.sleep(timeout !== undefined ? Math.min(latency, timeout) : latency, signal);
    } catch {
      fail('aborted', new BackendError(model, 'aborted', `call to ${model} aborted`));
    }
    if (timeout !== undefined && latency > timeout) fail('timeout', new BackendError(model, 'timeout', `call to ${model} timed out after ${timeout} ms`));
    if (reply.error) {
      const { kind, status, message } = reply.error;
      fail('error', new BackendError(model, kind, message ?? `fake ${kind} from ${model}`, status !== undefined ? { upstreamStatus: status } : {}));
    }
    call.status = 'ok';
    return completionOf(model, request, reply, call, latency);
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.options.clock ? this.options.clock.sleep(ms, signal) : realSleep(ms, signal);
  }
}

export function createFakeBackends(options: FakeBackendsOptions): FakeBackends {
  return new FakeBackends(options);
}

function pick(script: FakeScript, request: ChatCompletionRequest, n: number): FakeReply {
  if (typeof script === 'function') return script(request, n);
  if (Array.isArray(script)) return (script[Math.min(n, script.length - 1)] ?? {}) as FakeReply;
  return script as FakeReply;
}

function completionOf(model: string, request: ChatCompletionRequest, reply: FakeReply, call: FakeCall, latencyMs: number): Completion {
  const content = reply.content === undefined ? 'ok' : reply.content;
  const prompt = reply.usage?.prompt_tokens ?? estimatePromptTokens(request);
  const completion = reply.usage?.completion_tokens ?? estimateTextTokens(content ?? JSON.stringify(reply.toolCalls ?? []));
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: reply.usage?.total_tokens ?? prompt + completion };
  const logprobs = request.logprobs === true ? (reply.logprobs ?? (reply.confidence !== undefined ? logprobsFor(content ?? '', reply.confidence, request.top_logprobs ?? 0) : null)) : null;
  const toolCalls = reply.toolCalls ?? [];
  const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
  const raw: ChatCompletion = {
    id: `chatcmpl-fake-${call.index}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
        finish_reason: finishReason,
        logprobs: logprobs ? { content: logprobs } : null,
      },
    ],
    usage,
  };
  return { model, content, toolCalls, finishReason, logprobs, usage, latencyMs, attempts: call.attempts, raw };
}

/**
 * Token logprobs for `text` (whitespace tokens) where every token has probability `p`; with `top` ≥ 2 the
 * runner-up gets 1 − p, so the top-1/top-2 margin is 2p − 1.
 */
export function logprobsFor(text: string, p: number, top = 0): TokenLogprob[] {
  const tokens = text.split(/(?<=\s)/).filter((t) => t.length > 0);
  return (tokens.length > 0 ? tokens : ['']).map((token) => {
    const alternatives = [
      { token, logprob: Math.log(p) },
      { token: '<alt>', logprob: Math.log(Math.max(1e-9, 1 - p)) },
    ];
    return { token, logprob: Math.log(p), top_logprobs: alternatives.slice(0, top) };
  });
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A manual clock: sleeps resolve only when advance() passes their wake time. */
export function createFakeClock(start = 0): FakeClock {
  let now = start;
  const sleepers: { wake: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper = { wake: now + ms, resolve };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          const i = sleepers.indexOf(sleeper);
          if (i !== -1) sleepers.splice(i, 1);
          reject(signal.reason);
        }, { once: true });
      });
    },
    async advance(ms) {
      now += ms;
      for (const sleeper of sleepers.filter((s) => s.wake <= now).sort((a, b) => a.wake - b.wake)) {
        sleepers.splice(sleepers.indexOf(sleeper), 1);
        sleeper.resolve();
        await Promise.resolve();
      }
      await new Promise((r) => setImmediate(r));
    },
  };
}
