import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/classify/load.js';
import { DEFAULT_CLASSIFIER_CONFIG } from '../../src/classify/defaults.js';
import { ensureRandomBert } from '../../src/dev/random-bert.js';

describe('inference in a worker thread', () => {
  it('gives the same results as an in-process session, batched or not, and releases cleanly', async () => {
    const modelDir = await ensureRandomBert('small');
    const texts = ['short', 'a somewhat longer sentence about python functions', 'x '.repeat(60), 'héllo wörld ✓'];
    const inProcess = await loadClassifier({ ...DEFAULT_CLASSIFIER_CONFIG, modelDir, worker: false, threshold: 0 });
    const inWorker = await loadClassifier({ ...DEFAULT_CLASSIFIER_CONFIG, modelDir, worker: true, threshold: 0 });
    try {
      const expected = await Promise.all(texts.map((t) => inProcess.classify(t)));
      const got = await Promise.all(texts.map((t) => inWorker.classify(t)));
      got.forEach((result, i) => {
        expect(result.label).toBe(expected[i]!.label);
        result.top.forEach((score, j) => {
          expect(score.label).toBe(expected[i]!.top[j]!.label);
          expect(Math.abs(score.probability - expected[i]!.top[j]!.probability)).toBeLessThan(1e-5);
        });
      });
    } finally {
      await inProcess.close();
      await inWorker.close();
    }
    await expect(inWorker.classify('after close')).rejects.toThrow();
  });
});
