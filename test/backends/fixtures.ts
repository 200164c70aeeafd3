/** ModelConfig builders for backend tests: every model points at a scripted server on 127.0.0.1. */
import type { Endpoint, ModelConfig } from '../../src/config/types.js';

export function testModel(name: string, ports: number | readonly number[], overrides: Partial<ModelConfig> = {}): ModelConfig {
  const endpoints: Endpoint[] = (typeof ports === 'number' ? [ports] : ports).map((port) => ({ scheme: 'http', host: '127.0.0.1', port }));
  return {
    name,
    cluster: `cluster-${name}`,
    providerModel: `provider-${name}`,
    endpoints,
    basePath: `/${name}/v1`,
    apiKeyEnv: undefined,
    apiKeyFile: undefined,
    pricing: { inputPerMillion: 1, outputPerMillion: 2 },
    ratings: { default: 1 },
    capabilities: new Set(['tools', 'logprobs']),
    timeoutMs: 5_000,
    ...overrides,
  };
}

export function modelMap(...models: ModelConfig[]): ReadonlyMap<string, ModelConfig> {
  return new Map(models.map((model) => [model.name, model]));
}
