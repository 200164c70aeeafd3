/**
 * Builds the runtime recipes from the schema-valid `recipes:` section: cross-references (models, keyword
 * sets, recipe names), per-type consistency (quorum ≤ panel, ...), budget merge and the call-bounds check.
 * Every problem becomes a ConfigIssue with its exact path (`recipes.fusion.panel[2]`) and value.
 */
import type { ConfigIssue } from '../errors/index.js';
import type { BudgetConfig } from './types.js';
import { resolveAutoTable } from './recipes-auto.js';
import { callBounds } from './recipes-bounds.js';
import type { RawRecipe, RawRecipeOf, RawRecipes } from './recipes-schema.js';
import type { RecipeBuildContext, RecipeConfig, RecipeConfigBase, RecipeType, WorkflowRole } from './recipes.js';

/** Checks cross-references while a recipe is built; `at` paths are relative to the recipe. */
interface Checker {
  readonly at: string;
  model(field: string, name: string | undefined): void;
  issue(field: string, message: string, value?: unknown): void;
}

export function buildRecipes(raw: RawRecipes, ctx: RecipeBuildContext, issues: ConfigIssue[]): Map<string, RecipeConfig> {
  const out = new Map<string, RecipeConfig>();
  const declared = new Map<string, RecipeType>(Object.entries(raw).map(([name, r]) => [name, r.type]));
  for (const [name, recipe] of Object.entries(raw)) {
    const at = `recipes.${name}`;
    const before = issues.length;
    const check: Checker = {
      at,
      model(field, model) {
        if (model !== undefined && !ctx.models.has(model)) issues.push({ path: `${at}.${field}`, message: 'no such model in `models`', value: model });
      },
      issue(field, message, value) {
        issues.push({ path: field ? `${at}.${field}` : at, message, value });
      },
    };
    const base: RecipeConfigBase = {
      name,
      type: recipe.type,
      budget: mergeBudget(ctx.budgets, recipe.budget),
      onError: recipe.on_error,
      callMaxTokens: recipe.call_max_tokens,
    };
    const built = buildOne(recipe, base, check, ctx, declared);
    if (issues.length === before) {
      const bounds = callBounds(built);
      if (bounds.min > built.budget.maxCalls) {
        check.issue('budget.max_calls', `the shortest path of this ${built.type} recipe needs ${bounds.min} calls`, built.budget.maxCalls);
      }
    }
    out.set(name, deepFreeze(built));
  }
  return out;
}

function mergeBudget(defaults: BudgetConfig, override: RawRecipe['budget']): BudgetConfig {
  return {
    maxCalls: override?.max_calls ?? defaults.maxCalls,
    maxTotalTokens: override?.max_total_tokens ?? defaults.maxTotalTokens,
    maxCostUsd: override?.max_cost_usd ?? defaults.maxCostUsd,
    deadlineMs: override?.deadline_ms ?? defaults.deadlineMs,
  };
}

