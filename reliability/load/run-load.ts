/**
 * Load and soak through the dev gateway: the stack runs in a child process; this process keeps `concurrency`
 * requests in flight (undici Agent with enough connections) for `durationMs`, mixing routing and recipes,
 * streaming and not. Every sample interval it records throughput, latency percentiles, errors and the child's
 * RSS; afterwards it checks that the child's open handles and ext_proc streams return to their baseline.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { usableProblem } from '../faults/client.js';
import { percentile } from '../stats.js';
import { REQUEST_MIX } from './config.js';
import type { LoadChildMessage } from './server-child.js';

export interface LoadSample {
  /** Seconds since the load started. */
  readonly atSec: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly handles: number;
  readonly activeStreams: number;
  /** Requests completed per second in this interval. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** The probe forced a full GC first: RSS and heap without the garbage of the moment. */
  readonly afterGc: boolean;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly durationSec: number;
  readonly requests: number;
  readonly errors: number;
  /** Distinct error descriptions with counts. */
  readonly errorKinds: Readonly<Record<string, number>>;
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly byKind: Readonly<Record<string, { readonly requests: number; readonly p50Ms: number; readonly p99Ms: number }>>;
  readonly samples: readonly LoadSample[];
  /**
   * Mean RSS over the reference window (minute 2 of a 10-minute run; for a shorter run, a window as long as a
   * quarter of it starting halfway) and over the last window of the same length, from the samples taken after
   * a forced GC: between collections RSS swings with the allocation rate (so with throughput, which other load
   * on the machine moves) by more than the pass line allows.
   */
  readonly rssReference: { readonly fromSec: number; readonly toSec: number; readonly bytes: number };
  readonly rssEnd: { readonly fromSec: number; readonly toSec: number; readonly bytes: number };
  readonly rssGrowth: number;
  readonly handlesBaseline: number;
  readonly handlesAfter: number;
  /** Handles by kind before the load and after it settled, to name any that stayed open. */
  readonly handleKindsBaseline: Readonly<Record<string, number>>;
  readonly handleKindsAfter: Readonly<Record<string, number>>;
  readonly streamsAfter: number;
  /** Seconds after the load until handles were back to baseline (or the wait ran out). */
  readonly settleSec: number;
  readonly childFaults: readonly string[];
}

export interface LoadOptions {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly sampleEveryMs: number;
  /** Force a full GC before a sample at most this often (default: never). */
  readonly gcEveryMs?: number;
  /** How long to wait for handles to return to baseline after the load (keep-alive pools close idle sockets). */
  readonly settleTimeoutMs?: number;
  readonly onSample?: (sample: LoadSample) => void;
}

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

type Probe = Extract<LoadChildMessage, { type: 'probe' }>;

interface LoadChild {
  readonly gatewayUrl: string;
  readonly faults: string[];
  probe(gc?: boolean): Promise<Probe>;
  stop(): Promise<void>;
}

