/**
 * Rating-weighted aggregation: every candidate (model × samples) answers concurrently (max_concurrent), then
 * ONE answer is chosen. Short answers (choice letter, number, yes/no, JSON value) are voted on, each vote
 * weighted by the model's rating for the request's category; free text goes to the answer with the highest
 * rating × agreement with the others. Candidates are panel calls: tools are stripped.
 */
import type { Completion } from '../backends/types.js';
import type { RatingsRecipeConfig } from '../config/recipes.js';
import { shortAnswer, type ShortAnswer } from './answers.js';
import { answerText, pickFreeText } from './evidence.js';
import { fanout, type FanoutTask } from './fanout.js';
import { meetsResponseFormat } from './json-schema.js';
import { derivedRequest } from './requests.js';
import type { CallResult, RecipeRun } from './run.js';
import type { Outcome } from './types.js';

export async function runRatings(run: RecipeRun<RatingsRecipeConfig>): Promise<Outcome> {
  const { config, ctx } = run;
  const tasks: FanoutTask[] = [];
  for (const candidate of config.candidates) {
    for (let sample = 0; sample < candidate.samples; sample++) {
      const request = derivedRequest(ctx.request, candidate.model, {
        cap: config.callMaxTokens,
        ...(candidate.samples > 1 ? { temperature: config.temperature } : {}),
      });
      const step = `candidate[${tasks.length}]`;
      tasks.push((signal) => run.call(step, candidate.model, request, { signal }));
    }
  }
  const fan = await fanout(tasks, { maxConcurrent: config.maxConcurrent, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}) });
  if (fan.ended === 'timed_out') run.quorum = 'timed_out';
  const answered = fan.results.filter((r): r is Extract<CallResult, { ok: true }> => r?.ok === true && answerText(r.completion) !== '');
  if (answered.length === 0) run.fail('ratings.candidates', 'no candidate answered');

  const format = ctx.request.response_format;
  const wellFormed = answered.filter((r) => meetsResponseFormat(r.completion.content, format));
  const pool = wellFormed.length > 0 ? wellFormed : answered;
  if (wellFormed.length < answered.length) run.note('format', wellFormed.length > 0 ? 'rejected' : 'skipped', { detail: `${answered.length - wellFormed.length} answers break response_format` });

  const json = format?.type === 'json_object' || format?.type === 'json_schema';
  const shorts = pool.map((r) => shortAnswer(r.completion.content, json));
  const voters = shorts.filter((s) => s !== undefined).length;
  if (voters * 2 > pool.length) return vote(run, pool, shorts);

  const pick = pickFreeText(
    pool.map((r) => r.completion),
    (m) => run.weight(m),
  );
  pool.forEach((r, i) => run.score(r.trace, { ...pick.scores[i] }));
  const chosen = pool[pick.index] as (typeof pool)[number];
  const score = pick.scores[pick.index]?.score ?? 0;
  return run.final(chosen.completion, `ratings: free text, ${chosen.completion.model} has the best rating x agreement (${score.toFixed(2)}) of ${pool.length}`);
}

function vote(run: RecipeRun<RatingsRecipeConfig>, pool: readonly Extract<CallResult, { ok: true }>[], shorts: readonly (ShortAnswer | undefined)[]): Outcome {
  const totals = new Map<string, number>();
  const representative = new Map<string, { completion: Completion; weight: number }>();
  pool.forEach((r, i) => {
    const answer = shorts[i];
    const weight = run.weight(r.completion.model);
    run.score(r.trace, { weight });
    if (!answer) return;
    totals.set(answer.key, (totals.get(answer.key) ?? 0) + weight);
    const current = representative.get(answer.key);
    if (!current || weight > current.weight) representative.set(answer.key, { completion: r.completion, weight });
  });
  let winner: string | undefined;
  for (const [key, total] of totals) {
    const best = winner === undefined ? undefined : (totals.get(winner) ?? 0);
    const tieBreak = best === total && (representative.get(key)?.weight ?? 0) > (representative.get(winner as string)?.weight ?? 0);
    if (best === undefined || total > best || tieBreak) winner = key;
  }
  const key = winner as string;
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  run.note('vote', 'ok', { scores: Object.fromEntries([...totals].map(([k, v]) => [`vote:${k}`, v])), detail: `winner ${key}` });
  const chosen = representative.get(key) as { completion: Completion };
  return run.final(chosen.completion, `ratings: weighted vote for ${key} (${(totals.get(key) ?? 0).toFixed(2)} of ${all.toFixed(2)})`);
}
