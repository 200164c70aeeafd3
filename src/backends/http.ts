/**
 * The OpenAI-compatible HTTP Backends: per model, round robin over its endpoints with keep-alive pools,
 * per-call deadline and AbortSignal, retries with jittered backoff (connect errors, 429, 5xx, a 200 whose body
 * is not JSON; retry-after honoured), and cooldown of endpoints that keep failing.
 *
 * Contract details callers rely on:
 * - `timeoutMs` bounds the whole call, retries and backoff included. A retry whose wait (backoff or
 *   retry-after) would not leave time before the deadline is not attempted; the last error is thrown instead.
 * - `beforeAttempt(n)` (n = 1, 2, ...) runs right before each HTTP request; a call refused by cooldown or
 *   aborted before sending never calls it. `Completion.attempts` is the number of HTTP requests sent.
 * - `Completion.latencyMs` is the latency of the successful attempt; the 'call' event carries the whole call.
 * - A cooled model/endpoint fails fast with kind 'cooldown' (no request, retryAfterSeconds = time left).
 */
import type { ModelConfig } from '../config/types.js';
import { BackendError } from '../errors/index.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { ChatCompletionRequest, Usage } from '../openai/types.js';
import { apiKeySource, type ApiKeySource } from './api-key.js';
import { attempt, type AttemptResult } from './attempt.js';
import { CallScope } from './deadline.js';
import { EndpointRing, type EndpointState } from './endpoints.js';
import { resolveOptions, type BackendCallEvent, type CallOutcome, type HttpBackendsOptions, type ResolvedOptions } from './http-options.js';
import { backoffDelayMs } from './retry.js';
import { fetchTransport, poolTransport, type Transport } from './transport.js';
import type { Backends, CallOptions, Completion } from './types.js';
import { attemptHeaders, chatCompletionsPath, providerBody } from './wire.js';

export type { BackendCallEvent, HttpBackendsOptions } from './http-options.js';

export interface HttpBackends extends Backends {
  /** The model's current API key (the one calls send), or undefined; routed requests use it too. */
  apiKey(model: string): string | undefined;
  /** Closes every pooled connection and stops key-file polling; later calls fail with kind 'connect'. */
  close(): Promise<void>;
}

interface ModelRuntime {
  readonly config: ModelConfig;
  readonly ring: EndpointRing;
  readonly key: ApiKeySource;
  readonly path: string;
}

export function createHttpBackends(config: { readonly models: ReadonlyMap<string, ModelConfig> }, options: HttpBackendsOptions = {}): HttpBackends {
  const resolved = resolveOptions(options);
  const logger = (options.logger ?? silentLogger()).child({ component: 'backends' });
  const transport: Transport = options.fetchImpl
    ? fetchTransport(options.fetchImpl, resolved.maxResponseBytes)
    : poolTransport({
        maxResponseBytes: resolved.maxResponseBytes,
        keepAliveTimeoutMs: resolved.keepAliveTimeoutMs,
        ...(options.connectionsPerEndpoint === undefined ? {} : { connectionsPerOrigin: options.connectionsPerEndpoint }),
      });
  const runtimes = new Map<string, ModelRuntime>();
  for (const [name, model] of config.models) {
    const key = apiKeySource(model, {
      filePollMs: resolved.apiKeyFilePollMs,
      ...(options.env ? { env: options.env } : {}),
      onReloadError: (error) => logger.warn({ model: name, err: error }, 'api key file re-read failed; keeping the previous key'),
    });
    runtimes.set(name, { config: model, ring: new EndpointRing(model.endpoints, resolved.cooldown), key, path: chatCompletionsPath(model) });
  }
  const emit = (event: BackendCallEvent): void => {
    try {
      options.onCall?.(event);
    } catch (error) {
      logger.debug({ err: error }, 'onCall hook threw');
    }
  };
  let closed = false;

  return {
    async complete(modelName, request, callOptions = {}) {
      const runtime = runtimes.get(modelName);
      if (!runtime || closed) {
        throw new BackendError(modelName, 'connect', closed ? 'backends are closed' : `model ${modelName} is not configured`);
      }
      return runCall(runtime, request, callOptions, { transport, resolved, logger, emit });
    },
    apiKey(modelName) {
      return runtimes.get(modelName)?.key.current();
    },
    async close() {
      closed = true;
      for (const runtime of runtimes.values()) runtime.key.close();
      await transport.close();
    },
  };
}

