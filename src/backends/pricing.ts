/**
 * Cost arithmetic from a model's configured pricing (USD per one million tokens). Recipes' budgets use
 * costUsd for what a finished call cost and worstCaseCostUsd to refuse a call before it is sent.
 */
import type { ModelConfig } from '../config/types.js';
import type { Usage } from '../openai/types.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/** What `usage` cost on `model`. Free models cost 0 whatever the token counts. */
export function costUsd(model: Pick<ModelConfig, 'pricing'>, usage: Usage): number {
  return priced(usage.prompt_tokens, model.pricing.inputPerMillion) + priced(usage.completion_tokens, model.pricing.outputPerMillion);
}

/**
 * The most a call can cost: the prompt (estimated) plus the whole completion cap. An unbounded cap
 * (Infinity) on a paid model is Infinity, so a budget with a cost limit refuses it.
 */
export function worstCaseCostUsd(model: Pick<ModelConfig, 'pricing'>, promptTokens: number, completionTokens: number): number {
  return priced(promptTokens, model.pricing.inputPerMillion) + priced(completionTokens, model.pricing.outputPerMillion);
}

/** 0 for free pricing or no tokens; avoids 0 × Infinity = NaN for an unbounded cap on a free model. */
function priced(tokens: number, perMillion: number): number {
  if (perMillion <= 0 || !(tokens > 0)) return 0;
  return (tokens * perMillion) / TOKENS_PER_PRICE_UNIT;
}
