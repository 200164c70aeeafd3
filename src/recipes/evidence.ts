/**
 * Weighing answers: a model's rating for the request's category, and the free-text pick (rating × agreement
 * with the other answers) that ratings uses for its answer and every other recipe uses as its "best
 * evidence" fallback.
 */
import type { Completion } from '../backends/types.js';
import type { ModelConfig } from '../config/types.js';
import { agreement } from './answers.js';

/** `ratings[category]`, then `ratings.default`, else 1. */
export function modelRating(models: ReadonlyMap<string, Pick<ModelConfig, 'ratings'>>, model: string, category: string | undefined): number {
  const ratings = models.get(model)?.ratings ?? {};
  return (category !== undefined ? ratings[category] : undefined) ?? ratings.default ?? 1;
}

/** Text the recipes compare and quote: the content, or the tool calls when there is no content. */
export function answerText(completion: Completion): string {
  if (completion.content !== null && completion.content.trim() !== '') return completion.content;
  return completion.toolCalls.length > 0 ? JSON.stringify(completion.toolCalls.map((c) => c.function)) : '';
}

/** Completions with something to say. */
export function usable(completions: readonly (Completion | undefined)[]): Completion[] {
  return completions.filter((c): c is Completion => c !== undefined && answerText(c) !== '');
}

export interface FreeTextPick {
  readonly index: number;
  /** Per answer: weight (rating), agreement (mean Jaccard to the others) and their product. */
  readonly scores: readonly { readonly weight: number; readonly agreement: number; readonly score: number }[];
}

/** The answer with the highest rating × agreement; ties keep the earlier answer. Needs at least one. */
export function pickFreeText(answers: readonly Completion[], weightOf: (model: string) => number): FreeTextPick {
  const agree = agreement(answers.map(answerText));
  const scores = answers.map((a, i) => {
    const weight = weightOf(a.model);
    const agreementScore = agree[i] ?? 0;
    return { weight, agreement: agreementScore, score: weight * agreementScore };
  });
  let index = 0;
  scores.forEach((s, i) => {
    if (s.score > (scores[index]?.score ?? -Infinity)) index = i;
  });
  return { index, scores };
}
