/**
 * The Backends contract: the only way recipes reach a model. An implementation talks HTTP (http.ts) or is
 * scripted (fakes in tests); recipes cannot tell the difference.
 */
import type { ChatCompletion, ChatCompletionRequest, TokenLogprob, ToolCall, Usage } from '../openai/types.js';

export interface CallOptions {
  /** Aborting it aborts the HTTP request; the promise rejects with BackendError kind 'aborted'. */
  readonly signal?: AbortSignal;
  /** Propagated as x-request-id. */
  readonly requestId?: string;
  /** Propagated as traceparent (W3C trace context). */
  readonly traceparent?: string;
  /** Overrides the model's configured per-call timeout. */
  readonly timeoutMs?: number;
  /**
   * Called before every HTTP attempt (the first and each retry), so a budget can count and refuse each one.
   * Throwing stops the call: the promise rejects with what was thrown, and no request is sent.
   * `attempt` counts from 1 (the first request), 2 for the first retry, and so on.
   */
  readonly beforeAttempt?: (attempt: number) => void;
}

/** One finished, non-streaming call. `model` is the Consilium model name (config key), not the provider id. */
export interface Completion {
  readonly model: string;
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
  /** Token logprobs when the request asked for them and the backend returned them. */
  readonly logprobs: readonly TokenLogprob[] | null;
  readonly usage: Usage;
  readonly latencyMs: number;
  /** How many HTTP requests this completion took (retries included). Budgets count each. */
  readonly attempts: number;
  readonly raw: ChatCompletion;
}

export interface Backends {
  /**
   * Sends `request` to `model` (a configured model name). The request's `model` field is replaced with the
   * provider model id and `stream` is forced off. Rejects with BackendError; never resolves with an error body.
   */
  complete(model: string, request: ChatCompletionRequest, options?: CallOptions): Promise<Completion>;
}
