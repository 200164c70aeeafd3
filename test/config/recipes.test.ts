import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfigFile, loadConfigText } from '../../src/config/load.js';
import { buildRecipes, callBounds, RECIPE_TYPES, RecipesSchema, type RecipeConfig } from '../../src/config/recipes.js';
import type { BudgetConfig, KeywordSetConfig, ModelConfig } from '../../src/config/types.js';
import { ConfigError, type ConfigIssue } from '../../src/errors/index.js';

const BUDGETS: BudgetConfig = { maxCalls: 8, maxTotalTokens: 64_000, maxCostUsd: 1, deadlineMs: 60_000 };

function model(name: string, over: Partial<ModelConfig> = {}): ModelConfig {
  return {
    name,
    cluster: name,
    providerModel: name,
    endpoints: [{ scheme: 'http', host: '127.0.0.1', port: 1 }],
    basePath: '/v1',
    apiKeyEnv: undefined,
    apiKeyFile: undefined,
    pricing: { inputPerMillion: 1, outputPerMillion: 2 },
    ratings: {},
    capabilities: new Set(['tools', 'logprobs', 'json', 'stream']),
    timeoutMs: 60_000,
    ...over,
  };
}
const MODELS = new Map(['small', 'medium', 'big'].map((n) => [n, model(n)]));
MODELS.set('nologprobs', model('nologprobs', { capabilities: new Set(['tools']) }));
const KEYWORDS = new Map<string, KeywordSetConfig>([['proof', { name: 'proof', words: ['prove'], phrases: [], regex: [], match: 'any', caseSensitive: false }]]);

/** Schema-parses `raw` and builds it; returns the recipes and every issue. */
function build(raw: Record<string, unknown>): { recipes: Map<string, RecipeConfig>; issues: ConfigIssue[] } {
  const parsed = RecipesSchema.parse(raw);
  const issues: ConfigIssue[] = [];
  const recipes = buildRecipes(parsed, { models: MODELS, budgets: BUDGETS, keywordSets: KEYWORDS }, issues);
  return { recipes, issues };
}
function issuesOf(raw: Record<string, unknown>): ConfigIssue[] {
  return build(raw).issues;
}

