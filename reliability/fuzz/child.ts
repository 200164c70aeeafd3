/**
 * The fuzz target in its own process, so a crash shows as an exit the parent can see. It counts unhandled
 * rejections and uncaught exceptions (an uncaught exception is reported, then the process exits as Node
 * would), and answers memory probes after a forced GC. Run with `node --import tsx --expose-gc`.
 */
import { startFuzzTarget } from './target.js';

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'fault'; readonly kind: 'unhandledRejection' | 'uncaughtException'; readonly message: string }
  | { readonly type: 'memory'; readonly heapUsed: number; readonly rss: number; readonly activeStreams: number; readonly handles: number };

export type ParentMessage = { readonly type: 'memory' } | { readonly type: 'stop' };

function send(message: ChildMessage, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.());
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(error);
}

process.on('unhandledRejection', (reason) => send({ type: 'fault', kind: 'unhandledRejection', message: describe(reason) }));
process.on('uncaughtException', (error) => send({ type: 'fault', kind: 'uncaughtException', message: describe(error) }, () => process.exit(70)));

/** Open libuv handles (sockets, timers, servers): a leak shows here before it shows in memory. */
function openHandles(): number {
  const getter = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  return getter ? getter.call(process).length : -1;
}

const target = await startFuzzTarget({ seed: Number(process.env.FUZZ_SEED ?? 1) });
process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') {
    void target.close().then(() => process.exit(0));
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  // Two passes with a turn in between, so finalizers and weak references settle before measuring.
  gc?.();
  setTimeout(() => {
    gc?.();
    const usage = process.memoryUsage();
    send({ type: 'memory', heapUsed: usage.heapUsed, rss: usage.rss, activeStreams: target.server.activeStreams, handles: openHandles() });
  }, 50);
});
send({ type: 'ready', port: target.port });
