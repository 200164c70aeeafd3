/**
 * Token logprobs that encode a confidence c the way the cascade reads it: every token has logprob ln c, so
 * exp(mean logprob) = c (avg_logprob), and the alternatives share the remaining 1 − c (60%, 25%, 10%, ...),
 * so top-1 minus top-2 is 1.6c − 0.6 (margin) and rises with c too.
 */
import { tokenize } from '../../dev/sim/answer.js';
import type { TokenLogprob, TopLogprob } from '../../openai/types.js';

const ALTERNATIVE_SHARES = [0.6, 0.25, 0.1, 0.03, 0.01];
const ALTERNATIVE_TOKENS = [' the', ' a', ' it', ' is', ' so', ' and', ' or', ' not', ' one', ' two'];

export function tokenLogprobs(text: string, confidence: number, top: number): TokenLogprob[] {
  const c = Math.min(0.999, Math.max(1e-6, confidence));
  const chosen = Math.log(c);
  return tokenize(text).map((token) => {
    const alternatives: TopLogprob[] = [];
    const others = ALTERNATIVE_TOKENS.filter((t) => t !== token);
    for (let j = 0; j < top - 1; j++) {
      const share = ALTERNATIVE_SHARES[j] ?? 0.001 / (j + 1);
      alternatives.push({ token: others[j % others.length] as string, logprob: Math.log((1 - c) * share) });
    }
    return { token, logprob: chosen, top_logprobs: top > 0 ? [{ token, logprob: chosen }, ...alternatives] : [] };
  });
}
