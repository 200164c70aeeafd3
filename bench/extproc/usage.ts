/**
 * A server process's resource reading, taken at the start and end of a measurement window. Wall time is
 * process.hrtime (CLOCK_MONOTONIC, the same clock in every process), so the orchestrator can pair readings
 * from different processes.
 */
import { cpuMicros } from '../lib/stats.js';

export interface UsageReading {
  readonly cpu: NodeJS.CpuUsage;
  readonly atMicros: number;
  readonly rssBytes: number;
}

export function processUsage(): UsageReading {
  return { cpu: process.cpuUsage(), atMicros: Number(process.hrtime.bigint() / 1000n), rssBytes: process.memoryUsage.rss() };
}

/** CPU time used between two readings, and as a fraction of one core over the wall time between them. */
export function usageBetween(before: UsageReading, after: UsageReading): { cpuMicros: number; cores: number } {
  const used = cpuMicros(before.cpu, after.cpu);
  const wall = Math.max(1, after.atMicros - before.atMicros);
  return { cpuMicros: used, cores: used / wall };
}
