import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayClient, readReply } from '../../src/eval/client.js';
import { testConfig } from '../support/config.js';
import { item } from './fixtures.js';

const config = testConfig(); // small: $1/$2 per 1M tokens; big: $10/$20
const completion = (content: string, usage = { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 }): string =>
  JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage });

describe('readReply', () => {
  it('prices a routed answer from its usage and the answering model', () => {
    const reply = readReply(200, { 'x-consilium-model': 'big', 'x-consilium-recipe': 'single' }, completion('Answer: 4'), 12, 'big', config);
    expect(reply).toMatchObject({ ok: true, text: 'Answer: 4', model: 'big', modelsUsed: ['big'], calls: 1, tokens: 150, costSource: 'usage', recipe: 'single' });
    expect(reply.costUsd).toBeCloseTo((100 * 10 + 50 * 20) / 1e6, 12);
  });

  it('takes a synthesized answer\'s cost from the recipe headers', () => {
    const headers = { 'x-consilium-recipe': 'fusion', 'x-consilium-model': 'big', 'x-consilium-models-used': 'small,big', 'x-consilium-calls': '5', 'x-consilium-cost-usd': '0.004200', 'x-consilium-tokens': '150', 'x-consilium-reason': 'fusion: fallback: best panel answer' };
    const reply = readReply(200, headers, completion('x'), 30, 'consilium/fusion', config);
    expect(reply).toMatchObject({ costUsd: 0.0042, costSource: 'header', calls: 5, tokens: 150, modelsUsed: ['small', 'big'], reason: 'fusion: fallback: best panel answer' });
  });

  it('adds a tail-call\'s final, forwarded call to the loop the headers cover', () => {
    const headers = { 'x-consilium-recipe': 'smart', 'x-consilium-model': 'small', 'x-consilium-calls': '0', 'x-consilium-cost-usd': '0.000000', 'x-consilium-tokens': '0' };
    const reply = readReply(200, headers, completion('x'), 30, 'consilium/auto', config);
    expect(reply.calls).toBe(1);
    expect(reply.tokens).toBe(150);
    expect(reply.costUsd).toBeCloseTo((100 * 1 + 50 * 2) / 1e6, 12);
  });

  it('turns error statuses and unreadable bodies into failures', () => {
    const error = readReply(502, {}, JSON.stringify({ error: { message: 'fusion: no panel answer', type: 'server_error', param: null, code: 'recipe_failed' } }), 5, 'consilium/fusion', config);
    expect(error).toMatchObject({ ok: false, status: 502, text: 'HTTP 502: recipe_failed: fusion: no panel answer', costUsd: 0, calls: 0 });
    expect(readReply(200, {}, 'not json', 5, 'small', config)).toMatchObject({ ok: false, text: 'HTTP 200: not json' });
    const spent = readReply(502, { 'x-consilium-cost-usd': '0.000300', 'x-consilium-calls': '3' }, '{"error": {"message": "x", "code": "recipe_failed"}}', 5, 'consilium/fusion', config);
    expect(spent).toMatchObject({ ok: false, costUsd: 0.0003, costSource: 'header', calls: 3 });
  });
});

describe('createGatewayClient', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    servers.length = 0;
  });

  async function serve(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('posts the item to the target with the request id and reads the answer', async () => {
    let seen: { body: unknown; requestId: unknown; path: unknown } | undefined;
    const url = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { body: JSON.parse(Buffer.concat(chunks).toString()), requestId: req.headers['x-request-id'], path: req.url };
        res.writeHead(200, { 'content-type': 'application/json', 'x-consilium-model': 'small' }).end(completion('Answer: 7'));
      });
    });
    const client = createGatewayClient({ gatewayUrl: url, config, connections: 2, timeoutMs: 5000, bodyExtras: { temperature: 0 } });
    const q = item({ id: 'q', answerType: 'number', answer: '7' });
    const reply = await client.send('small', q, 'req-1');
    await client.close();
    expect(seen).toEqual({ body: { temperature: 0, model: 'small', messages: q.messages }, requestId: 'req-1', path: '/v1/chat/completions' });
    expect(reply).toMatchObject({ ok: true, text: 'Answer: 7', model: 'small' });
  });

  it('records a request that outlives its timeout as a failure', async () => {
    const url = await serve(() => undefined);
    const client = createGatewayClient({ gatewayUrl: url, config, connections: 1, timeoutMs: 150 });
    const reply = await client.send('small', item({ id: 'q', answerType: 'exact', answer: 'x' }), 'req-2');
    await client.close().catch(() => undefined);
    expect(reply.ok).toBe(false);
    expect(reply.text).toMatch(/^request failed: /);
  });
});
