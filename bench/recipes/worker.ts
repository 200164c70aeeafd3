/**
 * The recipe bench's process (run with --expose-gc so heap readings follow a full GC). For each recipe,
 * through the real Pipeline (parse → plan → recipe → synthesized chat.completion) against fake backends of
 * fixed latency: wall time minus the measured critical path at concurrency 1 and 100, and the heap held per
 * in-flight recipe with 100 in flight.
 */
import { loadConfigText } from '../../src/config/load.js';
import { createFakeBackends, type FakeBackends } from '../../src/dev/fake-backends.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import type { RequestInput } from '../../src/pipeline/types.js';
import { reportStartupFailure, serveParent } from '../lib/child.js';
import { BenchRunError } from '../lib/errors.js';
import { cpuMicros, mean, median, percentile } from '../lib/stats.js';
import { RECIPE_NAMES, fakeReply, recipeRequestBody, recipesConfigYaml, type BenchRecipe } from './config.js';
import { criticalPath } from './critical-path.js';
import { TimedBackends } from './timed-backends.js';

export interface WorkerSpec {
  readonly latencyMs: number;
  /** Sequential runs per recipe at concurrency 1. */
  readonly runs: number;
  readonly concurrent: number;
  /** Backend latency while the heap is sampled (long, so every recipe is in flight at each sample). */
  readonly memoryLatencyMs: number;
}

export interface RecipeRow {
  readonly recipe: BenchRecipe;
  readonly calls: number;
  readonly steps: number;
  readonly idealMs: number;
  readonly wallMs: number;
  /** Medians at concurrency 1. */
  readonly overheadMs: number;
  readonly overheadP99Ms: number;
  readonly overheadPerCallMs: number;
  /** Mean over the concurrent batch. */
  readonly concurrentOverheadMs: number;
  readonly concurrentOverheadPerCallMs: number;
  /** Process CPU time over the concurrent batch ÷ its requests: the engine's cost, free of queueing. */
  readonly cpuPerRequestMs: number;
  readonly bytesPerInFlight: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function setup(latencyMs: number): { pipeline: Pipeline; timed: TimedBackends; fake: FakeBackends } {
  const config = loadConfigText(recipesConfigYaml(), { baseDir: process.cwd() });
  const fake = createFakeBackends({ models: {}, fallback: fakeReply(latencyMs) });
  const timed = new TimedBackends(fake);
  const pipeline = new Pipeline({ config, backends: timed, recipeSlots: new ConcurrencyLimiter(100_000) });
  return { pipeline, timed, fake };
}

let sequence = 0;

function input(recipe: BenchRecipe): RequestInput {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: new Map([['content-type', 'application/json']]),
    body: recipeRequestBody(recipe),
    requestId: `bench-${recipe}-${++sequence}`,
    signal: new AbortController().signal,
  };
}

/** One request through the pipeline: its wall time and the calls it made. Fails loudly on anything but a 200. */
async function once(pipeline: Pipeline, timed: TimedBackends, recipe: BenchRecipe): Promise<{ wallMs: number; calls: ReturnType<TimedBackends['take']> }> {
  const request = input(recipe);
  const started = performance.now();
  const plan = await pipeline.handle(request);
  const wallMs = performance.now() - started;
  if (plan.kind !== 'respond' || plan.status !== 200) {
    throw new BenchRunError(`${recipe}: expected a synthesized 200, got ${plan.kind === 'respond' ? `${plan.status} ${plan.body.toString()}` : 'a route'}`);
  }
  return { wallMs, calls: timed.take(request.requestId) };
}

async function measureRecipe(recipe: BenchRecipe, spec: WorkerSpec): Promise<RecipeRow> {
  const { pipeline, timed, fake } = setup(spec.latencyMs);
  for (let i = 0; i < 2; i++) await once(pipeline, timed, recipe);
  const runs: { wallMs: number; idealMs: number; steps: number; calls: number }[] = [];
  for (let i = 0; i < spec.runs; i++) {
    const { wallMs, calls } = await once(pipeline, timed, recipe);
    const path = criticalPath(calls);
    runs.push({ wallMs, idealMs: path.ms, steps: path.steps, calls: calls.length });
    fake.calls.splice(0);
  }
  const overheads = runs.map((r) => r.wallMs - r.idealMs);

  const cpuBefore = process.cpuUsage();
  const batch = await Promise.all(Array.from({ length: spec.concurrent }, () => once(pipeline, timed, recipe)));
  const cpuPerRequestMs = cpuMicros(cpuBefore, process.cpuUsage()) / spec.concurrent / 1000;
  const concurrentOverheads = batch.map(({ wallMs, calls }) => wallMs - criticalPath(calls).ms);
  const concurrentCalls = mean(batch.map((b) => b.calls.length));
  fake.calls.splice(0);

  return {
    recipe,
    calls: median(runs.map((r) => r.calls)),
    steps: median(runs.map((r) => r.steps)),
    idealMs: median(runs.map((r) => r.idealMs)),
    wallMs: median(runs.map((r) => r.wallMs)),
    overheadMs: median(overheads),
    overheadP99Ms: percentile(overheads, 99),
    overheadPerCallMs: median(runs.map((r, i) => (overheads[i] as number) / r.calls)),
    concurrentOverheadMs: mean(concurrentOverheads),
    concurrentOverheadPerCallMs: mean(concurrentOverheads) / concurrentCalls,
    cpuPerRequestMs,
    bytesPerInFlight: await heapPerInFlight(recipe, spec),
  };
}

/**
 * Heap after a full GC with `concurrent` recipes in flight, minus the heap before they started, divided by
 * their number. Sampled halfway through each backend wait; the largest sample counts.
 */
async function heapPerInFlight(recipe: BenchRecipe, spec: WorkerSpec): Promise<number> {
  if (!gc) throw new BenchRunError('the recipe worker needs --expose-gc');
  const { pipeline, timed, fake } = setup(spec.memoryLatencyMs);
  await once(pipeline, timed, recipe);
  fake.calls.splice(0);
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let running = spec.concurrent;
  const all = Promise.all(
    Array.from({ length: spec.concurrent }, () =>
      once(pipeline, timed, recipe).finally(() => {
        running--;
      }),
    ),
  );
  let peak = 0;
  await new Promise((resolve) => setTimeout(resolve, spec.memoryLatencyMs / 2));
  while (running === spec.concurrent) {
    // The fake keeps every request it saw; an in-flight recipe holds its own, so drop the fake's copies.
    fake.calls.splice(0);
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    await new Promise((resolve) => setTimeout(resolve, spec.memoryLatencyMs));
  }
  await all;
  return peak / spec.concurrent;
}

async function runAll(spec: WorkerSpec): Promise<RecipeRow[]> {
  const rows: RecipeRow[] = [];
  for (const recipe of RECIPE_NAMES) rows.push(await measureRecipe(recipe, spec));
  return rows;
}

try {
  serveParent({ run: (spec: WorkerSpec) => runAll(spec) }, { pid: process.pid });
} catch (error) {
  reportStartupFailure(error);
}
