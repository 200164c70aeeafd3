/**
 * Part 2, `recipes`: the recipe engine's overhead. Each recipe runs through the real pipeline against fake
 * backends with a fixed latency in a child process started with --expose-gc. Overhead = wall time minus the
 * critical path derived from the recorded call start/end times; reported per request and per call, at
 * concurrency 1 and 100, with the heap held per in-flight recipe at 100 in flight. Target: < 1 ms per call.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child.js';
import type { BenchResult, PartOptions } from '../lib/result.js';
import { fixed, formatTable } from '../lib/table.js';
import type { RecipeRow, WorkerSpec } from './worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONCURRENT = 100;
const TARGET_MS_PER_CALL = 1;

export async function run(options: PartOptions): Promise<BenchResult> {
  const spec: WorkerSpec = options.quick
    ? { latencyMs: 50, runs: 3, concurrent: CONCURRENT, memoryLatencyMs: 300 }
    : { latencyMs: 50, runs: 15, concurrent: CONCURRENT, memoryLatencyMs: 1_000 };
  const worker = await startChild(path.join(here, 'worker.ts'), { name: 'recipe worker', nodeFlags: ['--expose-gc'] });
  try {
    options.log(`recipes: ${spec.runs} runs per recipe at ${spec.latencyMs} ms per call, then ${CONCURRENT} at once`);
    const rows = await worker.call<RecipeRow[]>('run', spec);
    return report(rows, spec);
  } finally {
    await worker.stop();
  }
}

function report(rows: readonly RecipeRow[], spec: WorkerSpec): BenchResult {
  const figures: Record<string, number> = {};
  for (const row of rows) {
    Object.assign(figures, {
      [`${row.recipe}.calls`]: row.calls,
      [`${row.recipe}.steps`]: row.steps,
      [`${row.recipe}.wall_ms`]: row.wallMs,
      [`${row.recipe}.ideal_ms`]: row.idealMs,
      [`${row.recipe}.overhead_ms`]: row.overheadMs,
      [`${row.recipe}.overhead_p99_ms`]: row.overheadP99Ms,
      [`${row.recipe}.overhead_per_call_ms`]: row.overheadPerCallMs,
      [`${row.recipe}.c${spec.concurrent}_overhead_ms`]: row.concurrentOverheadMs,
      [`${row.recipe}.c${spec.concurrent}_overhead_per_call_ms`]: row.concurrentOverheadPerCallMs,
      [`${row.recipe}.cpu_ms_per_request`]: row.cpuPerRequestMs,
      [`${row.recipe}.kb_per_in_flight`]: row.bytesPerInFlight / 1024,
    });
  }
  const header = [
    'recipe',
    'calls',
    'steps',
    'ideal ms',
    'wall ms',
    'overhead ms/req',
    'p99',
    'overhead ms/call',
    `c${spec.concurrent} ms/req`,
    `c${spec.concurrent} ms/call`,
    'CPU ms/req',
    `KB/in-flight (c${spec.concurrent})`,
    `< ${TARGET_MS_PER_CALL} ms/call`,
  ];
  const table = formatTable(
    header,
    rows.map((r) => [
      r.recipe === 'smart' ? 'auto (smart → fusion)' : r.recipe,
      String(r.calls),
      String(r.steps),
      fixed(r.idealMs, 1),
      fixed(r.wallMs, 1),
      fixed(r.overheadMs, 3),
      fixed(r.overheadP99Ms, 3),
      fixed(r.overheadPerCallMs, 3),
      fixed(r.concurrentOverheadMs, 2),
      fixed(r.concurrentOverheadPerCallMs, 3),
      fixed(r.cpuPerRequestMs, 3),
      fixed(r.bytesPerInFlight / 1024, 1),
      r.overheadPerCallMs < TARGET_MS_PER_CALL ? 'yes' : 'NO',
    ]),
  );
  const notes = [
    `Fake backends answer every call after ${spec.latencyMs} ms (heap: ${spec.memoryLatencyMs} ms, so all ${spec.concurrent} stay in flight while sampled); ${spec.runs} sequential runs per recipe after 2 warm-ups.`,
    'ideal = the critical path from the recorded call start/end times (longest chain of calls, each starting after the previous ended, by measured duration); overhead = wall − ideal, for the whole request through Pipeline.handle (parse, signals, recipe, synthesized JSON).',
    `At c${spec.concurrent} the ${spec.concurrent} requests share one event loop, so overhead there includes waiting for each other (timer lateness lands in the call durations instead); CPU ms/req = process CPU over that batch ÷ ${spec.concurrent}, fake backends included: the cost free of queueing.`,
    'KB/in-flight = (heap after a full GC with all in flight − heap before) ÷ in flight, largest sample; the fake backends\' own request log is cleared before each sample.',
  ];
  return { name: 'recipes', table, figures, notes };
}
