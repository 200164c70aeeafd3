/**
 * The auto recipe: picks per request between one model (cheap or strong) and a configured recipe (see
 * auto-select.ts), then hands off. A single model is a tail-call with no calls made, which the pipeline
 * routes like a plain Route; a recipe runs under its own budget and its outcome carries auto's rationale
 * first in `reason`.
 */
import type { AutoRecipeConfig } from '../config/recipes.js';
import { RecipeError } from '../errors/index.js';
import { selectAuto } from './auto-select.js';
import type { RecipeRun } from './run.js';
import type { Outcome } from './types.js';

export type NestedRunner = (name: string) => Promise<Outcome>;

export async function runAuto(run: RecipeRun<AutoRecipeConfig>, nested: NestedRunner): Promise<Outcome> {
  const { config, ctx } = run;
  const picked = selectAuto(config, ctx.signals, ctx.preference);
  const auto = { recipe: config.name, situation: picked.situation, choice: picked.choice };
  if (picked.target.kind === 'model') {
    const handoff = run.handOff(picked.target.model, { ...ctx.request, model: picked.target.model }, picked.reason);
    return { ...handoff, auto };
  }
  const target = ctx.config.recipes.get(picked.target.recipe);
  if (!target || target.type === 'auto') {
    throw new RecipeError('auto', `${config.name}: picked recipe ${picked.target.recipe}, which is not a runnable recipe`);
  }
  const outcome = await nested(picked.target.recipe);
  return { ...outcome, reason: `${picked.reason}; ${outcome.reason}`, auto };
}
