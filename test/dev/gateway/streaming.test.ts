import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessingRequest } from '../../../src/extproc/messages.js';
import { answer, phaseOf, setHeader, type Script } from './fake-ext-proc.js';
import { postChat, startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Routes by the body's model like Consilium: known clusters go upstream, anything else gets a 404 reply. */
const routeByModel: Script = (message: ProcessingRequest) => {
  if (phaseOf(message) !== 'request_body') return answer(message);
  const model = (JSON.parse(Buffer.from(message.request_body?.body ?? []).toString('utf8')) as { model: string }).model;
  if (model !== 'small') {
    const body = { error: { message: `The model '${model}' does not exist`, type: 'not_found_error', param: 'model', code: 'model_not_found' } };
    return {
      immediate_response: {
        status: { code: 404 },
        headers: { set_headers: setHeader('content-type', 'application/json') },
        body: Buffer.from(JSON.stringify(body)),
      },
    };
  }
  return answer(message, { header_mutation: { set_headers: setHeader('x-consilium-cluster', model, 'OVERWRITE_IF_EXISTS_OR_ADD') }, clear_route_cache: true });
};

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: { value: string }, needle: string): Promise<void> {
  const decoder = new TextDecoder();
  while (!text.value.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${needle}`);
    text.value += decoder.decode(value);
  }
}

describe('gateway streaming', () => {
  it('passes SSE through chunk by chunk: the client sees early chunks before the backend finishes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    harness = await startHarness({ script: routeByModel, backends: { small: { respond: () => ({ content: 'alpha beta omega' }), holdUntil: () => held } } });
    const res = await postChat(harness.gateway, { stream: true }, { 'x-request-id': 'sse-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const text = { value: '' };
    await readUntil(reader, text, '" beta"');
    expect(text.value).not.toContain('omega');
    expect(harness.backends.small?.requestsFor('sse-1')[0]?.endedAt).toBeUndefined();
    release();
    await readUntil(reader, text, '[DONE]');
    expect(text.value).toContain('" omega"');
  });

  it('aborts the upstream and cancels the ext_proc stream when the client disconnects', async () => {
    harness = await startHarness({ script: routeByModel, backends: { small: { faults: { hang: true } } } });
    const controller = new AbortController();
    const pending = fetch(`${harness.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'gone-1' },
      body: JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    const sim = harness.backends.small!;
    await expect.poll(() => sim.requestsFor('gone-1').length).toBe(1);
    controller.abort();
    await pending;
    expect((await sim.whenEnded('gone-1')).aborted).toBe(true);
    await expect.poll(() => harness?.extProc.streams[0]?.cancelled).toBe(true);
  });

  it('aborts a streaming upstream when the client leaves mid-stream', async () => {
    harness = await startHarness({ script: routeByModel, backends: { small: { respond: () => ({ content: 'w '.repeat(200) }), chunkDelayMs: 5 } } });
    const controller = new AbortController();
    const res = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'mid-1' },
      body: JSON.stringify({ model: 'small', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    });
    await readUntil(res.body!.getReader(), { value: '' }, '"w"');
    controller.abort();
    const record = await harness.backends.small!.whenEnded('mid-1');
    expect(record.aborted).toBe(true);
  });
});

describe('gateway with the official OpenAI SDK', () => {
  it('serves completions, streams with usage, and surfaces processor errors as SDK errors', async () => {
    harness = await startHarness({ script: routeByModel, backends: { small: { respond: () => ({ content: 'Hello from small' }) } } });
    const client = new OpenAI({ baseURL: `${harness.gateway.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });

    const completion = await client.chat.completions.create({ model: 'small', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from small');
    expect(completion.usage?.completion_tokens).toBe(3);

    const stream = await client.chat.completions.create({ model: 'small', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    let content = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe('Hello from small');
    expect(usage?.total_tokens).toBeGreaterThan(0);

    const missing = await client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const sent = harness.backends.small?.requests()[0];
    expect(sent?.headers.authorization).toBe('Bearer sk-test');
  });
});

describe('gateway upstream failures mid-response', () => {
  it('resets the client connection when the upstream resets mid-body, and ends cleanly on a truncated SSE', async () => {
    harness = await startHarness({ script: routeByModel, backends: { small: { respond: () => ({ content: 'one two three four five six seven' }) } } });
    const sim = harness.backends.small!;
    sim.setFaults({ resetAfterBytes: 60 });
    const reset = await postChat(harness.gateway, { stream: true });
    expect(reset.status).toBe(200);
    await expect(reset.text()).rejects.toThrow();

    sim.setFaults({ truncateSse: true });
    const truncated = await postChat(harness.gateway, { stream: true });
    const text = await truncated.text();
    expect(text).toContain('data: ');
    expect(text).not.toContain('[DONE]');
  });
});
