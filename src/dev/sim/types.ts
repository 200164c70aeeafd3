/**
 * The simulated OpenAI backend's public shapes: options, the pluggable responder, faults and the request log.
 */
import type { TokenLogprob } from '../../openai/types.js';

/** What a responder sees of one request. `body` is the parsed JSON body. */
export interface ResponderRequest {
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly path: string;
}

export interface SimToolCall {
  readonly name: string;
  /** A JSON string, or an object that is serialised. */
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/** How the backend answers one request. Every field is optional; unset fields take the default answer's. */
export interface ResponderResult {
  readonly content?: string | null;
  /** Used only when the request declares `tools` (a real model cannot call tools it was not given). */
  readonly toolCalls?: readonly SimToolCall[];
  /** A mean token logprob (≤ 0) to synthesise per-token logprobs around, or the explicit token logprobs. */
  readonly logprobs?: number | readonly TokenLogprob[];
  readonly finishReason?: string;
  /** Extra delay before the first byte, added to `latencyMs`. */
  readonly delayMs?: number;
}

export type Responder = (request: ResponderRequest) => ResponderResult | Promise<ResponderResult>;

/**
 * Faults, settable at runtime. Rates are drawn from the backend's seeded RNG, so a sequence of requests sees
 * the same faults on every run. `times` limits the faults to the next N requests, after which they clear.
 */
export interface SimFaults {
  /** Fraction in [0, 1] of requests answered 500. */
  readonly errorRate?: number;
  /** Answer every request with this status and an OpenAI error body (e.g. 429). */
  readonly status?: number;
  /** Sent as `retry-after` with `status`. */
  readonly retryAfterSeconds?: number;
  /** Never answer; the request ends only when the client aborts (or the backend closes). */
  readonly hang?: boolean;
  /** Extra delay before the status line. */
  readonly firstByteDelayMs?: number;
  /** Destroy the socket after this many body bytes (headers already sent). */
  readonly resetAfterBytes?: number;
  /** SSE: end the stream cleanly halfway, without the finish chunk and `data: [DONE]`. */
  readonly truncateSse?: boolean;
  /** Send a 200 whose JSON (or SSE event data) does not parse. */
  readonly invalidJson?: boolean;
  /** Apply to the next N API requests only. */
  readonly times?: number;
}

export interface RecordedRequest {
  /** Sequence number in this backend, from 1. */
  readonly seq: number;
  readonly backend: string;
  readonly requestId: string | undefined;
  readonly method: string;
  readonly path: string;
  /** Lower-case names; repeated headers keep every value. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** Parsed JSON body, the raw text when it does not parse, or undefined when empty. */
  readonly body: unknown;
  readonly startedAt: number;
  readonly endedAt: number | undefined;
  readonly status: number | undefined;
  /** The client closed the connection before the response ended. */
  readonly aborted: boolean;
  /** The faults applied to this request (empty when none). */
  readonly faults: readonly string[];
}

export interface SimBackendOptions {
  /** Shown in default answers (`[name] You said: ...`) and the `x-sim-backend` response header. */
  readonly name?: string;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Also serve the API under this prefix, e.g. '/openai' → '/openai/v1/chat/completions'. */
  readonly basePath?: string;
  /** Model ids listed by GET /v1/models (default [name]). */
  readonly models?: readonly string[];
  readonly respond?: Responder;
  /** Delay before the status line. */
  readonly latencyMs?: number;
  /** Delay between SSE chunks. */
  readonly chunkDelayMs?: number;
  /** Content tokens per SSE chunk (default 1). */
  readonly tokensPerChunk?: number;
  readonly faults?: SimFaults;
  readonly seed?: number;
  /** Embedding width when the request gives no `dimensions` (default 16). */
  readonly embeddingDimensions?: number;
  /**
   * Holds back the LAST content chunk of a stream (and the whole body of a JSON answer) until the returned
   * promise settles: lets a test observe that earlier chunks reached the client first.
   */
  readonly holdUntil?: (request: RecordedRequest) => Promise<void>;
}

export interface SimBackend {
  readonly name: string;
  /** http://host:port (no base path). */
  readonly url: string;
  readonly port: number;
  /** url + basePath + '/v1': what an OpenAI client takes as baseURL. */
  readonly baseURL: string;
  setFaults(faults: SimFaults): void;
  faults(): SimFaults;
  setResponder(respond: Responder | undefined): void;
  setHoldUntil(hold: SimBackendOptions['holdUntil']): void;
  requests(): RecordedRequest[];
  requestsFor(requestId: string): RecordedRequest[];
  /** Resolves once a request with this x-request-id has ended (answered, reset or aborted). */
  whenEnded(requestId: string): Promise<RecordedRequest>;
  clear(): void;
  close(): Promise<void>;
}
