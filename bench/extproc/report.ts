/**
 * The ext_proc bench's cells: rounds aggregated into one figure per row, body size and concurrency, each
 * row's ratios to the floor taken round by round (round i of a row ran right after round i of the floor),
 * and the table.
 */
import { median, percentile } from '../lib/stats.js';
import { fixed, formatTable, times } from '../lib/table.js';

/** One measurement window of one row. */
export interface Round {
  readonly perSecond: number;
  readonly completed: number;
  readonly latenciesMs: readonly number[];
  /** Server CPU over the window, in cores (1 = one core busy). */
  readonly serverCores: number;
  readonly serverCpuMicrosPerExchange: number;
  /** The busiest generator process, in cores: near 1 would mean the generator limits the rate. */
  readonly generatorCoresMax: number;
  readonly generatorCoresTotal: number;
  readonly errors: number;
  readonly firstError: string | undefined;
}

export interface Cell {
  readonly row: 'a' | 'b' | 'c' | 'd';
  readonly label: string;
  readonly size: string;
  readonly concurrency: number;
  /** Medians over rounds; latency percentiles over every round's exchanges. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly serverCores: number;
  readonly serverCpuMicrosPerExchange: number;
  readonly generatorCoresMax: number;
  readonly generatorCoresTotal: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly rounds: readonly Round[];
}

export function aggregate(row: { id: Cell['row']; label: string }, size: string, concurrency: number, rounds: readonly Round[]): Cell {
  const latencies = rounds.flatMap((r) => r.latenciesMs);
  return {
    row: row.id,
    label: row.label,
    size,
    concurrency,
    perSecond: median(rounds.map((r) => r.perSecond)),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    serverCores: median(rounds.map((r) => r.serverCores)),
    serverCpuMicrosPerExchange: median(rounds.map((r) => r.serverCpuMicrosPerExchange)),
    generatorCoresMax: Math.max(...rounds.map((r) => r.generatorCoresMax)),
    generatorCoresTotal: median(rounds.map((r) => r.generatorCoresTotal)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    firstError: rounds.find((r) => r.firstError)?.firstError,
    rounds,
  };
}

/** The floor cell of the same body size and concurrency (undefined for the floor itself). */
export function floorOf(cells: readonly Cell[], cell: Cell): Cell | undefined {
  if (cell.row === 'a') return undefined;
  return cells.find((c) => c.row === 'a' && c.size === cell.size && c.concurrency === cell.concurrency);
}

export interface FloorRatios {
  /** Time per exchange relative to the floor: floor exchanges/s ÷ row exchanges/s. */
  readonly time: number;
  readonly p50: number;
  /** Server CPU per exchange relative to the floor's. */
  readonly cpu: number;
}

/** Median over paired rounds of each ratio; a row with fewer rounds pairs with the floor's first ones. */
export function vsFloor(cell: Cell, floor: Cell): FloorRatios {
  const pairs = cell.rounds.flatMap((round, i) => (floor.rounds[i] ? [[round, floor.rounds[i] as Round] as const] : []));
  return {
    time: median(pairs.map(([r, f]) => f.perSecond / r.perSecond)),
    p50: median(pairs.map(([r, f]) => percentile(r.latenciesMs, 50) / percentile(f.latenciesMs, 50))),
    cpu: median(pairs.map(([r, f]) => r.serverCpuMicrosPerExchange / f.serverCpuMicrosPerExchange)),
  };
}

export function formatExtprocTable(cells: readonly Cell[]): string {
  const header = ['row', 'body', 'conc', 'exch/s', 'p50 ms', 'p99 ms', 'time/exch vs floor', 'p50 vs floor', 'srv CPU µs/exch', 'CPU vs floor', 'srv CPU', 'gen CPU max / total', 'errors'];
  const rows = cells.map((cell) => {
    const floor = floorOf(cells, cell);
    const ratios = floor ? vsFloor(cell, floor) : undefined;
    return [
      cell.label,
      cell.size,
      String(cell.concurrency),
      fixed(cell.perSecond, 0),
      fixed(cell.p50Ms),
      fixed(cell.p99Ms),
      times(ratios?.time),
      times(ratios?.p50),
      fixed(cell.serverCpuMicrosPerExchange, 0),
      times(ratios?.cpu),
      `${fixed(cell.serverCores * 100, 0)}%`,
      `${fixed(cell.generatorCoresMax * 100, 0)}% / ${fixed(cell.generatorCoresTotal * 100, 0)}%`,
      String(cell.errors),
    ];
  });
  return formatTable(header, rows, { textColumns: 2 });
}
