import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ensureRandomBert as EnsureRandomBert } from '../../src/dev/random-bert.js';
import { smallEncoder } from './fixtures.js';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'consilium-random-bert-'));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

/** A fresh copy of the module, as another process or test worker would have (no in-process memo). */
async function freshEnsure(): Promise<typeof EnsureRandomBert> {
  vi.resetModules();
  return (await import('../../src/dev/random-bert.js')).ensureRandomBert;
}

const LABELS = ['x', 'y', 'z'];

describe('ensureRandomBert', () => {
  let first: string;

  it('writes a Hugging Face export directory with a runnable model of the requested shape', async () => {
    first = await (await freshEnsure())('small', { cacheDir, labels: LABELS, seed: 7 });
    expect(path.dirname(first)).toBe(cacheDir);
    expect((await readdir(first)).sort()).toEqual(['config.json', 'model.onnx', 'random-bert.json', 'tokenizer.json', 'tokenizer_config.json']);
    const config = JSON.parse(await readFile(path.join(first, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ architectures: ['BertForSequenceClassification'], hidden_size: 128, num_hidden_layers: 2, vocab_size: 30_522 });
    expect(config.id2label).toEqual({ 0: 'x', 1: 'y', 2: 'z' });

    const session = await ort.InferenceSession.create(path.join(first, 'model.onnx'));
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    const dims = [2, 5];
    const ids = new ort.Tensor('int64', BigInt64Array.from([101, 7592, 2088, 999, 102, 101, 7592, 102, 0, 0], BigInt), dims);
    const mask = new ort.Tensor('int64', BigInt64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], BigInt), dims);
    const types = new ort.Tensor('int64', new BigInt64Array(10), dims);
    const out = await session.run({ input_ids: ids, attention_mask: mask, token_type_ids: types });
    expect(out.logits?.dims).toEqual([2, 3]);
    await session.release();
  });

  it('reuses a cached model instead of generating it again', async () => {
    const before = await stat(path.join(first, 'model.onnx'));
    const again = await (await freshEnsure())('small', { cacheDir, labels: LABELS, seed: 7 });
    expect(again).toBe(first);
    const after = await stat(path.join(again, 'model.onnx'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('an encoder exposes last_hidden_state [batch, seq, hidden]', async () => {
    const dir = await smallEncoder();
    const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'));
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
    expect(session.outputNames).toEqual(['last_hidden_state']);
    const ids = new ort.Tensor('int64', BigInt64Array.from([101, 7592, 102], BigInt), [1, 3]);
    const out = await session.run({ input_ids: ids, attention_mask: new ort.Tensor('int64', BigInt64Array.from([1, 1, 1], BigInt), [1, 3]) });
    expect(out.last_hidden_state?.dims).toEqual([1, 3, 128]);
    await session.release();
  });

  it('an int8 variant uses integer matmuls, is smaller, and stays close to the float32 model with the same seed', async () => {
    const ensure = await freshEnsure();
    const [floatDir, int8Dir] = await Promise.all([
      ensure('small', { cacheDir, labels: LABELS, seed: 11 }),
      ensure('small', { cacheDir, labels: LABELS, seed: 11, precision: 'int8' }),
    ]);
    expect(int8Dir).not.toBe(floatDir);
    const floatBytes = await readFile(path.join(floatDir, 'model.onnx'));
    const int8Bytes = await readFile(path.join(int8Dir, 'model.onnx'));
    expect(int8Bytes.includes('MatMulInteger')).toBe(true);
    expect(floatBytes.includes('MatMulInteger')).toBe(false);
    expect(int8Bytes.length).toBeLessThan(floatBytes.length);
    const dims = [1, 6];
    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from([101, 7592, 2088, 2003, 999, 102], BigInt), dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(6).fill(1n), dims),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(6), dims),
    };
    const logits = async (dir: string) => {
      const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'));
      try {
        return Array.from((await session.run(feeds)).logits?.data as Float32Array);
      } finally {
        await session.release();
      }
    };
    const [exact, quantized] = await Promise.all([logits(floatDir), logits(int8Dir)]);
    const spread = Math.max(...exact) - Math.min(...exact);
    const worst = Math.max(...exact.map((v, i) => Math.abs(v - (quantized[i] as number))));
    // Quantization error, not a different model: far below the spread between the labels' logits.
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(spread * 0.1);
  });

  it('workers racing to create a model agree on one directory; the bytes depend only on the options', async () => {
    const racers = [await freshEnsure(), await freshEnsure()];
    const raced = await Promise.all(racers.map((ensure) => ensure('small', { cacheDir: path.join(cacheDir, 'race'), labels: LABELS, seed: 3 })));
    expect(raced[0]).toBe(raced[1]);
    expect(await readdir(path.join(cacheDir, 'race'))).toEqual([path.basename(raced[0] as string)]);

    const elsewhere = await (await freshEnsure())('small', { cacheDir: path.join(cacheDir, 'elsewhere'), labels: LABELS, seed: 3 });
    const [racedBytes, sameSeed, otherSeed] = await Promise.all([raced[0] as string, elsewhere, first].map((dir) => readFile(path.join(dir, 'model.onnx'))));
    expect(Buffer.compare(racedBytes as Buffer, sameSeed as Buffer)).toBe(0);
    expect(Buffer.compare(racedBytes as Buffer, otherSeed as Buffer)).not.toBe(0);
  });
});
