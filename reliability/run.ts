/**
 * `npm run reliability`: the long versions of the reliability and security suites, then reliability/REPORT.md
 * and the soak chart next to it. Exit code 0 when every pass line holds, 1 otherwise.
 *   --short   a 1-minute soak, 20,000 fuzz sequences and fewer fault requests (about 4 minutes)
 *   --render  only re-render REPORT.md and the chart from the figures the last run saved (results.json)
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { metricsStatus, runChecks } from './checks.js';
import { runFaults } from './faults/run-faults.js';
import { runLongFuzz } from './fuzz/long-run.js';
import { runLoad } from './load/run-load.js';
import { runRedos } from './redos/run-redos.js';
import { soakChartSvg } from './report/chart.js';
import { renderReport } from './report/markdown.js';
import { passLines } from './report/pass-lines.js';
import type { ReliabilityResults } from './report/types.js';
import { mib, ms, pct } from './stats.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const CHART_FILE = 'soak.svg';
const FAULT_CONCURRENCY = 32;

const short = process.argv.includes('--short');
const plan = short
  ? { fuzzSequences: 20_000, faultsPerTarget: 60, soakMs: 60_000 }
  : { fuzzSequences: 100_000, faultsPerTarget: 120, soakMs: 600_000 };

function log(message: string): void {
  process.stderr.write(`[reliability ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const loadAtStart = os.loadavg()[0]!;

function machine(): ReliabilityResults['machine'] {
  return {
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

async function timed<T>(durations: Record<string, number>, name: string, body: () => Promise<T>): Promise<T> {
  log(`${name}: start`);
  const started = performance.now();
  const result = await body();
  durations[name] = (performance.now() - started) / 1000;
  log(`${name}: done in ${Math.round(durations[name]!)} s`);
  return result;
}

const RESULTS_FILE = path.join(HERE, 'results.json');

/** Writes the chart and the report, prints the pass lines; true when every one holds. */
async function publish(results: ReliabilityResults): Promise<boolean> {
  const { load } = results;
  const chart = soakChartSvg(
    `Soak: ${load.concurrency} concurrent streams for ${Math.round(load.durationSec)} s`,
    { label: 'RSS of the gateway + Consilium process', unit: 'MiB', color: '#1f77b4', points: load.samples.map((s) => ({ x: s.atSec, y: s.rssBytes / 1024 / 1024, marked: s.afterGc })) },
    { label: 'Throughput', unit: 'requests/s', color: '#d62728', points: load.samples.map((s) => ({ x: s.atSec, y: s.throughput })) },
    load.rssReference.fromSec,
  );
  await writeFile(path.join(HERE, results.chartFile), chart);
  await writeFile(path.join(HERE, 'REPORT.md'), renderReport(results));
  const lines = passLines(results);
  for (const line of lines) log(`${line.pass ? 'pass' : 'FAIL'}  ${line.suite}: ${line.line} — ${line.measured}`);
  log(`report: ${path.relative(process.cwd(), path.join(HERE, 'REPORT.md'))} (${(results.elapsedSec / 60).toFixed(1)} min)`);
  return lines.every((line) => line.pass);
}

if (process.argv.includes('--render')) {
  const saved = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as ReliabilityResults & { startedAt: string };
  process.exit((await publish({ ...saved, startedAt: new Date(saved.startedAt) })) ? 0 : 1);
}

const startedAt = new Date();
const t0 = performance.now();
const durations: Record<string, number> = {};

const fuzz = await timed(durations, 'fuzz', () =>
  runLongFuzz({
    sequences: plan.fuzzSequences,
    seed: 1_000,
    onProgress: (done, total) => {
      if (done % 10_000 === 0) log(`fuzz: ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
    },
  }),
);
log(`fuzz: ${Math.round(fuzz.sequencesPerSecond)} seq/s, ${fuzz.failures.length} distinct failures, crashes ${fuzz.crashes}`);

const faults = await timed(durations, 'faults', () =>
  runFaults({
    perTarget: plan.faultsPerTarget,
    concurrency: FAULT_CONCURRENCY,
    onScenario: (s) => log(`faults: ${s.scenario.name}: ${s.targets.filter((t) => t.requests > 0).map((t) => `${t.target} ${pct(t.successRate)}`).join(', ')}`),
  }),
);

const redos = await timed(durations, 'redos', runRedos);
const checks = await timed(durations, 'checks', () => runChecks(ROOT));
log(`checks: ${checks.filter((c) => c.passed).length}/${checks.length} pass`);
const metrics = await metricsStatus();

const load = await timed(durations, 'soak', () =>
  runLoad({
    concurrency: 500,
    durationMs: plan.soakMs,
    sampleEveryMs: short ? 5_000 : 10_000,
    gcEveryMs: short ? 10_000 : 30_000,
    onSample: (s) => log(`soak: ${Math.round(s.atSec)} s, ${Math.round(s.throughput)} req/s, p99 ${ms(s.p99Ms)}, RSS ${mib(s.rssBytes)}${s.afterGc ? ' (after GC)' : ''}, errors ${s.errors}`),
  }),
);

const results: ReliabilityResults = {
  mode: short ? 'short' : 'full',
  startedAt,
  elapsedSec: (performance.now() - t0) / 1000,
  machine: machine(),
  fuzz,
  faults,
  load,
  redos,
  checks,
  metrics,
  durations,
  chartFile: CHART_FILE,
};

await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 1)}\n`);
process.exit((await publish(results)) ? 0 : 1);