interface CallDeps {
  readonly transport: Transport;
  readonly resolved: ResolvedOptions;
  readonly logger: Logger;
  readonly emit: (event: BackendCallEvent) => void;
}

async function runCall(runtime: ModelRuntime, request: ChatCompletionRequest, options: CallOptions, deps: CallDeps): Promise<Completion> {
  const model = runtime.config;
  const timeoutMs = options.timeoutMs ?? model.timeoutMs;
  const scope = new CallScope(timeoutMs, options.signal);
  const callStarted = performance.now();
  const body = providerBody(model, request);
  let sent = 0;
  let refused = false;
  let lastStatus: number | undefined;
  let endpoint: EndpointState | undefined;
  const finish = (outcome: CallOutcome, status: number | undefined, usage: Usage | undefined): void =>
    deps.emit({ phase: 'call', model: model.name, endpoint: endpoint?.origin, attempt: sent, outcome, status, latencyMs: performance.now() - callStarted, usage });

  try {
    let last: Extract<AttemptResult, { ok: false }> | undefined;
    for (;;) {
      if (scope.reason !== undefined) throw scopeError(model.name, scope.reason, timeoutMs);
      const next = runtime.ring.next();
      if (!next) throw last?.error ?? cooldownError(model.name, runtime.ring);
      endpoint = next;
      try {
        options.beforeAttempt?.(sent + 1);
      } catch (error) {
        refused = true;
        throw error;
      }
      sent += 1;
      const apiKey = runtime.key.current();
      const headers = attemptHeaders({ apiKey, requestId: options.requestId, traceparent: options.traceparent });
      const attemptStartedAt = runtime.ring.now();
      const result = await attempt(deps.transport, { model: model.name, origin: next.origin, path: runtime.path, headers, body, request, apiKey, scope, timeoutMs });
      const outcome: CallOutcome = result.ok ? 'ok' : result.error.kind;
      deps.emit({
        phase: 'attempt', model: model.name, endpoint: next.origin, attempt: sent, outcome,
        status: result.status, latencyMs: result.latencyMs, usage: result.ok ? result.answer.usage : undefined,
      });
      if (result.ok) {
        runtime.ring.recordSuccess(next);
        finish('ok', result.status, result.answer.usage);
        const { answer } = result;
        return {
          model: model.name, content: answer.content, toolCalls: answer.toolCalls, finishReason: answer.finishReason,
          logprobs: answer.logprobs, usage: answer.usage, latencyMs: result.latencyMs, attempts: sent, raw: answer.raw,
        };
      }
      last = result;
      lastStatus = result.status;
      deps.logger.debug({ model: model.name, endpoint: next.origin, attempt: sent, kind: result.error.kind, status: result.status }, 'backend attempt failed');
      if (result.countsAsFailure && runtime.ring.recordFailure(next, attemptStartedAt)) {
        deps.logger.warn({ model: model.name, endpoint: next.origin, cooldownMs: deps.resolved.cooldown.cooldownMs }, 'backend endpoint cooling down');
      }
      if (!result.retryable || sent > deps.resolved.retry.maxRetries) throw result.error;
      const waitMs = result.retryAfterMs ?? backoffDelayMs(deps.resolved.retry, sent);
      if (waitMs >= scope.remainingMs()) throw result.error;
      await scope.sleep(waitMs);
    }
  } catch (error) {
    finish(refused || !(error instanceof BackendError) ? 'refused' : error.kind, lastStatus, undefined);
    throw error;
  } finally {
    scope.dispose();
  }
}

function scopeError(model: string, reason: 'aborted' | 'timeout', timeoutMs: number): BackendError {
  return reason === 'aborted'
    ? new BackendError(model, 'aborted', `call to ${model} was aborted`)
    : new BackendError(model, 'timeout', `backend ${model} did not answer within ${timeoutMs} ms`);
}

function cooldownError(model: string, ring: EndpointRing): BackendError {
  if (ring.size === 0) return new BackendError(model, 'connect', `model ${model} has no endpoints`);
  const waitMs = ring.msUntilAvailable();
  return new BackendError(model, 'cooldown', `backend ${model} is cooling down after repeated failures`, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}
