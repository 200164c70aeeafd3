/**
 * Issue 7, ReDoS: keyword regexes run on RE2 (re2js), so neither a configured pattern nor a prompt can make
 * matching backtrack. Catastrophic patterns load and finish on adversarial prompts (the timings are measured by
 * `npm run reliability`, not here); patterns RE2 cannot run fail at load with their path; words and phrases
 * are literals, whatever characters they hold.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors/index.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { compileKeywordSet, MAX_SCAN_CHARS } from '../../src/routing/keywords.js';
import { EVIL_PATTERNS, evilKeywordYaml } from '../../reliability/redos/patterns.js';

function configWith(keywords: string) {
  return loadConfigText(
    `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, max_body_bytes: 200000, max_prompt_tokens: 100000 }
models:
  small: { base_url: http://127.0.0.1:9/v1 }
  big: { base_url: http://127.0.0.1:9/v1 }
signals:
  keywords:
${keywords}
decisions:
  - { name: evil, priority: 10, when: { keyword: evil }, model: big }
  - { name: default, default: true, model: small }
`,
    { baseDir: process.cwd() },
  );
}

describe('keyword regexes against catastrophic backtracking', () => {
  const config = configWith(evilKeywordYaml());
  const evil = compileKeywordSet(config.signals.keywords.get('evil')!);

  it.each(EVIL_PATTERNS.map((p) => [p.source, p] as const))('%s finishes on a 32k-character attack', (_source, pattern) => {
    // A backtracking engine needs about 2^n steps here; n = 32,768 would never finish.
    const matcher = compileKeywordSet({ name: 'one', words: [], phrases: [], regex: [pattern.source], match: 'any', caseSensitive: false });
    expect(typeof matcher(pattern.attack(MAX_SCAN_CHARS))).toBe('boolean');
  });

  it('a request whose prompt attacks every pattern at once is routed, not stalled', async () => {
    const pipeline = new Pipeline({ config, backends: { complete: () => Promise.reject(new Error('unused')) }, recipeSlots: new ConcurrencyLimiter(1) });
    const content = EVIL_PATTERNS.map((p) => p.attack(20_000)).join('\n');
    const plan = await pipeline.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: new Map(),
      body: Buffer.from(JSON.stringify({ model: 'consilium/auto', messages: [{ role: 'user', content }] })),
      requestId: 'redos',
      signal: new AbortController().signal,
    });
    expect(plan.kind).toBe('route');
    expect(evil(content)).toBe(true);
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'foo(?=bar)'],
    ['a lookbehind', '(?<=x)y'],
  ])('rejects %s at load, with the path of the pattern', (_what, source) => {
    let error: unknown;
    try {
      configWith(`    evil: { regex: ['${source}'] }`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.path).toContain('signals.keywords.evil.regex');
  });

  it('treats words and phrases as literals, whatever regex syntax they contain', () => {
    const literal = compileKeywordSet({ name: 'lit', words: ['(a+)+$'], phrases: ['.*', '[x'], regex: [], match: 'any', caseSensitive: false });
    expect(literal('a'.repeat(30_000))).toBe(false);
    expect(literal('see (a+)+$ here')).toBe(true);
    expect(literal('nothing.*here')).toBe(true);
    expect(literal('open [x bracket')).toBe(true);
  });
});
