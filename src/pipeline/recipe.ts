/**
 * Runs a recipe for one request and turns its outcome into a plan: a synthesized answer (JSON or SSE), or a
 * tail-call routed through Envoy so the final model's tokens stream live.
 */
import type { Backends } from '../backends/types.js';
import type { ConsiliumConfig, Preference } from '../config/types.js';
import { RouterError } from '../errors/index.js';
import { runRecipe } from '../recipes/registry.js';
import type { Outcome, RecipeSignals } from '../recipes/types.js';
import type { RequestSignals } from '../routing/signals.js';
import type { ConcurrencyLimiter } from './limiter.js';
import { completionPlan } from './respond.js';
import { routePlan } from './route.js';
import type { Plan, RequestInput, ResponseMeta } from './types.js';

export interface RecipeDeps {
  readonly config: ConsiliumConfig;
  readonly backends: Backends;
  readonly recipeSlots: ConcurrencyLimiter;
  /** A model's current API key; routed requests carry it instead of the client's credential. */
  readonly apiKey?: (model: string) => string | undefined;
  /** Told about every finished recipe run (metrics, logs). */
  readonly onRecipeOutcome?: (outcome: Outcome) => void;
  /** Told about a run that produced no answer at all (it becomes a 502). */
  readonly onRecipeFailed?: (recipe: string, error: unknown) => void;
}

export async function runRecipePlan(
  recipeName: string,
  input: RequestInput,
  body: Record<string, unknown>,
  signals: RequestSignals,
  preference: Preference,
  meta: ResponseMeta,
  deps: RecipeDeps,
): Promise<Plan> {
  const release = deps.recipeSlots.tryAcquire();
  if (!release) {
    throw new RouterError('too_many_recipes', 'too many collaboration requests in flight; retry shortly', { headers: { 'retry-after': '1' } });
  }
  try {
    const request = signals.request;
    const outcome = await runRecipe(recipeName, {
      request,
      config: deps.config,
      backends: deps.backends,
      signals: await recipeSignals(signals),
      preference,
      stream: request.stream === true,
      signal: input.signal,
      requestId: input.requestId,
      ...(input.headers.get('traceparent') ? { traceparent: input.headers.get('traceparent') } : {}),
    }).catch((error: unknown) => {
      deps.onRecipeFailed?.(recipeName, error);
      throw error;
    });
    deps.onRecipeOutcome?.(outcome);
    return outcomePlan(outcome, input, body, meta, deps);
  } finally {
    release();
  }
}

async function recipeSignals(signals: RequestSignals): Promise<RecipeSignals> {
  const classification = await signals.classification();
  const shape = signals.shape;
  return {
    category: classification?.label,
    categoryConfidence: classification?.probability,
    promptTokens: signals.promptTokens,
    messages: shape.messages,
    hasTools: shape.hasTools,
    responseFormat: shape.responseFormat,
    maxTokens: shape.maxTokens,
    keywordSets: signals.matchedKeywordSets(),
  };
}

function outcomePlan(outcome: Outcome, input: RequestInput, body: Record<string, unknown>, meta: ResponseMeta, deps: RecipeDeps): Plan {
  const common: ResponseMeta = {
    ...meta,
    recipe: outcome.recipe,
    reason: outcome.reason || meta.reason,
    modelsUsed: outcome.modelsUsed,
    calls: outcome.calls,
    costUsd: outcome.costUsd,
    tokens: outcome.usage.total_tokens,
  };
  if (outcome.kind === 'final') {
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    return completionPlan(outcome.completion, body.stream === true, includeUsage, { ...common, model: outcome.finalModel });
  }
  const model = deps.config.models.get(outcome.model);
  if (!model) throw new RouterError('internal_error', `recipe ${outcome.recipe} tail-called unknown model ${outcome.model}`);
  const modelsUsed = outcome.modelsUsed.includes(model.name) ? outcome.modelsUsed : [...outcome.modelsUsed, model.name];
  return routePlan(model, input.path, outcome.request as unknown as Record<string, unknown>, { ...common, modelsUsed }, deps.apiKey?.(model.name));
}
