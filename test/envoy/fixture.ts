/** Builds ConsiliumConfig objects for the Envoy tests without going through YAML. */
import type { ConsiliumConfig, Endpoint, ModelConfig } from '../../src/config/types.js';

export interface ModelSpec {
  readonly name: string;
  readonly urls: readonly string[];
  readonly cluster?: string;
  readonly timeoutMs?: number;
}

export function model(spec: ModelSpec): ModelConfig {
  const parsed = spec.urls.map((u) => new URL(u));
  const endpoints: Endpoint[] = parsed.map((u) => ({
    scheme: u.protocol === 'https:' ? 'https' : 'http',
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80,
  }));
  return {
    name: spec.name,
    cluster: spec.cluster ?? spec.name,
    providerModel: `${spec.name}-model`,
    endpoints,
    basePath: (parsed[0]?.pathname ?? '/v1').replace(/\/+$/, ''),
    apiKeyEnv: undefined,
    apiKeyFile: undefined,
    pricing: { inputPerMillion: 1, outputPerMillion: 2 },
    ratings: { default: 1 },
    capabilities: new Set(),
    timeoutMs: spec.timeoutMs ?? 60_000,
  };
}

export interface ConfigSpec {
  readonly models?: readonly ModelSpec[];
  readonly maxBodyBytes?: number;
  readonly messageTimeoutMs?: number;
  readonly listen?: { readonly host: string; readonly port: number };
}

export const DEFAULT_MODELS: readonly ModelSpec[] = [
  { name: 'small', urls: ['http://small-llm:8000/v1'] },
  { name: 'big', urls: ['https://api.example.com/v1'], timeoutMs: 90_000 },
];

export function testConfig(spec: ConfigSpec = {}): ConsiliumConfig {
  const models = (spec.models ?? DEFAULT_MODELS).map(model);
  return {
    source: '/configs/test.yaml',
    server: {
      listen: spec.listen ?? { host: '0.0.0.0', port: 50051 },
      admin: { host: '0.0.0.0', port: 9190 },
      maxBodyBytes: spec.maxBodyBytes ?? 8 * 1024 * 1024,
      maxMessages: 256,
      maxPromptTokens: 100_000,
      maxConcurrentRecipes: 16,
      drainTimeoutMs: 30_000,
      messageTimeoutMs: spec.messageTimeoutMs ?? 120_000,
    },
    models: new Map(models.map((m) => [m.name, m])),
    classifier: {
      modelDir: '/models/intent',
      maxTokens: 128,
      threshold: 0.5,
      batch: { maxSize: 8, windowMs: 2 },
      threads: { intraOp: 1, interOp: 1 },
      examples: {},
      knn: 0,
      includeSystemPrompt: false,
    worker: true,
    },
    signals: { keywords: new Map() },
    decisions: [{ name: 'default', priority: 0, when: undefined, isDefault: true, target: { kind: 'model', model: models[0]?.name ?? 'small' }, reason: 'default' }],
    recipes: new Map(),
    virtualModels: { aliases: new Map(), autoProfiles: new Map([['consilium/auto', 'balanced']]) },
    budgets: { maxCalls: 6, maxTotalTokens: 40_000, maxCostUsd: 1, deadlineMs: 60_000 },
  };
}
