/**
 * Scoring a reply against an item: find the answer in the text, then compare by answer type. mcq compares
 * the letter; number, within the item's absolute tolerance (default one part in a million); exact, after
 * normalising case, markup, punctuation and a leading article. Free answers go to the judge (judge.ts).
 */
import type { AnswerType, EvalItem } from './dataset.js';

export interface Scored {
  /** The answer as read from the reply, normalised; undefined when none was found. */
  readonly extracted: string | undefined;
  readonly correct: boolean;
}

/** The text after the last "Answer:" / "final answer is" marker, or inside the last \boxed{...}. */
export function markedAnswer(text: string): string | undefined {
  const boxed = [...text.matchAll(/\\boxed\{([^{}]+)\}/g)].pop()?.[1];
  if (boxed !== undefined) return boxed.trim();
  // Bold markers around "Answer:" ("**Answer:** B") would otherwise end up inside the answer.
  const plain = text.replace(/\*\*|__/g, '');
  const marked = [...plain.matchAll(/(?:final answer|answer)\s*(?:is|:|=)\s*(.+)$/gim)].pop()?.[1];
  return marked?.trim();
}

/** Lower case, no markup, quotes, trailing punctuation or leading article; single spaces. */
export function normalizeExact(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`"“”‘’]/g, '')
    .replace(/^[\s'(]+|[\s'.,;:!?)]+$/g, '')
    .replace(/^(?:the|a|an)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function extractLetter(text: string): string | undefined {
  const candidate = markedAnswer(text);
  const pattern = /^\(?([A-Za-z])\)?(?:[.):\s]|$)/;
  if (candidate !== undefined) return candidate.replace(/[*_`]/g, '').trim().match(pattern)?.[1]?.toUpperCase();
  const trimmed = text.trim();
  if (/^\(?[A-Za-z]\)?\.?$/.test(trimmed)) return trimmed.replace(/[^A-Za-z]/g, '').toUpperCase();
  return [...text.matchAll(/\b(?:option|choice)\s+\(?([A-E])\b/g)].pop()?.[1];
}

const NUMBER = /[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+/g;

export function extractNumber(text: string): number | undefined {
  const candidate = markedAnswer(text);
  const source = candidate ?? text;
  const matches = [...source.replace(/(\d)\s(?=\d{3}\b)/g, '$1').matchAll(NUMBER)].map((m) => m[0]);
  // In a marked answer the first number is the answer ("42 km (about 26 miles)"); in free text, the last.
  const chosen = candidate !== undefined ? matches[0] : matches.pop();
  if (chosen === undefined) return undefined;
  const value = Number(chosen.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export function extractExact(text: string): string | undefined {
  const candidate = markedAnswer(text) ?? text.trim().split('\n').filter((line) => line.trim() !== '').pop();
  if (candidate === undefined) return undefined;
  const normalized = normalizeExact(candidate);
  return normalized === '' ? undefined : normalized;
}

/** Reads the answer of `type` out of `text`, normalised for comparison. */
export function extractAnswer(text: string, type: Exclude<AnswerType, 'free'>): string | undefined {
  switch (type) {
    case 'mcq':
      return extractLetter(text);
    case 'number': {
      const value = extractNumber(text);
      return value === undefined ? undefined : String(value);
    }
    case 'exact':
      return extractExact(text);
  }
}

/** Absolute tolerance for a number item. */
export function toleranceOf(item: Pick<EvalItem, 'tolerance' | 'answer'>): number {
  return item.tolerance ?? Math.max(1e-9, Math.abs(Number(item.answer)) * 1e-6);
}

/** Whether an extracted answer (from extractAnswer) is right for the item. Free items are not handled here. */
export function isCorrect(item: EvalItem, extracted: string | undefined): boolean {
  if (extracted === undefined || item.answer === undefined) return false;
  switch (item.answerType) {
    case 'mcq':
      return extracted.toUpperCase() === item.answer.toUpperCase();
    case 'number':
      return Math.abs(Number(extracted) - Number(item.answer)) <= toleranceOf(item) + 1e-12;
    case 'exact':
      return extracted === normalizeExact(item.answer);
    case 'free':
      return false;
  }
}

/** Scores a reply to an mcq, number or exact item. */
export function scoreReply(item: EvalItem, reply: string): Scored {
  if (item.answerType === 'free') throw new RangeError('free answers are scored by the judge');
  const extracted = extractAnswer(reply, item.answerType);
  return { extracted, correct: isCorrect(item, extracted) };
}
