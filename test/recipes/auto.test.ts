import { describe, expect, it } from 'vitest';
import type { AutoRecipeConfig } from '../../src/config/recipes.js';
import type { Preference } from '../../src/config/types.js';
import { createFakeBackends } from '../../src/dev/fake-backends.js';
import { selectAuto } from '../../src/recipes/auto-select.js';
import { runRecipe } from '../../src/recipes/registry.js';
import type { RecipeSignals } from '../../src/recipes/types.js';
import { configWith, contextFor, REQUEST, SIGNALS, TOOLS } from './helpers.js';

function autoConfig(choose?: Record<string, unknown>) {
  return configWith({
    recipes: {
      auto: { type: 'auto', cheap: 'small', strong: 'big', reasoning_keywords: ['proof'], risk_keywords: ['legal'], ...(choose ? { choose } : {}) },
      fusion: { type: 'fusion', panel: ['small', 'medium'], judge: 'judgex', finalizer: 'big' },
      cascade: { type: 'confidence', models: ['small', 'big'] },
    },
  });
}
const AUTO = autoConfig().recipes.get('auto') as AutoRecipeConfig;
const signals = (over: Partial<RecipeSignals>): RecipeSignals => ({ ...SIGNALS, ...over });

describe('auto selection', () => {
  it.each<[string, Partial<RecipeSignals>, Preference, string, string]>([
    ['small talk', { category: 'chat', categoryConfidence: 0.95 }, 'balanced', 'easy', 'cheap'],
    ['an unclassified short prompt', {}, 'balanced', 'easy', 'cheap'],
    ['a confident math label', { category: 'math', categoryConfidence: 0.9 }, 'balanced', 'hard', 'cascade'],
    ['a math label below min confidence', { category: 'math', categoryConfidence: 0.3 }, 'balanced', 'easy', 'cheap'],
    ['a reasoning keyword alone', { keywordSets: new Set(['proof']) }, 'balanced', 'medium', 'cascade'],
    ['a reasoning keyword on a cost profile', { keywordSets: new Set(['proof']) }, 'cost', 'medium', 'cheap'],
    ['a long prompt with a reasoning cue', { promptTokens: 3000, keywordSets: new Set(['proof']) }, 'balanced', 'hard', 'cascade'],
    ['a deep conversation asking for a long answer', { messages: 14, maxTokens: 4000 }, 'balanced', 'hard', 'cascade'],
    ['hard work on a quality profile', { category: 'code', categoryConfidence: 0.8 }, 'quality', 'hard', 'fusion'],
    ['hard work on a latency profile', { category: 'code', categoryConfidence: 0.8 }, 'latency', 'hard', 'strong'],
    ['the high_stakes label', { category: 'high_stakes', categoryConfidence: 0.9 }, 'balanced', 'risky', 'fusion'],
    ['a risk keyword', { keywordSets: new Set(['legal']) }, 'cost', 'risky', 'cascade'],
    ['tools, even when risky', { hasTools: true, category: 'high_stakes', categoryConfidence: 0.9 }, 'balanced', 'tools', 'strong'],
    ['a JSON schema', { responseFormat: 'json_schema' }, 'balanced', 'structured', 'cascade'],
    ['a JSON schema on a latency profile', { responseFormat: 'json_schema' }, 'latency', 'structured', 'cheap'],
  ])('%s', (_, over, preference, situation, choice) => {
    const picked = selectAuto(AUTO, signals(over), preference);
    expect(picked.situation).toBe(situation);
    expect(picked.choice).toBe(choice);
    expect(picked.reason).toMatch(new RegExp(`^auto\\[${preference}\\]: ${situation}`));
    // It becomes the x-consilium-reason header: one printable ASCII line.
    expect(picked.reason).toMatch(/^[\x20-\x7e]+$/);
  });

  it('says which cues it read', () => {
    const picked = selectAuto(AUTO, signals({ category: 'math', categoryConfidence: 0.92, keywordSets: new Set(['proof']) }), 'quality');
    expect(picked.reason).toBe('auto[quality]: hard (category math 0.92, reasoning cue proof) -> recipe fusion');
    expect(picked.difficulty).toBe(3);
  });

  it('lets the config override a cell of the table', () => {
    const recipe = autoConfig({ easy: { balanced: 'fusion' } }).recipes.get('auto') as AutoRecipeConfig;
    expect(selectAuto(recipe, SIGNALS, 'balanced').target).toEqual({ kind: 'recipe', recipe: 'fusion' });
    expect(selectAuto(recipe, SIGNALS, 'cost').target).toEqual({ kind: 'model', model: 'small' });
  });
});

describe('auto recipe', () => {
  it('hands a single-model choice to the pipeline as a tail-call with no calls made', async () => {
    const backends = createFakeBackends({ models: {} });
    const request = { ...REQUEST, tools: TOOLS, tool_choice: 'auto' };
    const outcome = await runRecipe('auto', contextFor(autoConfig(), backends, { request, signals: signals({ hasTools: true }), preference: 'cost' }));
    expect(outcome.kind).toBe('tail_call');
    if (outcome.kind !== 'tail_call') return;
    expect(outcome.model).toBe('small');
    expect(outcome.calls).toBe(0);
    expect(outcome.request.model).toBe('small');
    expect(outcome.request.tools).toEqual(TOOLS);
    expect(outcome.request.max_tokens).toBeUndefined();
    expect(outcome.auto).toEqual({ recipe: 'auto', situation: 'tools', choice: 'cheap' });
    expect(outcome.reason).toBe('auto[cost]: tools -> single cheap model small');
    expect(backends.calls).toHaveLength(0);
  });

  it('runs the recipe it picks and puts its rationale first in the reason', async () => {
    const backends = createFakeBackends({ models: { small: { content: 'sure', confidence: 0.95 } } });
    const outcome = await runRecipe('auto', contextFor(autoConfig(), backends, { signals: signals({ category: 'math', categoryConfidence: 0.9 }) }));
    expect(outcome.kind).toBe('final');
    expect(outcome.recipe).toBe('cascade');
    expect(outcome.recipeType).toBe('confidence');
    expect(outcome.auto).toEqual({ recipe: 'auto', situation: 'hard', choice: 'cascade' });
    expect(outcome.reason).toMatch(/^auto\[balanced\]: hard \(category math 0\.90\) -> recipe cascade; confidence: rung 0/);
    expect(outcome.calls).toBe(1);
  });

  it('passes a streaming client on to the picked recipe', async () => {
    const backends = createFakeBackends({ models: { small: { content: 'meh', confidence: 0.2 } } });
    const request = { ...REQUEST, stream: true };
    const outcome = await runRecipe('auto', contextFor(autoConfig(), backends, { request, stream: true, signals: signals({ category: 'math', categoryConfidence: 0.9 }) }));
    expect(outcome.kind === 'tail_call' && outcome.model).toBe('big');
  });
});
