/**
 * The ideal duration of a recipe run, derived from its recorded backend calls: the longest chain of calls
 * where each starts after the previous one ended, weighted by the calls' own measured durations. Parallel
 * calls never chain (each starts before the others end), so for a recipe of sequential steps this is the
 * sum over steps of the slowest call of each step. Everything else in the wall time is Consilium's overhead.
 */

export interface CallInterval {
  readonly start: number;
  readonly end: number;
}

export interface CriticalPath {
  /** Sum of call durations along the longest chain, ms. */
  readonly ms: number;
  /** Calls on that chain: the number of sequential steps. */
  readonly steps: number;
}

export function criticalPath(calls: readonly CallInterval[]): CriticalPath {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const chainMs: number[] = [];
  const chainSteps: number[] = [];
  let best: CriticalPath = { ms: 0, steps: 0 };
  sorted.forEach((call, i) => {
    let beforeMs = 0;
    let beforeSteps = 0;
    for (let j = 0; j < i; j++) {
      const earlier = sorted[j] as CallInterval;
      if (earlier.end <= call.start && (chainMs[j] as number) > beforeMs) {
        beforeMs = chainMs[j] as number;
        beforeSteps = chainSteps[j] as number;
      }
    }
    chainMs[i] = beforeMs + (call.end - call.start);
    chainSteps[i] = beforeSteps + 1;
    if ((chainMs[i] as number) > best.ms) best = { ms: chainMs[i] as number, steps: chainSteps[i] as number };
  });
  return best;
}

/** Wall time not explained by the critical path, ms (never negative: clocks are the same here). */
export function overheadMs(wallMs: number, calls: readonly CallInterval[]): number {
  return Math.max(0, wallMs - criticalPath(calls).ms);
}
