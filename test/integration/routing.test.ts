/**
 * Issue 2's end-to-end checks: the openai SDK talks to the Envoy-faithful gateway, which drives Consilium over
 * ext_proc; assertions read the simulated backends' request logs, keyed by request id.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevStack } from '../../src/dev/stack.js';
import { openaiClient, startRoutingStack } from '../support/stack.js';

let stack: DevStack;

beforeAll(async () => {
  process.env.IT_SMALL_KEY = 'sk-it-small';
  process.env.IT_BIG_KEY = 'sk-it-big';
  stack = await startRoutingStack();
});

afterAll(async () => {
  await stack?.close();
});

function withId(): { id: string; headers: Record<string, string> } {
  const id = randomUUID();
  return { id, headers: { 'x-request-id': id } };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') {
  const res = await fetch(`${stack.gatewayUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

describe('routing through the gateway', () => {
  it('auto-routes by keyword, rewriting model, :path and authorization', async () => {
    const { id, headers } = withId();
    const response = await openaiClient(stack, headers)
      .chat.completions.create({ model: 'consilium/auto', messages: [{ role: 'user', content: 'fix my python function' }] })
      .withResponse();
    expect(response.data.choices[0]!.message.content).toContain('[big]');
    expect(response.response.headers.get('x-consilium-decision')).toBe('code');
    expect(response.response.headers.get('x-consilium-model')).toBe('big');
    const [seen] = stack.backends.big!.requestsFor(id);
    expect(seen!.path).toBe('/openai/v1/chat/completions');
    expect((seen!.body as { model: string }).model).toBe('sim-big');
    expect(seen!.headers.authorization).toBe('Bearer sk-it-big');
    expect(stack.backends.small!.requestsFor(id)).toHaveLength(0);
  });

  it('routes a configured model directly, and vLLM Semantic Router aliases to auto', async () => {
    const { id, headers } = withId();
    await openaiClient(stack, headers).chat.completions.create({ model: 'small', messages: [{ role: 'user', content: 'python' }] });
    const [seen] = stack.backends.small!.requestsFor(id);
    expect(seen!.path).toBe('/v1/chat/completions');
    expect((seen!.body as { model: string }).model).toBe('sim-small');
    expect(seen!.headers.authorization).toBe('Bearer sk-it-small');
    const alias = withId();
    await openaiClient(stack, alias.headers).chat.completions.create({ model: 'MoM', messages: [{ role: 'user', content: 'hello' }] });
    expect(stack.backends.small!.requestsFor(alias.id)).toHaveLength(1);
  });

  it('streams: several chunks reach the client before the backend finishes', async () => {
    const { id, headers } = withId();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    stack.backends.small!.setHoldUntil(async (req) => (req.requestId === id ? held : undefined));
    try {
      const stream = await openaiClient(stack, headers).chat.completions.create({
        model: 'small',
        stream: true,
        messages: [{ role: 'user', content: 'tell me a long story about a lighthouse keeper' }],
      });
      const chunks: string[] = [];
      let sawUsage = false;
      for await (const chunk of stream) {
        if (chunk.usage) sawUsage = true;
        const text = chunk.choices[0]?.delta?.content;
        if (text) chunks.push(text);
        // The backend is still holding its last chunk: what we have so far arrived while it was generating.
        if (chunks.length === 3) {
          expect(stack.backends.small!.requestsFor(id)[0]!.endedAt).toBeUndefined();
          release();
        }
      }
      expect(chunks.length).toBeGreaterThan(3);
      // Consilium asked the backend for usage (accounting) but the client did not: the chunk was removed.
      expect(sawUsage).toBe(false);
      expect((stack.backends.small!.requestsFor(id)[0]!.body as { stream_options: unknown }).stream_options).toEqual({ include_usage: true });
    } finally {
      release();
      stack.backends.small!.setHoldUntil(undefined);
    }
  });

  it('lists models, configured and virtual', async () => {
    const models = await openaiClient(stack).models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['small', 'big', 'consilium/auto', 'MoM', 'vllm-sr/auto']));
  });

  it('ignores a spoofed x-consilium-cluster on every path', async () => {
    const spoof = { 'x-consilium-cluster': 'big', 'x-consilium-decision': 'forged' };
    const { id, headers } = withId();
    const routed = await post('/v1/chat/completions', { model: 'small', messages: [{ role: 'user', content: 'hi' }] }, { ...spoof, ...headers });
    expect(routed.status).toBe(200);
    expect(stack.backends.small!.requestsFor(id)).toHaveLength(1);
    expect(stack.backends.big!.requestsFor(id)).toHaveLength(0);
    expect(stack.backends.small!.requestsFor(id)[0]!.headers['x-consilium-decision']).toBeUndefined();
    const auto = withId();
    await post('/v1/chat/completions', { model: 'consilium/auto', messages: [{ role: 'user', content: 'hello' }] }, { ...spoof, ...auto.headers });
    expect(stack.backends.small!.requestsFor(auto.id)).toHaveLength(1);
    const emb = withId();
    const embeddings = await post('/v1/embeddings', { model: 'small', input: 'x' }, { ...spoof, ...emb.headers });
    expect(embeddings.status).toBe(200);
    expect(stack.backends.small!.requestsFor(emb.id)).toHaveLength(1);
    const models = await post('/v1/models', undefined, spoof, 'GET');
    expect(models.status).toBe(200);
    const other = await post('/admin/secret', {}, spoof);
    expect(other.status).toBe(404);
    expect(stack.backends.big!.requests().filter((r) => r.requestId === undefined || r.path.includes('admin'))).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', 'POST', '/v1/chat/completions', 400, '{"model":', 'invalid_json'],
    ['missing messages', 'POST', '/v1/chat/completions', 400, { model: 'small' }, 'invalid_request'],
    ['unknown model', 'POST', '/v1/chat/completions', 404, { model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] }, 'model_not_found'],
    ['body over max_body_bytes', 'POST', '/v1/chat/completions', 413, { model: 'small', messages: [{ role: 'user', content: 'x'.repeat(300_000) }] }, undefined],
    ['unsupported method', 'GET', '/v1/chat/completions', 405, undefined, 'method_not_allowed'],
    ['dead backend', 'POST', '/v1/chat/completions', 503, { model: 'dead', messages: [{ role: 'user', content: 'x' }] }, undefined],
    ['unknown path', 'POST', '/v2/anything', 404, {}, undefined],
  ])('%s (%s %s) → %s, OpenAI-shaped', async (_name, method, path, status, body, code) => {
    const result = await post(path, body, {}, method);
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toMatch(/application\/json/);
    expect(result.json?.error).toMatchObject({ message: expect.any(String), type: expect.any(String) });
    if (code) expect(result.json.error.code).toBe(code);
  });

  it('200 concurrent requests each land on the right backend', async () => {
    const client = openaiClient(stack);
    const ids = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), code: i % 3 === 0 }));
    await Promise.all(
      ids.map(({ id, code }) =>
        client.chat.completions.create(
          { model: 'consilium/auto', messages: [{ role: 'user', content: code ? `python question ${id}` : `hello ${id}` }] },
          { headers: { 'x-request-id': id } },
        ),
      ),
    );
    for (const { id, code } of ids) {
      expect(stack.backends[code ? 'big' : 'small']!.requestsFor(id), id).toHaveLength(1);
      expect(stack.backends[code ? 'small' : 'big']!.requestsFor(id), id).toHaveLength(0);
    }
  });
});
