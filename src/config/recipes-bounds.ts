/**
 * Call arithmetic per recipe type: the fewest and most backend calls one run makes, retries excluded. The
 * minimum is the recipe's designed shortest path (e.g. fusion: quorum + judge + finalizer); `consilium
 * validate` prints both, and the builder rejects a recipe whose minimum cannot fit its `max_calls`.
 */
import type { RecipeConfig } from './recipes.js';

export interface CallBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * `recipes` lets auto report the most expensive recipe it may pick; without it auto's maximum counts only
 * its single-model choices.
 */
export function callBounds(recipe: RecipeConfig, recipes?: ReadonlyMap<string, RecipeConfig>): CallBounds {
  switch (recipe.type) {
    case 'confidence': {
      const rungs = recipe.models.length;
      if (recipe.method !== 'self_verify') return { min: 1, max: rungs };
      // Every rung but the last is graded; the last is accepted as is.
      return { min: rungs > 1 ? 2 : 1, max: 2 * rungs - 1 };
    }
    case 'ratings': {
      const total = recipe.candidates.reduce((sum, c) => sum + c.samples, 0);
      return { min: total, max: total };
    }
    case 'remom': {
      const quorum = recipe.breadth.reduce((sum, width) => sum + Math.min(recipe.minSuccessful ?? width, width), 0);
      const all = recipe.breadth.reduce((sum, width) => sum + width, 0);
      return { min: quorum + 1, max: all + 1 };
    }
    case 'fusion':
      return { min: recipe.quorum + 2, max: recipe.panel.length + 2 };
    case 'workflows': {
      const verify = recipe.verifier === undefined ? 0 : 2;
      if (recipe.mode === 'static') {
        const roles = recipe.steps.reduce((sum, step) => sum + step.length, 0);
        return { min: roles + 1, max: roles + 1 + verify };
      }
      return { min: 3, max: 1 + recipe.maxSteps * recipe.maxParallel + verify + 1 };
    }
    case 'auto': {
      let max = 0;
      for (const byPreference of Object.values(recipe.table)) {
        for (const target of Object.values(byPreference)) {
          const nested = recipes?.get(target);
          max = Math.max(max, nested && nested.type !== 'auto' ? callBounds(nested).max : 0);
        }
      }
      return { min: 0, max };
    }
  }
}
