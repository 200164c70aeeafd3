/**
 * Compiled keyword sets. Words match on word boundaries, phrases as substrings, regexes as screened at load
 * (config/regex-safety.ts). Only the first MAX_SCAN_CHARS of a prompt are scanned, which bounds regex cost.
 */
import type { KeywordSetConfig } from '../config/types.js';

export const MAX_SCAN_CHARS = 32_768;

export type KeywordMatcher = (text: string) => boolean;

export function compileKeywordSet(set: KeywordSetConfig): KeywordMatcher {
  const flags = set.caseSensitive ? 'u' : 'iu';
  const terms: RegExp[] = [
    ...set.words.map((word) => new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegex(word)}(?![\\p{L}\\p{N}_])`, flags)),
    ...set.phrases.map((phrase) => new RegExp(escapeRegex(phrase), flags)),
    ...set.regex.map((source) => new RegExp(source, flags)),
  ];
  if (set.match === 'all') return (text) => terms.every((term) => term.test(bounded(text)));
  if (terms.length === 0) return () => false;
  // One alternation scans the text once instead of once per term.
  const combined = new RegExp(terms.map((term) => `(?:${term.source})`).join('|'), flags);
  return (text) => combined.test(bounded(text));
}

function bounded(text: string): string {
  return text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
