/** The fault scenarios: the error-rate series on the simulated backends, then each fault kind at 30%. */
import type { ProxyFaults } from './fault-proxy.js';

export interface FaultScenario {
  readonly name: string;
  /** Simulated backends' own 500 rate (the error-rate series). */
  readonly errorRate: number;
  /** What the fault proxies inject. */
  readonly proxy: ProxyFaults;
  /** The pass line (recipes answer in ≥ 99%) applies to this scenario. */
  readonly gated: boolean;
}

const NONE: ProxyFaults = { kind: 'none', rate: 0 };

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  { name: 'errors 0%', errorRate: 0, proxy: NONE, gated: false },
  { name: 'errors 10%', errorRate: 0.1, proxy: NONE, gated: false },
  { name: 'errors 30%', errorRate: 0.3, proxy: NONE, gated: true },
  { name: 'errors 60%', errorRate: 0.6, proxy: NONE, gated: false },
  // Not gated: a hung call can only end at its per-call timeout, which leaves no time to retry it; recipes whose
  // every candidate hangs (2.7% for three) fail. Hedged requests would be the remedy (not implemented).
  { name: 'timeouts (hang) 30%', errorRate: 0, proxy: { kind: 'hang', rate: 0.3 }, gated: false },
  { name: 'slow first byte (1 s) 30%', errorRate: 0, proxy: { kind: 'slow_first_byte', rate: 0.3, delayMs: 1_000 }, gated: true },
  { name: 'reset mid-body 30%', errorRate: 0, proxy: { kind: 'reset_mid_body', rate: 0.3 }, gated: true },
  { name: 'truncated body / SSE 30%', errorRate: 0, proxy: { kind: 'truncated_body', rate: 0.3 }, gated: true },
  { name: 'invalid JSON 30%', errorRate: 0, proxy: { kind: 'invalid_json', rate: 0.3 }, gated: true },
  { name: '429 + retry-after 30%', errorRate: 0, proxy: { kind: 'status_429', rate: 0.3, retryAfterSeconds: 1 }, gated: true },
];
