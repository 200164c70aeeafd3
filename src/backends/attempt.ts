/**
 * One HTTP attempt against one endpoint, turned into either a parsed answer or a classified BackendError
 * (with the facts the retry loop needs: whether retrying can help, whether it counts toward cooldown, and
 * what retry-after asked for).
 */
import { BackendError } from '../errors/index.js';
import type { ChatCompletionRequest } from '../openai/types.js';
import type { CallScope } from './deadline.js';
import { parseAnswer, upstreamErrorMessage, InvalidAnswer, type ParsedAnswer } from './parse.js';
import { isRetryableStatus, parseRetryAfterMs } from './retry.js';
import type { Transport } from './transport.js';

export interface AttemptInput {
  readonly model: string;
  readonly origin: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly request: ChatCompletionRequest;
  readonly apiKey: string | undefined;
  readonly scope: CallScope;
  readonly timeoutMs: number;
}

export type AttemptResult =
  | { readonly ok: true; readonly answer: ParsedAnswer; readonly status: number; readonly latencyMs: number }
  | {
      readonly ok: false;
      readonly error: BackendError;
      readonly status: number | undefined;
      readonly latencyMs: number;
      readonly retryable: boolean;
      /** Connect errors, 5xx and timeouts count toward an endpoint's cooldown; 4xx, 429 and aborts do not. */
      readonly countsAsFailure: boolean;
      readonly retryAfterMs: number | undefined;
    };

export async function attempt(transport: Transport, input: AttemptInput): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  let response;
  try {
    response = await transport.send({ origin: input.origin, path: input.path, headers: input.headers, body: input.body, signal: input.scope.signal });
  } catch (cause) {
    return failure(transportError(input, cause), undefined, elapsed());
  }
  const latencyMs = elapsed();
  const { status } = response;
  if (status < 200 || status >= 300) {
    const retryAfterMs = parseRetryAfterMs(response.header('retry-after'));
    const message = upstreamErrorMessage(response.truncated ? '' : response.body, input.apiKey);
    const error = new BackendError(input.model, 'http', `backend ${input.model} answered HTTP ${status}: ${message}`, {
      upstreamStatus: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
    });
    return { ok: false, error, status, latencyMs, retryable: isRetryableStatus(status), countsAsFailure: status >= 500, retryAfterMs };
  }
  if (response.truncated) return invalid(input.model, 'the answer exceeds the response size limit', status, latencyMs);
  const answer = parseAnswer(response.body, input.request);
  if (answer instanceof InvalidAnswer) return invalid(input.model, answer.reason, status, latencyMs, answer.garbled);
  return { ok: true, answer, status, latencyMs };
}

function transportError(input: AttemptInput, cause: unknown): BackendError {
  if (input.scope.reason === 'aborted') return new BackendError(input.model, 'aborted', `call to ${input.model} was aborted`, { cause });
  if (input.scope.reason === 'timeout') {
    return new BackendError(input.model, 'timeout', `backend ${input.model} did not answer within ${input.timeoutMs} ms`, { cause });
  }
  return new BackendError(input.model, 'connect', `backend ${input.model} is unreachable (${errorCode(cause)})`, { cause });
}

function failure(error: BackendError, status: number | undefined, latencyMs: number): AttemptResult {
  const retryable = error.kind === 'connect';
  const countsAsFailure = error.kind === 'connect' || error.kind === 'timeout';
  return { ok: false, error, status, latencyMs, retryable, countsAsFailure, retryAfterMs: undefined };
}

/** A garbled body (not JSON: cut short or corrupted) is retried like a 5xx; a well-formed wrong answer is not. */
function invalid(model: string, reason: string, status: number, latencyMs: number, garbled = false): AttemptResult {
  const error = new BackendError(model, 'invalid_response', `backend ${model} sent an invalid answer: ${reason}`);
  return { ok: false, error, status, latencyMs, retryable: garbled, countsAsFailure: false, retryAfterMs: undefined };
}

/** A short, host-free label for a network failure (ECONNREFUSED, UND_ERR_SOCKET, ...). */
function errorCode(cause: unknown): string {
  for (let current: unknown = cause, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return cause instanceof Error ? cause.name : 'network error';
}
