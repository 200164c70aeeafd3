/**
 * Keeps every metric label value inside a finite, known set: names from the current config (models, recipes,
 * recipe types, decisions), the classifier's labels, the API paths, HTTP status codes, ext_proc phases.
 * Anything else becomes `other`, so no request-controlled string (a request id, a query string, a key pasted
 * into a `model` field) can reach the exposition or grow the series count without bound.
 */
import type { ConsiliumConfig } from '../../config/types.js';

/** A value outside the known set. */
export const OTHER = 'other';
/** No value (e.g. a request that ended before a model was chosen). */
export const NONE = 'none';

/** The API paths Envoy sends to ext_proc (mirrors extproc/headers.ts API_PATHS; a test keeps them equal). */
export const METRIC_PATHS: readonly string[] = ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/models'];

export const EXTPROC_PHASES: readonly string[] = [
  'request_headers',
  'request_body',
  'request_trailers',
  'response_headers',
  'response_body',
  'response_trailers',
];

/** Decision names the pipeline uses besides the configured ones: a client naming a configured model. */
const BUILTIN_DECISIONS = ['explicit'];
/** Recipe label for a request that ran no recipe. */
const BUILTIN_RECIPES = ['single'];
/** The classifier's label below its threshold. */
const BUILTIN_CLASSIFIER_LABELS = ['unknown'];

export class LabelBounds {
  private models: ReadonlySet<string> = new Set();
  private recipes: ReadonlySet<string> = new Set(BUILTIN_RECIPES);
  private recipeTypes: ReadonlySet<string> = new Set();
  private typeByRecipe: ReadonlyMap<string, string> = new Map();
  private decisions: ReadonlySet<string> = new Set(BUILTIN_DECISIONS);
  private classifierLabels: ReadonlySet<string> = new Set(BUILTIN_CLASSIFIER_LABELS);

  /** Takes the names of a newly loaded config; series recorded under older names stay as they are. */
  useConfig(config: ConsiliumConfig): void {
    this.models = new Set(config.models.keys());
    this.recipes = new Set([...BUILTIN_RECIPES, ...config.recipes.keys()]);
    this.recipeTypes = new Set([...config.recipes.values()].map((recipe) => recipe.type));
    this.typeByRecipe = new Map([...config.recipes.values()].map((recipe) => [recipe.name, recipe.type]));
    this.decisions = new Set([...BUILTIN_DECISIONS, ...config.decisions.map((decision) => decision.name)]);
  }

  useClassifierLabels(labels: Iterable<string>): void {
    this.classifierLabels = new Set([...BUILTIN_CLASSIFIER_LABELS, ...labels]);
  }

  model(value: string | undefined): string {
    return pick(value, this.models);
  }

  recipe(value: string | undefined): string {
    return pick(value, this.recipes);
  }

  recipeType(value: string | undefined): string {
    return pick(value, this.recipeTypes);
  }

  /** The configured type of a recipe name, `none` for an unknown one. */
  typeOfRecipe(name: string | undefined): string {
    return (name !== undefined && this.typeByRecipe.get(name)) || NONE;
  }

  decision(value: string | undefined): string {
    return pick(value, this.decisions);
  }

  classifierLabel(value: string | undefined): string {
    return pick(value, this.classifierLabels);
  }

  phase(value: string | undefined): string {
    return pick(value, EXTPROC_PHASES);
  }

  /** The path without its query string, if it is an API path. */
  path(value: string | undefined): string {
    if (!value) return NONE;
    const bare = value.split('?', 1)[0] ?? '';
    return METRIC_PATHS.includes(bare) ? bare : OTHER;
  }

  /** An HTTP status code (100-599), else `none`. */
  status(value: number | undefined): string {
    return value !== undefined && Number.isInteger(value) && value >= 100 && value <= 599 ? String(value) : NONE;
  }
}

/** A value from a fixed vocabulary chosen by the caller's types (outcome kinds, budget limits). */
export function oneOf(value: string | undefined, allowed: readonly string[]): string {
  return pick(value, allowed);
}

function pick(value: string | undefined, allowed: ReadonlySet<string> | readonly string[]): string {
  if (value === undefined || value === '') return NONE;
  const known = allowed instanceof Set ? allowed.has(value) : (allowed as readonly string[]).includes(value);
  return known ? value : OTHER;
}
