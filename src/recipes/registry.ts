/**
 * Recipe type → runner, every built-in registered here, and the entry point the pipeline calls. A run gets
 * a fresh RecipeRun (budget, trace) and releases its deadline timer however it ends.
 */
import { RECIPE_TYPES, type RecipeConfig, type RecipeConfigOf, type RecipeType } from '../config/recipes.js';
import type { ConsiliumConfig } from '../config/types.js';
import { RecipeError, RouterError } from '../errors/index.js';
import { runAuto, type NestedRunner } from './auto.js';
import { runConfidence } from './confidence.js';
import { runFusion } from './fusion.js';
import { runRatings } from './ratings.js';
import { runRemom } from './remom.js';
import { RecipeRun } from './run.js';
import type { Outcome, RecipeContext } from './types.js';
import { runWorkflows } from './workflows.js';

export type RecipeRunner<T extends RecipeType> = (run: RecipeRun<RecipeConfigOf<T>>, nested: NestedRunner) => Promise<Outcome>;

export const RECIPE_RUNNERS: { readonly [T in RecipeType]: RecipeRunner<T> } = {
  confidence: runConfidence,
  ratings: runRatings,
  remom: runRemom,
  fusion: runFusion,
  workflows: runWorkflows,
  auto: runAuto,
};

/**
 * Runs the configured recipe `name`. Resolves with the outcome (a fallback answer included); rejects with
 * RecipeError (502, naming the failed stage) when no answer at all could be produced.
 */
export function runRecipe(name: string, ctx: RecipeContext): Promise<Outcome> {
  const config = ctx.config.recipes.get(name);
  if (!config) return Promise.reject(new RecipeError('registry', `no recipe named ${name}`));
  return runRecipeConfig(config, ctx);
}

export async function runRecipeConfig(config: RecipeConfig, ctx: RecipeContext): Promise<Outcome> {
  const runner = RECIPE_RUNNERS[config.type] as RecipeRunner<RecipeType> | undefined;
  if (!runner) throw new RouterError('recipe_not_implemented', `recipe ${config.name} has type ${String(config.type)}, which this build cannot run`);
  const run = new RecipeRun(config, ctx);
  try {
    return await runner(run, (nestedName) => runRecipe(nestedName, ctx));
  } finally {
    run.finish();
  }
}

/** Names of the configured recipes (each is also the virtual model `consilium/<name>`). */
export function recipeNames(config: Pick<ConsiliumConfig, 'recipes'>): string[] {
  return [...config.recipes.keys()];
}

/** Recipe types this build can run. */
export function recipeTypes(): readonly RecipeType[] {
  return RECIPE_TYPES;
}
