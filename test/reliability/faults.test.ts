/**
 * Issue 7, fault injection (short version; `npm run reliability` runs every fault kind and error rate with
 * latency figures). Through the gateway with seeded simulated backends: at 30% backend errors every recipe still
 * answers; a client that goes away mid-recipe gets every backend call closed; a hung backend call is closed at
 * its timeout and the recipe answers from the next model. No timings are asserted.
 */
import { describe, expect, it } from 'vitest';
import { isRecipeRow, runFaults } from '../../reliability/faults/run-faults.js';
import { FAULT_SCENARIOS } from '../../reliability/faults/scenarios.js';

describe('fault injection', () => {
  it('at 30% backend errors every recipe answers; abandoned and hung backend calls are really closed', async () => {
    const errors30 = FAULT_SCENARIOS.find((s) => s.name === 'errors 30%')!;
    const hang = { name: 'half the calls hang', errorRate: 0, proxy: { kind: 'hang' as const, rate: 0.5 }, gated: false };
    const result = await runFaults({ perTarget: 4, concurrency: 1, scenarios: [errors30] });
    const [errors] = result.scenarios;
    const { scenarios: [hung] } = await runFaults({ perTarget: 3, concurrency: 3, scenarios: [hang], targets: ['fusion'], skipCancelCheck: true });

    expect(errors!.injected).toBeGreaterThan(0);
    for (const row of errors!.targets.filter((t) => isRecipeRow(t.target) && t.requests > 0)) {
      expect(row.successRate, `${row.target}: ${row.problems.join(' | ')}`).toBe(1);
    }
    expect(errors!.leftOpen).toBe(0);

    // Every hung backend request was closed by its client (Consilium at the call timeout, or the gateway).
    expect(hung!.hung).toBeGreaterThan(0);
    expect(hung!.hungClosed).toBe(hung!.hung);
    expect(hung!.leftOpen).toBe(0);

    expect(result.cancel.inFlight).toBeGreaterThan(0);
    expect(result.cancel.closed).toBe(result.cancel.inFlight);
  }, 120_000);
});
