/**
 * Issue 7, load (short version; `npm run reliability` soaks 500 streams for 10 minutes and charts RSS). The
 * stack runs in a child process; 200 concurrent clients mix routing and recipes through the gateway for a few
 * seconds. No request may fail, and afterwards the stack's ext_proc streams and open handles must be back to
 * their baseline. No timings are asserted.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../reliability/load/run-load.js';

describe('load through the dev gateway', () => {
  it('serves 200 concurrent mixed streams without an error and returns to its baseline', async () => {
    const result = await runLoad({ concurrency: 200, durationMs: 3_000, sampleEveryMs: 1_000, settleTimeoutMs: 20_000 });
    expect(result.errorKinds).toEqual({});
    expect(result.requests).toBeGreaterThan(200);
    expect(Object.keys(result.byKind).sort()).toEqual(['recipe', 'recipe-stream', 'route', 'route-stream']);
    expect(result.streamsAfter).toBe(0);
    expect(result.handleKindsAfter).toEqual(result.handleKindsBaseline);
    expect(result.childFaults).toEqual([]);
  }, 120_000);
});
