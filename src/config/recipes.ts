/**
 * Recipe section of the config: the typed runtime form of each recipe type (a discriminated union on `type`),
 * plus the schema, builder and call bounds, which live in recipes-*.ts and are re-exported here so the
 * loader imports one module.
 */
import type { BudgetConfig, KeywordSetConfig, ModelConfig, Preference } from './types.js';
import type { AUTO_SITUATIONS, RECIPE_TYPES } from './recipes-schema.js';

export { RECIPE_TYPES, PREFERENCES, AUTO_SITUATIONS, RecipeSchema, RecipesSchema } from './recipes-schema.js';
export type { RawRecipe, RawRecipes } from './recipes-schema.js';
export { buildRecipes } from './recipes-build.js';
export { callBounds } from './recipes-bounds.js';

export type RecipeType = (typeof RECIPE_TYPES)[number];
export type AutoSituation = (typeof AUTO_SITUATIONS)[number];

export interface RecipeConfigBase {
  readonly name: string;
  readonly type: RecipeType;
  /** The config's `budgets` defaults, overridden field by field by the recipe's own `budget`. */
  readonly budget: BudgetConfig;
  readonly onError: 'skip' | 'fail';
  /** Completion cap set on calls whose request has none, so each call's worst case is bounded. */
  readonly callMaxTokens: number;
}

export type ConfidenceMethod = 'avg_logprob' | 'margin' | 'hybrid' | 'self_verify';

export interface ConfidenceRecipeConfig extends RecipeConfigBase {
  readonly type: 'confidence';
  /** The ladder as declared; `order` says how a run sorts it. */
  readonly models: readonly string[];
  /** `cost`: cheapest first (config pricing); `quality`: lowest rating for the request's category first. */
  readonly order: 'declared' | 'cost' | 'quality';
  readonly method: ConfidenceMethod;
  /** Scores are in [0, 1]; the first answer scoring at least this is accepted. */
  readonly threshold: number;
  readonly hybridWeight: number;
  readonly topLogprobs: number;
  /** Grader model for self_verify. */
  readonly verifier: string | undefined;
}

export interface RatingsCandidate {
  readonly model: string;
  readonly samples: number;
}

export interface RatingsRecipeConfig extends RecipeConfigBase {
  readonly type: 'ratings';
  readonly candidates: readonly RatingsCandidate[];
  readonly maxConcurrent: number;
  readonly temperature: number;
  readonly timeoutMs: number | undefined;
}

export interface RemomRecipeConfig extends RecipeConfigBase {
  readonly type: 'remom';
  readonly models: readonly string[];
  /** Calls per round, e.g. [3, 2]. */
  readonly breadth: readonly number[];
  readonly distribution: 'round_robin' | 'weighted';
  readonly temperature: number;
  readonly roundTimeoutMs: number | undefined;
  /** Quorum per round, capped by the round's breadth; undefined waits for the whole round. */
  readonly minSuccessful: number | undefined;
  readonly synthesisModel: string;
}

export interface FusionRecipeConfig extends RecipeConfigBase {
  readonly type: 'fusion';
  readonly panel: readonly string[];
  /** Panel answers that end the panel stage (aborting the rest); equals the panel size when unset. */
  readonly quorum: number;
  readonly panelTimeoutMs: number | undefined;
  readonly judge: string;
  readonly finalizer: string;
}

export interface WorkflowRole {
  readonly role: string;
  readonly model: string;
  readonly instruction: string;
}

export interface WorkflowsRecipeConfig extends RecipeConfigBase {
  readonly type: 'workflows';
  readonly mode: 'static' | 'planner';
  /** Static mode: steps in sequence, roles of a step in parallel. Empty in planner mode. */
  readonly steps: readonly (readonly WorkflowRole[])[];
  readonly planner: string | undefined;
  /** Models a plan may use (planner mode). */
  readonly models: readonly string[];
  readonly maxSteps: number;
  readonly maxParallel: number;
  readonly stepTimeoutMs: number | undefined;
  readonly verifier: string | undefined;
  readonly finalizer: string;
  readonly directModel: string;
}

/** `cheap` / `strong` (one model, tail-called) or a recipe name. */
export type AutoTarget = string;

export interface AutoRecipeConfig extends RecipeConfigBase {
  readonly type: 'auto';
  readonly cheap: string;
  readonly strong: string;
  readonly hardCategories: readonly string[];
  readonly easyCategories: readonly string[];
  readonly riskCategories: readonly string[];
  readonly minCategoryConfidence: number;
  readonly reasoningKeywords: readonly string[];
  readonly riskKeywords: readonly string[];
  readonly longPromptTokens: number;
  readonly deepConversation: number;
  readonly longAnswerTokens: number;
  /** Fully resolved: every situation × preference has a target. */
  readonly table: Readonly<Record<AutoSituation, Readonly<Record<Preference, AutoTarget>>>>;
}

export type RecipeConfig =
  | ConfidenceRecipeConfig
  | RatingsRecipeConfig
  | RemomRecipeConfig
  | FusionRecipeConfig
  | WorkflowsRecipeConfig
  | AutoRecipeConfig;

export type RecipeConfigOf<T extends RecipeType> = Extract<RecipeConfig, { type: T }>;

export interface RecipeBuildContext {
  readonly models: ReadonlyMap<string, ModelConfig>;
  readonly budgets: BudgetConfig;
  readonly keywordSets: ReadonlyMap<string, KeywordSetConfig>;
}
