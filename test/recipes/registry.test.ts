import { describe, expect, it } from 'vitest';
import { RECIPE_TYPES } from '../../src/config/recipes.js';
import { createFakeBackends } from '../../src/dev/fake-backends.js';
import { RecipeError } from '../../src/errors/index.js';
import { RECIPE_RUNNERS, recipeNames, runRecipe } from '../../src/recipes/registry.js';
import { configWith, contextFor } from './helpers.js';

const config = configWith({
  recipes: {
    fusion: { type: 'fusion', panel: ['small', 'medium'], judge: 'judgex', finalizer: 'big' },
    cascade: { type: 'confidence', models: ['small', 'big'] },
  },
});

describe('registry', () => {
  it('registers a runner for every recipe type', () => {
    expect(Object.keys(RECIPE_RUNNERS).sort()).toEqual([...RECIPE_TYPES].sort());
  });

  it('lists the configured recipe names', () => {
    expect(recipeNames(config)).toEqual(['fusion', 'cascade']);
  });

  it('rejects an unknown recipe with a RecipeError', async () => {
    const run = runRecipe('nope', contextFor(config, createFakeBackends({ models: {} })));
    await expect(run).rejects.toBeInstanceOf(RecipeError);
    await expect(run).rejects.toMatchObject({ stage: 'registry', status: 502 });
  });

  it('aborts every call in flight when the client goes away, and rejects', async () => {
    const backends = createFakeBackends({ fallback: { content: 'slow', latencyMs: 20_000 }, models: {} });
    const client = new AbortController();
    const run = runRecipe('fusion', contextFor(config, backends, { signal: client.signal }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backends.calls).toHaveLength(2);
    client.abort();
    await expect(run).rejects.toMatchObject({ stage: 'cancelled' });
    expect(backends.calls.every((c) => c.aborted)).toBe(true);
  });
});
