import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BudgetConfig } from '../../src/config/types.js';
import { Budget, BudgetExceededError } from '../../src/recipes/budget.js';

const MODELS = new Map([
  ['cheap', { pricing: { inputPerMillion: 1, outputPerMillion: 2 } }],
  ['pricey', { pricing: { inputPerMillion: 1000, outputPerMillion: 2000 } }],
]);
const LIMITS: BudgetConfig = { maxCalls: 3, maxTotalTokens: 1000, maxCostUsd: 1, deadlineMs: 60_000 };

function budget(over: Partial<BudgetConfig> = {}, parent = new AbortController().signal): Budget {
  return new Budget({ ...LIMITS, ...over }, { models: MODELS, parentSignal: parent });
}
function refusal(fn: () => unknown): BudgetExceededError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BudgetExceededError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Budget', () => {
  it('counts every attempt through the guard and records usage and cost per model', () => {
    const b = budget();
    const r = b.reserve('cheap', 100, 100);
    r.guard(1);
    r.guard(2);
    r.release({ prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 });
    expect(b.calls).toBe(2);
    expect(b.usage.total_tokens).toBe(150);
    expect(b.usageByModel.get('cheap')?.completion_tokens).toBe(50);
    expect(b.costUsd).toBeCloseTo((100 * 1 + 50 * 2) / 1e6, 12);
    b.close();
  });

  it('refuses a retry past max_calls without counting it', () => {
    const b = budget({ maxCalls: 2 });
    const first = b.reserve('cheap', 10, 10);
    const second = b.reserve('cheap', 10, 10);
    first.guard(1);
    second.guard(1);
    expect(refusal(() => first.guard(2)).limit).toBe('max_calls');
    expect(b.calls).toBe(2);
    expect(b.stoppedBy).toBe('max_calls');
    b.close();
  });

  it('holds reserved calls, so concurrent reservations cannot overbook', () => {
    const b = budget({ maxCalls: 2 });
    b.reserve('cheap', 10, 10);
    b.reserve('cheap', 10, 10);
    expect(b.callsLeft()).toBe(0);
    expect(refusal(() => b.reserve('cheap', 10, 10)).limit).toBe('max_calls');
    b.close();
  });

  it('frees a reservation whose call never sent an attempt', () => {
    const b = budget({ maxCalls: 1 });
    b.reserve('cheap', 10, 10).release();
    expect(b.callsLeft()).toBe(1);
    expect(b.calls).toBe(0);
    b.close();
  });

  it('refuses a call whose worst case would pass max_total_tokens, counting what concurrent calls hold', () => {
    const b = budget({ maxTotalTokens: 300 });
    b.reserve('cheap', 50, 100);
    b.reserve('cheap', 50, 50);
    expect(refusal(() => b.reserve('cheap', 1, 100)).limit).toBe('max_total_tokens');
    expect(b.stoppedBy).toBe('max_total_tokens');
    b.close();
  });

  it('counts actual usage, not the reservation, once a call finishes', () => {
    const b = budget({ maxTotalTokens: 300 });
    const r = b.reserve('cheap', 50, 200);
    r.guard(1);
    r.release({ prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 });
    expect(() => b.reserve('cheap', 40, 200)).not.toThrow();
    b.close();
  });

  it('refuses a call whose priced worst case would pass max_cost_usd', () => {
    const b = budget({ maxCostUsd: 0.5 });
    // 100 × $1000/M + 200 × $2000/M = $0.5: exactly the limit fits.
    expect(() => b.reserve('pricey', 100, 200)).not.toThrow();
    expect(refusal(() => b.reserve('cheap', 1, 1)).limit).toBe('max_cost_usd');
    b.close();
  });

  it('aborts its signal at the deadline and refuses later calls', () => {
    vi.useFakeTimers();
    const b = budget({ deadlineMs: 1000 });
    const r = b.reserve('cheap', 1, 1);
    vi.advanceTimersByTime(1000);
    expect(b.signal.aborted).toBe(true);
    expect(b.stoppedBy).toBe('deadline_ms');
    expect(refusal(() => r.guard(1)).limit).toBe('deadline_ms');
    expect(refusal(() => b.reserve('cheap', 1, 1)).limit).toBe('deadline_ms');
    b.close();
  });

  it('aborts with the parent signal', () => {
    const parent = new AbortController();
    const b = budget({}, parent.signal);
    parent.abort();
    expect(b.signal.aborted).toBe(true);
    expect(b.stoppedBy).toBeUndefined();
    b.close();
  });

  it('checks a tail-call like a call without counting it', () => {
    const b = budget({ maxCalls: 1, maxTotalTokens: 100 });
    expect(b.checkTail('cheap', 10, 50)).toBeUndefined();
    expect(b.calls).toBe(0);
    expect(b.callsLeft()).toBe(1);
    expect(b.checkTail('cheap', 10, 500)).toBe('max_total_tokens');
    expect(b.stoppedBy).toBe('max_total_tokens');
    b.close();
  });

  it('keeps the first limit that stopped it', () => {
    const b = budget({ maxCalls: 1, maxTotalTokens: 10 });
    refusal(() => b.reserve('cheap', 100, 100));
    b.markStopped('max_calls');
    expect(b.stoppedBy).toBe('max_total_tokens');
    expect(b.exhausted).toBe(true);
    b.close();
  });
});
