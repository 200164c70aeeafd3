/**
 * Regression (reliability suite): a routed backend that echoed the credential Consilium sent it (a 401 naming
 * "Incorrect API key provided: sk-...", or a header) handed the backend's API key to the client, because routed
 * responses pass through untouched. The key is now scrubbed from response headers and from buffered bodies.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { StreamProcessor } from '../../src/extproc/processor.js';
import { redactedBody, redactedHeaders, secretOf } from '../../src/extproc/redact.js';
import { silentLogger } from '../../src/observability/logger.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { testConfig } from '../support/config.js';
import { requestBody, requestHeaders, responseHeaders, setHeaders } from '../support/envoy-messages.js';

const KEY = 'sk-small-secret-0123';

beforeEach(() => {
  process.env.TEST_SMALL_KEY = KEY;
});

async function routed(model: string): Promise<StreamProcessor> {
  const pipeline = new Pipeline({
    config: testConfig(),
    backends: { complete: () => Promise.reject(new Error('unused')) },
    recipeSlots: new ConcurrencyLimiter(1),
    apiKey: (name) => (name === 'small' ? process.env.TEST_SMALL_KEY : undefined),
  });
  const p = new StreamProcessor({ pipeline, logger: silentLogger(), draining: () => false, signal: new AbortController().signal });
  await p.process(requestHeaders('POST', '/v1/chat/completions'));
  await p.process(requestBody({ model, messages: [{ role: 'user', content: 'hi' }] }));
  return p;
}

describe('scrubbing the backend credential from routed responses', () => {
  it('buffers an error body and replaces the key, with a matching content-length', async () => {
    const p = await routed('small');
    const headers = await p.process(responseHeaders(401, { 'www-authenticate': `Bearer realm="${KEY}"` }));
    expect(headers.mode_override).toEqual({ response_body_mode: 'BUFFERED' });
    expect(setHeaders(headers.response_headers?.response?.header_mutation?.set_headers)['www-authenticate']).toBe('Bearer realm="[redacted]"');
    const body = Buffer.from(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }));
    const answer = (await p.process({ request: 'response_body', response_body: { body, end_of_stream: true } })).response_body?.response;
    const scrubbed = Buffer.from(answer!.body_mutation!.body!);
    expect(scrubbed.toString()).toBe('{"error":{"message":"Incorrect API key provided: [redacted]"}}');
    expect(setHeaders(answer?.header_mutation?.set_headers)['content-length']).toBe(String(scrubbed.length));
  });

  it('leaves a body without the key untouched, and does not buffer when no credential was sent', async () => {
    const p = await routed('small');
    await p.process(responseHeaders(500));
    const answer = await p.process({ request: 'response_body', response_body: { body: Buffer.from('{"error":"boom"}'), end_of_stream: true } });
    expect(answer.response_body?.response).toEqual({});
    const keyless = await routed('big');
    expect((await keyless.process(responseHeaders(401))).mode_override).toBeUndefined();
  });

  it('treats only keys of 8+ characters as secrets, and never touches pseudo-headers', () => {
    expect(secretOf('Bearer short')).toBeUndefined();
    expect(secretOf(null)).toBeUndefined();
    expect(secretOf(`Bearer ${KEY}`)).toBe(KEY);
    expect(redactedHeaders(new Map([[':status', KEY], ['x-echo', `a ${KEY} b ${KEY}`]]), KEY)).toEqual({ 'x-echo': 'a [redacted] b [redacted]' });
    expect(redactedBody(Buffer.from('nothing here'), KEY)).toBeUndefined();
  });
});
