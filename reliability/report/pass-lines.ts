/** The pass lines, each evaluated against one run's figures. */
import { isRecipeRow } from '../faults/run-faults.js';
import { mib, ms, pct } from '../stats.js';
import type { PassLine, ReliabilityResults } from './types.js';

/** Heap after the fuzz run may exceed the warm baseline by this much (JIT code, caches that settle). */
export const HEAP_SLACK = (baseline: number): number => Math.max(4 * 1024 * 1024, baseline * 0.1);
export const MIN_FUZZ_SEQUENCES = { full: 100_000, short: 20_000 } as const;
export const MAX_RUNTIME_SEC = 20 * 60;

export function passLines(r: ReliabilityResults): PassLine[] {
  const { fuzz, faults, load, redos } = r;
  const lines: PassLine[] = [];
  const add = (suite: string, line: string, measured: string, pass: boolean): void => void lines.push({ suite, line, measured, pass });

  add('1 fuzz', `≥ ${MIN_FUZZ_SEQUENCES[r.mode].toLocaleString('en')} sequences`, fuzz.sequences.toLocaleString('en'), fuzz.sequences >= MIN_FUZZ_SEQUENCES[r.mode]);
  add('1 fuzz', 'zero crashes, unhandled rejections, uncaught exceptions', `${fuzz.crashes} / ${fuzz.unhandledRejections} / ${fuzz.uncaughtExceptions}`, fuzz.crashes + fuzz.unhandledRejections + fuzz.uncaughtExceptions === 0);
  const failing = fuzz.failures.reduce((n, f) => n + f.count, 0);
  add('1 fuzz', 'every stream answered validly or ended with a clean gRPC error', `${failing} failing streams`, failing === 0);
  const heapGrowth = fuzz.after.heapUsed - fuzz.baseline.heapUsed;
  add('1 fuzz', 'memory back to baseline (heap after GC, streams)', `heap ${mib(fuzz.baseline.heapUsed)} → ${mib(fuzz.after.heapUsed)}, ${fuzz.after.activeStreams} streams open`, heapGrowth <= HEAP_SLACK(fuzz.baseline.heapUsed) && fuzz.after.activeStreams === 0);

  const gated = faults.scenarios.filter((s) => s.scenario.gated);
  const worst = gated.flatMap((s) => s.targets.filter((t) => isRecipeRow(t.target) && t.requests > 0).map((t) => ({ s, t }))).sort((a, b) => a.t.successRate - b.t.successRate)[0];
  add('2 faults', 'at 30% faults every recipe answers in ≥ 99% of requests', worst ? `lowest: ${worst.t.target} ${pct(worst.t.successRate)} (${worst.s.scenario.name})` : 'n/a', !!worst && worst.t.successRate >= 0.99);
  const over = faults.scenarios.reduce((n, s) => n + s.targets.reduce((m, t) => m + t.overDeadline, 0), 0);
  const slowest = Math.max(...faults.scenarios.flatMap((s) => s.targets.filter((t) => isRecipeRow(t.target) && t.requests > 0).map((t) => t.maxMs)));
  add('2 faults', `no recipe request exceeds its deadline (${faults.deadlineMs} ms) by > 100 ms`, `${over} over; slowest ${ms(slowest)}`, over === 0);
  const leftOpen = faults.scenarios.reduce((n, s) => n + s.leftOpen, 0);
  const hung = faults.scenarios.reduce((n, s) => n + s.hung, 0);
  const hungClosed = faults.scenarios.reduce((n, s) => n + s.hungClosed, 0);
  add(
    '2 faults',
    'aborted backend calls are really aborted (the backend sees the close)',
    `hung calls closed ${hungClosed}/${hung}; cancelled client: ${faults.cancel.closed}/${faults.cancel.inFlight} closed; left open ${leftOpen}`,
    hungClosed === hung && hung > 0 && faults.cancel.closed === faults.cancel.inFlight && faults.cancel.inFlight > 0 && leftOpen === 0,
  );

  add('3 load', 'no errors', `${load.errors} of ${load.requests.toLocaleString('en')}`, load.errors === 0 && load.childFaults.length === 0);
  const window = (w: { fromSec: number; toSec: number }): string => `${Math.round(w.fromSec)}–${Math.round(w.toSec)} s`;
  add(
    '3 load',
    'RSS growth < 5% between minute 2 and the end (means of the after-GC samples)',
    `${mib(load.rssReference.bytes)} (${window(load.rssReference)}) → ${mib(load.rssEnd.bytes)} (${window(load.rssEnd)}): ${pct(load.rssGrowth)}`,
    load.rssGrowth < 0.05,
  );
  add('3 load', 'open handles and ext_proc streams back to baseline', `handles ${load.handlesBaseline} → ${load.handlesAfter}, streams ${load.streamsAfter}`, load.handlesAfter <= load.handlesBaseline && load.streamsAfter === 0);

  for (const suite of ['security', 'limits', 'redos'] as const) {
    const checks = r.checks.filter((c) => c.file.includes(suite));
    const failed = checks.filter((c) => !c.passed).length;
    add(suite === 'limits' ? '5 limits' : '4 security', `${suite} tests pass`, `${checks.length - failed}/${checks.length}`, checks.length > 0 && failed === 0);
  }
  add('4 security', 'ReDoS: every catastrophic pattern stays linear (≤ 100 ms on 32 k characters)', `worst ${redos.worstMs.toFixed(1)} ms; whole request ${redos.requestMedianMs.toFixed(1)} ms median`, redos.worstMs <= 100);
  add('6 report', 'the run completes in ≤ 20 minutes', `${(r.elapsedSec / 60).toFixed(1)} min`, r.elapsedSec <= MAX_RUNTIME_SEC);
  return lines;
}