function buildOne(raw: RawRecipe, base: RecipeConfigBase, check: Checker, ctx: RecipeBuildContext, declared: ReadonlyMap<string, RecipeType>): RecipeConfig {
  switch (raw.type) {
    case 'confidence':
      return buildConfidence(raw, base, check, ctx);
    case 'ratings':
      raw.candidates.forEach((c, i) => check.model(typeof c === 'string' ? `candidates[${i}]` : `candidates[${i}].model`, typeof c === 'string' ? c : c.model));
      return {
        ...base,
        type: 'ratings',
        candidates: raw.candidates.map((c) => (typeof c === 'string' ? { model: c, samples: 1 } : { model: c.model, samples: c.samples })),
        maxConcurrent: raw.max_concurrent,
        temperature: raw.temperature,
        timeoutMs: raw.timeout_ms,
      };
    case 'remom': {
      raw.models.forEach((m, i) => check.model(`models[${i}]`, m));
      check.model('synthesis_model', raw.synthesis_model);
      const narrowest = Math.min(...raw.breadth);
      if (raw.min_successful !== undefined && raw.min_successful > narrowest) {
        check.issue('min_successful', `exceeds the narrowest round (breadth ${narrowest})`, raw.min_successful);
      }
      return {
        ...base,
        type: 'remom',
        models: raw.models,
        breadth: raw.breadth,
        distribution: raw.distribution,
        temperature: raw.temperature,
        roundTimeoutMs: raw.round_timeout_ms,
        minSuccessful: raw.min_successful,
        synthesisModel: raw.synthesis_model,
      };
    }
    case 'fusion': {
      raw.panel.forEach((m, i) => check.model(`panel[${i}]`, m));
      check.model('judge', raw.judge);
      check.model('finalizer', raw.finalizer);
      if (raw.quorum !== undefined && raw.quorum > raw.panel.length) check.issue('quorum', `exceeds the panel size (${raw.panel.length})`, raw.quorum);
      return {
        ...base,
        type: 'fusion',
        panel: raw.panel,
        quorum: Math.min(raw.quorum ?? raw.panel.length, raw.panel.length),
        panelTimeoutMs: raw.panel_timeout_ms,
        judge: raw.judge,
        finalizer: raw.finalizer,
      };
    }
    case 'workflows':
      return buildWorkflows(raw, base, check);
    case 'auto': {
      check.model('cheap', raw.cheap);
      check.model('strong', raw.strong);
      for (const field of ['reasoning_keywords', 'risk_keywords'] as const) {
        raw[field].forEach((set, i) => {
          if (!ctx.keywordSets.has(set)) check.issue(`${field}[${i}]`, 'no such keyword set in `signals.keywords`', set);
        });
      }
      return {
        ...base,
        type: 'auto',
        cheap: raw.cheap,
        strong: raw.strong,
        hardCategories: raw.hard_categories,
        easyCategories: raw.easy_categories,
        riskCategories: raw.risk_categories,
        minCategoryConfidence: raw.min_category_confidence,
        reasoningKeywords: raw.reasoning_keywords,
        riskKeywords: raw.risk_keywords,
        longPromptTokens: raw.long_prompt_tokens,
        deepConversation: raw.deep_conversation,
        longAnswerTokens: raw.long_answer_tokens,
        table: resolveAutoTable(raw.choose, declared, (path, message, value) => check.issue(path, message, value)),
      };
    }
  }
}

function buildConfidence(raw: RawRecipeOf<'confidence'>, base: RecipeConfigBase, check: Checker, ctx: RecipeBuildContext): RecipeConfig {
  const seen = new Set<string>();
  raw.models.forEach((m, i) => {
    check.model(`models[${i}]`, m);
    if (seen.has(m)) check.issue(`models[${i}]`, 'listed twice in the ladder', m);
    seen.add(m);
    const caps = ctx.models.get(m)?.capabilities;
    if (raw.method !== 'self_verify' && caps && !caps.has('logprobs')) {
      check.issue(`models[${i}]`, `method ${raw.method} needs a model with the logprobs capability`, m);
    }
  });
  if (raw.method === 'self_verify' && raw.verifier === undefined) check.issue('verifier', 'required when method is self_verify');
  check.model('verifier', raw.verifier);
  return {
    ...base,
    type: 'confidence',
    models: raw.models,
    order: raw.order,
    method: raw.method,
    threshold: raw.threshold,
    hybridWeight: raw.hybrid_weight,
    topLogprobs: raw.top_logprobs,
    verifier: raw.verifier,
  };
}

function buildWorkflows(raw: RawRecipeOf<'workflows'>, base: RecipeConfigBase, check: Checker): RecipeConfig {
  const steps: WorkflowRole[][] = (raw.steps ?? []).map((step, s) =>
    step.map((role, r) => {
      check.model(`steps[${s}][${r}].model`, role.model);
      return { role: role.role, model: role.model, instruction: role.instruction };
    }),
  );
  if ((raw.steps === undefined) === (raw.planner === undefined)) check.issue('', 'set exactly one of `steps` (static roles) or `planner`');
  if (raw.planner !== undefined && raw.models === undefined) check.issue('models', 'a planner needs the models its plans may use');
  if (raw.steps !== undefined && raw.models !== undefined) check.issue('models', 'only used with `planner`', raw.models);
  check.model('planner', raw.planner);
  (raw.models ?? []).forEach((m, i) => check.model(`models[${i}]`, m));
  check.model('verifier', raw.verifier);
  check.model('finalizer', raw.finalizer);
  check.model('direct_model', raw.direct_model);
  return {
    ...base,
    type: 'workflows',
    mode: raw.planner !== undefined ? 'planner' : 'static',
    steps,
    planner: raw.planner,
    models: raw.models ?? [],
    maxSteps: raw.max_steps,
    maxParallel: raw.max_parallel,
    stepTimeoutMs: raw.step_timeout_ms,
    verifier: raw.verifier,
    finalizer: raw.finalizer,
    directModel: raw.direct_model ?? raw.finalizer,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
