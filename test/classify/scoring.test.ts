import { describe, expect, it } from 'vitest';
import { classification, softmax, UNKNOWN_LABEL } from '../../src/classify/scoring.js';

describe('softmax', () => {
  it('sums to 1 and preserves order', () => {
    const p = softmax([2, -1, 0.5, 3]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[3]).toBeGreaterThan(p[0] as number);
    expect(p[0]).toBeGreaterThan(p[2] as number);
  });

  it('stays finite for large logits', () => {
    const p = softmax([1000, 999, -1000]);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
  });
});

describe('classification', () => {
  const labels = ['code', 'math', 'chat'];

  it('ranks labels best first and picks the best', () => {
    const c = classification(labels, [0.2, 0.7, 0.1], 0.5);
    expect(c.label).toBe('math');
    expect(c.probability).toBe(0.7);
    expect(c.top.map((t) => t.label)).toEqual(['math', 'code', 'chat']);
  });

  it('says unknown below the threshold but keeps the ranking', () => {
    const c = classification(labels, [0.35, 0.4, 0.25], 0.5);
    expect(c.label).toBe(UNKNOWN_LABEL);
    expect(c.probability).toBe(0.4);
    expect(c.top[0]).toEqual({ label: 'math', probability: 0.4 });
    expect(c.top).toHaveLength(3);
  });

  it('accepts a best score exactly at the threshold', () => {
    expect(classification(labels, [0.5, 0.3, 0.2], 0.5).label).toBe('code');
  });

  it('keeps label order among equal scores', () => {
    expect(classification(labels, [0.3, 0.3, 0.3], 0).top.map((t) => t.label)).toEqual(labels);
  });
});
