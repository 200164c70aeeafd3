/**
 * Fusion: a panel answers in parallel (quorum ends it early and aborts the rest; a timeout bounds it), a judge
 * compares the answers as JSON {consensus, contradictions, unique_insights, blind_spots}, and a finalizer
 * writes the answer under the client's own output contract. An unusable judge answer is a parse failure: the
 * finalizer then synthesises from the panel directly. If the finalizer fails, the best panel answer stands.
 */
import type { FusionRecipeConfig } from '../config/recipes.js';
import { answerText } from './evidence.js';
import { fanout } from './fanout.js';
import { finalStep } from './final-step.js';
import { extractJsonObject, stringList } from './parse-json.js';
import { fusionFinalBrief, JUDGE_KEYS, judgeMessages, synthesisBrief, type JudgeAnalysis } from './prompts.js';
import { derivedRequest, internalRequest } from './requests.js';
import type { RecipeRun } from './run.js';
import type { Outcome } from './types.js';

/** Judge and finalizer follow the panel. */
const CALLS_AFTER_PANEL = 2;

export async function runFusion(run: RecipeRun<FusionRecipeConfig>): Promise<Outcome> {
  const { config, ctx } = run;
  const launch = Math.max(1, Math.min(config.panel.length, run.budget.callsLeft() - CALLS_AFTER_PANEL));
  if (launch < config.panel.length) run.budget.markStopped('max_calls');
  const tasks = config.panel.slice(0, launch).map((model, i) => {
    const request = derivedRequest(ctx.request, model, { cap: config.callMaxTokens });
    return (signal: AbortSignal) => run.call(`panel[${i}]`, model, request, { signal });
  });
  const fan = await fanout(tasks, {
    quorum: Math.min(config.quorum, launch),
    ...(config.panelTimeoutMs !== undefined ? { timeoutMs: config.panelTimeoutMs } : {}),
  });
  run.quorum = fan.ended === 'all' ? undefined : fan.ended;
  const panel = fan.results.flatMap((r) => (r?.ok && answerText(r.completion) !== '' ? [r.completion] : []));
  if (panel.length === 0) run.fail('fusion.panel', 'no panel member answered');
  const references = panel.map((a) => ({ text: answerText(a) }));

  let analysis: JudgeAnalysis | undefined;
  const judged = await run.call('judge', config.judge, internalRequest(config.judge, judgeMessages(ctx.request, references), config.callMaxTokens));
  if (judged.ok) {
    analysis = parseJudge(judged.completion.content);
    if (!analysis) {
      run.parseFailures++;
      run.score(judged.trace, {}, 'parse_failure');
      run.useFallback('judge answer unusable: finalizer synthesised from the panel directly');
    }
  } else {
    run.useFallback(`judge ${judged.kind === 'refused' ? `refused by ${judged.limit}` : judged.kind}: finalizer synthesised from the panel directly`);
  }

  return finalStep(run, {
    step: 'finalizer',
    model: config.finalizer,
    brief: analysis ? fusionFinalBrief(analysis, references) : synthesisBrief(references),
    reason: `fusion: ${panel.length}/${config.panel.length} panel answers, ${analysis ? 'judged' : 'unjudged'}, finalized by ${config.finalizer}`,
    evidence: panel,
    evidenceLabel: 'the best panel answer',
  });
}

/** The judge's analysis, or undefined when the answer holds no object with any of the four keys. */
export function parseJudge(text: string | null): JudgeAnalysis | undefined {
  const json = extractJsonObject(text);
  if (!json || !JUDGE_KEYS.some((key) => key in json)) return undefined;
  return {
    consensus: stringList(json.consensus),
    contradictions: stringList(json.contradictions),
    unique_insights: stringList(json.unique_insights),
    blind_spots: stringList(json.blind_spots),
  };
}
