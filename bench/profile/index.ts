/**
 * Part `profile`, run last: CPU profiles, through the inspector and for the
 * measurement window only, of the floor (row a, 1 KB) and of Consilium for row c (`consilium/auto`, keyword
 * decisions) with 1 KB and 64 KB bodies, each loaded at concurrency 64. Prints self time per component
 * (Consilium's src/, grpc-js, protobufjs, pino, ...) in µs per exchange side by side, then the hottest
 * functions of each Consilium profile. Profiles stay in .cache/bench-profiles/ (open them in Chrome
 * DevTools). BENCH_PROFILE_NODE_FLAGS adds Node/V8 flags to the profiled servers (e.g. --no-turbo-inlining,
 * so time in inlined callees is charged to them rather than to their callers).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { startChild, type Child } from '../lib/child.js';
import { BenchRunError } from '../lib/errors.js';
import type { BenchResult, PartOptions } from '../lib/result.js';
import { fixed, formatTable } from '../lib/table.js';
import { BENCH_KEYS, keywordsConfigYaml } from '../extproc/configs.js';
import type { RunReport, RunSpec } from '../extproc/generator.js';
import { ROWS, SIZES, splitConcurrency, type RowSpec } from '../extproc/index.js';
import { chatBody, exchangeMessages } from '../extproc/messages.js';
import { summarizeProfile, type ProfileSummary } from './cpuprofile.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROFILE_DIR = path.join(PACKAGE_ROOT, '.cache', 'bench-profiles');
const CONCURRENCY = 64;
const WARMUP_MS = 1_000;
const TOP = 15;

interface Target {
  readonly name: string;
  readonly row: RowSpec;
  readonly size: (typeof SIZES)[number];
}

interface Profiled {
  readonly target: Target;
  readonly file: string;
  readonly exchanges: number;
  readonly summary: ProfileSummary;
}

export async function run(options: PartOptions): Promise<BenchResult> {
  const durationMs = options.quick ? 2_000 : 8_000;
  const row = (id: RowSpec['id']): RowSpec => ROWS.find((r) => r.id === id) ?? fail(`row ${id} is not defined`);
  const size = (name: string): (typeof SIZES)[number] => SIZES.find((s) => s.name === name) ?? fail(`no size ${name}`);
  const targets: Target[] = [
    { name: 'floor-1k', row: row('a'), size: size('1k') },
    { name: 'c-1k', row: row('c'), size: size('1k') },
    { name: 'c-64k', row: row('c'), size: size('64k') },
  ];
  await mkdir(PROFILE_DIR, { recursive: true });
  const generators: Child[] = [];
  try {
    for (let i = 0; i < 2; i++) generators.push(await startChild(path.join(here, '..', 'extproc', 'generator.ts'), { name: `generator ${i + 1}` }));
    const profiles: Profiled[] = [];
    for (const target of targets) {
      const profiled = await profileTarget(target, generators, durationMs);
      options.log(`profile: ${target.name}: ${profiled.exchanges} exchanges, ${profiled.summary.busySamples} busy samples`);
      profiles.push(profiled);
    }
    const figures: Record<string, number> = {};
    for (const p of profiles) {
      Object.assign(figures, {
        [`${p.target.name}.exchanges`]: p.exchanges,
        [`${p.target.name}.busy_us_per_exchange`]: p.summary.busyMicros / p.exchanges,
        [`${p.target.name}.gc_share`]: p.summary.gc,
        [`${p.target.name}.src_self_share`]: p.summary.components['Consilium (src/)'] ?? 0,
      });
    }
    const sections = [componentTable(profiles), ...profiles.filter((p) => p.target.row.id !== 'a').map(functionTables)];
    const notes = [
      `Each target: concurrency ${CONCURRENCY}, profiled for ${durationMs} ms after ${WARMUP_MS} ms of warm-up, sampled every 250 µs; idle samples excluded.`,
      'µs/exch = share of busy samples × busy CPU time ÷ exchanges in the window. Built-ins (JSON.parse, JSON.stringify, RegExp) are charged to the JS function that called them; native writes (pino\'s fs.write) to "V8 / native".',
      'self = in the function itself; total = anywhere below it on the stack. V8 inlining charges small callees to their callers (see BENCH_PROFILE_NODE_FLAGS).',
    ];
    return { name: 'profile', table: sections.join('\n\n'), figures, notes };
  } finally {
    await Promise.allSettled(generators.map((g) => g.stop()));
  }
}

async function profileTarget(target: Target, generators: readonly Child[], durationMs: number): Promise<Profiled> {
  const file = path.join(PROFILE_DIR, `extproc-${target.name}.cpuprofile`);
  await rm(file, { force: true });
  const nodeFlags = (process.env.BENCH_PROFILE_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
  const server =
    target.row.server === 'floor'
      ? await startChild<{ port: number }>(path.join(here, '..', 'extproc', 'floor-server.ts'), { name: 'floor (profiled)', nodeFlags })
      : await startChild<{ port: number }>(path.join(here, '..', 'extproc', 'consilium-server.ts'), {
          name: `consilium (profiled, ${target.name})`,
          args: [JSON.stringify({ yaml: keywordsConfigYaml(), baseDir: PACKAGE_ROOT })],
          env: BENCH_KEYS,
          nodeFlags,
        });
  let exchanges = 0;
  try {
    const body = chatBody({ model: target.row.model, bytes: target.size.bytes, ...(target.row.keyword ? { keyword: target.row.keyword } : {}) });
    const spec = { port: server.info.port, messages: exchangeMessages(body), expect: target.row.expect, startAt: Date.now() + 200, warmupMs: WARMUP_MS, durationMs };
    const shares = splitConcurrency(CONCURRENCY, generators.length);
    const profiling = (async () => {
      await sleep(spec.startAt + WARMUP_MS - Date.now());
      await server.call('profileStart');
      await sleep(durationMs);
      await server.call('profileStop', file);
    })();
    const reports = await Promise.all(generators.map((g, i) => g.call<RunReport>('run', { ...spec, concurrency: shares[i] ?? 0 } satisfies RunSpec)));
    await profiling;
    exchanges = reports.reduce((n, r) => n + r.completed, 0);
    const failed = reports.find((r) => r.errors > 0);
    if (failed) throw new BenchRunError(`profiled server answered wrongly: ${failed.firstError}`);
  } finally {
    await server.stop();
  }
  const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')), PACKAGE_ROOT);
  return { target, file, exchanges: Math.max(1, exchanges), summary };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function fail(message: string): never {
  throw new BenchRunError(message);
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const microsPerExchange = (p: Profiled, share: number): string => fixed((share * p.summary.busyMicros) / p.exchanges, 1);

/** Self time by component, µs per exchange, one column per profile. */
function componentTable(profiles: readonly Profiled[]): string {
  const names = [...new Set(profiles.flatMap((p) => Object.keys(p.summary.components)))].sort(
    (a, b) => Math.max(...profiles.map((p) => p.summary.components[b] ?? 0)) - Math.max(...profiles.map((p) => p.summary.components[a] ?? 0)),
  );
  const rows = names.map((name) => [name, ...profiles.map((p) => `${microsPerExchange(p, p.summary.components[name] ?? 0)} (${pct(p.summary.components[name] ?? 0)})`)]);
  rows.push(['total busy CPU', ...profiles.map((p) => fixed(p.summary.busyMicros / p.exchanges, 1))]);
  return ['Self CPU per exchange by component, µs (share of busy samples):', formatTable(['component', ...profiles.map((p) => p.target.name)], rows)].join('\n');
}

function functionTables(p: Profiled): string {
  const bySelf = [...p.summary.functions].sort((a, b) => b.self - a.self).slice(0, TOP);
  const ours = p.summary.functions
    .filter((f) => f.file.startsWith('src/'))
    .sort((a, b) => b.total - a.total)
    .slice(0, TOP);
  return [
    `### ${p.target.name}: ${path.relative(PACKAGE_ROOT, p.file)}`,
    `${p.exchanges} exchanges, ${p.summary.busySamples} busy samples (${fixed(p.summary.busyMicros / p.exchanges, 1)} µs per exchange); idle ${pct(p.summary.idle)} of all samples; GC ${pct(p.summary.gc)} of busy.`,
    '',
    'Top self time:',
    formatTable(['function', 'self', 'total', 'total µs/exch'], bySelf.map((f) => [f.key, pct(f.self), pct(f.total), microsPerExchange(p, f.total)])),
    '',
    "Consilium's functions (src/) by total time:",
    formatTable(['function', 'total', 'self', 'total µs/exch'], ours.map((f) => [f.key, pct(f.total), pct(f.self), microsPerExchange(p, f.total)])),
  ].join('\n');
}
