/**
 * The raw `recipes:` section as strict zod schemas, one per recipe type, discriminated on `type`. Unknown keys
 * fail with their path; defaults live here. Cross-references (models, keyword sets, recipe names) are checked
 * later by recipes-build.ts, which knows the rest of the config.
 */
import { z } from 'zod';

export const RECIPE_TYPES = ['confidence', 'ratings', 'remom', 'fusion', 'workflows', 'auto'] as const;
export const PREFERENCES = ['quality', 'balanced', 'cost', 'latency'] as const;
/** Auto selection's request situations, in the precedence order auto-select.ts applies them. */
export const AUTO_SITUATIONS = ['tools', 'risky', 'structured', 'hard', 'medium', 'easy'] as const;

const positiveInt = z.number().int().positive();
const modelName = z.string().min(1);
const models = z.array(modelName).min(1);
const timeoutMs = positiveInt.optional();

const BudgetOverrideSchema = z.strictObject({
  max_calls: positiveInt.optional(),
  max_total_tokens: positiveInt.optional(),
  max_cost_usd: z.number().positive().optional(),
  deadline_ms: positiveInt.optional(),
});

/** Keys every recipe type accepts. */
const common = {
  description: z.string().max(200).optional(),
  budget: BudgetOverrideSchema.optional(),
  on_error: z.enum(['skip', 'fail']).default('skip'),
  /** Completion cap for calls whose request sets none; bounds every call's worst case for the budget. */
  call_max_tokens: positiveInt.default(1024),
};

const ConfidenceSchema = z.strictObject({
  ...common,
  type: z.literal('confidence'),
  models,
  order: z.enum(['declared', 'cost', 'quality']).default('declared'),
  method: z.enum(['avg_logprob', 'margin', 'hybrid', 'self_verify']).default('avg_logprob'),
  threshold: z.number().min(0).max(1).default(0.7),
  /** Weight of avg_logprob in `hybrid` (margin gets the rest). */
  hybrid_weight: z.number().min(0).max(1).default(0.5),
  top_logprobs: z.number().int().min(2).max(20).default(5),
  /** Grader for `self_verify`. */
  verifier: modelName.optional(),
});

const CandidateSchema = z.union([modelName, z.strictObject({ model: modelName, samples: z.number().int().min(1).max(16).default(1) })]);

const RatingsSchema = z.strictObject({
  ...common,
  type: z.literal('ratings'),
  candidates: z.array(CandidateSchema).min(1),
  max_concurrent: z.number().int().min(1).max(64).default(4),
  /** Temperature of repeated samples of one model (a single sample keeps the client's). */
  temperature: z.number().min(0).max(2).default(0.7),
  timeout_ms: timeoutMs,
});

const RemomSchema = z.strictObject({
  ...common,
  type: z.literal('remom'),
  models,
  breadth: z.array(z.number().int().min(1).max(32)).min(1).max(8).default([3]),
  distribution: z.enum(['round_robin', 'weighted']).default('round_robin'),
  temperature: z.number().min(0).max(2).default(0.7),
  round_timeout_ms: timeoutMs,
  /** Quorum per round; unset waits for the whole round. */
  min_successful: positiveInt.optional(),
  synthesis_model: modelName,
});

const FusionSchema = z.strictObject({
  ...common,
  type: z.literal('fusion'),
  panel: models,
  /** Panel answers that end the panel stage early; unset waits for the whole panel. */
  quorum: positiveInt.optional(),
  panel_timeout_ms: timeoutMs,
  judge: modelName,
  finalizer: modelName,
});

const RoleSchema = z.strictObject({ role: z.string().min(1).max(60), model: modelName, instruction: z.string().min(1).max(2000) });

const WorkflowsSchema = z.strictObject({
  ...common,
  type: z.literal('workflows'),
  /** Static roles: steps run in sequence, the roles of one step in parallel. */
  steps: z.array(z.array(RoleSchema).min(1)).min(1).optional(),
  /** A planner model writes the steps per request, from `models`. */
  planner: modelName.optional(),
  models: models.optional(),
  max_steps: z.number().int().min(1).max(8).default(3),
  max_parallel: z.number().int().min(1).max(8).default(3),
  step_timeout_ms: timeoutMs,
  verifier: modelName.optional(),
  finalizer: modelName,
  /** Solves directly when the plan is unusable; defaults to the finalizer. */
  direct_model: modelName.optional(),
});

const PreferenceTargets = z.strictObject(Object.fromEntries(PREFERENCES.map((p) => [p, z.string().min(1).optional()])) as Record<
  (typeof PREFERENCES)[number],
  z.ZodOptional<z.ZodString>
>);

const AutoSchema = z.strictObject({
  ...common,
  type: z.literal('auto'),
  cheap: modelName,
  strong: modelName,
  hard_categories: z.array(z.string().min(1)).default(['code', 'math', 'reasoning', 'science']),
  easy_categories: z.array(z.string().min(1)).default(['chat']),
  risk_categories: z.array(z.string().min(1)).default(['high_stakes']),
  min_category_confidence: z.number().min(0).max(1).default(0.5),
  reasoning_keywords: z.array(z.string().min(1)).default([]),
  risk_keywords: z.array(z.string().min(1)).default([]),
  long_prompt_tokens: positiveInt.default(1500),
  deep_conversation: positiveInt.default(10),
  long_answer_tokens: positiveInt.default(2000),
  /** situation → preference → `cheap`, `strong` or a recipe name; unset cells use the built-in table. */
  choose: z.strictObject(Object.fromEntries(AUTO_SITUATIONS.map((s) => [s, PreferenceTargets.optional()])) as Record<
    (typeof AUTO_SITUATIONS)[number],
    z.ZodOptional<typeof PreferenceTargets>
  >).default({}),
});

export const RecipeSchema = z.discriminatedUnion('type', [ConfidenceSchema, RatingsSchema, RemomSchema, FusionSchema, WorkflowsSchema, AutoSchema]);

/** Raw `recipes:` section: recipe name → recipe object. Names become `consilium/<name>` virtual models. */
export const RecipesSchema = z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'recipe names use letters, digits, _ . -'), RecipeSchema);

export type RawRecipe = z.infer<typeof RecipeSchema>;
export type RawRecipes = z.infer<typeof RecipesSchema>;
export type RawRecipeOf<T extends RawRecipe['type']> = Extract<RawRecipe, { type: T }>;
