/** Everything one `npm run reliability` run measured, as the report renders it. */
import type { FaultsResult } from '../faults/run-faults.js';
import type { LongFuzzResult } from '../fuzz/long-run.js';
import type { LoadResult } from '../load/run-load.js';
import type { RedosResult } from '../redos/run-redos.js';

export interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started and ended: other work on the machine moves the timings. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

export interface CheckResult {
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  readonly message?: string;
}

export interface MetricsStatus {
  /** Lines of the admin /metrics answer (0 when it is still empty). */
  readonly lines: number;
}

export interface ReliabilityResults {
  readonly mode: 'full' | 'short';
  readonly startedAt: Date;
  readonly elapsedSec: number;
  readonly machine: Machine;
  readonly fuzz: LongFuzzResult;
  readonly faults: FaultsResult;
  readonly load: LoadResult;
  readonly redos: RedosResult;
  readonly checks: readonly CheckResult[];
  readonly metrics: MetricsStatus;
  /** Seconds per suite, in run order. */
  readonly durations: Readonly<Record<string, number>>;
  /** File name of the chart, next to the report. */
  readonly chartFile: string;
}

export interface PassLine {
  readonly suite: string;
  readonly line: string;
  readonly measured: string;
  readonly pass: boolean;
}
