/**
 * Compiled keyword sets. Words match on word boundaries and phrases as substrings (escaped literals on V8's
 * engine); configured regexes run on RE2 (re2js), whose matching time is linear in the input, so no prompt can
 * make a keyword set backtrack. Only the first MAX_SCAN_CHARS of a prompt are scanned.
 */
import { RE2JS } from 're2js';
import type { KeywordSetConfig } from '../config/types.js';

export const MAX_SCAN_CHARS = 32_768;

export type KeywordMatcher = (text: string) => boolean;

type Term = (text: string) => boolean;

export function compileKeywordSet(set: KeywordSetConfig): KeywordMatcher {
  const flags = set.caseSensitive ? 'u' : 'iu';
  const literals = [
    ...set.words.map((word) => `(?<![\\p{L}\\p{N}_])${escapeRegex(word)}(?![\\p{L}\\p{N}_])`),
    ...set.phrases.map(escapeRegex),
  ];
  const re2Flags = set.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE;
  const regexTerms: Term[] = set.regex.map((source) => {
    const pattern = RE2JS.compile(source, re2Flags);
    return (text) => pattern.matcher(text).find();
  });
  let terms: Term[];
  if (set.match === 'all') {
    terms = [...literals.map((source) => literalTerm(new RegExp(source, flags))), ...regexTerms];
    return (text) => terms.every((term) => term(bounded(text)));
  }
  // One alternation scans the text once for all literals.
  terms = literals.length > 0 ? [literalTerm(new RegExp(literals.map((s) => `(?:${s})`).join('|'), flags)), ...regexTerms] : regexTerms;
  return (text) => terms.some((term) => term(bounded(text)));
}

function literalTerm(pattern: RegExp): Term {
  return (text) => pattern.test(text);
}

function bounded(text: string): string {
  return text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
