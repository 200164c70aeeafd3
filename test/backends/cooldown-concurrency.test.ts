/**
 * Regression (found by the reliability suite): with 30% of requests hanging, a burst of concurrent calls ended
 * with every success first and then the timeouts together; the cooldown read those as consecutive failures and
 * cooled a backend that answered 70% of requests, so every recipe then failed fast for the cooldown period.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpBackends } from '../../src/backends/http.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';
import { testModel } from './fixtures.js';

const request: ChatCompletionRequest = { model: 'small', messages: [{ role: 'user', content: 'hi' }] };
let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('cooldown under concurrency', () => {
  it('does not cool a backend whose timed-out calls were overtaken by successes', async () => {
    server = await startScriptedServer();
    // Three of ten concurrent calls hang until the per-call timeout; the others answer at once.
    server.script('/small/', { hang: true }, { hang: true }, { hang: true });
    const backends = createHttpBackends({ models: new Map([['small', testModel('small', server.port, { timeoutMs: 300 })]]) }, {
      retry: { maxRetries: 0 },
      cooldown: { failures: 2, cooldownMs: 60_000 },
    });
    try {
      const burst = await Promise.allSettled(Array.from({ length: 10 }, () => backends.complete('small', request)));
      expect(burst.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.kind)).toEqual(['timeout', 'timeout', 'timeout']);
      // The backend is not cooling: the next call is sent and answered.
      await expect(backends.complete('small', request)).resolves.toMatchObject({ content: 'default' });
    } finally {
      await backends.close();
    }
  });
});
