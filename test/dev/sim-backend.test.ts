import { afterEach, describe, expect, it } from 'vitest';
import { embeddingVector } from '../../src/dev/sim/endpoints.js';
import { startSimBackend, type SimBackend } from '../../src/dev/sim-backend.js';

const started: SimBackend[] = [];
async function backend(options: Parameters<typeof startSimBackend>[0] = {}): Promise<SimBackend> {
  const sim = await startSimBackend(options);
  started.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
});

function chat(sim: SimBackend, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello there' }], ...body }),
  });
}

/** Parsed `data:` payloads of an SSE body, [DONE] kept as the string. */
function sseData(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice(6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}

interface Chunk {
  choices: { delta: { role?: string; content?: string; tool_calls?: unknown[] }; finish_reason: string | null; logprobs: unknown }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

describe('sim backend: chat completions', () => {
  it('answers JSON with the backend name, the echoed model and char/4 usage', async () => {
    const sim = await backend({ name: 'small' });
    const res = await chat(sim, { messages: [{ role: 'user', content: 'abcdefghijklmnop' }] }, { 'x-request-id': 'r-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sim-backend')).toBe('small');
    const body = (await res.json()) as { model: string; object: string; choices: { message: { content: string }; finish_reason: string }[]; usage: Record<string, number> };
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('m');
    expect(body.choices[0]?.message.content).toBe('[small] You said: abcdefghijklmnop');
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(body.usage.prompt_tokens).toBe(4);
    expect(body.usage.completion_tokens).toBe(4);
    expect(body.usage.total_tokens).toBe(8);
  });

  it('streams role, content, finish and [DONE] without a usage chunk unless include_usage', async () => {
    const sim = await backend({ name: 'small', respond: () => ({ content: 'one two three' }) });
    const events = sseData(await (await chat(sim, { stream: true })).text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as Chunk[];
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks.slice(1, 4).map((c) => c.choices[0]?.delta.content)).toEqual(['one', ' two', ' three']);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);

    const withUsage = sseData(await (await chat(sim, { stream: true, stream_options: { include_usage: true } })).text());
    const usageChunk = withUsage.at(-2) as Chunk;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage?.completion_tokens).toBe(3);
    expect((withUsage.slice(0, -2) as Chunk[]).every((c) => c.usage === null)).toBe(true);
  });

  it('returns token logprobs with top_logprobs sorted desc and the requested mean', async () => {
    const sim = await backend({ respond: () => ({ content: 'alpha beta gamma delta', logprobs: -0.5 }) });
    const res = await chat(sim, { logprobs: true, top_logprobs: 3 });
    const body = (await res.json()) as { choices: { logprobs: { content: { token: string; logprob: number; top_logprobs: { token: string; logprob: number }[] }[] } }[] };
    const tokens = body.choices[0]!.logprobs.content;
    expect(tokens.map((t) => t.token).join('')).toBe('alpha beta gamma delta');
    const mean = tokens.reduce((sum, t) => sum + t.logprob, 0) / tokens.length;
    expect(mean).toBeCloseTo(-0.5, 9);
    for (const token of tokens) {
      expect(token.logprob).toBeLessThanOrEqual(0);
      expect(token.top_logprobs).toHaveLength(3);
      expect(token.top_logprobs[0]).toMatchObject({ token: token.token, logprob: token.logprob });
      const values = token.top_logprobs.map((t) => t.logprob);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
    }
    const streamed = sseData(await (await chat(sim, { stream: true, logprobs: true, top_logprobs: 2 })).text()) as Chunk[];
    const content = streamed.filter((c) => c !== ('[DONE]' as unknown) && c.choices[0]?.delta.content);
    expect(content.every((c) => (c.choices[0]?.logprobs as { content: unknown[] }).content.length === 1)).toBe(true);
  });

  it('calls tools only when the request declares tools, and caps tokens with finish_reason length', async () => {
    const sim = await backend({ respond: () => ({ toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] }) });
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    const withTools = (await (await chat(sim, { tools })).json()) as { choices: { message: { content: unknown; tool_calls: { function: { name: string; arguments: string } }[] }; finish_reason: string }[] };
    expect(withTools.choices[0]?.finish_reason).toBe('tool_calls');
    expect(withTools.choices[0]?.message.content).toBeNull();
    expect(withTools.choices[0]?.message.tool_calls[0]?.function).toEqual({ name: 'lookup', arguments: '{"q":"x"}' });
    const without = (await (await chat(sim, {})).json()) as { choices: { message: { tool_calls?: unknown }; finish_reason: string }[] };
    expect(without.choices[0]?.message.tool_calls).toBeUndefined();
    expect(without.choices[0]?.finish_reason).toBe('stop');

    sim.setResponder(() => ({ content: 'a b c d e f' }));
    const capped = (await (await chat(sim, { max_tokens: 2 })).json()) as { choices: { message: { content: string }; finish_reason: string }[]; usage: { completion_tokens: number } };
    expect(capped.choices[0]?.message.content).toBe('a b');
    expect(capped.choices[0]?.finish_reason).toBe('length');
    expect(capped.usage.completion_tokens).toBe(2);
  });

  it('rejects a body that is not JSON with an OpenAI-shaped 400', async () => {
    const sim = await backend();
    const res = await fetch(`${sim.baseURL}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});

describe('sim backend: faults', () => {
  it('answers a status override with retry-after, for the next N requests only', async () => {
    const sim = await backend({ faults: { status: 429, retryAfterSeconds: 3, times: 1 } });
    const first = await chat(sim, {});
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(((await first.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
    expect((await chat(sim, {})).status).toBe(200);
  });

  it('draws the error rate from the seed: same seed, same sequence', async () => {
    const statuses = async (seed: number): Promise<number[]> => {
      const sim = await backend({ seed, faults: { errorRate: 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await chat(sim, {})).status);
      return out;
    };
    const a = await statuses(7);
    expect(await statuses(7)).toEqual(a);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it('hangs until the client aborts, and records the abort', async () => {
    const sim = await backend({ faults: { hang: true } });
    const controller = new AbortController();
    const pending = chat(sim, {}, { 'x-request-id': 'hang-1' });
    const aborting = fetch(`${sim.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'hang-2' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await expect.poll(() => sim.requestsFor('hang-2').length).toBe(1);
    controller.abort();
    expect(await aborting).toBeInstanceOf(Error);
    const record = await sim.whenEnded('hang-2');
    expect(record.aborted).toBe(true);
    expect(record.status).toBeUndefined();
    sim.setFaults({});
    void pending.catch(() => undefined);
  });

  it('resets the connection mid-body, truncates SSE without [DONE], and sends invalid JSON', async () => {
    const sim = await backend({ respond: () => ({ content: 'one two three four five six' }) });
    sim.setFaults({ resetAfterBytes: 40 });
    const reset = await chat(sim, {}, { 'x-request-id': 'reset-1' });
    expect(reset.status).toBe(200);
    await expect(reset.text()).rejects.toThrow();
    expect((await sim.whenEnded('reset-1')).aborted).toBe(false);

    sim.setFaults({ truncateSse: true });
    const truncated = sseData(await (await chat(sim, { stream: true })).text());
    expect(truncated).not.toContain('[DONE]');
    expect((truncated as Chunk[]).some((c) => c.choices[0]?.finish_reason)).toBe(false);

    sim.setFaults({ invalidJson: true });
    const invalid = await chat(sim, {});
    expect(invalid.status).toBe(200);
    await expect(invalid.json()).rejects.toThrow();
  });
});

describe('sim backend: request log and hold', () => {
  it('logs each request by x-request-id with lower-case headers and the parsed body', async () => {
    const sim = await backend();
    await (await chat(sim, { temperature: 0.5 }, { 'X-Request-Id': 'abc', 'X-Custom': 'v' })).text();
    await (await chat(sim, {}, { 'x-request-id': 'other' })).text();
    const [record] = sim.requestsFor('abc');
    expect(record?.method).toBe('POST');
    expect(record?.path).toBe('/v1/chat/completions');
    expect(record?.headers['x-custom']).toBe('v');
    expect((record?.body as { temperature: number }).temperature).toBe(0.5);
    expect(record?.status).toBe(200);
    expect(record?.aborted).toBe(false);
    expect(record?.endedAt).toBeGreaterThanOrEqual(record?.startedAt ?? Infinity);
    expect(sim.requests()).toHaveLength(2);
    sim.clear();
    expect(sim.requests()).toHaveLength(0);
  });

  it('holds back the last content chunk until released', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sim = await backend({ respond: () => ({ content: 'first second last' }), holdUntil: () => held });
    const res = await chat(sim, { stream: true });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(' second')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).not.toContain(' last');
    release();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain(' last');
    expect(text).toContain('[DONE]');
  });
});

