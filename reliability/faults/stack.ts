/**
 * The fault-injection stack: three simulated backends (each behind a fault proxy), Consilium with a recipe of
 * every type, and the Envoy-faithful gateway, all from startDevStack. Answers carry no model names, so role
 * prompts can be checked for leaks; judge, grader, planner and verifier prompts get valid JSON.
 */
import { startDevStack, type DevStack } from '../../src/dev/stack.js';
import { ensureRandomBert } from '../../src/dev/random-bert.js';
import { roleResponder } from '../../test/support/role-responder.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

export const MODELS = ['alpha', 'beta', 'gamma'] as const;
export type ModelName = (typeof MODELS)[number];

/** Deadline of every recipe; the pass line allows 100 ms past it. */
export const RECIPE_DEADLINE_MS = 6_000;
/** Per-call timeout: a hung backend costs this much of a recipe's deadline; two 1 s retry-after waits fit. */
export const CALL_TIMEOUT_MS = 2_500;
/** Envoy's message timeout must exceed the recipe deadline; it also bounds single routing (the route timeout). */
export const MESSAGE_TIMEOUT_MS = 8_000;

export const RECIPES = ['confidence', 'ratings', 'remom', 'fusion', 'workflows', 'auto'] as const;

function faultsYaml(proxies: Readonly<Record<ModelName, FaultProxy>>, classifierDir: string, maxConcurrentRecipes: number): string {
  const model = (name: ModelName, price: number): string =>
    `  ${name}: { model: prov-${name}, base_url: http://127.0.0.1:${proxies[name].port}/v1, timeout_ms: ${CALL_TIMEOUT_MS}, pricing: { input: ${price}, output: ${price} } }`;
  return `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, message_timeout_ms: ${MESSAGE_TIMEOUT_MS}, max_concurrent_recipes: ${maxConcurrentRecipes} }
classifier: { model_dir: ${JSON.stringify(classifierDir)} }
models:
${model('alpha', 1)}
${model('beta', 5)}
${model('gamma', 20)}
decisions:
  - { name: default, default: true, recipe: auto }
recipes:
  auto: { type: auto, cheap: alpha, strong: gamma }
  confidence: { type: confidence, models: [alpha, beta, gamma], method: avg_logprob, threshold: 0.7 }
  ratings: { type: ratings, candidates: [alpha, beta, gamma] }
  remom: { type: remom, models: [alpha, beta, gamma], breadth: [3], synthesis_model: gamma }
  fusion: { type: fusion, panel: [alpha, beta, gamma], judge: gamma, finalizer: beta }
  workflows: { type: workflows, planner: gamma, models: [alpha, beta], finalizer: gamma }
budgets: { max_calls: 10, max_total_tokens: 60000, max_cost_usd: 1, deadline_ms: ${RECIPE_DEADLINE_MS} }
`;
}

export interface FaultStack {
  readonly stack: DevStack;
  readonly proxies: Readonly<Record<ModelName, FaultProxy>>;
  close(): Promise<void>;
}

export async function startFaultStack(options: { maxConcurrentRecipes?: number } = {}): Promise<FaultStack> {
  const classifierDir = await ensureRandomBert('small');
  const started: FaultProxy[] = [];
  try {
    const proxies = {} as Record<ModelName, FaultProxy>;
    for (const [i, name] of MODELS.entries()) {
      proxies[name] = await startFaultProxy(101 + i);
      started.push(proxies[name]);
    }
    const stack = await startDevStack({
      adminPort: false,
      backends: Object.fromEntries(MODELS.map((name, i) => [name, { seed: 11 + i, respond: roleResponder(`backend ${i + 1}`) }])),
      configYaml: (backends) => {
        for (const name of MODELS) proxies[name].retarget(backends[name]!.port);
        return faultsYaml(proxies, classifierDir, options.maxConcurrentRecipes ?? 256);
      },
    });
    return {
      stack,
      proxies,
      async close() {
        await stack.close();
        await Promise.all(started.map((proxy) => proxy.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((proxy) => proxy.close()));
    throw error;
  }
}