/** Loads a whole config through the real loader and returns its schema or cross-reference issues. */
function loadIssues(recipes: Record<string, unknown>): ConfigIssue[] {
  const doc = {
    models: { small: { base_url: 'http://127.0.0.1:9001/v1' }, big: { base_url: 'http://127.0.0.1:9002/v1' } },
    decisions: [{ name: 'default', default: true, model: 'small' }],
    recipes,
  };
  try {
    loadConfigText(stringify(doc));
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('recipe config: schema', () => {
  it('fails unknown keys with their exact path', () => {
    expect(loadIssues({ f: { type: 'fusion', panel: ['small'], judge: 'big', finalizer: 'big', panle: ['x'] } })).toContainEqual({ path: 'recipes.f.panle', message: 'unknown key', value: ['x'] });
    expect(loadIssues({ f: { type: 'fusion', panel: ['small'], judge: 'big', finalizer: 'big', budget: { max_call: 3 } } })).toContainEqual(
      expect.objectContaining({ path: 'recipes.f.budget.max_call' }),
    );
  });

  it('fails an unknown type and wrong value types at their path', () => {
    expect(loadIssues({ x: { type: 'debate' } }).map((i) => i.path)).toContain('recipes.x.type');
    expect(loadIssues({ c: { type: 'confidence', models: ['small'], threshold: 2 } }).map((i) => i.path)).toContain('recipes.c.threshold');
    expect(loadIssues({ r: { type: 'remom', models: ['small'], breadth: [0], synthesis_model: 'big' } }).map((i) => i.path)).toContain('recipes.r.breadth[0]');
  });

  it('applies defaults and builds frozen typed configs', () => {
    const { recipes, issues } = build({
      c: { type: 'confidence', models: ['small', 'big'] },
      r: { type: 'ratings', candidates: ['small', { model: 'big', samples: 3 }] },
    });
    expect(issues).toEqual([]);
    const c = recipes.get('c');
    expect(c).toMatchObject({ type: 'confidence', method: 'avg_logprob', threshold: 0.7, order: 'declared', onError: 'skip', callMaxTokens: 1024, budget: BUDGETS });
    expect(recipes.get('r')).toMatchObject({ candidates: [{ model: 'small', samples: 1 }, { model: 'big', samples: 3 }], maxConcurrent: 4 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen((c as { models: unknown }).models)).toBe(true);
  });

  it('overrides the budget defaults field by field', () => {
    const { recipes } = build({ c: { type: 'confidence', models: ['small'], budget: { max_calls: 2, deadline_ms: 5000 } } });
    expect(recipes.get('c')?.budget).toEqual({ ...BUDGETS, maxCalls: 2, deadlineMs: 5000 });
  });
});

describe('recipe config: cross-references', () => {
  it.each<[string, Record<string, unknown>, ConfigIssue]>([
    ['a panel model', { fusion: { type: 'fusion', panel: ['small', 'big', 'huge'], judge: 'big', finalizer: 'big' } }, { path: 'recipes.fusion.panel[2]', message: 'no such model in `models`', value: 'huge' }],
    ['a judge', { fusion: { type: 'fusion', panel: ['small'], judge: 'ghost', finalizer: 'big' } }, { path: 'recipes.fusion.judge', message: 'no such model in `models`', value: 'ghost' }],
    ['a candidate', { r: { type: 'ratings', candidates: ['small', { model: 'ghost' }] } }, { path: 'recipes.r.candidates[1].model', message: 'no such model in `models`', value: 'ghost' }],
    ['a workflow role', { w: { type: 'workflows', steps: [[{ role: 'a', model: 'small', instruction: 'x' }], [{ role: 'b', model: 'ghost', instruction: 'y' }]], finalizer: 'big' } }, { path: 'recipes.w.steps[1][0].model', message: 'no such model in `models`', value: 'ghost' }],
    ['a synthesis model', { r: { type: 'remom', models: ['small'], synthesis_model: 'ghost' } }, { path: 'recipes.r.synthesis_model', message: 'no such model in `models`', value: 'ghost' }],
    ['an auto model', { a: { type: 'auto', cheap: 'ghost', strong: 'big' } }, { path: 'recipes.a.cheap', message: 'no such model in `models`', value: 'ghost' }],
    ['a keyword set', { a: { type: 'auto', cheap: 'small', strong: 'big', risk_keywords: ['proof', 'nope'] } }, { path: 'recipes.a.risk_keywords[1]', message: 'no such keyword set in `signals.keywords`', value: 'nope' }],
  ])('reports an unknown %s with its exact path and value', (_, raw, issue) => {
    expect(issuesOf(raw)).toContainEqual(issue);
  });

  it('checks per-type consistency', () => {
    const paths = (raw: Record<string, unknown>) => issuesOf(raw).map((i) => `${i.path}=${JSON.stringify(i.value)}`);
    expect(paths({ f: { type: 'fusion', panel: ['small', 'big'], quorum: 3, judge: 'big', finalizer: 'big' } })).toContain('recipes.f.quorum=3');
    expect(paths({ r: { type: 'remom', models: ['small'], breadth: [3, 2], min_successful: 3, synthesis_model: 'big' } })).toContain('recipes.r.min_successful=3');
    expect(paths({ c: { type: 'confidence', models: ['small'], method: 'self_verify' } })).toContain('recipes.c.verifier=undefined');
    expect(paths({ c: { type: 'confidence', models: ['small', 'big', 'small'] } })).toContain('recipes.c.models[2]="small"');
    expect(paths({ c: { type: 'confidence', models: ['small', 'nologprobs'], method: 'margin' } })).toContain('recipes.c.models[1]="nologprobs"');
    expect(paths({ w: { type: 'workflows', finalizer: 'big' } })).toContain('recipes.w=undefined');
    expect(paths({ w: { type: 'workflows', planner: 'big', finalizer: 'big' } })).toContain('recipes.w.models=undefined');
    expect(paths({ w: { type: 'workflows', steps: [[{ role: 'a', model: 'small', instruction: 'x' }]], planner: 'big', models: ['small'], finalizer: 'big' } })).toContain('recipes.w=undefined');
  });

  it('checks auto table targets', () => {
    const issues = issuesOf({
      a: { type: 'auto', cheap: 'small', strong: 'big', choose: { hard: { quality: 'fusionn' }, easy: { cost: 'b' } } },
      b: { type: 'auto', cheap: 'small', strong: 'big' },
    });
    expect(issues).toContainEqual({ path: 'recipes.a.choose.hard.quality', message: 'expected cheap, strong or a recipe name', value: 'fusionn' });
    expect(issues).toContainEqual({ path: 'recipes.a.choose.easy.cost', message: 'auto cannot pick another auto recipe', value: 'b' });
  });

  it('resolves the default auto table to declared recipes, else single models', () => {
    const { recipes } = build({
      a: { type: 'auto', cheap: 'small', strong: 'big' },
      cascade: { type: 'confidence', models: ['small', 'big'] },
    });
    const table = (recipes.get('a') as Extract<RecipeConfig, { type: 'auto' }>).table;
    expect(table.hard).toEqual({ quality: 'strong', balanced: 'cascade', cost: 'cascade', latency: 'strong' });
    expect(table.easy).toEqual({ quality: 'strong', balanced: 'cheap', cost: 'cheap', latency: 'cheap' });
    expect(table.tools.cost).toBe('cheap');
  });

  it('rejects a recipe whose shortest path cannot fit its max_calls', () => {
    expect(issuesOf({ f: { type: 'fusion', panel: ['small', 'medium', 'big'], quorum: 2, judge: 'big', finalizer: 'big', budget: { max_calls: 3 } } })).toContainEqual({
      path: 'recipes.f.budget.max_calls',
      message: 'the shortest path of this fusion recipe needs 4 calls',
      value: 3,
    });
    expect(issuesOf({ f: { type: 'fusion', panel: ['small', 'medium', 'big'], quorum: 2, judge: 'big', finalizer: 'big', budget: { max_calls: 4 } } })).toEqual([]);
  });
});

describe('callBounds', () => {
  const bounds = (raw: Record<string, unknown>) => {
    const { recipes } = build({ x: raw });
    return callBounds(recipes.get('x') as RecipeConfig);
  };
  it.each<[string, Record<string, unknown>, { min: number; max: number }]>([
    ['confidence', { type: 'confidence', models: ['small', 'medium', 'big'] }, { min: 1, max: 3 }],
    ['self_verify confidence', { type: 'confidence', models: ['small', 'medium', 'big'], method: 'self_verify', verifier: 'big' }, { min: 2, max: 5 }],
    ['ratings', { type: 'ratings', candidates: ['small', { model: 'big', samples: 3 }] }, { min: 4, max: 4 }],
    ['remom', { type: 'remom', models: ['small'], breadth: [3, 2], min_successful: 2, synthesis_model: 'big' }, { min: 5, max: 6 }],
    ['fusion', { type: 'fusion', panel: ['small', 'medium', 'big'], quorum: 2, judge: 'big', finalizer: 'big' }, { min: 4, max: 5 }],
    ['static workflows', { type: 'workflows', steps: [[{ role: 'a', model: 'small', instruction: 'x' }, { role: 'b', model: 'big', instruction: 'y' }]], verifier: 'big', finalizer: 'big' }, { min: 3, max: 5 }],
    ['planned workflows', { type: 'workflows', planner: 'big', models: ['small'], max_steps: 2, max_parallel: 2, finalizer: 'big' }, { min: 3, max: 6 }],
  ])('%s', (_, raw, expected) => {
    expect(bounds(raw)).toEqual(expected);
  });

  it('auto reaches as far as the most expensive recipe it may pick', () => {
    const { recipes } = build({
      a: { type: 'auto', cheap: 'small', strong: 'big' },
      f: { type: 'fusion', panel: ['small', 'medium', 'big'], judge: 'big', finalizer: 'big' },
    });
    expect(callBounds(recipes.get('a') as RecipeConfig, recipes)).toEqual({ min: 0, max: 5 });
  });
});

describe('config/recipes.example.yaml', () => {
  const file = new URL('../../config/recipes.example.yaml', import.meta.url);

  it('loads cleanly and shows every recipe type', async () => {
    const config = await loadConfigFile(file.pathname);
    expect(new Set([...config.recipes.values()].map((r) => r.type))).toEqual(new Set(RECIPE_TYPES));
    for (const m of config.models.values()) expect(m.endpoints[0]?.host).toBe('127.0.0.1');
  });

  it('keeps each recipe within about 15 lines', () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lines.indexOf('recipes:');
    expect(start).toBeGreaterThan(-1);
    let current: string | undefined;
    const sizes = new Map<string, number>();
    for (const line of lines.slice(start + 1)) {
      if (/^\S/.test(line)) break;
      const name = line.match(/^ {2}([A-Za-z0-9_.-]+):/)?.[1];
      if (name) current = name;
      if (current && line.trim() !== '' && !line.trim().startsWith('#')) sizes.set(current, (sizes.get(current) ?? 0) + 1);
    }
    expect(sizes.size).toBeGreaterThanOrEqual(RECIPE_TYPES.length);
    for (const [name, size] of sizes) expect(size, name).toBeLessThanOrEqual(16);
  });
});
