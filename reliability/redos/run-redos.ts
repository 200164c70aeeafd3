/**
 * ReDoS timings for the report: each catastrophic pattern on RE2 (as Consilium runs it) over growing adversarial
 * inputs, next to V8's backtracking engine on tiny inputs of the first pattern, and a whole request whose prompt
 * attacks every pattern at once through the pipeline.
 */
import { loadConfigText } from '../../src/config/load.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { compileKeywordSet, MAX_SCAN_CHARS } from '../../src/routing/keywords.js';
import { percentile } from '../stats.js';
import { EVIL_PATTERNS, evilKeywordYaml } from './patterns.js';

export const RE2_SIZES = [1_024, 8_192, MAX_SCAN_CHARS] as const;
export const V8_SIZES = [16, 20, 22, 24] as const;

export interface PatternTiming {
  readonly source: string;
  /** Median ms per match at each RE2_SIZES entry. */
  readonly re2Ms: readonly number[];
}

export interface RedosResult {
  readonly patterns: readonly PatternTiming[];
  /** V8 (backtracking) on the first pattern, ms at each V8_SIZES entry. */
  readonly v8Ms: readonly number[];
  readonly v8Pattern: string;
  /** A whole request (about 140 k characters of attack) through Pipeline.handle: median and worst ms. */
  readonly requestMedianMs: number;
  readonly requestMaxMs: number;
  readonly worstMs: number;
}

function median(run: () => void, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return percentile(samples, 50);
}

export async function runRedos(): Promise<RedosResult> {
  const patterns = EVIL_PATTERNS.map((pattern) => {
    const matcher = compileKeywordSet({ name: 'p', words: [], phrases: [], regex: [pattern.source], match: 'any', caseSensitive: false });
    return { source: pattern.source, re2Ms: RE2_SIZES.map((n) => median(() => matcher(pattern.attack(n)))) };
  });
  const first = EVIL_PATTERNS[0]!;
  const backtracking = new RegExp(first.source);
  const v8Ms = V8_SIZES.map((n) => median(() => backtracking.test(first.attack(n)), 1));

  const config = loadConfigText(
    `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, max_body_bytes: 1000000, max_prompt_tokens: 1000000 }
models:
  small: { base_url: http://127.0.0.1:9/v1 }
signals:
  keywords:
${evilKeywordYaml()}
decisions:
  - { name: evil, priority: 10, when: { keyword: evil }, model: small }
  - { name: default, default: true, model: small }
`,
    { baseDir: process.cwd() },
  );
  const pipeline = new Pipeline({ config, backends: { complete: () => Promise.reject(new Error('unused')) }, recipeSlots: new ConcurrencyLimiter(1) });
  const content = EVIL_PATTERNS.map((p) => p.attack(20_000)).join('\n');
  const body = Buffer.from(JSON.stringify({ model: 'consilium/auto', messages: [{ role: 'user', content }] }));
  const requestMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await pipeline.handle({ method: 'POST', path: '/v1/chat/completions', headers: new Map(), body, requestId: `r${i}`, signal: new AbortController().signal });
    requestMs.push(performance.now() - t0);
  }
  return {
    patterns,
    v8Ms,
    v8Pattern: first.source,
    requestMedianMs: percentile(requestMs, 50),
    requestMaxMs: Math.max(...requestMs),
    worstMs: Math.max(...patterns.flatMap((p) => p.re2Ms)),
  };
}
