/**
 * From per-label scores to a Classification: softmax for logits, ranking best first, and the `unknown` label
 * when the best score is under the threshold (the ranking in `top` is kept, so callers still see the guess).
 */
import type { Classification, LabelScore } from './types.js';

export const UNKNOWN_LABEL = 'unknown';

/** Numerically stable softmax; the result sums to 1. */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
  const exps = Array.from({ length: logits.length }, (_, i) => Math.exp((logits[i] as number) - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** `scores[i]` belongs to `labels[i]`; every score must lie in [0, 1]. */
export function classification(labels: readonly string[], scores: readonly number[], threshold: number): Classification {
  const top: LabelScore[] = labels.map((label, i) => ({ label, probability: scores[i] ?? 0 }));
  // Stable sort: equal scores keep label order, so results are deterministic.
  top.sort((a, b) => b.probability - a.probability);
  const best = top[0];
  if (best === undefined) return { label: UNKNOWN_LABEL, probability: 0, top };
  const label = best.probability < threshold ? UNKNOWN_LABEL : best.label;
  return { label, probability: best.probability, top };
}
