import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDataset, sampleItems, toLine } from '../../src/eval/dataset.js';
import { EvalInputError } from '../../src/eval/errors.js';
import { datasetText, DEFAULT_COUNTS, generateDataset } from '../../src/eval/generate/index.js';
import { BUNDLED_DATASET } from './fixtures.js';

describe('parseDataset', () => {
  it('reads prompt and messages lines, normalising mcq letters and defaulting the category', () => {
    const items = parseDataset(
      [
        '{"id": 1, "prompt": "2+2?", "answer": 4, "answer_type": "number", "tolerance": 0.5}',
        '',
        '{"id": "q2", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Pick"}], "answer": "b", "answer_type": "mcq", "category": "quiz"}',
        '{"id": "q3", "prompt": "Explain tides", "answer_type": "free"}',
      ].join('\n'),
    );
    expect(items.map((i) => i.id)).toEqual(['1', 'q2', 'q3']);
    expect(items[0]).toMatchObject({ answer: '4', answerType: 'number', tolerance: 0.5, category: 'uncategorized', messages: [{ role: 'user', content: '2+2?' }] });
    expect(items[1]).toMatchObject({ answer: 'B', category: 'quiz' });
    expect(items[1]?.messages).toHaveLength(2);
    expect(items[2]?.answer).toBeUndefined();
  });

  it.each([
    ['{"id": 1, "answer": "4", "answer_type": "number"}', /:1: <line>: set exactly one of prompt or messages/],
    ['{"id": 1, "prompt": "x", "answer_type": "exact"}', /:1: answer: answer is required/],
    ['{"id": 1, "prompt": "x", "answer": "AB", "answer_type": "mcq"}', /:1: answer: an mcq answer is one letter/],
    ['{"id": 1, "prompt": "x", "answer": "four", "answer_type": "number"}', /:1: answer: a number answer must be numeric/],
    ['{"id": 1, "prompt": "x", "answer": "a", "answer_type": "essay"}', /:1: answer_type:/],
    ['{"id": 1, "prompt": "x", "answer": "a", "answer_type": "exact", "extra": 1}', /:1: <line>: Unrecognized key/],
    ['{"id": 1, "prompt": "x", "answer": "a", "answer_type": "exact"}\n{"id": "1", "prompt": "y", "answer": "a", "answer_type": "exact"}', /:2: duplicate id "1"/],
    ['{"id": 1,', /:1: not valid JSON/],
    ['\n\n', /no items/],
  ])('rejects %s', (text, message) => {
    expect(() => parseDataset(text, 'd.jsonl')).toThrowError(EvalInputError);
    expect(() => parseDataset(text, 'd.jsonl')).toThrowError(message);
  });
});

describe('sampleItems', () => {
  it('takes items round-robin by category so a prefix stays balanced', () => {
    const items = parseDataset(
      ['a', 'a', 'a', 'b', 'b', 'c'].map((c, i) => JSON.stringify({ id: i, prompt: `p${i}`, answer: 'x', answer_type: 'exact', category: c })).join('\n'),
    );
    expect(sampleItems(items, 4).map((i) => i.category)).toEqual(['a', 'b', 'c', 'a']);
    expect(sampleItems(items, undefined)).toHaveLength(6);
  });
});

describe('the bundled dataset', () => {
  it('is exactly what the generator writes for the default seed', async () => {
    expect(await readFile(BUNDLED_DATASET, 'utf8')).toBe(datasetText(generateDataset()));
  });

  it('has at least 500 items over four categories, unique prompts, and wrong options that exclude the answer', async () => {
    const items = parseDataset(await readFile(BUNDLED_DATASET, 'utf8'));
    expect(items.length).toBeGreaterThanOrEqual(500);
    const counts: Record<string, number> = {};
    for (const i of items) counts[i.category] = (counts[i.category] ?? 0) + 1;
    expect(counts).toEqual(DEFAULT_COUNTS);
    expect(new Set(items.map((i) => JSON.stringify(i.messages))).size).toBe(items.length);
    for (const i of items) {
      expect(i.sim, i.id).toBeDefined();
      expect(i.sim?.wrong, i.id).toContain(i.sim?.trap);
      expect(i.sim?.wrong, i.id).not.toContain(i.answer);
      expect(new Set(i.sim?.wrong).size, i.id).toBe(i.sim?.wrong.length);
    }
  });

  it('round-trips through toLine', () => {
    const items = generateDataset({ counts: { arithmetic: 3, facts: 2 } });
    expect(parseDataset(items.map((i) => JSON.stringify(toLine(i))).join('\n'))).toEqual(items);
  });
});
