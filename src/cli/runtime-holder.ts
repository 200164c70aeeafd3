/**
 * Holds the current Runtime and the ones still used by in-flight streams. A reload swaps in a fully built
 * Runtime; a retired one is closed when the last stream that started on it ends.
 */
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Runtime } from './runtime.js';

interface Slot {
  readonly runtime: Runtime;
  refs: number;
  retired: boolean;
}

export class RuntimeHolder {
  private slot: Slot;
  private readonly closing = new Set<Promise<void>>();

  constructor(runtime: Runtime) {
    this.slot = { runtime, refs: 0, retired: false };
  }

  get current(): Runtime {
    return this.slot.runtime;
  }

  acquire(): { pipeline: Pipeline; release(): void } {
    const slot = this.slot;
    slot.refs++;
    let released = false;
    return {
      pipeline: slot.runtime.pipeline,
      release: () => {
        if (released) return;
        released = true;
        slot.refs--;
        this.closeIfDone(slot);
      },
    };
  }

  swap(runtime: Runtime): void {
    const old = this.slot;
    this.slot = { runtime, refs: 0, retired: false };
    old.retired = true;
    this.closeIfDone(old);
  }

  /** Closes the current runtime and waits for retired ones still closing. */
  async close(): Promise<void> {
    this.slot.retired = true;
    await this.slot.runtime.close();
    await Promise.allSettled([...this.closing]);
  }

  private closeIfDone(slot: Slot): void {
    if (!slot.retired || slot.refs > 0 || slot === this.slot) return;
    const closing = slot.runtime.close().finally(() => this.closing.delete(closing));
    this.closing.add(closing);
  }
}
