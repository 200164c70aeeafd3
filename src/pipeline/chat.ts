/**
 * The chat completions lifecycle: validate → resolve the model → signals → decision → Route or recipe.
 * Transport-free: takes a RequestInput, returns a Plan.
 */
import type { Classification } from '../classify/types.js';
import type { ConsiliumConfig, DecisionConfig, Preference } from '../config/types.js';
import { RequestError, RouterError, toRouterError } from '../errors/index.js';
import { validateChatRequest, parseJsonBody } from '../openai/validate.js';
import type { ChatCompletionRequest } from '../openai/types.js';
import { decide } from '../routing/decide.js';
import { resolveModel } from '../routing/models.js';
import { RequestSignals } from '../routing/signals.js';
import { errorPlan } from './respond.js';
import { routePlan } from './route.js';
import { runRecipePlan, type RecipeDeps } from './recipe.js';
import type { Plan, RequestInput, ResponseMeta } from './types.js';

export interface ChatDeps extends RecipeDeps {
  readonly config: ConsiliumConfig;
  /** Classifies a request; absent when no classifier is loaded. */
  readonly classify?: (request: ChatCompletionRequest) => Promise<Classification>;
  /** Told when the classifier fails at run time; routing continues without its signal. */
  readonly onClassifierError?: (error: unknown) => void;
}

export async function handleChat(input: RequestInput, deps: ChatDeps): Promise<Plan> {
  const baseMeta: ResponseMeta = { requestId: input.requestId, recipe: 'single' };
  try {
    const body = parseJsonBody(input.body);
    const request = validateChatRequest(body);
    const signals = signalsFor(request, deps);
    checkLimits(request, signals, deps.config);
    const target = resolveModel(deps.config, request.model);
    switch (target.kind) {
      case 'unknown':
        throw new RequestError('model_not_found', `The model '${request.model}' does not exist`, { param: 'model' });
      case 'model':
        return routePlan(
          target.model,
          input.path,
          body,
          { ...baseMeta, decision: 'explicit', reason: `client asked for model ${target.model.name}` },
          deps.apiKey?.(target.model.name),
        );
      case 'recipe':
        return await runRecipePlan(target.recipe, input, body, signals, 'balanced', {
          ...baseMeta,
          decision: 'explicit',
          reason: `client asked for ${target.virtualModel}`,
        }, deps);
      case 'auto':
        return await decideAndPlan(input, body, signals, target.preference, deps);
    }
  } catch (error) {
    return errorPlan(toRouterError(error), baseMeta);
  }
}

async function decideAndPlan(
  input: RequestInput,
  body: Record<string, unknown>,
  signals: RequestSignals,
  preference: Preference,
  deps: ChatDeps,
): Promise<Plan> {
  const { decision } = await decide(deps.config.decisions, signals);
  const meta = await decisionMeta(input.requestId, decision, signals);
  if (decision.target.kind === 'model') {
    const model = deps.config.models.get(decision.target.model);
    if (!model) throw new RouterError('internal_error', `decision ${decision.name} names an unknown model`);
    return routePlan(model, input.path, body, meta, deps.apiKey?.(model.name));
  }
  return runRecipePlan(decision.target.recipe, input, body, signals, preference, meta, deps);
}

function signalsFor(request: ChatCompletionRequest, deps: ChatDeps): RequestSignals {
  const classify = deps.classify;
  const provider = classify
    ? () =>
        classify(request).catch((error: unknown) => {
          deps.onClassifierError?.(error);
          return undefined;
        })
    : undefined;
  return new RequestSignals(request, deps.config.signals.keywords, provider);
}

/** Category headers appear only when the classifier ran for this request. */
async function decisionMeta(requestId: string, decision: DecisionConfig, signals: RequestSignals): Promise<ResponseMeta> {
  const classification = await signals.classificationIfStarted();
  return {
    requestId,
    recipe: 'single',
    decision: decision.name,
    reason: decision.reason,
    ...(classification ? { category: classification.label, confidence: classification.probability } : {}),
  };
}

function checkLimits(request: ChatCompletionRequest, signals: RequestSignals, config: ConsiliumConfig): void {
  if (request.messages.length > config.server.maxMessages) {
    throw new RequestError('too_many_messages', `too many messages: ${request.messages.length} > ${config.server.maxMessages}`, { param: 'messages' });
  }
  if (signals.promptTokens > config.server.maxPromptTokens) {
    throw new RequestError(
      'context_length_exceeded',
      `the prompt is about ${signals.promptTokens} tokens, over this server's limit of ${config.server.maxPromptTokens}`,
      { param: 'messages' },
    );
  }
}
