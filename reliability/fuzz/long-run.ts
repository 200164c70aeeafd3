/**
 * The long protocol fuzz: the target runs in a child process (restarted if it crashes, each crash counted),
 * the scenarios run here over real gRPC, and memory is compared after a forced GC before and after the run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.js';
import { runFuzz, type FoundFailure } from './driver.js';

export interface MemoryProbe {
  readonly heapUsed: number;
  readonly rss: number;
  readonly activeStreams: number;
  readonly handles: number;
}

export interface LongFuzzResult {
  readonly sequences: number;
  readonly messages: number;
  readonly elapsedMs: number;
  readonly sequencesPerSecond: number;
  readonly crashes: number;
  readonly unhandledRejections: number;
  readonly uncaughtExceptions: number;
  readonly faults: readonly string[];
  readonly failures: readonly FoundFailure[];
  readonly statuses: Readonly<Record<string, number>>;
  readonly baseline: MemoryProbe;
  readonly after: MemoryProbe;
}

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  memory(): Promise<MemoryProbe>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

async function startChild(seed: number, onFault: (message: Extract<ChildMessage, { type: 'fault' }>) => void, onExit: (code: number | null) => void): Promise<Child> {
  const child = fork(CHILD, [], { execArgv: ['--import', 'tsx', '--expose-gc'], env: { ...process.env, FUZZ_SEED: String(seed) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let memoryWaiter: ((probe: MemoryProbe) => void) | undefined;
  let stopping = false;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fuzz target exited with ${code} before it was ready`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message.port);
      else if (message.type === 'fault') onFault(message);
      else if (message.type === 'memory') memoryWaiter?.(message);
    });
  });
  child.removeAllListeners('exit');
  child.on('exit', (code) => {
    if (!stopping) onExit(code);
  });
  return {
    process: child,
    port,
    memory: () =>
      new Promise<MemoryProbe>((resolve) => {
        memoryWaiter = resolve;
        child.send({ type: 'memory' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

export interface LongFuzzOptions {
  readonly sequences: number;
  readonly seed: number;
  readonly warmup?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function runLongFuzz(options: LongFuzzOptions): Promise<LongFuzzResult> {
  let crashes = 0;
  let unhandledRejections = 0;
  let uncaughtExceptions = 0;
  const faults = new Set<string>();
  let crashed = false;
  const onFault = (fault: Extract<ChildMessage, { type: 'fault' }>): void => {
    if (fault.kind === 'unhandledRejection') unhandledRejections++;
    else uncaughtExceptions++;
    faults.add(`${fault.kind}: ${fault.message}`);
  };
  const onExit = (): void => {
    crashes++;
    crashed = true;
  };
  let child = await startChild(options.seed, onFault, onExit);
  const restartIfCrashed = async (): Promise<boolean> => {
    if (!crashed) return true;
    crashed = false;
    child = await startChild(options.seed, onFault, onExit);
    return false;
  };

  // Warm up (JIT, pools, lazy loads) before the baseline, with a different seed than the measured run.
  await runFuzz({ address: `127.0.0.1:${child.port}`, sequences: options.warmup ?? 2_000, seed: options.seed + 1_000_003 });
  const baseline = await child.memory();
  const failures = new Map<string, FoundFailure>();
  const statuses: Record<string, number> = {};
  let sequences = 0;
  let messages = 0;
  let elapsedMs = 0;
  let round = 0;
  while (sequences < options.sequences) {
    const stats = await runFuzz({
      address: `127.0.0.1:${child.port}`,
      sequences: options.sequences - sequences,
      seed: options.seed + round * 1_000_000,
      onBatch: async (done) => {
        options.onProgress?.(sequences + done, options.sequences);
        return !crashed;
      },
    });
    round++;
    sequences += stats.sequences;
    messages += stats.messages;
    elapsedMs += stats.elapsedMs;
    for (const [status, count] of Object.entries(stats.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    for (const failure of stats.failures) {
      const seen = failures.get(failure.signature);
      if (seen) seen.count += failure.count;
      else failures.set(failure.signature, { ...failure });
    }
    await restartIfCrashed();
  }
  // Let deferred work (straggler grace periods, recipe deadlines) finish before measuring.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  const after = await child.memory();
  await child.stop();
  return {
    sequences,
    messages,
    elapsedMs,
    sequencesPerSecond: sequences / (elapsedMs / 1000),
    crashes,
    unhandledRejections,
    uncaughtExceptions,
    faults: [...faults],
    failures: [...failures.values()],
    statuses,
    baseline,
    after,
  };
}
