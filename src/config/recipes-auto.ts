/**
 * Auto selection's mapping table: situation × preference → target (`cheap`, `strong` or a recipe name).
 * The built-in table names recipe TYPES in order of preference; each cell resolves to the first recipe of
 * that type the config declares, else to a single model, so the defaults work with any set of recipes.
 * Cells the config's `choose` sets are checked and win.
 */
import type { Preference } from './types.js';
import { AUTO_SITUATIONS, PREFERENCES, type RawRecipeOf } from './recipes-schema.js';
import type { AutoSituation, RecipeType } from './recipes.js';

type Cell = readonly (RecipeType | 'cheap' | 'strong')[];

/** Why each row looks like it does: tools need one model's own tool calls; risk and difficulty buy panels. */
export const DEFAULT_AUTO_TABLE: Readonly<Record<AutoSituation, Readonly<Record<Preference, Cell>>>> = {
  tools: { quality: ['strong'], balanced: ['strong'], cost: ['cheap'], latency: ['cheap'] },
  risky: {
    quality: ['fusion', 'remom', 'ratings', 'strong'],
    balanced: ['ratings', 'fusion', 'confidence', 'strong'],
    cost: ['confidence', 'strong'],
    latency: ['strong'],
  },
  structured: { quality: ['confidence', 'strong'], balanced: ['confidence', 'strong'], cost: ['confidence', 'cheap'], latency: ['cheap'] },
  hard: {
    quality: ['fusion', 'remom', 'workflows', 'strong'],
    balanced: ['confidence', 'strong'],
    cost: ['confidence', 'cheap'],
    latency: ['strong'],
  },
  medium: { quality: ['strong'], balanced: ['confidence', 'cheap'], cost: ['cheap'], latency: ['cheap'] },
  easy: { quality: ['strong'], balanced: ['cheap'], cost: ['cheap'], latency: ['cheap'] },
};

export function resolveAutoTable(
  choose: RawRecipeOf<'auto'>['choose'],
  declared: ReadonlyMap<string, RecipeType>,
  issue: (field: string, message: string, value: unknown) => void,
): Record<AutoSituation, Record<Preference, string>> {
  const firstOfType = (type: RecipeType): string | undefined => [...declared].find(([, t]) => t === type)?.[0];
  const table = {} as Record<AutoSituation, Record<Preference, string>>;
  for (const situation of AUTO_SITUATIONS) {
    const row = {} as Record<Preference, string>;
    for (const preference of PREFERENCES) {
      const chosen = choose[situation]?.[preference];
      if (chosen !== undefined) {
        const type = declared.get(chosen);
        if (chosen !== 'cheap' && chosen !== 'strong' && type === undefined) {
          issue(`choose.${situation}.${preference}`, 'expected cheap, strong or a recipe name', chosen);
        } else if (type === 'auto') {
          issue(`choose.${situation}.${preference}`, 'auto cannot pick another auto recipe', chosen);
        }
        row[preference] = chosen;
        continue;
      }
      let target = 'strong';
      for (const option of DEFAULT_AUTO_TABLE[situation][preference]) {
        const resolved = option === 'cheap' || option === 'strong' ? option : firstOfType(option);
        if (resolved !== undefined) {
          target = resolved;
          break;
        }
      }
      row[preference] = target;
    }
    table[situation] = row;
  }
  return table;
}
