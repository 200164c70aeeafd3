/**
 * ReMoM (repeated mixture of models): rounds of parallel workers, breadth per round from the config (e.g.
 * [3, 2]), spread round-robin or by rating over the models. Each round after the first sees the previous
 * round's answers as numbered references; a quorum (`min_successful`) ends a round early and aborts its
 * stragglers; a per-round timeout bounds it. The synthesis model writes the final answer from the last
 * round's answers; if it fails, the best of those answers is returned.
 */
import type { Completion } from '../backends/types.js';
import type { RemomRecipeConfig } from '../config/recipes.js';
import { answerText } from './evidence.js';
import { fanout } from './fanout.js';
import { finalStep } from './final-step.js';
import { remomRoundBrief, synthesisBrief, type Reference } from './prompts.js';
import { derivedRequest, withSystemBrief } from './requests.js';
import type { RecipeRun } from './run.js';
import type { Outcome } from './types.js';

export async function runRemom(run: RecipeRun<RemomRecipeConfig>): Promise<Outcome> {
  const { config, ctx } = run;
  const quorumOf = (width: number): number => Math.min(config.minSuccessful ?? width, width);
  let references: Reference[] = [];
  let evidence: Completion[] = [];
  let rotation = 0;
  for (let round = 0; round < config.breadth.length; round++) {
    const width = config.breadth[round] as number;
    // Leave room for the later rounds' quorums and the synthesis call.
    const later = config.breadth.slice(round + 1).reduce((sum, w) => sum + quorumOf(w), 0) + 1;
    const launch = Math.min(width, run.budget.callsLeft() - later);
    if (launch < width) run.budget.markStopped('max_calls');
    if (launch < 1 || run.budget.exhausted) {
      run.note(`round[${round}]`, 'skipped', { detail: `stopped by ${run.budget.stoppedBy ?? 'max_calls'}` });
      break;
    }
    const models = assignWorkers(config, width, rotation, (m) => run.weight(m)).slice(0, launch);
    rotation += width;
    const messages = round === 0 ? undefined : withSystemBrief(ctx.request.messages, remomRoundBrief(references));
    const tasks = models.map((model, j) => {
      const request = derivedRequest(ctx.request, model, { cap: config.callMaxTokens, temperature: config.temperature, ...(messages ? { messages } : {}) });
      return (signal: AbortSignal) => run.call(`round[${round}].${j}`, model, request, { signal });
    });
    const fan = await fanout(tasks, {
      ...(config.minSuccessful !== undefined ? { quorum: Math.min(quorumOf(width), launch) } : {}),
      ...(config.roundTimeoutMs !== undefined ? { timeoutMs: config.roundTimeoutMs } : {}),
    });
    if (fan.ended === 'timed_out') run.quorum = 'timed_out';
    else if (fan.ended === 'reached' && run.quorum === undefined) run.quorum = 'reached';
    const answers = fan.results.flatMap((r) => (r?.ok && answerText(r.completion) !== '' ? [r.completion] : []));
    if (answers.length === 0) {
      run.note(`round[${round}]`, 'skipped', { detail: 'no answers; the previous references stand' });
      continue;
    }
    evidence = answers;
    references = answers.map((a) => ({ text: answerText(a) }));
  }
  if (evidence.length === 0) run.fail('remom.rounds', 'no worker answered in any round');
  return finalStep(run, {
    step: 'synthesis',
    model: config.synthesisModel,
    brief: synthesisBrief(references),
    reason: `remom: ${config.breadth.length} rounds (${config.breadth.join('+')}), synthesis by ${config.synthesisModel} from ${references.length} references`,
    evidence,
    evidenceLabel: 'the best answer of the last round',
  });
}

/**
 * `width` worker models for one round. Round-robin continues from `rotation` across rounds; weighted gives
 * each model a share proportional to its rating (largest remainder), interleaved so a cut keeps the mix.
 */
export function assignWorkers(config: Pick<RemomRecipeConfig, 'models' | 'distribution'>, width: number, rotation: number, weightOf: (model: string) => number): string[] {
  const models = config.models;
  if (config.distribution === 'round_robin') return Array.from({ length: width }, (_, j) => models[(rotation + j) % models.length] as string);
  let weights = models.map((m) => Math.max(0, weightOf(m)));
  if (weights.every((w) => w === 0)) weights = models.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * width);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0, left = width - counts.reduce((a, b) => a + b, 0); k < left; k++) {
    const slot = order[k % order.length] as { i: number };
    counts[slot.i] = (counts[slot.i] ?? 0) + 1;
  }
  const out: string[] = [];
  while (out.length < width) {
    counts.forEach((count, i) => {
      if (count > 0 && out.length < width) {
        out.push(models[i] as string);
        counts[i] = count - 1;
      }
    });
  }
  return out;
}
