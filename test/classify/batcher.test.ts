import { describe, expect, it } from 'vitest';
import { MicroBatcher } from '../../src/classify/batcher.js';
import { ClassifierRunError } from '../../src/classify/errors.js';

/** A runner whose batches finish only when the test says so. */
function controlledRunner() {
  const calls: { items: number[]; finish: () => void; fail: (error: unknown) => void }[] = [];
  const runner = (items: readonly number[]) =>
    new Promise<number[]>((resolve, reject) => {
      calls.push({ items: [...items], finish: () => resolve(items.map((i) => i * 10)), fail: reject });
    });
  return { calls, runner };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('runs an item at once when idle: the runner is called inside submit', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 8, windowMs: 10_000 });
    const answer = batcher.submit(1);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0]?.finish();
    await expect(answer).resolves.toBe(10);
  });

  it('queues items that arrive during a run and runs them as one batch', async () => {
    const { calls, runner } = controlledRunner();
    const sizes: number[] = [];
    const batcher = new MicroBatcher(runner, { maxSize: 8, windowMs: 0, onBatch: (size) => sizes.push(size) });
    const answers = [1, 2, 3, 4].map((i) => batcher.submit(i));
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0]?.finish();
    await flush();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]?.finish();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40]);
    expect(sizes).toEqual([1, 3]);
  });

  it('caps a batch at maxSize; the rest form the next batch', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 2, windowMs: 0 });
    const answers = [1, 2, 3, 4, 5].map((i) => batcher.submit(i));
    calls[0]?.finish();
    await flush();
    calls[1]?.finish();
    await flush();
    calls[2]?.finish();
    await Promise.all(answers);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('waits for the window to fill, and goes as soon as maxSize items are queued', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 3, windowMs: 60_000 });
    const answers = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    calls[0]?.finish();
    await flush();
    expect(calls).toHaveLength(1); // two queued, window open: waiting for company
    answers.push(batcher.submit(4));
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]?.finish();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40]);
  });

  it('runs a partial batch once the window has passed', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 16, windowMs: 1 });
    const answers = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    calls[0]?.finish();
    while (calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(calls[1]?.items).toEqual([2, 3]);
    calls[1]?.finish();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30]);
  });

  it('a caller that submits right after its answer finds the engine idle', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 8, windowMs: 60_000 });
    const first = batcher.submit(1);
    calls[0]?.finish();
    await first;
    void batcher.submit(2);
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[1]?.finish();
  });

  it('rejects every item of a failed batch with a ClassifierRunError and keeps serving', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 8, windowMs: 0 });
    const first = batcher.submit(1);
    const queued = [batcher.submit(2), batcher.submit(3)];
    calls[0]?.fail(new Error('onnx exploded'));
    await expect(first).rejects.toBeInstanceOf(ClassifierRunError);
    await flush();
    calls[1]?.finish();
    await expect(Promise.all(queued)).resolves.toEqual([20, 30]);
  });

  it('rejects a batch whose runner returns the wrong number of results', async () => {
    const batcher = new MicroBatcher(async (items: readonly number[]) => items.slice(1), { maxSize: 8, windowMs: 0 });
    await expect(batcher.submit(1)).rejects.toThrow(/returned 0 results/);
  });

  it('ignores errors thrown by onBatch', async () => {
    const batcher = new MicroBatcher(async (items: readonly number[]) => items, {
      maxSize: 8,
      windowMs: 0,
      onBatch: () => {
        throw new Error('metrics bug');
      },
    });
    await expect(batcher.submit(7)).resolves.toBe(7);
  });

  it('close() answers what was accepted, then refuses new items', async () => {
    const { calls, runner } = controlledRunner();
    const batcher = new MicroBatcher(runner, { maxSize: 8, windowMs: 0 });
    const answers = [batcher.submit(1), batcher.submit(2)];
    let closed = false;
    const closing = batcher.close().then(() => (closed = true));
    await expect(batcher.submit(3)).rejects.toBeInstanceOf(ClassifierRunError);
    calls[0]?.finish();
    await flush();
    expect(closed).toBe(false);
    calls[1]?.finish();
    await closing;
    await expect(Promise.all(answers)).resolves.toEqual([10, 20]);
  });

  it('rejects invalid options', () => {
    expect(() => new MicroBatcher(async () => [], { maxSize: 0, windowMs: 1 })).toThrow(RangeError);
    expect(() => new MicroBatcher(async () => [], { maxSize: 1, windowMs: -1 })).toThrow(RangeError);
  });
});
