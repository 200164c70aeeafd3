/**
 * The recipe bench's config: four models and one recipe of each type, each shaped to take several
 * sequential steps (a confidence ladder that escalates to the top, a workflow whose verifier asks for a
 * repair), and the fake replies that drive them there.
 */
import type { FakeReply } from '../../src/dev/fake-backends.js';

export const RECIPE_NAMES = ['confidence', 'ratings', 'remom', 'fusion', 'workflows', 'smart'] as const;
export type BenchRecipe = (typeof RECIPE_NAMES)[number];

export function recipesConfigYaml(): string {
  return `
server: { max_concurrent_recipes: 1000, message_timeout_ms: 300000 }
models:
  small:  { model: s, base_url: http://127.0.0.1:9/v1, pricing: { input: 0.1, output: 0.2 }, ratings: { default: 6 } }
  medium: { model: m, base_url: http://127.0.0.1:9/v1, pricing: { input: 0.3, output: 0.6 }, ratings: { default: 7 } }
  big:    { model: b, base_url: http://127.0.0.1:9/v1, pricing: { input: 1.2, output: 2.4 }, ratings: { default: 8.5 } }
  judge:  { model: j, base_url: http://127.0.0.1:9/v1, pricing: { input: 0.9, output: 0.9 }, ratings: { default: 8 } }
decisions:
  - { name: default, default: true, model: small }
budgets: { max_calls: 20, max_total_tokens: 1000000, max_cost_usd: 100, deadline_ms: 120000 }
recipes:
  confidence: { type: confidence, models: [small, medium, big], order: cost, method: hybrid, threshold: 0.75 }
  ratings: { type: ratings, candidates: [small, medium, { model: big, samples: 2 }], max_concurrent: 4 }
  remom: { type: remom, models: [small, medium], breadth: [3, 2], synthesis_model: big }
  fusion: { type: fusion, panel: [small, medium, big], judge: judge, finalizer: big }
  workflows:
    type: workflows
    steps:
      - [{ role: analyst, model: medium, instruction: List the facts. }, { role: skeptic, model: small, instruction: List likely mistakes. }]
      - [{ role: solver, model: big, instruction: Solve the task using the notes. }]
    verifier: judge
    finalizer: big
  smart: { type: auto, cheap: small, strong: big, choose: { easy: { balanced: fusion } } }
`;
}

/**
 * Every model answers with one JSON object that serves every internal role: the judge's analysis, the
 * verifier's verdict (not ok: one repair call), a grader's score. Logprobs at 0.3 keep the confidence
 * ladder escalating to its last rung.
 */
export function fakeReply(latencyMs: number): FakeReply {
  return {
    latencyMs,
    content: JSON.stringify({
      answer: 'Paris is the capital of France.',
      consensus: ['Paris'],
      contradictions: [],
      unique_insights: ['the Seine'],
      blind_spots: [],
      ok: false,
      issues: ['state the country explicitly'],
      score: 0.4,
    }),
    confidence: 0.3,
    usage: { prompt_tokens: 120, completion_tokens: 60 },
  };
}

/** The client's request body for `consilium/<recipe>`. */
export function recipeRequestBody(recipe: BenchRecipe): Buffer {
  return Buffer.from(
    JSON.stringify({
      model: `consilium/${recipe}`,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'What is the capital of France? Explain in two sentences.' },
      ],
    }),
  );
}
