/**
 * Confidence cascade: ask the ladder's models one at a time, cheapest first, and accept the first answer
 * whose confidence reaches the threshold; the last rung is accepted as is. An answer that breaks the
 * request's response_format scores 0. Rungs keep the client's tools (each is a candidate final answer).
 * Streaming: a rung must be read to be judged, so earlier rungs run non-streaming and an accepted one is a
 * FinalOutcome; only the last rung can be a tail-call.
 */
import type { Completion } from '../backends/types.js';
import type { ConfidenceRecipeConfig } from '../config/recipes.js';
import type { ModelConfig } from '../config/types.js';
import { meetsResponseFormat } from './json-schema.js';
import { extractJsonObject } from './parse-json.js';
import { graderMessages } from './prompts.js';
import { derivedRequest, finalRequest, internalRequest } from './requests.js';
import type { RecipeRun } from './run.js';
import { avgLogprobScore, hybridScore, marginScore } from './scoring.js';
import { answerText, modelRating } from './evidence.js';
import type { Outcome } from './types.js';

/** Graders answer with a short JSON object. */
const GRADER_MAX_TOKENS = 256;

export async function runConfidence(run: RecipeRun<ConfidenceRecipeConfig>): Promise<Outcome> {
  const { config, ctx } = run;
  const ladder = ladderOrder(config, ctx.config.models, ctx.signals.category);
  let best: { completion: Completion; score: number; rung: number } | undefined;
  for (let i = 0; i < ladder.length; i++) {
    const model = ladder[i] as string;
    const step = `rung[${i}]`;
    if (i === ladder.length - 1) {
      const request = finalRequest(ctx.request, model, undefined, config.callMaxTokens, ctx.stream);
      const reason = `confidence: ${i === 0 ? 'single rung' : `escalated ${i}x`}, last rung ${model} accepted as is`;
      if (ctx.stream) {
        const tail = run.tail(step, model, request, reason);
        if (tail) return tail;
        break;
      }
      const result = await run.call(step, model, request);
      if (result.ok) return run.final(result.completion, reason);
      break;
    }
    const request = derivedRequest(ctx.request, model, {
      cap: config.callMaxTokens,
      keepTools: true,
      ...(config.method === 'self_verify' ? {} : { logprobs: { top: config.method === 'avg_logprob' ? 0 : config.topLogprobs } }),
    });
    const result = await run.call(step, model, request);
    if (!result.ok) {
      if (result.kind !== 'error') break;
      run.escalations++;
      continue;
    }
    const raw = await confidenceOf(run, result.completion, i);
    if (raw === 'stop') {
      best = pickBetter(best, { completion: result.completion, score: 0, rung: i });
      break;
    }
    const formatOk = meetsResponseFormat(result.completion.content, ctx.request.response_format);
    const score = formatOk ? (raw ?? 0) : 0;
    run.score(result.trace, { confidence: score, ...(formatOk ? {} : { format_ok: 0 }) }, score >= config.threshold ? 'ok' : 'rejected');
    best = pickBetter(best, { completion: result.completion, score, rung: i });
    if (score >= config.threshold) {
      return run.final(result.completion, `confidence: rung ${i} (${model}) scored ${score.toFixed(2)} >= ${config.threshold} by ${config.method}`);
    }
    run.escalations++;
  }
  if (!best) run.fail('confidence', 'no rung of the ladder produced an answer');
  run.useFallback(`cascade ended early: best answer so far (rung ${best.rung}, confidence ${best.score.toFixed(2)})`);
  return run.final(best.completion, `confidence: answered with rung ${best.rung} (${best.completion.model})`);
}

/** Higher score wins; on a tie the later (stronger) rung. */
function pickBetter<T extends { score: number }>(current: T | undefined, next: T): T {
  return current === undefined || next.score >= current.score ? next : current;
}

/** The ladder in run order: as declared, cheapest first, or lowest-rated first for the request's category. */
export function ladderOrder(config: ConfidenceRecipeConfig, models: ReadonlyMap<string, ModelConfig>, category: string | undefined): string[] {
  const ladder = [...config.models];
  if (config.order === 'cost') {
    const price = (m: string): number => (models.get(m)?.pricing.inputPerMillion ?? 0) + (models.get(m)?.pricing.outputPerMillion ?? 0);
    return ladder.sort((a, b) => price(a) - price(b));
  }
  if (config.order === 'quality') return ladder.sort((a, b) => modelRating(models, a, category) - modelRating(models, b, category));
  return ladder;
}

/**
 * The answer's confidence in [0, 1], undefined when it cannot be measured (low confidence), or 'stop' when
 * the budget refused the grader call.
 */
async function confidenceOf(run: RecipeRun<ConfidenceRecipeConfig>, completion: Completion, rung: number): Promise<number | undefined | 'stop'> {
  const { config } = run;
  switch (config.method) {
    case 'avg_logprob':
      return avgLogprobScore(completion.logprobs);
    case 'margin':
      return marginScore(completion.logprobs);
    case 'hybrid':
      return hybridScore(completion.logprobs, config.hybridWeight);
    case 'self_verify': {
      const grader = config.verifier as string;
      const cap = Math.min(GRADER_MAX_TOKENS, config.callMaxTokens);
      const result = await run.call(`verify[${rung}]`, grader, internalRequest(grader, graderMessages(run.ctx.request, answerText(completion)), cap));
      if (!result.ok) return result.kind === 'error' ? undefined : 'stop';
      const score = parseGrade(result.completion.content);
      if (score === undefined) {
        run.parseFailures++;
        run.score(result.trace, {}, 'parse_failure');
        return undefined;
      }
      run.score(result.trace, { score });
      return score;
    }
  }
}

/** `{score, reason}` from a grader, tolerating fences, prose, strings and 0–10 / 0–100 scales. */
export function parseGrade(text: string | null): number | undefined {
  const json = extractJsonObject(text);
  let value: unknown = json?.score;
  if (value === undefined && text) value = text.match(/"?score"?\s*[:=]\s*"?([0-9]*\.?[0-9]+)/i)?.[1];
  const score = typeof value === 'string' ? Number(value) : value;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0) return undefined;
  if (score <= 1) return score;
  if (score <= 10) return score / 10;
  if (score <= 100) return score / 100;
  return undefined;
}
