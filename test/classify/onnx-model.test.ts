import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierLoadError } from '../../src/classify/errors.js';
import { readModelFiles } from '../../src/classify/model-files.js';
import { openOnnxModel, sessionOptions } from '../../src/classify/onnx-model.js';
import type { GraphBuilder } from '../../src/dev/onnx/graph.js';
import { handBuiltModel, smallClassifier, tokenRow, WIDTH, type HandBuiltGraph } from './fixtures.js';

let work: string;
let tokenizerSource: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'consilium-onnx-model-'));
  tokenizerSource = await smallClassifier();
});
afterAll(() => rm(work, { recursive: true, force: true }));

const modelWith = (name: string, build: HandBuiltGraph, extraInput?: string) => handBuiltModel(path.join(work, name), tokenizerSource, build, { extraInput });

/** Masked sum over the sequence: [batch, seq, width] → [batch, width]. */
function maskedSum(g: GraphBuilder, embedded: string, mask: string): string {
  const weights = g.node('Cast', [g.node('Unsqueeze', [mask, g.constant('int64', [2])])], { to: 1 });
  return g.node('ReduceSum', [g.node('Mul', [embedded, weights]), g.constant('int64', [1])], { keepdims: 0 });
}

const options = { maxTokens: 64, threads: { intraOp: 1, interOp: 1 } };

describe('openOnnxModel output kinds', () => {
  it('uses an already pooled sentence_embedding as is, L2-normalised', async () => {
    const dir = await modelWith('pooled', (g, embedded, mask) => {
      g.node('Identity', [maskedSum(g, embedded, mask)], {}, 'sentence_embedding');
      g.output('sentence_embedding', 'float32', ['batch', WIDTH]);
    });
    const model = await openOnnxModel(await readModelFiles(dir), options);
    expect(model.kind).toBe('embedding');
    const ids = [model.encoder.encode('hello world'), model.encoder.encode('a much longer sentence than the first one')];
    const results = await model.infer(ids);
    await model.release();
    ids.forEach((tokens, r) => {
      const sum = [0, 0, 0, 0];
      for (const id of tokens) tokenRow(id).forEach((v, i) => (sum[i] = (sum[i] as number) + v));
      const norm = Math.hypot(...sum);
      sum.forEach((v, i) => expect(results[r]?.[i]).toBeCloseTo(v / norm, 5));
    });
  });

  it('mean-pools token_embeddings over real tokens only', async () => {
    const dir = await modelWith('tokens', (g, embedded) => {
      g.node('Identity', [embedded], {}, 'token_embeddings');
      g.output('token_embeddings', 'float32', ['batch', 'seq', WIDTH]);
    });
    const model = await openOnnxModel(await readModelFiles(dir), options);
    const short = model.encoder.encode('hi');
    const [pooled] = await model.infer([short, model.encoder.encode('padding makes this batch wider than the short row')]);
    await model.release();
    const sum = [0, 0, 0, 0];
    for (const id of short) tokenRow(id).forEach((v, i) => (sum[i] = (sum[i] as number) + v));
    const norm = Math.hypot(...sum);
    sum.forEach((v, i) => expect(pooled?.[i]).toBeCloseTo(v / norm, 5));
  });

  it('rejects an output that is neither logits, pooled, nor per token', async () => {
    const dir = await modelWith('pooler-only', (g, embedded, mask) => {
      g.node('Identity', [maskedSum(g, embedded, mask)], {}, 'pooler_output');
      g.output('pooler_output', 'float32', ['batch', WIDTH]);
    });
    await expect(openOnnxModel(await readModelFiles(dir), options)).rejects.toThrow(/output pooler_output has rank 2/);
  });

  it('rejects inputs it cannot fill', async () => {
    const dir = await modelWith(
      'position-ids',
      (g, embedded) => {
        g.node('Identity', [embedded], {}, 'last_hidden_state');
        g.output('last_hidden_state', 'float32', ['batch', 'seq', WIDTH]);
      },
      'position_ids',
    );
    const error = await openOnnxModel(await readModelFiles(dir), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierLoadError);
    expect((error as Error).message).toMatch(/position_ids/);
  });
});

describe('sessionOptions', () => {
  it('passes the configured thread counts to the session, with full graph optimisation', () => {
    expect(sessionOptions({ intraOp: 3, interOp: 2 })).toEqual({
      intraOpNumThreads: 3,
      interOpNumThreads: 2,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  });
});
