/**
 * Confidence scores from token logprobs, each in [0, 1]: `avg_logprob` is exp(mean token logprob) (the
 * geometric-mean token probability), `margin` the mean gap between the top-1 and top-2 token probabilities,
 * `hybrid` a weighted mix. Undefined when the backend returned no logprobs: the cascade treats that as low
 * confidence.
 */
import type { TokenLogprob } from '../openai/types.js';

export function avgLogprobScore(tokens: readonly TokenLogprob[] | null): number | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  const mean = tokens.reduce((sum, t) => sum + t.logprob, 0) / tokens.length;
  return clamp01(Math.exp(mean));
}

/**
 * Per token: top-1 probability minus top-2 probability, from top_logprobs. A token without alternatives
 * uses its own probability as top-1 and 0 as top-2.
 */
export function marginScore(tokens: readonly TokenLogprob[] | null): number | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  let sum = 0;
  for (const token of tokens) {
    const probs = (token.top_logprobs.length > 0 ? token.top_logprobs.map((t) => t.logprob) : [token.logprob]).map(Math.exp).sort((a, b) => b - a);
    sum += (probs[0] ?? 0) - (probs[1] ?? 0);
  }
  return clamp01(sum / tokens.length);
}

/** weight × avg_logprob + (1 − weight) × margin. */
export function hybridScore(tokens: readonly TokenLogprob[] | null, weight: number): number | undefined {
  const avg = avgLogprobScore(tokens);
  const margin = marginScore(tokens);
  if (avg === undefined || margin === undefined) return undefined;
  return clamp01(weight * avg + (1 - weight) * margin);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
