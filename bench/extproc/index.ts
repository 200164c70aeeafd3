/**
 * Part 1, `extproc`: one ext_proc exchange (request headers → buffered body → response headers) against
 * (a) the bare pass-through floor, (b) Consilium routing a concrete model, (c) Consilium `consilium/auto`
 * decided by keywords, (d) Consilium deciding on the classifier's label; at concurrency 1/16/64/256, with
 * 1 KB bodies (all rows) and 64 KB bodies (a and c). Servers and generators are separate processes. The rows
 * of one (size, concurrency) run in interleaved rounds (a b c, a b c, ...) so machine drift hits them alike;
 * each ratio to the floor is taken within a round, and the median over rounds is reported. Row d (tens of
 * times the floor) runs one round.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLASSIFIER_DIR, PACKAGE_ROOT } from '../../src/config/paths.js';
import { ensureRandomBert } from '../../src/dev/random-bert.js';
import { startChild, type Child } from '../lib/child.js';
import { BenchRunError } from '../lib/errors.js';
import type { BenchResult, PartOptions } from '../lib/result.js';
import { BENCH_KEYS, classifierConfigYaml, keywordsConfigYaml } from './configs.js';
import type { Expectations, RunReport, RunSpec } from './generator.js';
import { chatBody, exchangeMessages } from './messages.js';
import { aggregate, floorOf, formatExtprocTable, vsFloor, type Cell, type Round } from './report.js';
import { usageBetween, type UsageReading } from './usage.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const GENERATORS = 2;
export const CONCURRENCY = [1, 16, 64, 256] as const;
export const SIZES = [
  { name: '1k', bytes: 1024 },
  { name: '64k', bytes: 64 * 1024 },
] as const;

type ServerName = 'floor' | 'keywords' | 'classifier';

export interface RowSpec {
  readonly id: 'a' | 'b' | 'c' | 'd';
  readonly label: string;
  readonly server: ServerName;
  readonly model: string;
  readonly keyword?: string;
  readonly expect: Expectations;
  readonly sizes: readonly string[];
  /** Interleaved measurement rounds (fewer for rows whose ratio is far from the floor's). */
  readonly rounds: 'all' | 1;
}

export const ROWS: readonly RowSpec[] = [
  { id: 'a', label: 'a floor (pass-through)', server: 'floor', model: 'consilium/auto', keyword: 'python', expect: {}, sizes: ['1k', '64k'], rounds: 'all' },
  { id: 'b', label: 'b concrete model', server: 'keywords', model: 'small', expect: { clusters: ['small'], responseHeader: 'x-consilium-model' }, sizes: ['1k'], rounds: 'all' },
  { id: 'c', label: 'c auto, keywords', server: 'keywords', model: 'consilium/auto', keyword: 'python', expect: { clusters: ['big'], responseHeader: 'x-consilium-decision' }, sizes: ['1k', '64k'], rounds: 'all' },
  { id: 'd', label: 'd auto, classifier', server: 'classifier', model: 'consilium/auto', expect: { clusters: ['small', 'big'], responseHeader: 'x-consilium-category' }, sizes: ['1k'], rounds: 1 },
];

interface Servers {
  readonly floor: Child<{ port: number }>;
  readonly keywords: Child<{ port: number }>;
  readonly classifier: Child<{ port: number }>;
}

