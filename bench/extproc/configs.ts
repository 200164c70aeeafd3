/**
 * The Consilium configs under test. Routing rows use two models and keyword sets shaped like
 * config/example.yaml's; the classifier row adds a decision on the classifier's `category`.
 */

/** The models and keyword sets every bench config shares. Backends are never called: Envoy (the bench) is. */
const COMMON = `
server:
  listen: 127.0.0.1:0
  admin: 127.0.0.1:0
  drain_timeout_ms: 1000
models:
  small:
    model: qwen2.5-7b-instruct
    base_url: http://127.0.0.1:9/v1
    api_key_env: BENCH_SMALL_KEY
    pricing: { input: 0.10, output: 0.30 }
  big:
    model: gpt-4o
    base_url: http://127.0.0.1:9/openai/v1
    api_key_env: BENCH_BIG_KEY
    pricing: { input: 2.50, output: 10.00 }
signals:
  keywords:
    code: { words: [python, typescript, function, compile, regex], phrases: [stack trace] }
    urgent_risk: { phrases: [chest pain, lawsuit, overdose] }
`;

/** Rows (b) and (c): keyword decisions only, so no classifier is loaded. */
export function keywordsConfigYaml(): string {
  return `${COMMON}
decisions:
  - { name: code, priority: 20, when: { keyword: code }, model: big, reason: code request }
  - { name: high-stakes, priority: 30, when: { keyword: urgent_risk }, model: big, reason: high-stakes question }
  - { name: long-prompt, priority: 10, when: { tokens: { gt: 30000 } }, model: big }
  - { name: default, default: true, model: small }
`;
}

/** Row (d): a decision on the classifier's label, with the model in `modelDir`. */
export function classifierConfigYaml(modelDir: string): string {
  return `${COMMON}
classifier:
  model_dir: ${JSON.stringify(modelDir)}
decisions:
  - { name: code, priority: 20, when: { category: code, min_confidence: 0.3 }, model: big, reason: code request }
  - { name: default, default: true, model: small }
`;
}

/** Environment the server process needs for the configs' api_key_env names (fake keys, never sent anywhere). */
export const BENCH_KEYS: Readonly<Record<string, string>> = { BENCH_SMALL_KEY: 'sk-bench-small', BENCH_BIG_KEY: 'sk-bench-big' };
