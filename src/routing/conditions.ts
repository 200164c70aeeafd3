/** Evaluates decision conditions over request signals, short-circuiting so unneeded signals stay uncomputed. */
import type { Condition, Range } from '../config/types.js';
import type { RequestSignals } from './signals.js';

export function inRange(value: number, range: Range): boolean {
  return (
    (range.gt === undefined || value > range.gt) &&
    (range.gte === undefined || value >= range.gte) &&
    (range.lt === undefined || value < range.lt) &&
    (range.lte === undefined || value <= range.lte)
  );
}

export async function evaluate(condition: Condition, signals: RequestSignals): Promise<boolean> {
  if ('all' in condition) {
    for (const c of condition.all) if (!(await evaluate(c, signals))) return false;
    return true;
  }
  if ('any' in condition) {
    // Cheap synchronous branches first, so a keyword hit can skip the classifier entirely.
    const ordered = [...condition.any].sort((a, b) => Number(usesClassifier(a)) - Number(usesClassifier(b)));
    for (const c of ordered) if (await evaluate(c, signals)) return true;
    return false;
  }
  if ('not' in condition) return !(await evaluate(condition.not, signals));
  if ('keyword' in condition) return signals.keyword(condition.keyword);
  if ('category' in condition) {
    const result = await signals.classification();
    return result !== undefined && condition.category.includes(result.label) && result.probability >= condition.minConfidence;
  }
  if ('tokens' in condition) return inRange(signals.promptTokens, condition.tokens);
  if ('messages' in condition) return inRange(signals.shape.messages, condition.messages);
  if ('depth' in condition) return inRange(signals.shape.depth, condition.depth);
  if ('maxTokens' in condition) return signals.shape.maxTokens !== undefined && inRange(signals.shape.maxTokens, condition.maxTokens);
  if ('stream' in condition) return signals.shape.stream === condition.stream;
  if ('tools' in condition) return signals.shape.hasTools === condition.tools;
  return (signals.shape.responseFormat !== undefined && signals.shape.responseFormat !== 'text') === condition.responseFormat;
}

/** Whether evaluating the condition may need the classifier. */
export function usesClassifier(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(usesClassifier);
  if ('any' in condition) return condition.any.some(usesClassifier);
  if ('not' in condition) return usesClassifier(condition.not);
  return 'category' in condition;
}
