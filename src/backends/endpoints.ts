/**
 * A model's endpoints: round-robin selection that skips endpoints in cooldown, and the consecutive-failure
 * counter that puts an endpoint into cooldown. With a single endpoint this cools the whole model.
 *
 * After a cooldown expires the counter is not reset, so the next call is a probe: one more failure cools the
 * endpoint again at once, one success resets it (a half-open circuit breaker).
 */
import type { Endpoint } from '../config/types.js';

export interface CooldownPolicy {
  /** Consecutive failures (connect, 5xx, timeout) that cool an endpoint. */
  readonly failures: number;
  /** How long a cooled endpoint is skipped. */
  readonly cooldownMs: number;
}

export const DEFAULT_COOLDOWN: CooldownPolicy = Object.freeze({ failures: 5, cooldownMs: 10_000 });

export interface EndpointState {
  readonly endpoint: Endpoint;
  /** `scheme://host:port`, the pool key and the log label. */
  readonly origin: string;
  consecutiveFailures: number;
  /** performance.now() until which the endpoint is skipped; 0 when not cooling. */
  coolUntil: number;
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
    private readonly now: () => number = () => performance.now(),
  ) {
    this.states = endpoints.map((endpoint) => ({ endpoint, origin: originOf(endpoint), consecutiveFailures: 0, coolUntil: 0 }));
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
  }

  /** Counts a failure; returns true when this failure put the endpoint into cooldown. */
  recordFailure(state: EndpointState): boolean {
    state.consecutiveFailures += 1;
    if (this.policy.failures <= 0 || state.consecutiveFailures < this.policy.failures) return false;
    state.coolUntil = this.now() + this.policy.cooldownMs;
    return true;
  }
}
