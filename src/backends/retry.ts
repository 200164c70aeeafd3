/**
 * Retry policy: which failures are worth another attempt, how long to wait (jittered exponential backoff),
 * and how to read an upstream `retry-after` header.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries: number;
  /** Backoff before the first retry; doubles for each further retry. */
  readonly baseDelayMs: number;
  /** Ceiling of the backoff (a retry-after header may ask for longer and is honoured). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ maxRetries: 2, baseDelayMs: 100, maxDelayMs: 2_000 });

/** Connect errors, 429 and 5xx are transient; every other 4xx would fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Wait before retry number `retry` (1 = first retry): exponential, capped, with "equal jitter" (half fixed,
 * half random) so a burst of callers failing together does not retry in lockstep.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, retry - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return capped / 2 + (capped / 2) * random();
}

/**
 * Milliseconds a `retry-after` value asks for: delay-seconds (RFC 9110 allows only integers; decimals are
 * accepted) or an HTTP-date relative to `nowMs`. Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date always names a month; V8's Date.parse would otherwise read "-3" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
