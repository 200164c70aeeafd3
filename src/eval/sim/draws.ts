/**
 * The simulation's fixed rules for one model and one item, each draw seeded by what it is about so a result
 * never depends on call order or concurrency:
 * - correct with probability a (the model's accuracy for the item's category), seeded by (model, item);
 * - a wrong answer is the item's trap with probability ρ, else a uniformly random wrong option (the trap
 *   among them). Correctness and the wrong-option draws use separate streams, so changing ρ changes which
 *   wrong answer a model gives, never whether it is right;
 * - the logprob confidence of an answer is drawn from N(correct_mean, sd) when it is right and from
 *   N(correct_mean − gap, sd) when it is wrong, clamped into (0, 1).
 */
import { hashString, seededRng } from '../../dev/sim/rng.js';
import type { EvalItem, SimOptions } from '../dataset.js';
import { isCorrect, extractAnswer } from '../score.js';
import type { SimModel, SimParams } from './params.js';

/** Bump when a rule here or in responder.ts changes: results of older rules are then not reused. */
export const SIMULATION_RULES_VERSION = 1;

const CONFIDENCE_FLOOR = 0.01;
const CONFIDENCE_CEILING = 0.995;

/** A uniform draw in [0, 1) determined by the parts. */
export function uniform(params: Pick<SimParams, 'seed'>, ...parts: readonly string[]): number {
  return seededRng(hashString(`${params.seed}\u0000${parts.join('\u0000')}`))();
}

/** A standard normal draw determined by the parts (Box–Muller on two seeded uniforms). */
export function standardNormal(params: Pick<SimParams, 'seed'>, ...parts: readonly string[]): number {
  const rng = seededRng(hashString(`${params.seed}\u0000normal\u0000${parts.join('\u0000')}`));
  const u = Math.max(rng(), 1e-12);
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function accuracyOf(model: SimModel, category: string): number {
  return model.accuracy[category] ?? model.accuracy.default ?? 0;
}

/** The item's wrong options: its `sim` field, or ones derived from the answer when the dataset has none. */
export function simOptions(item: EvalItem): SimOptions {
  if (item.sim) return item.sim;
  const answer = item.answer ?? '';
  switch (item.answerType) {
    case 'mcq': {
      const letters = [...new Set([...messagesText(item).matchAll(/^\(?([A-H])[).]\s/gm)].map((m) => m[1] as string))];
      const wrong = (letters.length > 1 ? letters : ['A', 'B', 'C', 'D']).filter((l) => l !== answer);
      return { trap: wrong[0] as string, wrong };
    }
    case 'number': {
      const n = Number(answer);
      const wrong = [n + 1, n - 1, n * 10, n / 10, n + 10].map((x) => String(Number(x.toFixed(6)))).filter((x) => x !== String(n));
      return { trap: wrong[0] as string, wrong };
    }
    case 'exact':
    case 'free':
      return { trap: `not ${answer}`.trim(), wrong: [`not ${answer}`.trim(), 'unknown', 'none of these'] };
  }
}

function messagesText(item: EvalItem): string {
  return item.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
}

export interface OwnAnswer {
  readonly answer: string;
  readonly correct: boolean;
}

/** What `model` answers to `item` on its own. */
export function ownAnswer(params: SimParams, model: SimModel, item: EvalItem): OwnAnswer {
  const correct = uniform(params, 'correct', model.name, item.id) < accuracyOf(model, item.category);
  if (correct) return { answer: item.answer ?? '', correct: true };
  const options = simOptions(item);
  const trap = uniform(params, 'trap', model.name, item.id) < params.correlation;
  if (trap) return { answer: options.trap, correct: false };
  const index = Math.floor(uniform(params, 'wrong', model.name, item.id) * options.wrong.length);
  return { answer: options.wrong[index] ?? options.trap, correct: false };
}

/** Whether `answer` (as a model writes it) is right for the item, by the item's own scoring rule. */
export function answerIsCorrect(item: EvalItem, answer: string): boolean {
  if (item.answerType === 'free') return answer === item.answer;
  return isCorrect(item, extractAnswer(`Answer: ${answer}`, item.answerType));
}

/** A logprob confidence for an answer: one normal for right answers, another `gap` lower for wrong ones. */
export function confidence(params: SimParams, correct: boolean, ...parts: readonly string[]): number {
  const { correctMean, gap, sd } = params.confidence;
  const mean = correct ? correctMean : correctMean - gap;
  const value = mean + sd * standardNormal(params, 'confidence', ...parts);
  return Math.min(CONFIDENCE_CEILING, Math.max(CONFIDENCE_FLOOR, value));
}
