/** Events as the server hooks hand them to Metrics: request summaries, backend events, recipe outcomes. */
import type { BackendCallEvent } from '../../src/backends/http-options.js';
import type { ConsiliumConfig } from '../../src/config/types.js';
import type { RequestSummary } from '../../src/extproc/processor.js';
import type { FinalOutcome, Outcome, TailCallOutcome } from '../../src/recipes/types.js';
import { baseYaml, testConfig } from '../support/config.js';

export function metricsConfig(): ConsiliumConfig {
  return testConfig(
    `${baseYaml()}
recipes:
  panel:
    type: fusion
    panel: [small, big]
    judge: big
    finalizer: big
  ladder:
    type: confidence
    models: [small, big]
`,
  );
}

export function summary(overrides: Partial<RequestSummary> = {}): RequestSummary {
  return {
    requestId: 'req-1',
    method: 'POST',
    path: '/v1/chat/completions',
    status: 200,
    outcome: 'routed',
    meta: { requestId: 'req-1', decision: 'code', recipe: 'single', model: 'big' },
    errorCode: undefined,
    startedAt: 0,
    ...overrides,
  };
}

export function backendEvent(overrides: Partial<BackendCallEvent> = {}): BackendCallEvent {
  return {
    phase: 'attempt',
    model: 'small',
    endpoint: 'http://127.0.0.1:9',
    attempt: 1,
    outcome: 'ok',
    status: 200,
    latencyMs: 250,
    usage: { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140 },
    ...overrides,
  };
}

const common = {
  recipe: 'panel',
  recipeType: 'fusion',
  modelsUsed: ['small', 'big'],
  calls: 4,
  usage: { prompt_tokens: 400, completion_tokens: 200, total_tokens: 600 },
  usageByModel: new Map(),
  costUsd: 0.012,
  trace: [],
  reason: 'high-stakes question',
  escalations: 0,
  quorum: undefined,
  parseFailures: 0,
} as const;

export function finalOutcome(overrides: Partial<FinalOutcome> = {}): Outcome {
  return {
    ...common,
    kind: 'final',
    finalModel: 'big',
    completion: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 0,
      model: 'big',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop', logprobs: null }],
      usage: common.usage,
    },
    ...overrides,
  } as FinalOutcome;
}

export function tailCallOutcome(overrides: Partial<TailCallOutcome> = {}): Outcome {
  return {
    ...common,
    kind: 'tail_call',
    model: 'big',
    request: { model: 'big', messages: [{ role: 'user', content: 'hi' }], stream: true },
    ...overrides,
  } as TailCallOutcome;
}
