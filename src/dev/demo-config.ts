/**
 * The configuration `consilium dev` (npm start) serves: two simulated backends, keyword and classifier
 * routing, and a recipe of each kind so every `consilium/<recipe>` virtual model can be tried offline.
 */

export interface DemoPorts {
  readonly small: number;
  readonly big: number;
}

export function demoConfigYaml(ports: DemoPorts, server: { extProcPort: number; adminPort: number }): string {
  return `# consilium dev: simulated backends on loopback, nothing leaves this machine.
server:
  listen: 127.0.0.1:${server.extProcPort}
  admin: 127.0.0.1:${server.adminPort}
models:
  small:
    model: sim-small
    base_url: http://127.0.0.1:${ports.small}/v1
    api_key_env: CONSILIUM_DEMO_SMALL_KEY
    pricing: { input: 0.10, output: 0.30 }
    ratings: { default: 0.6, chat: 0.9 }
  big:
    model: sim-big
    base_url: http://127.0.0.1:${ports.big}/openai/v1
    pricing: { input: 2.50, output: 10.00 }
    ratings: { default: 0.9 }
signals:
  keywords:
    code: { words: [python, typescript, javascript, function, compile, regex], phrases: [stack trace] }
    risk: { phrases: [chest pain, lawsuit, overdose, tax audit] }
decisions:
  - { name: risky, priority: 30, when: { any: [{ keyword: risk }, { category: high_stakes, min_confidence: 0.6 }] }, recipe: fusion, reason: 'high-stakes question, cross-checked by a panel' }
  - { name: code, priority: 20, when: { keyword: code }, model: big, reason: code request }
  - { name: hard, priority: 10, when: { category: [math, reasoning], min_confidence: 0.6 }, recipe: confidence, reason: 'hard question: cheap model first, escalate when unsure' }
  - { name: default, default: true, recipe: auto }
recipes:
  auto: { type: auto, cheap: small, strong: big }
  confidence: { type: confidence, models: [small, big], method: avg_logprob, threshold: 0.7 }
  ratings: { type: ratings, candidates: [small, big] }
  remom: { type: remom, models: [small, big], breadth: [2], synthesis_model: big }
  fusion: { type: fusion, panel: [small, big], judge: big, finalizer: big }
  workflows: { type: workflows, planner: big, models: [small, big], finalizer: big }
budgets: { max_calls: 8, max_total_tokens: 40000, max_cost_usd: 0.50, deadline_ms: 30000 }
`;
}
