/**
 * Micro-batching for one inference engine that runs one batch at a time.
 * - Idle: a submitted item runs at once, alone (no waiting at concurrency 1).
 * - Busy: items queue. When the run ends, the next batch takes the queued items once the oldest has waited
 *   `windowMs` or `maxSize` items are queued, whichever is first; items past maxSize wait for the batch after.
 * The window is counted from the oldest queued item's arrival, so time spent behind a running batch counts.
 */
import { ClassifierRunError } from './errors.js';

export interface BatcherOptions {
  readonly maxSize: number;
  readonly windowMs: number;
  /** Called after every run with its size and duration (ms); for metrics and tests. Errors it throws are ignored. */
  readonly onBatch?: ((size: number, ms: number) => void) | undefined;
}

/** Runs a batch; must return one output per item, in order. */
export type BatchRunner<I, O> = (items: readonly I[]) => Promise<readonly O[]>;

interface Pending<I, O> {
  readonly item: I;
  readonly arrivedAt: number;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

export class MicroBatcher<I, O> {
  private readonly runner: BatchRunner<I, O>;
  private readonly options: BatcherOptions;
  private queue: Pending<I, O>[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(runner: BatchRunner<I, O>, options: BatcherOptions) {
    if (!Number.isInteger(options.maxSize) || options.maxSize < 1) throw new RangeError(`batch maxSize must be an integer ≥ 1, got ${options.maxSize}`);
    if (!(options.windowMs >= 0)) throw new RangeError(`batch windowMs must be ≥ 0, got ${options.windowMs}`);
    this.runner = runner;
    this.options = options;
  }

  submit(item: I): Promise<O> {
    if (this.closed) return Promise.reject(new ClassifierRunError('classifier is closed'));
    return new Promise<O>((resolve, reject) => {
      // An item arriving at an idle engine has no batch to join: it runs at once, alone.
      const idle = this.isIdle();
      this.queue.push({ item, arrivedAt: performance.now(), resolve, reject });
      if (idle) this.dispatch();
      else this.pump();
    });
  }

  /** Stops accepting items and resolves once every accepted item has been answered. */
  close(): Promise<void> {
    this.closed = true;
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.running && this.queue.length === 0;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const oldest = this.queue[0] as Pending<I, O>;
    const waitMs = oldest.arrivedAt + this.options.windowMs - performance.now();
    if (this.queue.length >= this.options.maxSize || waitMs <= 0) {
      this.dispatch();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, waitMs);
    }
  }

  private dispatch(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running = true;
    void this.execute(this.queue.splice(0, this.options.maxSize));
  }

  private async execute(batch: readonly Pending<I, O>[]): Promise<void> {
    const started = performance.now();
    let outputs: readonly O[] | undefined;
    let failure: ClassifierRunError | undefined;
    try {
      outputs = await this.runner(batch.map((p) => p.item));
      if (outputs.length !== batch.length) throw new Error(`batch of ${batch.length} returned ${outputs.length} results`);
    } catch (error) {
      failure =
        error instanceof ClassifierRunError
          ? error
          : new ClassifierRunError(`classifier inference failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    // Become idle before answering: a caller that submits again as soon as it has its answer must find the
    // engine idle (and run at once), not queue behind a batch that has already finished.
    this.running = false;
    this.report(batch.length, performance.now() - started);
    batch.forEach((p, i) => (failure === undefined ? p.resolve((outputs as readonly O[])[i] as O) : p.reject(failure)));
    this.pump();
    if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private report(size: number, ms: number): void {
    try {
      this.options.onBatch?.(size, ms);
    } catch {
      // Metrics must never break classification.
    }
  }
}
