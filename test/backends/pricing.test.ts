import { describe, expect, it } from 'vitest';
import { costUsd, worstCaseCostUsd } from '../../src/backends/pricing.js';

const paid = { pricing: { inputPerMillion: 3, outputPerMillion: 15 } };
const free = { pricing: { inputPerMillion: 0, outputPerMillion: 0 } };

describe('pricing', () => {
  it('prices prompt and completion tokens per million', () => {
    expect(costUsd(paid, { prompt_tokens: 1_000, completion_tokens: 500, total_tokens: 1_500 })).toBeCloseTo(0.003 + 0.0075, 12);
    expect(costUsd(paid, { prompt_tokens: 2_000_000, completion_tokens: 0, total_tokens: 2_000_000 })).toBeCloseTo(6, 12);
  });

  it('is zero for a free model', () => {
    expect(costUsd(free, { prompt_tokens: 10_000, completion_tokens: 10_000, total_tokens: 20_000 })).toBe(0);
  });

  it('bounds a call by its prompt estimate and completion cap', () => {
    expect(worstCaseCostUsd(paid, 100, 1_000)).toBeCloseTo(0.0003 + 0.015, 12);
  });

  it('is Infinity for an unbounded cap on a paid model, 0 on a free one (never NaN)', () => {
    expect(worstCaseCostUsd(paid, 100, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(worstCaseCostUsd(free, 100, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('treats negative or NaN token counts as none', () => {
    expect(worstCaseCostUsd(paid, -5, Number.NaN)).toBe(0);
  });
});
