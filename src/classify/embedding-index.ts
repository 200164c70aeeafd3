/**
 * Labels for an embedding model from example utterances (label → examples). All vectors are unit length, so a
 * dot product is the cosine. Scores are clamped to [0, 1] to fit the Classifier contract.
 * - knn = 0, nearest centroid: a label's score is the cosine to the normalised mean of its examples;
 * - knn = k > 0: the k examples nearest the query vote with their cosine; a label's score is the sum of its
 *   voters' cosines divided by k (so agreement and closeness both count; a label with no voter scores 0).
 */
import { dot, l2Normalize } from './vector.js';

export interface LabelledVector {
  readonly label: string;
  readonly vector: Float32Array;
}

export class EmbeddingIndex {
  readonly labels: readonly string[];
  private readonly examples: readonly LabelledVector[];
  private readonly centroids: readonly Float32Array[];
  private readonly knn: number;

  /** `examples` must be unit vectors; `labels` fixes the label order (every example's label must be in it). */
  constructor(labels: readonly string[], examples: readonly LabelledVector[], knn: number) {
    if (!Number.isInteger(knn) || knn < 0) throw new RangeError(`knn must be a non-negative integer, got ${knn}`);
    this.labels = labels;
    this.examples = examples;
    this.knn = Math.min(knn, examples.length);
    this.centroids = labels.map((label) => centroid(examples.filter((e) => e.label === label).map((e) => e.vector)));
  }

  /** One score per label, in `labels` order, each in [0, 1]. */
  scores(query: Float32Array): number[] {
    if (this.knn === 0) return this.centroids.map((c) => clamp01(dot(query, c)));
    const nearest = this.examples
      .map((example) => ({ label: example.label, similarity: dot(query, example.vector) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, this.knn);
    return this.labels.map((label) => nearest.filter((n) => n.label === label).reduce((sum, n) => sum + clamp01(n.similarity), 0) / this.knn);
  }
}

function centroid(vectors: readonly Float32Array[]): Float32Array {
  const first = vectors[0];
  if (first === undefined) throw new RangeError('a label needs at least one example');
  const sum = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) sum[i] = (sum[i] as number) + (v[i] as number);
  return l2Normalize(sum);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
