import { describe, expect, it } from 'vitest';
import { checkRegex } from '../../src/config/regex-safety.js';
import { compileKeywordSet, MAX_SCAN_CHARS } from '../../src/routing/keywords.js';

const set = (regex: string[], extra: Partial<{ words: string[]; phrases: string[]; match: 'any' | 'all' }> = {}) =>
  compileKeywordSet({ name: 't', words: extra.words ?? [], phrases: extra.phrases ?? [], regex, match: extra.match ?? 'any', caseSensitive: false });

describe('keyword regexes run on RE2', () => {
  it('rejects patterns RE2 cannot run, with the reason', () => {
    for (const source of ['(.)\\1', '(?<=a)b', 'x(?!y)', '(unclosed']) {
      const verdict = checkRegex(source);
      expect(verdict.ok, source).toBe(false);
      expect(verdict.reason).toMatch(/RE2/);
    }
  });

  it('accepts ordinary patterns, including classic ReDoS shapes that are linear on RE2', () => {
    for (const source of ['\\bpython\\b', 'stack\\s+trace', '(a+)+$', '(\\w+\\s?)*$', '(x|xy)+z']) expect(checkRegex(source)).toEqual({ ok: true });
  });

  it('evaluates catastrophic-backtracking shapes correctly on adversarial input', () => {
    // On V8 these inputs take exponential time; on RE2 they finish: the test completes at all only if bounded.
    expect(set(['^(a+)+$'])('a'.repeat(40) + '!')).toBe(false);
    expect(set(['^(\\w+\\s?)*$'])('word '.repeat(20) + '#')).toBe(false);
    expect(set(['(x|xy)+z'])('xy'.repeat(5000) + 'z')).toBe(true);
  });

  it('matches words on boundaries, phrases as substrings, case-insensitively', () => {
    const m = set(['err(or)?\\s+\\d{3}'], { words: ['py'], phrases: ['stack trace'] });
    expect(m('I like PY.')).toBe(true);
    expect(m('happy')).toBe(false);
    expect(m('a STACK TRACE here')).toBe(true);
    expect(m('Error  404')).toBe(true);
    expect(m('nothing')).toBe(false);
  });

  it('match: all needs every term', () => {
    const m = set([], { words: ['refund'], phrases: ['credit card'], match: 'all' });
    expect(m('refund to my credit card')).toBe(true);
    expect(m('refund please')).toBe(false);
  });

  it('scans only the first MAX_SCAN_CHARS characters', () => {
    const m = set([], { words: ['needle'] });
    expect(m('x '.repeat(10) + 'needle')).toBe(true);
    expect(m('x'.repeat(MAX_SCAN_CHARS) + ' needle')).toBe(false);
  });
});