export async function run(options: PartOptions): Promise<BenchResult> {
  const timing = options.quick ? { warmupMs: 300, durationMs: 700, rounds: 1 } : { warmupMs: 500, durationMs: 1_500, rounds: 3 };
  const model = await classifierModel();
  options.log(`extproc: classifier model for row d: ${model.description}`);
  const started: Child[] = [];
  try {
    const servers = await startServers(model.dir, started);
    const generators = await Promise.all(
      Array.from({ length: GENERATORS }, (_, i) => startChild<{ pid: number }>(path.join(here, 'generator.ts'), { name: `generator ${i + 1}` })),
    );
    started.push(...generators);

    // One short pass per row and size: proves every server answers as expected, and warms up JIT and channels.
    for (const size of SIZES) {
      for (const row of ROWS.filter((r) => r.sizes.includes(size.name))) {
        const check = await runRound(servers, generators, row, size, 1, { warmupMs: 0, durationMs: 1_000 });
        if (check.errors > 0 || check.completed === 0) {
          throw new BenchRunError(`row ${row.label} (${size.name}) answers wrongly: ${check.firstError ?? 'no exchange completed'}`);
        }
      }
    }

    const cells: Cell[] = [];
    for (const size of SIZES) {
      for (const concurrency of CONCURRENCY) {
        const rows = ROWS.filter((r) => r.sizes.includes(size.name));
        const rounds = new Map<RowSpec, Round[]>(rows.map((row) => [row, []]));
        for (let round = 0; round < timing.rounds; round++) {
          for (const row of rows.filter((r) => r.rounds === 'all' || round < r.rounds)) {
            rounds.get(row)?.push(await runRound(servers, generators, row, size, concurrency, timing));
            await settle(servers[row.server]);
          }
        }
        for (const row of rows) {
          const cell = aggregate(row, size.name, concurrency, rounds.get(row) ?? []);
          cells.push(cell);
          options.log(
            `extproc: ${row.label} ${size.name} c${concurrency}: ${cell.perSecond.toFixed(0)}/s p50 ${cell.p50Ms.toFixed(2)} ms` +
              ` server ${(cell.serverCores * 100).toFixed(0)}% (${cell.serverCpuMicrosPerExchange.toFixed(0)} µs/exch) gen max ${(cell.generatorCoresMax * 100).toFixed(0)}%` +
              `${cell.errors ? ` errors ${cell.errors}` : ''}`,
          );
        }
      }
    }
    return report(cells, model.description, timing);
  } finally {
    await Promise.allSettled(started.map((child) => child.stop()));
  }
}

async function classifierModel(): Promise<{ dir: string; description: string }> {
  const shipped = await stat(path.join(DEFAULT_CLASSIFIER_DIR, 'model.onnx')).then(
    () => true,
    () => false,
  );
  if (shipped) return { dir: DEFAULT_CLASSIFIER_DIR, description: `the default model (${path.relative(PACKAGE_ROOT, DEFAULT_CLASSIFIER_DIR)})` };
  return {
    dir: await ensureRandomBert('minilm'),
    description: `${path.relative(PACKAGE_ROOT, DEFAULT_CLASSIFIER_DIR)} has no model.onnx: a random BERT of all-MiniLM-L6-v2's shape stands in (same cost, meaningless labels)`,
  };
}

async function startServers(modelDir: string, started: Child[]): Promise<Servers> {
  const consilium = (name: string, yaml: string): Promise<Child<{ port: number }>> =>
    startChild<{ port: number }>(path.join(here, 'consilium-server.ts'), {
      name,
      args: [JSON.stringify({ yaml, baseDir: PACKAGE_ROOT })],
      env: BENCH_KEYS,
      startTimeoutMs: 120_000,
    });
  const pending = [
    startChild<{ port: number }>(path.join(here, 'floor-server.ts'), { name: 'floor server' }),
    consilium('consilium (keywords)', keywordsConfigYaml()),
    consilium('consilium (classifier)', classifierConfigYaml(modelDir)),
  ] as const;
  const settled = await Promise.allSettled(pending);
  for (const result of settled) if (result.status === 'fulfilled') started.push(result.value);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const [floor, keywords, classifier] = settled.map((r) => (r as PromiseFulfilledResult<Child<{ port: number }>>).value) as [
    Child<{ port: number }>,
    Child<{ port: number }>,
    Child<{ port: number }>,
  ];
  return { floor, keywords, classifier };
}

/** Splits `concurrency` callers over the generators (all on the first one at concurrency 1). */
export function splitConcurrency(concurrency: number, generators: number): number[] {
  return Array.from({ length: generators }, (_, i) => Math.floor(concurrency / generators) + (i < concurrency % generators ? 1 : 0));
}

