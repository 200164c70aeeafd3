import { beforeEach, describe, expect, it } from 'vitest';
import type { Backends } from '../../src/backends/types.js';
import { ProtocolError, StreamProcessor } from '../../src/extproc/processor.js';
import { silentLogger } from '../../src/observability/logger.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { immediate, requestBody, requestHeaders, responseHeaders, setHeaders } from '../support/envoy-messages.js';
import { testConfig } from '../support/config.js';

const noBackends: Backends = {
  complete: async () => {
    throw new Error('no backend calls expected');
  },
};

let draining = false;
function processor(): StreamProcessor {
  const pipeline = new Pipeline({
    config: testConfig(),
    backends: noBackends,
    recipeSlots: new ConcurrencyLimiter(4),
    apiKey: (model) => (model === 'small' ? process.env.TEST_SMALL_KEY : undefined),
  });
  return new StreamProcessor({ pipeline, logger: silentLogger(), draining: () => draining, signal: new AbortController().signal });
}

const chat = (model: string, content = 'hello') => ({ model, messages: [{ role: 'user', content }] });

beforeEach(() => {
  draining = false;
  process.env.TEST_SMALL_KEY = 'sk-small-secret';
});

describe('request headers', () => {
  it('continues without mutation when no x-consilium-* header was sent', async () => {
    const p = processor();
    const response = await p.process(requestHeaders('POST', '/v1/chat/completions', { 'content-type': 'application/json', 'x-request-id': 'r-1' }));
    expect(response.request_headers?.response).toEqual({});
    expect(p.requestId).toBe('r-1');
  });

  it('strips every client x-consilium-* header and clears the route cache', async () => {
    const response = await processor().process(
      requestHeaders('POST', '/v1/chat/completions', { 'x-consilium-cluster': 'big', 'X-Consilium-Internal': '1', 'x-other': 'keep' }),
    );
    const common = response.request_headers?.response;
    expect(common?.header_mutation?.remove_headers?.sort()).toEqual(['x-consilium-cluster', 'x-consilium-internal']);
    expect(common?.clear_route_cache).toBe(true);
  });

  it('answers GET /v1/models directly with configured and virtual models', async () => {
    const { status, body, headers } = immediate(await processor().process(requestHeaders('GET', '/v1/models', {}, true)));
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/json');
    expect(body.object).toBe('list');
    expect(body.data.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['small', 'big', 'consilium/auto', 'MoM']));
  });

  it.each([
    ['GET', '/v1/chat/completions', 405, 'method_not_allowed'],
    ['POST', '/v1/models', 405, 'method_not_allowed'],
    ['DELETE', '/v1/embeddings', 405, 'method_not_allowed'],
    ['POST', '/v1/unknown', 404, 'not_found'],
  ])('%s %s → %i', async (method, path, status, code) => {
    const result = immediate(await processor().process(requestHeaders(method, path, {}, method === 'GET')));
    expect(result.status).toBe(status);
    expect(result.body.error).toMatchObject({ code, type: expect.any(String), message: expect.any(String) });
  });

  it('rejects a declared content-length over max_body_bytes before buffering (413)', async () => {
    const result = immediate(await processor().process(requestHeaders('POST', '/v1/chat/completions', { 'content-length': '70000' })));
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe('body_too_large');
  });

  it('answers 503 with retry-after while draining', async () => {
    draining = true;
    const result = immediate(await processor().process(requestHeaders('POST', '/v1/chat/completions')));
    expect(result.status).toBe(503);
    expect(result.headers['retry-after']).toBe('1');
    expect(result.body.error.code).toBe('draining');
  });
});

