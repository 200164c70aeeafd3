/** Fixtures for recipe tests: a real config loaded from YAML, a context, and trace/prompt inspection. */
import { stringify } from 'yaml';
import type { Backends } from '../../src/backends/types.js';
import { loadConfigText } from '../../src/config/load.js';
import type { ConsiliumConfig } from '../../src/config/types.js';
import type { FakeBackends } from '../../src/dev/fake-backends.js';
import { messageText, type ChatCompletionRequest } from '../../src/openai/types.js';
import type { RecipeContext, RecipeSignals } from '../../src/recipes/types.js';

/** Test models: names chosen so a leak into a prompt is easy to spot. */
export const MODELS = {
  small: { pricing: { input: 1, output: 2 }, ratings: { math: 3, default: 2 } },
  medium: { pricing: { input: 3, output: 6 }, ratings: { default: 5 } },
  big: { pricing: { input: 10, output: 20 }, ratings: { math: 9, default: 8 } },
  judgex: { pricing: { input: 5, output: 10 }, ratings: { default: 6 } },
} as const;
export const MODEL_NAMES = Object.keys(MODELS);

export interface ConfigParts {
  readonly recipes: Record<string, unknown>;
  readonly budgets?: Record<string, unknown>;
  readonly keywords?: Record<string, unknown>;
  readonly models?: Record<string, unknown>;
}

export function configWith(parts: ConfigParts): ConsiliumConfig {
  const models = Object.fromEntries(
    Object.entries(parts.models ?? MODELS).map(([name, m], i) => [name, { ...(m as object), model: `provider-${name}`, base_url: `http://127.0.0.1:${9100 + i}/v1` }]),
  );
  const doc = {
    server: { message_timeout_ms: 300_000 },
    models,
    signals: { keywords: parts.keywords ?? { proof: { words: ['prove', 'proof'] }, legal: { words: ['lawsuit'] } } },
    decisions: [{ name: 'default', default: true, model: 'small' }],
    recipes: parts.recipes,
    budgets: { max_calls: 20, max_total_tokens: 1_000_000, max_cost_usd: 100, deadline_ms: 60_000, ...parts.budgets },
  };
  return loadConfigText(stringify(doc), { baseDir: process.cwd() });
}

export const SIGNALS: RecipeSignals = {
  category: undefined,
  categoryConfidence: undefined,
  promptTokens: 20,
  messages: 1,
  hasTools: false,
  responseFormat: undefined,
  maxTokens: undefined,
  keywordSets: new Set(),
};

export const REQUEST: ChatCompletionRequest = {
  model: 'consilium/test',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
};

export const TOOLS = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];

export function contextFor(
  config: ConsiliumConfig,
  backends: Backends,
  overrides: Partial<Omit<RecipeContext, 'config' | 'backends'>> = {},
): RecipeContext {
  return {
    request: REQUEST,
    config,
    backends,
    signals: SIGNALS,
    preference: 'balanced',
    stream: false,
    signal: new AbortController().signal,
    requestId: 'req-1',
    ...overrides,
  };
}

/** All text of a recorded request's messages. */
export function promptOf(request: ChatCompletionRequest): string {
  return request.messages.map((m) => messageText(m)).join('\n');
}

/** Asserts-friendly: the recorded requests' prompts to `model` for trace step prefixes. */
export function promptsTo(backends: FakeBackends, model: string): string[] {
  return backends.callsTo(model).map((c) => promptOf(c.request));
}

/** Whole-word occurrences of any model name in `text` (the client's own words excluded by the caller). */
export function leakedModelNames(text: string, names: readonly string[] = MODEL_NAMES): string[] {
  return names.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}
