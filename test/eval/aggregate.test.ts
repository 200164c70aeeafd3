import { describe, expect, it } from 'vitest';
import { aggregate, targetKind, type TargetStats } from '../../src/eval/aggregate.js';
import { evaluateChecks, parseChecks } from '../../src/eval/checks.js';
import { EvalInputError } from '../../src/eval/errors.js';
import type { ItemResult } from '../../src/eval/results.js';
import { baseYaml, testConfig } from '../support/config.js';

const config = testConfig(`${baseYaml()}
recipes:
  cascade: { type: confidence, models: [small, big] }
  smart: { type: auto, cheap: small, strong: big }
virtual_models:
  auto_profiles: { consilium/fast: latency }
`);

function result(target: string, i: number, partial: Partial<ItemResult> = {}): ItemResult {
  return {
    target, item: `i${i}`, category: i % 2 ? 'odd' : 'even', fingerprint: 'fp', itemHash: 'h', ok: true, status: 200, correct: true, extracted: '1', judged: false,
    error: undefined, reply: '', latencyMs: i + 1, costUsd: 0.001, costSource: 'usage', calls: 1, tokens: 10, recipe: 'single', model: 'small',
    modelsUsed: ['small'], reason: undefined, escalated: false, fallback: false, ...partial,
  };
}

describe('aggregate', () => {
  const results: ItemResult[] = [
    // small: 6/10 right, one failure among the wrong, cheap.
    ...Array.from({ length: 10 }, (_, i) => result('small', i, { correct: i < 6, ...(i === 9 ? { ok: false, status: 502, correct: false, costUsd: 0, calls: 0 } : {}) })),
    // big: 9/10, ten times the cost.
    ...Array.from({ length: 10 }, (_, i) => result('big', i, { correct: i !== 0, costUsd: 0.01, model: 'big', latencyMs: 100 + i })),
    // cascade: 8/10 at 0.004, escalates 3 of 10, one fallback.
    ...Array.from({ length: 10 }, (_, i) => result('consilium/cascade', i, { correct: i < 8, costUsd: 0.004, calls: i < 3 ? 2 : 1, recipe: 'cascade', escalated: i < 3, fallback: i === 0 })),
    // auto: picks cascade 4×, small 6×; 6/10 at 0.005 (dominated by the cascade).
    ...Array.from({ length: 10 }, (_, i) => result('consilium/auto', i, { correct: i < 6, costUsd: 0.005, recipe: i < 4 ? 'cascade' : 'smart', model: i < 4 ? 'big' : 'small' })),
  ];
  const stats = aggregate(results, ['small', 'big', 'consilium/cascade', 'consilium/auto'], config);
  const by = (t: string): TargetStats => stats.find((s) => s.target === t) as TargetStats;

  it('computes accuracy with failures counted wrong, and the Wilson interval', () => {
    expect(by('small')).toMatchObject({ n: 10, correct: 6, accuracy: 0.6, failures: 1 });
    expect(by('small').ci.low).toBeCloseTo(0.3127, 3);
    expect(by('small').ci.high).toBeCloseTo(0.8318, 3);
  });

  it('averages cost and calls over every item and takes latency percentiles of answered ones', () => {
    expect(by('small').costPerItem).toBeCloseTo(0.0009, 10);
    expect(by('consilium/cascade').callsPerItem).toBeCloseTo(1.3);
    expect(by('big').latencyP50Ms).toBeCloseTo(104.5);
    expect(by('small').latencyP99Ms).toBeCloseTo(8.92);
  });

  it('reports escalation for cascades, fallbacks for recipes and auto\'s picks', () => {
    expect(by('consilium/cascade')).toMatchObject({ kind: 'confidence', escalationRate: 0.3, fallbackRate: 0.1 });
    expect(by('small')).toMatchObject({ kind: 'model', escalationRate: undefined, fallbackRate: undefined, picks: undefined });
    expect(by('consilium/auto').picks).toEqual({ cascade: 4, small: 6 });
  });

  it('marks the frontier and how far below it a target sits', () => {
    expect(stats.filter((s) => s.onFrontier).map((s) => s.target)).toEqual(['small', 'big', 'consilium/cascade']);
    expect(by('consilium/auto').frontierGap).toBeCloseTo(0.2);
    expect(by('big').frontierGap).toBe(0);
  });

  it('breaks accuracy down by category', () => {
    expect(by('small').byCategory.even).toMatchObject({ n: 5, correct: 3 });
    expect(by('small').byCategory.odd).toMatchObject({ n: 5, correct: 3 });
  });

  it('names the kind of each target', () => {
    expect(targetKind(config, 'small')).toBe('model');
    expect(targetKind(config, 'consilium/cascade')).toBe('confidence');
    expect(targetKind(config, 'consilium/auto')).toBe('auto');
    expect(targetKind(config, 'consilium/fast')).toBe('auto');
  });

  it('evaluates checks on the point estimates and says what was missed', () => {
    const checks = parseChecks(
      [
        { name: 'keeps', keeps: { target: 'consilium/cascade', reference: 'big', min_accuracy_ratio: 0.85, max_cost_ratio: 0.4 } },
        { name: 'keeps-tight', keeps: { target: 'consilium/cascade', reference: 'big', min_accuracy_ratio: 0.95, max_cost_ratio: 0.4 } },
        { name: 'beats', beats: { targets: ['consilium/cascade', 'big'], than: ['small'] } },
        { name: 'beats-not', beats: { targets: ['consilium/auto'], than: ['small'] } },
        { name: 'near', near_frontier: { target: 'consilium/auto', max_gap: 0.25 } },
        { name: 'far', near_frontier: { target: 'consilium/auto', max_gap: 0.1 } },
        { name: 'absent', near_frontier: { target: 'consilium/remom', max_gap: 0.1 } },
      ],
      'f',
    );
    const out = evaluateChecks(checks, stats);
    expect(out.map((c) => [c.name, c.passed])).toEqual([
      ['keeps', true],
      ['keeps-tight', false],
      ['beats', true],
      ['beats-not', false],
      ['near', true],
      ['far', false],
      ['absent', undefined],
    ]);
    expect(out[1]?.detail).toBe("consilium/cascade keeps 88.9% of big's accuracy (needs ≥ 95.0%) at 40.0% of its cost (needs ≤ 40.0%)");
    expect(out[5]?.detail).toMatch(/20\.0 pts below the frontier/);
  });

  it('rejects a check with no or two kinds', () => {
    expect(() => parseChecks([{ name: 'x' }], 'f')).toThrowError(EvalInputError);
    expect(() => parseChecks([{ name: 'x', beats: { targets: ['a'], than: ['b'] }, near_frontier: { target: 'a', max_gap: 0 } }], 'f')).toThrowError(/exactly one/);
  });
});
