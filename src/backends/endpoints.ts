/**
 * A model's endpoints: round-robin selection that skips endpoints in cooldown, and the failure accounting
 * (consecutive failures, and the failed share of recent attempts) that puts an endpoint into cooldown. With a single endpoint this cools the whole model.
 *
 * After a cooldown expires the counter is not reset, so the next call is a probe: one more failure cools the
 * endpoint again at once, one success resets it (a half-open circuit breaker).
 *
 * A failure counts only when the endpoint has not answered anyone since that attempt started. Concurrent calls
 * finish out of order: without this, the timeouts of requests sent in one burst land together after every
 * faster success, read as "consecutive", and cool a backend that answers most requests.
 *
 * Consecutive failures alone also happen by chance on a backend that mostly works: at a 30% error rate a run of
 * five comes about once in 400 attempts, and cooling the only endpoint then fails every call for the whole
 * cooldown. So an endpoint that has answered before also needs TRIP_RATIO of a full FAILURE_WINDOW failed (16
 * of the last 20 attempts; at p = 0.3 that is about 2 in a million); one that has never answered still trips
 * after `failures` attempts, as a backend that is down from the start should.
 */
import type { Endpoint } from '../config/types.js';

export interface CooldownPolicy {
  /** Consecutive failures (connect, 5xx, timeout) that cool an endpoint. */
  readonly failures: number;
  /** How long a cooled endpoint is skipped. */
  readonly cooldownMs: number;
}

export const DEFAULT_COOLDOWN: CooldownPolicy = Object.freeze({ failures: 5, cooldownMs: 10_000 });

/** Recent attempts remembered per endpoint, and the share of them that must have failed to trip. */
export const FAILURE_WINDOW = 20;
export const TRIP_RATIO = 0.8;

export interface EndpointState {
  readonly endpoint: Endpoint;
  /** `scheme://host:port`, the pool key and the log label. */
  readonly origin: string;
  consecutiveFailures: number;
  /** performance.now() until which the endpoint is skipped; 0 when not cooling. */
  coolUntil: number;
  /** When the endpoint last answered successfully (-Infinity: never). */
  lastSuccessAt: number;
  /** Outcomes of the last FAILURE_WINDOW counted attempts, oldest first (true: failed). */
  recent: boolean[];
}

export function originOf(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') && !endpoint.host.startsWith('[') ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.scheme}://${host}:${endpoint.port}`;
}

export class EndpointRing {
  private readonly states: readonly EndpointState[];
  private cursor = 0;

  constructor(
    endpoints: readonly Endpoint[],
    private readonly policy: CooldownPolicy,
    /** The ring's clock; callers stamp attempt starts with it for recordFailure. */
    readonly now: () => number = () => performance.now(),
  ) {
    this.states = endpoints.map((endpoint) => ({ endpoint, origin: originOf(endpoint), consecutiveFailures: 0, coolUntil: 0, lastSuccessAt: -Infinity, recent: [] }));
  }

  get size(): number {
    return this.states.length;
  }

  /** The next endpoint not in cooldown, round robin; undefined when every endpoint is cooling. */
  next(): EndpointState | undefined {
    const now = this.now();
    for (let step = 0; step < this.states.length; step += 1) {
      const state = this.states[(this.cursor + step) % this.states.length]!;
      if (state.coolUntil <= now) {
        this.cursor = (this.cursor + step + 1) % this.states.length;
        return state;
      }
    }
    return undefined;
  }

  /** Milliseconds until the first endpoint leaves cooldown (0 when one is available). */
  msUntilAvailable(): number {
    const now = this.now();
    return Math.max(0, Math.min(...this.states.map((state) => state.coolUntil - now)));
  }

  recordSuccess(state: EndpointState): void {
    state.consecutiveFailures = 0;
    state.coolUntil = 0;
    state.lastSuccessAt = this.now();
    remember(state, false);
  }

  /**
   * Counts a failure of an attempt that started at `attemptStartedAt` (ring clock; unknown counts always);
   * returns true when this failure put the endpoint into cooldown. A failure overtaken by a later success
   * proves nothing about the endpoint and is not counted.
   */
  recordFailure(state: EndpointState, attemptStartedAt = Number.POSITIVE_INFINITY): boolean {
    if (state.lastSuccessAt > attemptStartedAt) return false;
    state.consecutiveFailures += 1;
    remember(state, true);
    if (this.policy.failures <= 0 || state.consecutiveFailures < this.policy.failures) return false;
    const window = state.lastSuccessAt === -Infinity ? state.recent.length : FAILURE_WINDOW;
    if (state.recent.filter(Boolean).length < TRIP_RATIO * window) return false;
    state.coolUntil = this.now() + this.policy.cooldownMs;
    return true;
  }
}

function remember(state: EndpointState, failed: boolean): void {
  state.recent.push(failed);
  if (state.recent.length > FAILURE_WINDOW) state.recent.shift();
}
