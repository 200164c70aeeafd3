import { describe, expect, it } from 'vitest';
import type { EvalItem } from '../../../src/eval/dataset.js';
import { generateDataset } from '../../../src/eval/generate/index.js';
import { answerIsCorrect, confidence, ownAnswer, simOptions } from '../../../src/eval/sim/draws.js';
import { impliedAuroc, normalCdf, parseSimulation, withCorrelation, type SimParams } from '../../../src/eval/sim/params.js';
import { item } from '../fixtures.js';

const items = generateDataset({ counts: { arithmetic: 500, units: 500, logic: 500, facts: 500 } });
const params = parseSimulation({ seed: 3, models: { m: { accuracy: { default: 0.7, facts: 0.9 } }, n: 0.8 } });
const m = params.models.get('m')!;

function auroc(positives: readonly number[], negatives: readonly number[]): number {
  let wins = 0;
  for (const p of positives) for (const q of negatives) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

describe('ownAnswer', () => {
  it('is right with the per-category accuracy', () => {
    const rate = (list: readonly EvalItem[]): number => list.filter((i) => ownAnswer(params, m, i).correct).length / list.length;
    expect(rate(items.filter((i) => i.category === 'facts'))).toBeCloseTo(0.9, 1);
    expect(rate(items.filter((i) => i.category !== 'facts'))).toBeCloseTo(0.7, 1);
  });

  it('says correct exactly when the answer scores as correct', () => {
    for (const i of items.slice(0, 400)) {
      const a = ownAnswer(params, m, i);
      expect(answerIsCorrect(i, a.answer), i.id).toBe(a.correct);
    }
  });

  it('never lets ρ change whether a model is right, only which wrong answer it gives', () => {
    const p0 = withCorrelation(params, 0);
    const p1 = withCorrelation(params, 1);
    let trapsAtZero = 0;
    let wrong = 0;
    for (const i of items) {
      const a0 = ownAnswer(p0, m, i);
      const a1 = ownAnswer(p1, m, i);
      expect(a1.correct).toBe(a0.correct);
      if (!a0.correct) {
        wrong++;
        expect(a1.answer).toBe(i.sim?.trap);
        if (a0.answer === i.sim?.trap) trapsAtZero++;
        expect(i.sim?.wrong).toContain(a0.answer);
      }
    }
    // At ρ = 0 the trap is just one of the wrong options (3 to 6 of them here).
    expect(trapsAtZero / wrong).toBeGreaterThan(0.1);
    expect(trapsAtZero / wrong).toBeLessThan(0.4);
  });

  it('gives the same answer for the same model and item, and differs across models', () => {
    const n = params.models.get('n')!;
    const same = items.slice(0, 200).filter((i) => ownAnswer(params, m, i).correct === ownAnswer(params, n, i).correct).length;
    expect(ownAnswer(params, m, items[0] as EvalItem)).toEqual(ownAnswer(params, m, items[0] as EvalItem));
    expect(same).toBeLessThan(200);
  });
});

describe('confidence', () => {
  it('separates right from wrong answers with the AUROC its parameters imply (≈ 0.8 by default)', () => {
    const defaults: SimParams = parseSimulation({ models: { x: 0.5 } });
    expect(impliedAuroc(defaults.confidence)).toBeCloseTo(0.8, 2);
    const right = Array.from({ length: 600 }, (_, i) => confidence(defaults, true, 'r', String(i)));
    const wrong = Array.from({ length: 600 }, (_, i) => confidence(defaults, false, 'w', String(i)));
    expect(auroc(right, wrong)).toBeGreaterThan(0.76);
    expect(auroc(right, wrong)).toBeLessThan(0.84);
    for (const c of [...right, ...wrong]) expect(c > 0 && c < 1).toBe(true);
  });

  it('has no separation when the gap is 0', () => {
    const flat = parseSimulation({ confidence: { gap: 0 }, models: { x: 0.5 } });
    const right = Array.from({ length: 400 }, (_, i) => confidence(flat, true, 'r', String(i)));
    const wrong = Array.from({ length: 400 }, (_, i) => confidence(flat, false, 'w', String(i)));
    expect(Math.abs(auroc(right, wrong) - 0.5)).toBeLessThan(0.06);
  });
});

describe('simOptions without a sim field', () => {
  it('derives mcq distractors from the prompt options', () => {
    const q = item({ id: 'q', answerType: 'mcq', answer: 'B', messages: [{ role: 'user', content: 'Pick:\nA) x\nB) y\nC) z' }] });
    expect(simOptions(q)).toEqual({ trap: 'A', wrong: ['A', 'C'] });
  });

  it('derives numeric distractors around the answer', () => {
    const opts = simOptions(item({ id: 'n', answerType: 'number', answer: '40' }));
    expect(opts.wrong).toEqual(['41', '39', '400', '4', '50']);
  });
});

describe('parseSimulation', () => {
  it('rejects unknown keys and a missing default accuracy with the path', () => {
    expect(() => parseSimulation({ models: { m: 0.5 }, rho: 0.2 })).toThrowError(/simulation/);
    expect(() => parseSimulation({ models: { m: { accuracy: { facts: 0.5 } } } })).toThrowError(/simulation\.models\.m\.accuracy\.default: required/);
    expect(() => parseSimulation({ models: { m: 1.5 } })).toThrowError(/simulation\.models\.m: Too big/);
    expect(() => parseSimulation({ models: { m: { accuracy: { default: 2 } } } })).toThrowError(/simulation\.models\.m\.accuracy/);
  });

  it('normalCdf is the standard normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });
});
