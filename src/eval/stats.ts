/**
 * The report's statistics: Wilson score intervals for accuracy, latency percentiles, and the cost-vs-accuracy
 * Pareto frontier.
 */

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for `successes` of `trials`. Unlike the normal approximation it stays inside [0, 1]
 * and is sensible near 0% and 100% and for small samples. Zero trials give [0, 1].
 */
export function wilson(successes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** The p-th percentile (0–100) by linear interpolation between order statistics; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (rank - lower);
}

export interface CostAccuracy {
  readonly cost: number;
  readonly accuracy: number;
}

/**
 * Indexes of the points on the Pareto frontier: no other point is at least as accurate and at most as
 * costly while strictly better in one of the two. Identical points are all on it.
 */
export function paretoFrontier(points: readonly CostAccuracy[]): Set<number> {
  const frontier = new Set<number>();
  points.forEach((p, i) => {
    const dominated = points.some((q, j) => j !== i && q.cost <= p.cost && q.accuracy >= p.accuracy && (q.cost < p.cost || q.accuracy > p.accuracy));
    if (!dominated) frontier.add(i);
  });
  return frontier;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
