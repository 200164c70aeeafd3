import { describe, expect, it } from 'vitest';
import { EmbeddingIndex, type LabelledVector } from '../../src/classify/embedding-index.js';

const unit = (x: number, y: number): Float32Array => {
  const n = Math.hypot(x, y);
  return new Float32Array([x / n, y / n]);
};

// One "a" example matches the query exactly, but the other two point away from it; both "b" examples are
// fairly close. Nearest centroid and 1-NN must disagree here.
const examples: LabelledVector[] = [
  { label: 'a', vector: unit(1, 0) },
  { label: 'a', vector: unit(0, -1) },
  { label: 'a', vector: unit(0, -1) },
  { label: 'b', vector: unit(0.8, 0.6) },
  { label: 'b', vector: unit(0.6, 0.8) },
];
const query = unit(1, 0);

describe('EmbeddingIndex', () => {
  it('nearest centroid scores the cosine to each normalised mean', () => {
    const [a, b] = new EmbeddingIndex(['a', 'b'], examples, 0).scores(query);
    expect(a).toBeCloseTo(1 / Math.sqrt(5), 5); // mean (1, -2)/3 → unit (1, -2)/√5
    expect(b).toBeCloseTo(Math.SQRT1_2, 5); // mean (0.7, 0.7) → unit (1, 1)/√2
    expect(b).toBeGreaterThan(a as number);
  });

  it('1-NN follows the single nearest example instead', () => {
    expect(new EmbeddingIndex(['a', 'b'], examples, 1).scores(query)).toEqual([1, 0]);
  });

  it('k-NN sums the voters\' cosines per label and divides by k', () => {
    const [a, b] = new EmbeddingIndex(['a', 'b'], examples, 3).scores(query);
    expect(a).toBeCloseTo(1 / 3, 5);
    expect(b).toBeCloseTo((0.8 + 0.6) / 3, 5);
  });

  it('clamps negative cosines to 0 and k to the number of examples', () => {
    const index = new EmbeddingIndex(['a', 'b'], examples, 50);
    const [a, b] = index.scores(unit(-1, 0));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBe(0);
    expect(a).toBeCloseTo(0, 5); // (-1,0)·(1,0) = -1 → 0; (-1,0)·(0,-1) = 0
  });

  it('rejects a label without examples and a negative k', () => {
    expect(() => new EmbeddingIndex(['a', 'c'], examples, 0)).toThrow(RangeError);
    expect(() => new EmbeddingIndex(['a', 'b'], examples, -1)).toThrow(RangeError);
  });
});
