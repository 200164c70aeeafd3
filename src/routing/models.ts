/**
 * Resolves the `model` a client sent: a configured model, an auto profile (decisions decide), a forced recipe
 * (`consilium/<recipe>`), or nothing (404).
 */
import type { ConsiliumConfig, ModelConfig, Preference } from '../config/types.js';
import { VIRTUAL_PREFIX } from '../config/build.js';

export type ModelTarget =
  | { readonly kind: 'model'; readonly model: ModelConfig }
  | { readonly kind: 'auto'; readonly virtualModel: string; readonly preference: Preference }
  | { readonly kind: 'recipe'; readonly virtualModel: string; readonly recipe: string }
  | { readonly kind: 'unknown' };

export function resolveModel(config: ConsiliumConfig, requested: string): ModelTarget {
  const model = config.models.get(requested);
  if (model) return { kind: 'model', model };
  const name = config.virtualModels.aliases.get(requested) ?? requested;
  const preference = config.virtualModels.autoProfiles.get(name);
  if (preference) return { kind: 'auto', virtualModel: name, preference };
  if (name.startsWith(VIRTUAL_PREFIX)) {
    const recipe = name.slice(VIRTUAL_PREFIX.length);
    if (config.recipes.has(recipe)) return { kind: 'recipe', virtualModel: name, recipe };
  }
  return { kind: 'unknown' };
}

/** Every name a client may send: configured models, auto profiles, aliases and consilium/<recipe>. */
export function listModelNames(config: ConsiliumConfig): { readonly id: string; readonly ownedBy: string }[] {
  const ids = new Map<string, string>();
  for (const name of config.models.keys()) ids.set(name, 'consilium-backend');
  for (const name of config.virtualModels.autoProfiles.keys()) ids.set(name, 'consilium');
  for (const recipe of config.recipes.keys()) ids.set(`${VIRTUAL_PREFIX}${recipe}`, 'consilium');
  for (const alias of config.virtualModels.aliases.keys()) ids.set(alias, 'consilium');
  return [...ids].map(([id, ownedBy]) => ({ id, ownedBy }));
}
