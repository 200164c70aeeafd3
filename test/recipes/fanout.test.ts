import { describe, expect, it } from 'vitest';
import { fanout, type FanoutTask } from '../../src/recipes/fanout.js';
import type { CallResult } from '../../src/recipes/run.js';

const ok = { ok: true } as unknown as CallResult;
const failed = { ok: false, kind: 'error' } as unknown as CallResult;

/** A task that settles after `ms` with `result`, or as 'aborted' when its signal fires first. */
function task(ms: number, result: CallResult, seen: { aborted: boolean[] }, i: number): FanoutTask {
  return (signal) =>
    new Promise((resolve) => {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        resolve(result);
      }, ms);
      signal.addEventListener('abort', () => {
        if (done) return;
        clearTimeout(timer);
        seen.aborted[i] = true;
        resolve({ ok: false, kind: 'aborted', trace: -1 });
      });
    });
}

describe('fanout', () => {
  it('waits for every task without a quorum', async () => {
    const seen = { aborted: [] as boolean[] };
    const out = await fanout([task(1, ok, seen, 0), task(5, failed, seen, 1)]);
    expect(out.ended).toBe('all');
    expect(out.successes).toBe(1);
    expect(out.results).toEqual([ok, failed]);
  });

  it('ends at the quorum and aborts the rest', async () => {
    const seen = { aborted: [] as boolean[] };
    const out = await fanout([task(1, ok, seen, 0), task(10_000, ok, seen, 1), task(2, ok, seen, 2)], { quorum: 2 });
    expect(out.ended).toBe('reached');
    expect(seen.aborted[1]).toBe(true);
    expect(out.results[1]).toBeUndefined();
  });

  it('ends at the timeout and aborts the rest', async () => {
    const seen = { aborted: [] as boolean[] };
    const out = await fanout([task(1, ok, seen, 0), task(10_000, ok, seen, 1)], { timeoutMs: 30 });
    expect(out.ended).toBe('timed_out');
    expect(seen.aborted).toEqual([undefined, true]);
  });

  it('never runs more than maxConcurrent at once', async () => {
    let running = 0;
    let peak = 0;
    const tracked: FanoutTask = async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      return ok;
    };
    const out = await fanout([tracked, tracked, tracked, tracked], { maxConcurrent: 2 });
    expect(peak).toBe(2);
    expect(out.successes).toBe(4);
  });

  it('rejects with a task error after aborting the others', async () => {
    const seen = { aborted: [] as boolean[] };
    const boom: FanoutTask = () => Promise.reject(new Error('boom'));
    await expect(fanout([task(10_000, ok, seen, 0), boom])).rejects.toThrow('boom');
    expect(seen.aborted[0]).toBe(true);
  });

  it('resolves at once for no tasks', async () => {
    expect(await fanout([])).toEqual({ results: [], successes: 0, ended: 'all' });
  });
});
