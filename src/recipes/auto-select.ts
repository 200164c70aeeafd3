/**
 * Auto selection, pure: reads the request's situation from its signals and maps situation × preference to a
 * target through the recipe's table. Situations in precedence order: tools (one model must own the tool
 * calls), risky (high-stakes label or risk keywords), structured (response_format), then difficulty: hard,
 * medium, easy. Difficulty adds up cues: a hard category (+2), reasoning keywords (+1), a long prompt (+1),
 * a deep conversation (+1), a long answer cap (+1), an easy category (−1); ≥2 is hard, 1 medium.
 */
import type { AutoRecipeConfig, AutoSituation } from '../config/recipes.js';
import type { Preference } from '../config/types.js';
import type { RecipeSignals } from './types.js';

export interface AutoChoice {
  readonly situation: AutoSituation;
  /** `cheap`, `strong` or a recipe name, as the table says. */
  readonly choice: string;
  /** The model (for cheap/strong) or recipe to run. */
  readonly target: { readonly kind: 'model'; readonly model: string } | { readonly kind: 'recipe'; readonly recipe: string };
  readonly difficulty: number;
  /** One line for x-consilium-reason. */
  readonly reason: string;
}

export function selectAuto(config: AutoRecipeConfig, signals: RecipeSignals, preference: Preference): AutoChoice {
  const cues: string[] = [];
  const category = trustedCategory(config, signals);
  const labelled = category !== undefined ? `category ${category}${signals.categoryConfidence !== undefined ? ` ${signals.categoryConfidence.toFixed(2)}` : ''}` : undefined;

  let difficulty = 0;
  if (category !== undefined && config.hardCategories.includes(category)) {
    difficulty += 2;
    cues.push(labelled as string);
  } else if (category !== undefined && config.easyCategories.includes(category)) {
    difficulty -= 1;
    cues.push(labelled as string);
  }
  const reasoning = config.reasoningKeywords.filter((k) => signals.keywordSets.has(k));
  if (reasoning.length > 0) {
    difficulty += 1;
    cues.push(`reasoning cue ${reasoning.join('+')}`);
  }
  if (signals.promptTokens >= config.longPromptTokens) {
    difficulty += 1;
    cues.push(`long prompt ~${signals.promptTokens} tokens`);
  }
  if (signals.messages >= config.deepConversation) {
    difficulty += 1;
    cues.push(`${signals.messages} messages`);
  }
  if (signals.maxTokens !== undefined && signals.maxTokens >= config.longAnswerTokens) {
    difficulty += 1;
    cues.push(`max_tokens ${signals.maxTokens}`);
  }

  const riskKeywords = config.riskKeywords.filter((k) => signals.keywordSets.has(k));
  const riskyCategory = category !== undefined && config.riskCategories.includes(category);
  let situation: AutoSituation;
  if (signals.hasTools) situation = 'tools';
  else if (riskyCategory || riskKeywords.length > 0) {
    situation = 'risky';
    if (riskyCategory && !cues.includes(labelled as string)) cues.unshift(labelled as string);
    if (riskKeywords.length > 0) cues.unshift(`risk cue ${riskKeywords.join('+')}`);
  } else if (signals.responseFormat === 'json_object' || signals.responseFormat === 'json_schema') {
    situation = 'structured';
    cues.unshift(signals.responseFormat);
  } else situation = difficulty >= 2 ? 'hard' : difficulty === 1 ? 'medium' : 'easy';

  const choice = config.table[situation][preference];
  const target =
    choice === 'cheap' ? { kind: 'model' as const, model: config.cheap } : choice === 'strong' ? { kind: 'model' as const, model: config.strong } : { kind: 'recipe' as const, recipe: choice };
  const what = target.kind === 'model' ? `single ${choice} model ${target.model}` : `recipe ${target.recipe}`;
  const why = cues.length > 0 ? ` (${cues.join(', ')})` : '';
  return { situation, choice, target, difficulty, reason: `auto[${preference}]: ${situation}${why} -> ${what}` };
}

/** The classifier label when confident enough; a label without a probability is taken at its word. */
function trustedCategory(config: AutoRecipeConfig, signals: RecipeSignals): string | undefined {
  if (signals.category === undefined || signals.category === 'unknown') return undefined;
  if (signals.categoryConfidence !== undefined && signals.categoryConfidence < config.minCategoryConfidence) return undefined;
  return signals.category;
}
