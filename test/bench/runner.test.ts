/** Smoke test of the bench runner's pure parts: argument parsing and the --compare arithmetic. No bench runs. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTS, parseArgs } from '../../bench/args.js';
import { compareResults, formatComparison, ratioOf, verdictOf } from '../../bench/compare.js';
import { BenchUsageError } from '../../bench/lib/errors.js';
import { asResults, mergeResults, type PartRecord, type ResultsFile } from '../../bench/results.js';

const machine = { nproc: 2, cpu: 'test', memoryGiB: 1, node: 'v20', os: 'linux', loadAverage: 0 };

function part(figures: Record<string, number>, date = '2024-01-01T00:00:00.000Z'): PartRecord {
  return { date, durationMs: 1, machine, figures, table: '', notes: [] };
}

function results(parts: Record<string, Record<string, number>>): ResultsFile {
  return { schema: 1, date: '', parts: Object.fromEntries(Object.entries(parts).map(([name, figures]) => [name, part(figures)])) };
}

describe('bench arguments', () => {
  it('runs every default part when no name is given, and only the named ones otherwise', () => {
    expect(parseArgs([]).parts).toEqual(DEFAULT_PARTS);
    expect(parseArgs(['recipes', 'extproc', 'recipes']).parts).toEqual(['recipes', 'extproc']);
    expect(parseArgs(['profile', '--quick'])).toMatchObject({ parts: ['profile'], quick: true });
  });

  it('--compare alone runs nothing; with names it runs them and compares; --compare=FILE works too', () => {
    expect(parseArgs(['--compare', 'old.json'])).toMatchObject({ parts: [], compare: 'old.json', current: undefined });
    expect(parseArgs(['e2e', '--compare=old.json'])).toMatchObject({ parts: ['e2e'], compare: 'old.json' });
    expect(parseArgs(['--compare', 'a.json', '--current', 'b.json'])).toMatchObject({ compare: 'a.json', current: 'b.json' });
  });

  it.each([[['nope']], [['--fast']], [['--compare']], [['--compare', '--quick']], [['--current', 'b.json']]])('rejects %j as a usage error', (argv) => {
    expect(() => parseArgs(argv)).toThrow(BenchUsageError);
  });
});

describe('--compare arithmetic', () => {
  it('pairs figures by part and name as after / before, and lists the unpaired ones', () => {
    const before = results({ extproc: { 'c.1k.c1.p50_ms': 2, 'a.1k.c1.per_s': 1000, gone: 1 }, recipes: { 'fusion.overhead_ms': 0 } });
    const after = results({ extproc: { 'c.1k.c1.p50_ms': 3, 'a.1k.c1.per_s': 1500, added: 5 }, recipes: { 'fusion.overhead_ms': 0 } });
    const { figures, onlyBefore, onlyAfter } = compareResults(before, after);
    const byName = Object.fromEntries(figures.map((f) => [`${f.part}.${f.figure}`, f]));
    expect(byName['extproc.c.1k.c1.p50_ms']).toMatchObject({ before: 2, after: 3, ratio: 1.5, verdict: 'worse' });
    expect(byName['extproc.a.1k.c1.per_s']).toMatchObject({ ratio: 1.5, verdict: 'better' });
    expect(byName['recipes.fusion.overhead_ms']).toMatchObject({ ratio: 1, verdict: '' });
    expect(onlyBefore).toEqual(['extproc.gone']);
    expect(onlyAfter).toEqual(['extproc.added']);
    expect(formatComparison({ figures, onlyBefore, onlyAfter }, { before: 'old', after: 'new' })).toContain('1.50x');
  });

  it('treats changes within 20% as noise, and a figure that appears from 0 as worse only when lower is better', () => {
    expect(verdictOf('x.p99_ms', ratioOf(10, 11.9))).toBe('');
    expect(verdictOf('x.p99_ms', ratioOf(10, 12.5))).toBe('worse');
    expect(verdictOf('x.per_s', ratioOf(100, 80))).toBe('worse');
    expect(ratioOf(0, 0)).toBe(1);
    expect(verdictOf('x.errors', ratioOf(0, 3))).toBe('worse');
    expect(verdictOf('x.per_s', ratioOf(0, 3))).toBe('');
  });

  it('merging keeps parts a run did not measure, and a file that is not results is refused', () => {
    const merged = mergeResults(results({ extproc: { a: 1 }, e2e: { b: 2 } }), { e2e: part({ b: 3 }, '2025-01-01T00:00:00.000Z') });
    expect(merged.parts.extproc?.figures).toEqual({ a: 1 });
    expect(merged.parts.e2e?.figures).toEqual({ b: 3 });
    expect(merged.date).toBe('2025-01-01T00:00:00.000Z');
    expect(() => asResults({ schema: 2, parts: {} }, 'x.json')).toThrow(BenchUsageError);
    expect(() => asResults({ schema: 1, parts: { e2e: { figures: { b: 'fast' } } } }, 'x.json')).toThrow(BenchUsageError);
  });
});
