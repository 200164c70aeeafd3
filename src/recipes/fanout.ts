/**
 * Bounded parallel calls: at most `maxConcurrent` in flight, ended early by a quorum of successes or by a
 * round timeout, either of which aborts the calls still running (their AbortSignal fires, so the HTTP
 * requests really close). A task that throws (client gone, on_error: fail) aborts the rest and rethrows.
 */
import type { CallResult } from './run.js';

export type FanoutTask = (signal: AbortSignal) => Promise<CallResult>;

export interface FanoutOptions {
  readonly maxConcurrent?: number;
  /** Successes that end the fan-out; the rest are aborted. Unset waits for every task. */
  readonly quorum?: number;
  /** Ends the fan-out after this long, aborting what still runs. */
  readonly timeoutMs?: number;
}

export interface FanoutResult {
  /** Per task, in task order; undefined for a task never started or aborted before it settled. */
  readonly results: readonly (CallResult | undefined)[];
  readonly successes: number;
  /** `reached` when the quorum ended it, `timed_out` when the timeout did. */
  readonly ended: 'all' | 'reached' | 'timed_out';
}

/** How long aborted stragglers get to settle, so their trace lines land before the outcome is built. */
const STRAGGLER_GRACE_MS = 250;

export function fanout(tasks: readonly FanoutTask[], options: FanoutOptions = {}): Promise<FanoutResult> {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? tasks.length);
  const results: (CallResult | undefined)[] = tasks.map(() => undefined);
  const controllers: AbortController[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let next = 0;
  let successes = 0;
  let settled = false;

  return new Promise<FanoutResult>((resolve, reject) => {
    const stopAll = (): void => {
      settled = true;
      if (timer) clearTimeout(timer);
      for (const controller of controllers) controller.abort();
    };
    const finish = (ended: FanoutResult['ended']): void => {
      if (settled) return;
      const snapshot = (): FanoutResult => ({ results: [...results], successes, ended });
      stopAll();
      if (inFlight.size === 0) return resolve(snapshot());
      const grace = setTimeout(() => resolve(snapshot()), STRAGGLER_GRACE_MS);
      void Promise.allSettled([...inFlight]).then(() => {
        clearTimeout(grace);
        resolve(snapshot());
      });
    };
    const timer = options.timeoutMs !== undefined ? setTimeout(() => finish('timed_out'), options.timeoutMs) : undefined;

    const launch = (): void => {
      while (!settled && inFlight.size < maxConcurrent && next < tasks.length) {
        const index = next++;
        const controller = new AbortController();
        controllers.push(controller);
        const running: Promise<void> = (tasks[index] as FanoutTask)(controller.signal).then(
          (result) => {
            inFlight.delete(running);
            if (settled) return;
            results[index] = result;
            if (result.ok) successes++;
            if (options.quorum !== undefined && successes >= options.quorum) finish('reached');
            else launch();
          },
          (error: unknown) => {
            inFlight.delete(running);
            if (settled) return;
            stopAll();
            reject(error);
          },
        );
        inFlight.add(running);
      }
      if (!settled && next >= tasks.length && inFlight.size === 0) finish('all');
    };
    launch();
  });
}
