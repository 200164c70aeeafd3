import { describe, expect, it } from 'vitest';
import { agreement, jaccard, shortAnswer } from '../../src/recipes/answers.js';
import { avgLogprobScore, hybridScore, marginScore } from '../../src/recipes/scoring.js';
import { logprobsFor } from '../../src/dev/fake-backends.js';

describe('shortAnswer', () => {
  it.each([
    ['B', 'choice', 'B'],
    ['b', 'choice', 'B'],
    ['(C)', 'choice', 'C'],
    ['D) the fourth one', 'choice', 'D'],
    ['The answer is (A).', 'choice', 'A'],
    ['Long reasoning first...\nFinal answer: **E**', 'choice', 'E'],
    ['Option B', 'choice', 'B'],
    ['42', 'number', '42'],
    ['The answer is 1,200.', 'number', '1200'],
    ['Answer: $3.50', 'number', '3.5'],
    ['-7 degrees', 'number', '-7'],
    ['so \\boxed{12}', 'number', '12'],
    ['Yes.', 'boolean', 'yes'],
    ['no, it is not', 'boolean', 'no'],
    ['Answer: true', 'boolean', 'yes'],
    ['{"b": 1, "a": 2}', 'json', '{"a":2,"b":1}'],
  ])('%j → %s %s', (text, kind, key) => {
    expect(shortAnswer(text)).toEqual({ kind, key });
  });

  it.each([
    'A cat sat on the mat and looked outside for a while.',
    'I think the capital of France is a lovely city called Paris.',
    'Paris',
  ])('finds no short answer in %j', (text) => {
    expect(shortAnswer(text)).toBeUndefined();
  });

  it('reads the whole answer as JSON when the request asked for JSON', () => {
    expect(shortAnswer('"Paris"', true)).toEqual({ kind: 'json', key: '"Paris"' });
    expect(shortAnswer('not json', true)).toBeUndefined();
  });
});

describe('similarity', () => {
  it('measures token-set Jaccard similarity', () => {
    expect(jaccard('the cat sat', 'The cat, sat!')).toBe(1);
    expect(jaccard('a b', 'c d')).toBe(0);
    expect(jaccard('a b c', 'a b d')).toBeCloseTo(0.5);
  });
  it('gives each text its mean similarity to the others', () => {
    const [a, b, c] = agreement(['x y', 'x y', 'z']);
    expect(a).toBeCloseTo(0.5);
    expect(b).toBeCloseTo(0.5);
    expect(c).toBe(0);
    expect(agreement(['alone'])).toEqual([1]);
  });
});

describe('confidence scores', () => {
  it('avg_logprob is the geometric-mean token probability', () => {
    expect(avgLogprobScore(logprobsFor('a b c', 0.8))).toBeCloseTo(0.8);
    expect(avgLogprobScore([])).toBeUndefined();
    expect(avgLogprobScore(null)).toBeUndefined();
  });
  it('margin is the mean top-1 minus top-2 probability', () => {
    expect(marginScore(logprobsFor('a b', 0.9, 2))).toBeCloseTo(0.8);
    // Without alternatives the token's own probability is the margin.
    expect(marginScore(logprobsFor('a b', 0.9, 0))).toBeCloseTo(0.9);
  });
  it('hybrid mixes them by weight', () => {
    expect(hybridScore(logprobsFor('a', 0.9, 2), 0.25)).toBeCloseTo(0.25 * 0.9 + 0.75 * 0.8);
  });
});