async function runRound(
  servers: Servers,
  generators: readonly Child[],
  row: RowSpec,
  size: (typeof SIZES)[number],
  concurrency: number,
  timing: { warmupMs: number; durationMs: number },
): Promise<Round> {
  const server = servers[row.server];
  const body = chatBody({ model: row.model, bytes: size.bytes, ...(row.keyword ? { keyword: row.keyword } : {}) });
  const startAt = Date.now() + 200;
  const base = { port: server.info.port, messages: exchangeMessages(body), expect: row.expect, startAt, warmupMs: timing.warmupMs, durationMs: timing.durationMs };
  const shares = splitConcurrency(concurrency, generators.length);
  const usage = sampleUsage(server, startAt + timing.warmupMs - Date.now(), timing.durationMs);
  const reports = await Promise.all(
    generators.flatMap((generator, i) => ((shares[i] ?? 0) > 0 ? [generator.call<RunReport>('run', { ...base, concurrency: shares[i] ?? 0 } satisfies RunSpec)] : [])),
  );
  const { before, after } = await usage;
  const serverUse = usageBetween(before, after);
  const completed = reports.reduce((n, r) => n + r.completed, 0);
  return {
    perSecond: completed / (timing.durationMs / 1000),
    completed,
    latenciesMs: reports.flatMap((r) => r.latenciesMs),
    serverCores: serverUse.cores,
    serverCpuMicrosPerExchange: completed > 0 ? serverUse.cpuMicros / completed : NaN,
    generatorCoresMax: Math.max(...reports.map((r) => r.cpuCores)),
    generatorCoresTotal: reports.reduce((n, r) => n + r.cpuCores, 0),
    errors: reports.reduce((n, r) => n + r.errors, 0),
    firstError: reports.find((r) => r.firstError)?.firstError,
  };
}

/** Waits until the server is idle again (a classifier backlog, grpc cleanup), so it does not tax the next round. */
async function settle(server: Child, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  let previous = await server.call<UsageReading>('usage');
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await server.call<UsageReading>('usage');
    if (usageBetween(previous, next).cores < 0.2) return;
    previous = next;
  }
}

/** Reads the server's CPU at the start and the end of the window. */
async function sampleUsage(server: Child, startInMs: number, durationMs: number): Promise<{ before: UsageReading; after: UsageReading }> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startInMs)));
  const before = await server.call<UsageReading>('usage');
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  const after = await server.call<UsageReading>('usage');
  return { before, after };
}

function report(cells: readonly Cell[], modelDescription: string, timing: { warmupMs: number; durationMs: number; rounds: number }): BenchResult {
  const figures: Record<string, number> = {};
  for (const cell of cells) {
    const key = `${cell.row}.${cell.size}.c${cell.concurrency}`;
    Object.assign(figures, {
      [`${key}.per_s`]: cell.perSecond,
      [`${key}.p50_ms`]: cell.p50Ms,
      [`${key}.p99_ms`]: cell.p99Ms,
      [`${key}.server_cpu_us`]: cell.serverCpuMicrosPerExchange,
      [`${key}.server_cores`]: cell.serverCores,
      [`${key}.generator_cores_max`]: cell.generatorCoresMax,
      [`${key}.errors`]: cell.errors,
    });
    const floor = floorOf(cells, cell);
    if (floor) {
      const ratios = vsFloor(cell, floor);
      figures[`${key}.time_vs_floor`] = ratios.time;
      figures[`${key}.p50_vs_floor`] = ratios.p50;
      figures[`${key}.cpu_vs_floor`] = ratios.cpu;
    }
  }
  const notes = [
    `Per cell: ${timing.rounds} interleaved round(s) of ${timing.durationMs} ms after ${timing.warmupMs} ms warm-up (row d: 1 round); ${GENERATORS} generator processes, one grpc-js channel each.`,
    'time/exch vs floor = floor exchanges/s ÷ row exchanges/s; p50 vs floor; CPU vs floor = server CPU µs per exchange ÷ the floor\'s; each the median of per-round ratios. Target: row c ≤ 1.3x.',
    `Row d: ${modelDescription}. Its classifier sustains a few dozen exchanges/s, far below the offered load at c16 and up: only exchanges completing inside the window count, so its latencies there are lower bounds.`,
    'Consilium logs one info line per request (pino, async, to /dev/null). Its response_headers answer asks for the JSON response body (usage accounting), which Envoy would send as a 4th message; the bench exchange stops after the 3rd, as specified.',
    ...cells.filter((c) => c.errors > 0).map((c) => `${c.label} ${c.size} c${c.concurrency}: ${c.errors} errors, first: ${c.firstError}`),
  ];
  return { name: 'extproc', table: formatExtprocTable(cells), figures, notes };
}