describe('request body', () => {
  async function route(body: unknown, path = '/v1/chat/completions') {
    const p = processor();
    await p.process(requestHeaders('POST', path, { authorization: 'Bearer client-key', 'x-request-id': 'abc' }));
    return { p, response: await p.process(requestBody(body)) };
  }

  it('routes a concrete model: cluster header, credential, body model and content-length, clear_route_cache', async () => {
    const { response } = await route(chat('small'));
    const common = response.request_body?.response;
    const set = setHeaders(common?.header_mutation?.set_headers);
    for (const option of common?.header_mutation?.set_headers ?? []) {
      expect(option.append_action).toBe('OVERWRITE_IF_EXISTS_OR_ADD');
      expect(option.header.raw_value).toBeDefined();
      expect(option.header.value).toBeUndefined();
    }
    expect(set['x-consilium-cluster']).toBe('small');
    expect(set.authorization).toBe('Bearer sk-small-secret');
    expect(set[':path']).toBeUndefined();
    const body = common?.body_mutation?.body as Buffer;
    expect(JSON.parse(body.toString()).model).toBe('provider-small');
    expect(set['content-length']).toBe(String(body.length));
    expect(common?.clear_route_cache).toBe(true);
    expect(response.dynamic_metadata?.fields.consilium).toBeDefined();
  });

  it('rewrites :path for a backend with another base path and removes a credential it does not have', async () => {
    const { response } = await route(chat('big', 'my python function'));
    const common = response.request_body?.response;
    const set = setHeaders(common?.header_mutation?.set_headers);
    expect(set[':path']).toBe('/openai/v1/chat/completions');
    expect(set.authorization).toBeUndefined();
    expect(common?.header_mutation?.remove_headers).toEqual(['authorization']);
  });

  it('decides consilium/auto by keyword and reports the decision at response headers', async () => {
    const { p, response } = await route({ ...chat('consilium/auto', 'why does my Python function crash?'), stream: true });
    expect(setHeaders(response.request_body?.response?.header_mutation?.set_headers)['x-consilium-cluster']).toBe('big');
    const answer = await p.process(responseHeaders(200, { 'content-type': 'text/event-stream', 'x-consilium-model': 'forged' }));
    const set = setHeaders(answer.response_headers?.response?.header_mutation?.set_headers);
    expect(set).toMatchObject({ 'x-consilium-model': 'big', 'x-consilium-decision': 'code', 'x-consilium-recipe': 'single', 'x-consilium-request-id': 'abc' });
    // Usage accounting streams the SSE body through (never BUFFERED).
    expect(answer.mode_override).toEqual({ response_body_mode: 'STREAMED' });
  });

  it('asks the backend for the usage chunk and removes it from a stream whose client did not ask', async () => {
    const { p, response } = await route({ ...chat('small'), stream: true });
    const forwarded = JSON.parse((response.request_body?.response?.body_mutation?.body as Buffer).toString());
    expect(forwarded.stream_options).toEqual({ include_usage: true });
    await p.process(responseHeaders(200, { 'content-type': 'text/event-stream' }));
    const text = 'data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n';
    const pass = await p.process({ request: 'response_body', response_body: { body: Buffer.from(text), end_of_stream: false } });
    expect(pass.response_body?.response?.body_mutation).toBeUndefined();
    const usage = 'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}\n\ndata: [DONE]\n\n';
    const last = await p.process({ request: 'response_body', response_body: { body: Buffer.from(usage), end_of_stream: true } });
    expect(last.response_body?.response?.body_mutation?.body?.toString()).toBe('data: [DONE]\n\n');
    expect(p.summary.usage).toEqual({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
  });

  it('keeps the usage chunk for a client that asked, and buffers JSON answers to read usage', async () => {
    const streamed = await route({ ...chat('small'), stream: true, stream_options: { include_usage: true } });
    expect(JSON.parse((streamed.response.request_body?.response?.body_mutation?.body as Buffer).toString()).stream_options).toEqual({ include_usage: true });
    const json = await route(chat('small'));
    const headers = await json.p.process(responseHeaders(200, { 'content-type': 'application/json' }));
    expect(headers.mode_override).toEqual({ response_body_mode: 'BUFFERED' });
    const body = Buffer.from(JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }));
    const answer = await json.p.process({ request: 'response_body', response_body: { body, end_of_stream: true } });
    expect(answer.response_body?.response).toEqual({});
    expect(json.p.summary.usage?.total_tokens).toBe(7);
    // An error answer's body is left alone when no backend credential was sent (big has none); with one, it is
    // buffered to scrub the credential (test/extproc/redact.test.ts).
    const failed = await route(chat('big'));
    expect((await failed.p.process(responseHeaders(503))).mode_override).toBeUndefined();
  });

  it.each([
    ['malformed JSON', '{"model": "small", ', 400, 'invalid_json'],
    ['missing messages', { model: 'small' }, 400, 'invalid_request'],
    ['wrong types', { model: 'small', messages: 'hi' }, 400, 'invalid_request'],
    ['unknown model', chat('gpt-9'), 404, 'model_not_found'],
    ['too many messages', { model: 'small', messages: Array.from({ length: 51 }, () => ({ role: 'user', content: 'x' })) }, 400, 'too_many_messages'],
    ['prompt over the token limit', chat('small', 'word '.repeat(5000)), 400, 'context_length_exceeded'],
    ['body over max_body_bytes', chat('small', 'x'.repeat(70_000)), 413, 'body_too_large'],
    ['empty body', Buffer.alloc(0), 400, 'invalid_json'],
  ])('%s → %i %s', async (_name, body, status, code) => {
    const result = immediate((await route(body)).response);
    expect(result.status).toBe(status);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.body.error).toEqual({ message: expect.any(String), type: expect.any(String), param: result.body.error.param, code });
    expect(Object.keys(result.body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('routes /v1/embeddings by concrete model and refuses virtual models there', async () => {
    const ok = (await route({ model: 'small', input: 'x' }, '/v1/embeddings')).response;
    expect(JSON.parse((ok.request_body?.response?.body_mutation?.body as Buffer).toString()).model).toBe('provider-small');
    const bad = immediate((await route({ model: 'consilium/auto', input: 'x' }, '/v1/embeddings')).response);
    expect(bad.status).toBe(400);
  });
});

describe('protocol', () => {
  it('refuses a phase out of order', async () => {
    await expect(processor().process(requestBody(chat('small')))).rejects.toBeInstanceOf(ProtocolError);
    const p = processor();
    await p.process(requestHeaders('POST', '/v1/chat/completions'));
    await expect(p.process(requestHeaders('POST', '/v1/chat/completions'))).rejects.toBeInstanceOf(ProtocolError);
    await expect(processor().process({})).rejects.toBeInstanceOf(ProtocolError);
  });

  it('answers a partial body (non-BUFFERED mode) with a 500 error, not a crash', async () => {
    const p = processor();
    await p.process(requestHeaders('POST', '/v1/chat/completions'));
    const result = immediate(await p.process({ request: 'request_body', request_body: { body: Buffer.from('{'), end_of_stream: false } }));
    expect(result.status).toBe(500);
  });
});
