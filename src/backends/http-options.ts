/**
 * Options of the HTTP Backends and the per-attempt/per-call event it emits for metrics, with their defaults.
 */
import type { Logger } from '../observability/logger.js';
import type { Usage } from '../openai/types.js';
import type { BackendError } from '../errors/index.js';
import { DEFAULT_COOLDOWN, type CooldownPolicy } from './endpoints.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { FetchLike } from './transport.js';

export interface HttpBackendsOptions {
  readonly logger?: Logger;
  readonly retry?: Partial<RetryPolicy>;
  readonly cooldown?: Partial<CooldownPolicy>;
  /** Told about every attempt and every finished call; exceptions it throws are ignored. */
  readonly onCall?: (event: BackendCallEvent) => void;
  /** Replaces the undici pools (no keep-alive control then); for embedding and tests. */
  readonly fetchImpl?: FetchLike;
  /** Larger answers fail with 'invalid_response' (default 8 MiB). */
  readonly maxResponseBytes?: number;
  /** Idle keep-alive sockets close after this long (default 30 s). */
  readonly keepAliveTimeoutMs?: number;
  /** Connections per endpoint; unbounded by default. */
  readonly connectionsPerEndpoint?: number;
  /** How often an api_key_file is polled for a rotated key (default 5 s; 0 = read once). */
  readonly apiKeyFilePollMs?: number;
  /** Where api_key_env names are looked up (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export type CallOutcome = 'ok' | BackendError['kind'] | 'refused';

export interface BackendCallEvent {
  /** 'attempt': one HTTP request finished or failed. 'call': complete() settled. */
  readonly phase: 'attempt' | 'call';
  /** Consilium model name. */
  readonly model: string;
  /** Origin of the endpoint of the attempt (the last one tried, for a call); undefined if none was tried. */
  readonly endpoint: string | undefined;
  /** For 'attempt', its number (1 = first); for 'call', the HTTP requests sent. */
  readonly attempt: number;
  /** 'refused' when beforeAttempt threw (a budget said no). */
  readonly outcome: CallOutcome;
  /** HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  /** The attempt's latency, or the whole call's (backoff waits included). */
  readonly latencyMs: number;
  readonly usage: Usage | undefined;
}

export interface ResolvedOptions {
  readonly retry: RetryPolicy;
  readonly cooldown: CooldownPolicy;
  readonly maxResponseBytes: number;
  readonly keepAliveTimeoutMs: number;
  readonly apiKeyFilePollMs: number;
}

export function resolveOptions(options: HttpBackendsOptions): ResolvedOptions {
  return Object.freeze({
    retry: Object.freeze({
      maxRetries: Math.max(0, Math.floor(options.retry?.maxRetries ?? DEFAULT_RETRY.maxRetries)),
      baseDelayMs: Math.max(0, options.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: Math.max(0, options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    }),
    cooldown: Object.freeze({
      failures: Math.max(0, Math.floor(options.cooldown?.failures ?? DEFAULT_COOLDOWN.failures)),
      cooldownMs: Math.max(0, options.cooldown?.cooldownMs ?? DEFAULT_COOLDOWN.cooldownMs),
    }),
    maxResponseBytes: options.maxResponseBytes ?? 8 * 1024 * 1024,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 30_000,
    apiKeyFilePollMs: options.apiKeyFilePollMs ?? 5_000,
  });
}
