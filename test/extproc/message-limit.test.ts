/**
 * Regression (reliability suite): a synthesized answer larger than the gRPC send limit made grpc-js end the
 * stream with RESOURCE_EXHAUSTED, which Envoy turns into a bare 500. The processor now answers with an
 * OpenAI-shaped 502 instead, and answers under the limit pass unchanged.
 */
import { describe, expect, it } from 'vitest';
import { createFakeBackends } from '../../src/dev/fake-backends.js';
import { StreamProcessor } from '../../src/extproc/processor.js';
import { silentLogger } from '../../src/observability/logger.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { baseYaml, testConfig } from '../support/config.js';
import { immediate, requestBody, requestHeaders } from '../support/envoy-messages.js';

const LIMIT = 256 * 1024;
const yaml = `${baseYaml()}
recipes:
  fusion: { type: fusion, panel: [small], judge: big, finalizer: big }
budgets: { max_total_tokens: 10000000 }
`;

async function answer(content: string) {
  const pipeline = new Pipeline({
    config: testConfig(yaml),
    backends: createFakeBackends({ models: {}, fallback: { content } }),
    recipeSlots: new ConcurrencyLimiter(1),
  });
  const p = new StreamProcessor({ pipeline, logger: silentLogger(), draining: () => false, signal: new AbortController().signal, maxMessageBytes: LIMIT });
  await p.process(requestHeaders('POST', '/v1/chat/completions'));
  return immediate(await p.process(requestBody({ model: 'consilium/fusion', messages: [{ role: 'user', content: 'hi' }] })));
}

describe('answers past the gRPC message limit', () => {
  it('pass unchanged under the limit', async () => {
    const small = await answer('x'.repeat(100_000));
    expect(small.status).toBe(200);
    expect(small.body.choices[0].message.content).toHaveLength(100_000);
  });

  it('become a 502 OpenAI error over it', async () => {
    const big = await answer('x'.repeat(LIMIT));
    expect(big.status).toBe(502);
    expect(big.body.error).toMatchObject({ code: 'backend_error', type: 'server_error', param: null });
    expect(big.body.error.message).toMatch(/too large/);
  });
});
