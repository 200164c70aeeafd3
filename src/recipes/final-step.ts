/**
 * The last step shared by synthesis-style recipes (remom, fusion, workflows, plan fallback): one call to one
 * model with the client's output contract. A streaming client gets it as a tail-call (Envoy streams the real
 * tokens); otherwise the recipe makes it. When it cannot be made or fails, the best evidence gathered so far
 * is the answer, and the outcome says so.
 */
import type { Completion } from '../backends/types.js';
import { finalRequest } from './requests.js';
import type { RecipeRun } from './run.js';
import type { Outcome } from './types.js';

export interface FinalStep {
  /** Trace and error stage name, e.g. `finalizer`, `synthesis`. */
  readonly step: string;
  readonly model: string;
  /** Merged into the client's system prompt; undefined sends the client's conversation unchanged. */
  readonly brief: string | undefined;
  readonly reason: string;
  /** Evidence to fall back on, and how the fallback is described. */
  readonly evidence: readonly Completion[];
  readonly evidenceLabel: string;
}

export async function finalStep(run: RecipeRun, final: FinalStep): Promise<Outcome> {
  const { ctx } = run;
  const request = finalRequest(ctx.request, final.model, final.brief, run.config.callMaxTokens, ctx.stream);
  let why: string;
  if (ctx.stream) {
    const tail = run.tail(final.step, final.model, request, final.reason);
    if (tail) return tail;
    why = `refused by ${run.budget.stoppedBy ?? 'budget'}`;
  } else {
    const result = await run.call(final.step, final.model, request);
    if (result.ok) return run.final(result.completion, final.reason);
    why = result.kind === 'refused' ? `refused by ${result.limit}` : result.kind === 'aborted' ? 'aborted' : 'failed';
  }
  const best = run.best(final.evidence);
  if (!best) run.fail(final.step, `${final.step} ${why} and there is no earlier answer to fall back on`);
  run.useFallback(`${final.step} ${why}: ${final.evidenceLabel}`);
  return run.final(best, `${run.config.name}: answered with ${final.evidenceLabel} from ${best.model}`);
}