async function startChild(): Promise<LoadChild> {
  const child: ChildProcess = fork(CHILD, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, LOAD_SMALL_KEY: 'sk-load-small' } });
  const faults: string[] = [];
  const probes: ((probe: Probe) => void)[] = [];
  const gatewayUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`load target exited with ${code} before it was ready`)));
    child.on('message', (message: LoadChildMessage) => {
      if (message.type === 'ready') resolve(message.gatewayUrl);
      else if (message.type === 'probe') probes.shift()?.(message);
      else faults.push(message.message);
    });
  });
  child.removeAllListeners('exit');
  child.on('exit', (code) => {
    if (code !== 0) faults.push(`load target exited with ${code}`);
  });
  return {
    gatewayUrl,
    faults,
    probe: (gc = false) =>
      new Promise<Probe>((resolve) => {
        probes.push(resolve);
        child.send({ type: 'probe', gc });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

/** The i-th request of the mix, deterministic: a weighted round robin. */
function mixEntry(i: number): (typeof REQUEST_MIX)[number] {
  const total = REQUEST_MIX.reduce((n, e) => n + e.weight, 0);
  let slot = (i * 37) % total;
  for (const entry of REQUEST_MIX) {
    if (slot < entry.weight) return entry;
    slot -= entry.weight;
  }
  return REQUEST_MIX[0]!;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function meanRss(samples: readonly LoadSample[], fromSec: number, lengthSec: number): { fromSec: number; toSec: number; bytes: number } {
  const toSec = fromSec + lengthSec;
  const inside = samples.filter((s) => s.atSec > fromSec && s.atSec <= toSec + 0.5);
  const collected = inside.filter((s) => s.afterGc);
  const used = collected.length > 0 ? collected : inside.length > 0 ? inside : samples.slice(-1);
  return { fromSec, toSec, bytes: used.reduce((n, s) => n + s.rssBytes, 0) / used.length };
}

/**
 * The handle baseline of a warm stack: one request of each kind opens the connections that live for the
 * process (the gateway's gRPC channel to Consilium, like Envoy's); then idle keep-alive sockets are given time to
 * close, so what stays is what every later measurement must come back to.
 */
async function warmBaseline(child: LoadChild): Promise<Probe> {
  const agent = new Agent({ keepAliveTimeout: 1_000 });
  for (const entry of REQUEST_MIX) {
    const response = await request(`${child.gatewayUrl}/v1/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry.body) });
    await response.body.text();
  }
  await agent.close();
  // Idle keep-alive sockets close after the simulated backends' 5 s keep-alive timeout: wait until the count
  // has held still for longer than that.
  let previous = await child.probe(true);
  let stableSince = performance.now();
  while (performance.now() - stableSince < 6_000) {
    await sleep(500);
    const next = await child.probe(true);
    if (next.handles !== previous.handles || next.activeStreams !== 0) stableSince = performance.now();
    previous = next;
  }
  return previous;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const child = await startChild();
  const agent = new Agent({ connections: options.concurrency + 16, keepAliveTimeout: 30_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
  try {
    const baseline = await warmBaseline(child);
    const all: number[] = [];
    const byKind = new Map<string, number[]>();
    const errorKinds: Record<string, number> = {};
    let window: number[] = [];
    let windowErrors = 0;
    let errors = 0;
    let issued = 0;
    let stop = false;
    const started = performance.now();

    const worker = async (): Promise<void> => {
      while (!stop) {
        const entry = mixEntry(issued++);
        const t0 = performance.now();
        let problem: string | undefined;
        try {
          const response = await request(`${child.gatewayUrl}/v1/chat/completions`, {
            method: 'POST',
            dispatcher: agent,
            headers: { 'content-type': 'application/json', authorization: 'Bearer client-key' },
            body: JSON.stringify(entry.body),
          });
          const text = await response.body.text();
          problem = response.statusCode === 200 ? usableProblem(text, entry.body.stream === true) : `HTTP ${response.statusCode}`;
        } catch (error) {
          problem = `client error: ${(error as Error).message}`;
        }
        const latency = performance.now() - t0;
        if (problem) {
          errors++;
          windowErrors++;
          const key = `${entry.kind}: ${problem.slice(0, 120)}`;
          errorKinds[key] = (errorKinds[key] ?? 0) + 1;
        }
        all.push(latency);
        window.push(latency);
        const kind = byKind.get(entry.kind) ?? [];
        kind.push(latency);
        byKind.set(entry.kind, kind);
      }
    };

    const samples: LoadSample[] = [];
    const workers = Array.from({ length: options.concurrency }, worker);
    let lastSampleAt = started;
    let lastGcAt = started;
    while (performance.now() - started < options.durationMs) {
      await sleep(Math.min(options.sampleEveryMs, options.durationMs - (performance.now() - started)));
      const now = performance.now();
      const afterGc = options.gcEveryMs !== undefined && now - lastGcAt >= options.gcEveryMs - 1;
      if (afterGc) lastGcAt = now;
      const probe = await child.probe(afterGc);
      const sample: LoadSample = {
        atSec: (now - started) / 1000,
        rssBytes: probe.rss,
        heapUsedBytes: probe.heapUsed,
        handles: probe.handles,
        activeStreams: probe.activeStreams,
        throughput: window.length / ((now - lastSampleAt) / 1000),
        p50Ms: percentile(window, 50),
        p99Ms: percentile(window, 99),
        errors: windowErrors,
        afterGc,
      };
      samples.push(sample);
      options.onSample?.(sample);
      window = [];
      windowErrors = 0;
      lastSampleAt = now;
    }
    stop = true;
    await Promise.all(workers);
    const loadSec = (performance.now() - started) / 1000;
    await agent.close();

    // Keep-alive sockets close on their idle timeouts; wait for handles and streams to come back down.
    const settleStarted = performance.now();
    let after = await child.probe(true);
    while ((after.handles > baseline.handles || after.activeStreams > 0) && performance.now() - settleStarted < (options.settleTimeoutMs ?? 40_000)) {
      await sleep(500);
      after = await child.probe(true);
    }
    const reference = meanRss(samples, Math.min(60, loadSec / 2), Math.min(60, loadSec / 4));
    const end = meanRss(samples, loadSec - Math.min(60, loadSec / 4), Math.min(60, loadSec / 4));
    return {
      concurrency: options.concurrency,
      durationSec: loadSec,
      requests: all.length,
      errors,
      errorKinds,
      throughput: all.length / loadSec,
      p50Ms: percentile(all, 50),
      p99Ms: percentile(all, 99),
      byKind: Object.fromEntries([...byKind].map(([kind, values]) => [kind, { requests: values.length, p50Ms: percentile(values, 50), p99Ms: percentile(values, 99) }])),
      samples,
      rssReference: reference,
      rssEnd: end,
      rssGrowth: end.bytes / reference.bytes - 1,
      handlesBaseline: baseline.handles,
      handlesAfter: after.handles,
      handleKindsBaseline: baseline.handleKinds,
      handleKindsAfter: after.handleKinds,
      streamsAfter: after.activeStreams,
      settleSec: (performance.now() - settleStarted) / 1000,
      childFaults: child.faults,
    };
  } finally {
    await agent.close().catch(() => undefined);
    await child.stop();
  }
}
