import { Writable } from 'node:stream';
import ort from 'onnxruntime-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierRunError } from '../../src/classify/errors.js';
import { loadClassifier, type OnnxClassifier } from '../../src/classify/load.js';
import { readModelFiles } from '../../src/classify/model-files.js';
import { openOnnxModel, type OnnxTextModel } from '../../src/classify/onnx-model.js';
import { UNKNOWN_LABEL } from '../../src/classify/scoring.js';
import type { Classification } from '../../src/classify/types.js';
import { classifierConfig, smallClassifier, smallEncoder, VARIED_TEXTS } from './fixtures.js';

const TOLERANCE = 1e-5;
const EXAMPLES = {
  code: ['write a python function', 'fix the bug in my javascript code', 'refactor this java class'],
  math: ['solve the equation for x', 'what is the derivative of sin x', 'compute the integral of x squared'],
  creative: ['write a poem about the sea', 'tell me a story about a dragon'],
};

let classifierDir: string;
let encoderDir: string;
beforeAll(async () => {
  [classifierDir, encoderDir] = await Promise.all([smallClassifier(), smallEncoder()]);
});

function probabilities(c: Classification): Map<string, number> {
  return new Map(c.top.map((t) => [t.label, t.probability]));
}

function maxDifference(a: readonly Classification[], b: readonly Classification[]): number {
  let max = 0;
  a.forEach((ca, i) => {
    const pb = probabilities(b[i] as Classification);
    for (const { label, probability } of ca.top) max = Math.max(max, Math.abs(probability - (pb.get(label) ?? Infinity)));
  });
  return max;
}

/** Classifies one at a time (every run a batch of 1), then all at once; returns both and the batch sizes seen. */
async function singlesAndBatched(classifier: OnnxClassifier, sizes: number[], texts: readonly string[]) {
  const singles: Classification[] = [];
  for (const text of texts) singles.push(await classifier.classify(text));
  sizes.length = 0;
  const batched = await Promise.all(texts.map((text) => classifier.classify(text)));
  return { singles, batched };
}

describe('sequence classifier (random BERT with logits)', () => {
  let classifier: OnnxClassifier;
  const sizes: number[] = [];
  const durations: number[] = [];
  beforeAll(async () => {
    classifier = await loadClassifier(classifierConfig(classifierDir, { threshold: 0, threads: { intraOp: 2, interOp: 1 } }), {
      onBatch: (size, ms) => {
        sizes.push(size);
        durations.push(ms);
      },
    });
  });
  afterAll(() => classifier.close());

  it('reports its kind and the id2label labels', () => {
    expect(classifier.kind).toBe('sequence-classification');
    expect(classifier.labels).toEqual(['code', 'math', 'creative', 'chat']);
    expect(classifier.modelDir).toBe(classifierDir);
  });

  it('returns a softmax over every label, best first', async () => {
    for (const text of VARIED_TEXTS) {
      const result = await classifier.classify(text);
      expect(result.top.map((t) => t.label).sort()).toEqual([...classifier.labels].sort());
      expect(result.top.reduce((sum, t) => sum + t.probability, 0)).toBeCloseTo(1, 6);
      for (let i = 1; i < result.top.length; i++) expect(result.top[i - 1]?.probability).toBeGreaterThanOrEqual(result.top[i]?.probability as number);
      expect(result.label).toBe(result.top[0]?.label);
      expect(result.probability).toBe(result.top[0]?.probability);
    }
  });

  it('different inputs get different probabilities', async () => {
    const [a, b] = await Promise.all([classifier.classify(VARIED_TEXTS[1] as string), classifier.classify(VARIED_TEXTS[3] as string)]);
    expect(maxDifference([a as Classification], [b as Classification])).toBeGreaterThan(1e-4);
  });

  it('batched results equal single-request results, and batches of more than one really form', async () => {
    const { singles, batched } = await singlesAndBatched(classifier, sizes, VARIED_TEXTS);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(VARIED_TEXTS.length);
    expect(maxDifference(singles, batched)).toBeLessThanOrEqual(TOLERANCE);
    expect(durations.every((ms) => ms >= 0)).toBe(true);
  });

  it('truncates long inputs to maxTokens and still classifies them', async () => {
    const long = 'a long prompt about databases and indexes '.repeat(200);
    const ids = classifier.tokenize(long);
    expect(ids).toHaveLength(256);
    expect([ids[0], ids[255]]).toEqual([101, 102]);
    expect((await classifier.classify(long)).top).toHaveLength(4);
  });

  it('classifies an empty text ([CLS] [SEP] only)', async () => {
    expect(classifier.tokenize('')).toEqual([101, 102]);
    expect((await classifier.classify('')).top).toHaveLength(4);
  });
});

describe('threshold', () => {
  it('yields unknown when the best probability is under it, keeping top', async () => {
    const classifier = await loadClassifier(classifierConfig(classifierDir, { threshold: 0.99 }));
    const result = await classifier.classify('Write a Python function that reverses a list.');
    await classifier.close();
    expect(result.label).toBe(UNKNOWN_LABEL);
    expect(result.probability).toBeLessThan(0.99);
    expect(result.probability).toBe(result.top[0]?.probability);
    expect(result.top).toHaveLength(4);
  });
});

