/**
 * Builds everything one config snapshot needs to serve: classifier (when the config can use it), HTTP
 * backends and the pipeline. A reload builds a new Runtime fully before swapping it in.
 */
import { createHttpBackends, type BackendCallEvent, type HttpBackends } from '../backends/http.js';
import type { Backends } from '../backends/types.js';
import type { Classifier } from '../classify/types.js';
import type { ConsiliumConfig } from '../config/types.js';
import type { Logger } from '../observability/logger.js';
import type { ChatCompletionRequest } from '../openai/types.js';
import { ConcurrencyLimiter } from '../pipeline/limiter.js';
import { Pipeline } from '../pipeline/pipeline.js';
import type { Outcome } from '../recipes/types.js';
import { decisionsUseClassifier } from '../routing/decide.js';
import { loadRequestClassifier, type RequestClassifier } from './classifier.js';

export interface Runtime {
  readonly config: ConsiliumConfig;
  readonly pipeline: Pipeline;
  readonly classifier: Classifier | undefined;
  close(): Promise<void>;
}

export interface RuntimeHooks {
  readonly onBackendCall?: (event: BackendCallEvent) => void;
  readonly onRecipeOutcome?: (outcome: Outcome) => void;
  readonly onRecipeFailed?: (recipe: string, error: unknown) => void;
  readonly onClassifierError?: (error: unknown) => void;
  readonly onClassifierBatch?: (size: number, ms: number) => void;
}

export interface RuntimeOptions {
  readonly logger: Logger;
  /** Shared across reloads so the in-flight count survives a swap. */
  readonly recipeSlots: ConcurrencyLimiter;
  readonly hooks?: RuntimeHooks;
  /** Replace the HTTP backends (tests, benches). */
  readonly backends?: Backends;
}

/** The classifier is loaded when a decision reads its label, or a recipe weighs answers by category. */
export function needsClassifier(config: ConsiliumConfig): boolean {
  return decisionsUseClassifier(config.decisions) || [...config.recipes.values()].some((r) => r.type === 'auto' || r.type === 'ratings');
}

export async function buildRuntime(config: ConsiliumConfig, options: RuntimeOptions): Promise<Runtime> {
  const hooks = options.hooks ?? {};
  let requestClassifier: RequestClassifier | undefined;
  if (needsClassifier(config)) {
    requestClassifier = await loadRequestClassifier(config.classifier, {
      logger: options.logger,
      ...(hooks.onClassifierBatch ? { onBatch: hooks.onClassifierBatch } : {}),
    });
  }
  const http: HttpBackends = createHttpBackends(config, { logger: options.logger, ...(hooks.onBackendCall ? { onCall: hooks.onBackendCall } : {}) });
  // Injected backends (tests, benches) replace the HTTP calls; keys for routed requests still come from http.
  const backends = options.backends ?? http;
  const classify = requestClassifier
    ? (request: ChatCompletionRequest) => (requestClassifier as RequestClassifier).classifyRequest(request)
    : undefined;
  const pipeline = new Pipeline({
    config,
    backends,
    recipeSlots: options.recipeSlots,
    apiKey: (model) => http.apiKey(model),
    ...(classify ? { classify } : {}),
    onClassifierError: (error) => {
      options.logger.warn({ err: error }, 'classifier failed; routing without its signal');
      hooks.onClassifierError?.(error);
    },
    ...(hooks.onRecipeOutcome ? { onRecipeOutcome: hooks.onRecipeOutcome } : {}),
    ...(hooks.onRecipeFailed ? { onRecipeFailed: hooks.onRecipeFailed } : {}),
  });
  return {
    config,
    pipeline,
    classifier: requestClassifier?.classifier,
    async close() {
      await Promise.allSettled([http.close(), requestClassifier?.classifier.close()]);
    },
  };
}
