/**
 * Issue 7, protocol fuzzing (short version; `npm run reliability` runs ≥ 100,000 sequences against a server in
 * a child process). Seeded scenarios mutated from valid Envoy conversations run over real gRPC against the real
 * server; every answer must be valid for its phase, every stream must end OK or with a clean gRPC error, and the
 * server must release every stream. A fast-check property over the same scenarios shrinks any failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFuzz } from '../../reliability/fuzz/driver.js';
import { play } from '../../reliability/fuzz/play.js';
import { scenarioArb } from '../../reliability/fuzz/scenario.js';
import { startFuzzTarget, type FuzzTarget } from '../../reliability/fuzz/target.js';
import { RawExtProcClient } from '../../reliability/fuzz/wire.js';

let target: FuzzTarget;
let rejections = 0;
const onRejection = (): void => void rejections++;

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  target = await startFuzzTarget({ seed: 3 });
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await target?.close();
});

describe('ext_proc protocol fuzzing', () => {
  it('answers 1,500 mutated sequences validly or with a clean gRPC error, and releases every stream', async () => {
    const stats = await runFuzz({ address: `127.0.0.1:${target.port}`, sequences: 1_500, seed: 20_240_601, concurrency: 16 });
    expect(stats.failures.map((f) => `${f.count}× ${f.problem} [${f.example}]`)).toEqual([]);
    expect(stats.sequences).toBe(1_500);
    // The run covered every kind of ending: OK, protocol violations, cancellations.
    expect(Object.keys(stats.statuses)).toEqual(expect.arrayContaining(['0', '1', '3']));
    await vi.waitFor(() => expect(target.server.activeStreams).toBe(0), { timeout: 10_000 });
    expect(rejections).toBe(0);
  });

  it('holds as a property (fast-check shrinks a failing scenario to its smallest form)', async () => {
    const client = new RawExtProcClient(`127.0.0.1:${target.port}`);
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (scenario) => {
          const result = await play(client, scenario);
          expect(result.problems).toEqual([]);
        }),
        { seed: 42, numRuns: 200 },
      );
    } finally {
      client.close();
    }
  });
});
