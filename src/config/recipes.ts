/**
 * Recipe section of the config: schema, typed runtime form and budget arithmetic.
 * (Minimal contract; the recipes work fills in each recipe type.)
 */
import type { BudgetConfig } from './types.js';

export const RECIPE_TYPES = ['confidence', 'ratings', 'remom', 'fusion', 'workflows', 'auto'] as const;
export type RecipeType = (typeof RECIPE_TYPES)[number];

export interface RecipeConfigBase {
  readonly name: string;
  readonly type: RecipeType;
  /** The config's `budgets` defaults, overridden field by field by the recipe's own `budget`. */
  readonly budget: BudgetConfig;
  readonly onError: 'skip' | 'fail';
}

export type RecipeConfig = RecipeConfigBase;