describe('model inputs and dynamic shapes', () => {
  let withTypes: OnnxTextModel;
  let withoutTypes: OnnxTextModel;
  const options = { maxTokens: 512, threads: { intraOp: 1, interOp: 1 } };
  beforeAll(async () => {
    withTypes = await openOnnxModel(await readModelFiles(classifierDir), options);
    withoutTypes = await openOnnxModel(await readModelFiles(encoderDir), options);
  });
  afterAll(() => Promise.all([withTypes.release(), withoutTypes.release()]));

  it('feeds token_type_ids exactly when the model declares it', () => {
    expect(withTypes.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(withoutTypes.inputNames).toEqual(['input_ids', 'attention_mask']);
  });

  it('a model that declares token_type_ids cannot run without it', async () => {
    const session = await ort.InferenceSession.create((await readModelFiles(classifierDir)).modelPath);
    const ids = new ort.Tensor('int64', BigInt64Array.from([101n, 102n]), [1, 2]);
    await expect(session.run({ input_ids: ids, attention_mask: ids })).rejects.toThrow(/token_type_ids/);
    await session.release();
  });

  it.each([
    ['with token_type_ids', () => withTypes],
    ['without token_type_ids', () => withoutTypes],
  ])('any batch size and sequence length gives each row the result it gets alone (%s)', async (_, model) => {
    const m = model();
    const rows = [2, 5, 17, 64, 3, 200, 9, 128].map((length, r) => [101, ...Array.from({ length: length - 2 }, (_, t) => 1000 + ((r * 131 + t * 7) % 20_000)), 102]);
    const alone = await Promise.all(rows.map(async (row) => (await m.infer([row]))[0] as Float32Array));
    for (const size of [1, 2, 3, 8]) {
      const batch = rows.slice(0, size);
      const results = await m.infer(batch);
      expect(results).toHaveLength(size);
      results.forEach((row, r) => {
        const reference = alone[r] as Float32Array;
        expect(row.length).toBe(reference.length);
        let diff = 0;
        row.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - (reference[i] as number)))));
        expect(diff).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  });

  it('clamps maxTokens to the model max length (512 positions)', async () => {
    const model = await openOnnxModel(await readModelFiles(classifierDir), { ...options, maxTokens: 4096 });
    const ids = model.encoder.encode('token '.repeat(3000));
    expect(ids).toHaveLength(512);
    expect(await model.infer([ids])).toHaveLength(1);
    await model.release();
  });
});

describe('embedding classifier (random BERT encoder, mean pooling)', () => {
  let centroid: OnnxClassifier;
  const sizes: number[] = [];
  beforeAll(async () => {
    centroid = await loadClassifier(classifierConfig(encoderDir, { examples: EXAMPLES, threshold: 0 }), { onBatch: (size) => sizes.push(size) });
  });
  afterAll(() => centroid.close());

  it('labels come from the examples; scores are cosines in [0, 1]', async () => {
    expect(centroid.kind).toBe('embedding');
    expect(centroid.labels).toEqual(['code', 'math', 'creative']);
    const result = await centroid.classify('please write some python code');
    expect(result.top).toHaveLength(3);
    for (const t of result.top) expect(t.probability).toBeGreaterThanOrEqual(0);
    for (const t of result.top) expect(t.probability).toBeLessThanOrEqual(1);
  });

  it('nearest centroid: each score is the cosine to the mean of that label\'s example embeddings', async () => {
    const model = await openOnnxModel(await readModelFiles(encoderDir), { maxTokens: 256, threads: { intraOp: 1, interOp: 1 } });
    const embed = async (text: string) => (await model.infer([model.encoder.encode(text)]))[0] as Float32Array;
    const query = 'compute the derivative of x cubed';
    const q = await embed(query);
    const expected = new Map<string, number>();
    for (const [label, texts] of Object.entries(EXAMPLES)) {
      const sum = new Float64Array(q.length);
      for (const text of texts) (await embed(text)).forEach((v, i) => (sum[i] = (sum[i] as number) + v));
      const norm = Math.hypot(...sum);
      expected.set(label, Math.max(0, sum.reduce((acc, v, i) => acc + (v / norm) * (q[i] as number), 0)));
    }
    await model.release();
    const result = await centroid.classify(query);
    for (const t of result.top) expect(Math.abs(t.probability - (expected.get(t.label) as number))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('k-NN (k = 1) returns the label of an identical example with probability 1', async () => {
    const knn = await loadClassifier(classifierConfig(encoderDir, { examples: EXAMPLES, knn: 1, threshold: 0.5 }));
    const result = await knn.classify('tell me a story about a dragon');
    await knn.close();
    expect(result.label).toBe('creative');
    expect(result.probability).toBeCloseTo(1, 5);
    expect(result.top.filter((t) => t.probability > 0)).toHaveLength(1);
  });

  it('pooling ignores padding: batched results equal single-request results', async () => {
    const { singles, batched } = await singlesAndBatched(centroid, sizes, VARIED_TEXTS);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(maxDifference(singles, batched)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('lifecycle', () => {
  it('logs the load, and refuses work after close (close is idempotent)', async () => {
    const lines: string[] = [];
    const logger = pino(new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const classifier = await loadClassifier(classifierConfig(classifierDir), { logger });
    const loaded = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'classifier loaded');
    expect(loaded).toMatchObject({ kind: 'sequence-classification', labels: ['code', 'math', 'creative', 'chat'] });
    await Promise.all([classifier.close(), classifier.close()]);
    await expect(classifier.classify('hello')).rejects.toBeInstanceOf(ClassifierRunError);
  });
});
