import { describe, expect, it } from 'vitest';
import { extractAnswer, isCorrect, normalizeExact, scoreReply, toleranceOf } from '../../src/eval/score.js';
import { item } from './fixtures.js';

describe('extractAnswer', () => {
  it.each([
    ['mcq', 'Reasoning...\nAnswer: B', 'B'],
    ['mcq', 'Answer: (c) wool', 'C'],
    ['mcq', '**Answer:** D.', 'D'],
    ['mcq', 'b', 'B'],
    ['mcq', 'I think it is option C here', 'C'],
    ['mcq', 'Answer: wool', undefined],
    ['number', 'Work.\nAnswer: 1,267', '1267'],
    ['number', 'Answer: -4 °C', '-4'],
    ['number', 'The final answer is 5.64 kg (about 12 lb)', '5.64'],
    ['number', 'so it is \\boxed{42}', '42'],
    ['number', 'It comes to 12, then 15 after that', '15'],
    ['number', 'Answer: 1 267', '1267'],
    ['number', 'no digits here', undefined],
    ['exact', 'Let me see.\nAnswer: **Thursday**.', 'thursday'],
    ['exact', 'Answer: the Tamsk', 'tamsk'],
    ['exact', 'Cara', 'cara'],
  ] as const)('%s from %j → %j', (type, text, expected) => {
    expect(extractAnswer(text, type)).toBe(expected);
  });

  it('reads the last answer line when a reply revises itself', () => {
    expect(extractAnswer('Answer: 12\nWait, recheck.\nAnswer: 13', 'number')).toBe('13');
  });
});

describe('isCorrect / scoreReply', () => {
  it('compares mcq letters case-insensitively', () => {
    const q = item({ id: 'q', answerType: 'mcq', answer: 'B' });
    expect(scoreReply(q, 'Answer: b')).toEqual({ extracted: 'B', correct: true });
    expect(scoreReply(q, 'Answer: C')).toEqual({ extracted: 'C', correct: false });
  });

  it('accepts numbers within the item tolerance, or one part in a million by default', () => {
    const units = item({ id: 'u', answerType: 'number', answer: '5.64', tolerance: 0.01 });
    expect(scoreReply(units, 'Answer: 5.636').correct).toBe(true);
    expect(scoreReply(units, 'Answer: 5.63').correct).toBe(true);
    expect(scoreReply(units, 'Answer: 5.62').correct).toBe(false);
    const exactNumber = item({ id: 'n', answerType: 'number', answer: '1267' });
    expect(toleranceOf(exactNumber)).toBeCloseTo(0.001267);
    expect(scoreReply(exactNumber, 'Answer: 1267.0').correct).toBe(true);
    expect(scoreReply(exactNumber, 'Answer: 1268').correct).toBe(false);
  });

  it('normalises exact answers but does not accept a different word', () => {
    const q = item({ id: 'e', answerType: 'exact', answer: 'Thursday' });
    expect(scoreReply(q, 'Answer: "thursday"!').correct).toBe(true);
    expect(scoreReply(q, 'Answer: Friday').correct).toBe(false);
    expect(normalizeExact('  The  River   Orla. ')).toBe('river orla');
  });

  it('counts a reply without an answer as wrong, and leaves free items to the judge', () => {
    expect(isCorrect(item({ id: 'x', answerType: 'number', answer: '3' }), undefined)).toBe(false);
    expect(() => scoreReply(item({ id: 'f', answerType: 'free' }), 'anything')).toThrowError(/judge/);
  });
});
