import { describe, expect, it } from 'vitest';
import { confusion, confusionReport } from '../../src/classify/confusion.js';

const inputs = [
  { text: 'a', label: 'code' },
  { text: 'b', label: 'code' },
  { text: 'c', label: 'math' },
  { text: 'd', label: undefined },
  { text: 'e', label: 'poetry' },
];
const predicted = ['code', 'math', 'math', 'code', 'unknown'];

describe('confusion', () => {
  it('counts expected × predicted over labelled inputs only, model labels first', () => {
    const c = confusion(inputs, predicted, ['code', 'math']);
    expect(c.labelled).toBe(4);
    expect(c.correct).toBe(2);
    expect(c.labels).toEqual(['code', 'math', 'poetry', 'unknown']);
    expect(c.counts).toEqual([
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ]);
  });

  it('reports accuracy and one row per label', () => {
    const report = confusionReport(inputs, predicted, ['code', 'math']);
    expect(report).toMatch(/^accuracy 0\.5000 \(2\/4 labelled\)/);
    expect(report.trim().split('\n')).toHaveLength(3 + 4);
    expect(report).toMatch(/^code\s+1\s+1\s+0\s+0$/m);
  });
});
