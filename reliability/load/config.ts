/** The soak's Consilium config: two simulated backends, keyword routing, and recipes reachable by name. */

export function loadConfigYaml(smallPort: number, bigPort: number): string {
  return `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, max_concurrent_recipes: 1024, message_timeout_ms: 90000 }
models:
  small: { model: sim-small, base_url: http://127.0.0.1:${smallPort}/v1, api_key_env: LOAD_SMALL_KEY, pricing: { input: 0.1, output: 0.3 } }
  big: { model: sim-big, base_url: http://127.0.0.1:${bigPort}/openai/v1, pricing: { input: 2.5, output: 10 } }
signals:
  keywords:
    code: { words: [python, function], phrases: [stack trace] }
decisions:
  - { name: code, priority: 10, when: { keyword: code }, model: big, reason: code request }
  - { name: default, default: true, model: small }
recipes:
  fusion: { type: fusion, panel: [small, big], judge: big, finalizer: big }
  confidence: { type: confidence, models: [small, big], method: avg_logprob, threshold: 0.7 }
  remom: { type: remom, models: [small, big], breadth: [2], synthesis_model: big }
  workflows: { type: workflows, planner: big, models: [small, big], finalizer: big }
budgets: { max_calls: 8, max_total_tokens: 40000, max_cost_usd: 1, deadline_ms: 60000 }
`;
}

/**
 * The request mix, by weight: mostly routing (auto by keyword, and explicit models), some streaming, and
 * recipes (non-streaming answers and streaming tail-calls).
 */
export const REQUEST_MIX: readonly { readonly weight: number; readonly kind: string; readonly body: Readonly<Record<string, unknown>> }[] = [
  { weight: 30, kind: 'route', body: { model: 'consilium/auto', messages: [{ role: 'user', content: 'Say hello to the team.' }] } },
  { weight: 15, kind: 'route', body: { model: 'consilium/auto', messages: [{ role: 'user', content: 'Why does this python function raise?' }] } },
  { weight: 15, kind: 'route-stream', body: { model: 'small', stream: true, messages: [{ role: 'user', content: 'Stream a short greeting.' }] } },
  { weight: 10, kind: 'route', body: { model: 'big', messages: [{ role: 'user', content: 'Summarize the plan.' }] } },
  { weight: 10, kind: 'recipe', body: { model: 'consilium/fusion', messages: [{ role: 'user', content: 'Is it safe to mix bleach and vinegar?' }] } },
  { weight: 8, kind: 'recipe', body: { model: 'consilium/confidence', messages: [{ role: 'user', content: 'What is 2 + 2?' }] } },
  { weight: 6, kind: 'recipe-stream', body: { model: 'consilium/remom', stream: true, messages: [{ role: 'user', content: 'Explain tides.' }] } },
  { weight: 6, kind: 'recipe', body: { model: 'consilium/workflows', messages: [{ role: 'user', content: 'Write a short report on bees.' }] } },
];
