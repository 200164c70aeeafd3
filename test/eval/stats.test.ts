import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mean, paretoFrontier, percentile, wilson } from '../../src/eval/stats.js';

describe('wilson', () => {
  it('matches published values', () => {
    // 8 of 10: Wilson 95% interval [0.490, 0.943]; 0 of 20: [0, 0.161].
    const a = wilson(8, 10);
    expect(a.low).toBeCloseTo(0.4902, 3);
    expect(a.high).toBeCloseTo(0.9433, 3);
    const b = wilson(0, 20);
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.1611, 3);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('always contains the point estimate and stays in [0, 1], narrowing with more trials', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        const k = Math.round(p * n);
        const ci = wilson(k, n);
        const wider = wilson(k, n);
        const narrower = wilson(k * 4, n * 4);
        return ci.low >= 0 && ci.high <= 1 && ci.low <= k / n + 1e-12 && ci.high >= k / n - 1e-12 && narrower.high - narrower.low <= wider.high - wider.low + 1e-12;
      }),
    );
  });
});

describe('percentile', () => {
  it('interpolates between order statistics', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4, 5], 100)).toBe(5);
    expect(percentile(Array.from({ length: 101 }, (_, i) => i), 99)).toBeCloseTo(99);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('paretoFrontier', () => {
  it('keeps points no other point beats on both cost and accuracy', () => {
    const points = [
      { cost: 1, accuracy: 0.7 }, // cheapest: frontier
      { cost: 15, accuracy: 0.9 }, // most accurate: frontier
      { cost: 3, accuracy: 0.8 }, // frontier
      { cost: 3, accuracy: 0.78 }, // same cost, less accurate: dominated
      { cost: 5, accuracy: 0.8 }, // same accuracy, costs more: dominated
      { cost: 4, accuracy: 0.85 }, // frontier
    ];
    expect([...paretoFrontier(points)].sort()).toEqual([0, 1, 2, 5]);
  });

  it('keeps identical points together', () => {
    expect([...paretoFrontier([{ cost: 1, accuracy: 0.5 }, { cost: 1, accuracy: 0.5 }])]).toEqual([0, 1]);
  });

  it('mean of nothing is 0', () => {
    expect(mean([])).toBe(0);
    expect(mean([1, 2, 6])).toBe(3);
  });
});
