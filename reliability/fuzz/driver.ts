/**
 * Runs many fuzz scenarios against one ext_proc address with bounded concurrency, in seeded batches (so a run
 * replays exactly), and groups the problems found by signature.
 */
import fc from 'fast-check';
import { play } from './play.js';
import { scenarioArb, type Scenario } from './scenario.js';
import { signature } from './check.js';
import { RawExtProcClient } from './wire.js';

export interface FoundFailure {
  readonly signature: string;
  readonly problem: string;
  /** The scenario that first showed it. */
  readonly example: string;
  count: number;
}

export interface FuzzStats {
  readonly sequences: number;
  readonly messages: number;
  readonly answers: number;
  readonly failures: readonly FoundFailure[];
  readonly elapsedMs: number;
  /** Final gRPC status → streams that ended with it. */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface FuzzRunOptions {
  readonly address: string;
  readonly sequences: number;
  readonly seed: number;
  readonly concurrency?: number;
  readonly batchSize?: number;
  /** Called after each batch (progress, memory sampling, crash checks). Returning false stops the run. */
  readonly onBatch?: (done: number) => boolean | Promise<boolean>;
}

/** Scenarios of one batch, deterministic in (seed, batch). */
export function scenarioBatch(seed: number, batch: number, size: number): Scenario[] {
  return fc.sample(scenarioArb, { seed: seed + batch * 7_919, numRuns: size });
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzStats> {
  const concurrency = options.concurrency ?? 32;
  const batchSize = options.batchSize ?? 500;
  const failures = new Map<string, FoundFailure>();
  const statuses: Record<string, number> = {};
  let sequences = 0;
  let messages = 0;
  let answers = 0;
  const started = performance.now();
  for (let batch = 0; sequences < options.sequences; batch++) {
    // A channel per batch: grpc-js keeps the bytes of a message the server refused as oversized until its
    // connection closes, which would otherwise grow the fuzzer (not the server) without bound.
    const client = new RawExtProcClient(options.address);
    try {
      const scenarios = scenarioBatch(options.seed, batch, Math.min(batchSize, options.sequences - sequences));
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < scenarios.length) {
          const scenario = scenarios[next++]!;
          const result = await play(client, scenario);
          messages += scenario.steps.length;
          answers += result.answers;
          const name = result.statusCode === undefined ? 'HUNG' : String(result.statusCode);
          statuses[name] = (statuses[name] ?? 0) + 1;
          for (const problem of result.problems) {
            const key = signature(problem);
            const seen = failures.get(key);
            if (seen) seen.count += 1;
            else failures.set(key, { signature: key, problem, example: scenario.label, count: 1 });
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      sequences += scenarios.length;
    } finally {
      client.close();
    }
    if (options.onBatch && (await options.onBatch(sequences)) === false) break;
  }
  return { sequences, messages, answers, failures: [...failures.values()], elapsedMs: performance.now() - started, statuses };
}