describe('sim backend: other endpoints', () => {
  it('lists models, completes text, embeds deterministically, and serves under a base path', async () => {
    const sim = await backend({ name: 'emb', models: ['a', 'b'], basePath: '/openai' });
    expect(sim.baseURL).toBe(`${sim.url}/openai/v1`);
    const models = (await (await fetch(`${sim.baseURL}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(['a', 'b']);
    expect((await fetch(`${sim.url}/v1/models`)).status).toBe(200);

    const completion = (await (await fetch(`${sim.baseURL}/completions`, { method: 'POST', body: JSON.stringify({ model: 'a', prompt: 'hi' }) })).json()) as { choices: { text: string }[] };
    expect(completion.choices[0]?.text).toBe('[emb] You said: hi');

    const embed = async (body: Record<string, unknown>): Promise<{ data: { embedding: number[] | string }[] }> =>
      (await (await fetch(`${sim.baseURL}/embeddings`, { method: 'POST', body: JSON.stringify({ model: 'a', ...body }) })).json()) as { data: { embedding: number[] | string }[] };
    const floats = await embed({ input: ['x', 'y'], dimensions: 8 });
    const vector = floats.data[0]?.embedding as number[];
    expect(vector).toHaveLength(8);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    expect(vector).toEqual(embeddingVector('x', 8));
    expect(floats.data[1]?.embedding).not.toEqual(vector);
    const encoded = await embed({ input: 'x', dimensions: 8, encoding_format: 'base64' });
    const decoded = new Float32Array(Uint8Array.from(Buffer.from(encoded.data[0]?.embedding as string, 'base64')).buffer);
    expect([...decoded].map((v) => Number(v.toFixed(5)))).toEqual(vector.map((v) => Number(v.toFixed(5))));
    expect((await fetch(`${sim.baseURL}/nope`)).status).toBe(404);
  });
});
