/**
 * Issue 4 end to end: every recipe through the gateway with the openai SDK, non-streaming and streaming. Call
 * patterns are asserted on the simulated backends' request logs, keyed by request id.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordedRequest, SimBackend } from '../../src/dev/sim-backend.js';
import type { DevStack } from '../../src/dev/stack.js';
import { startDevStack } from '../../src/dev/stack.js';
import { ensureRandomBert } from '../../src/dev/random-bert.js';
import { messageText, type ChatMessage } from '../../src/openai/types.js';
import { roleResponder } from '../support/role-responder.js';
import { openaiClient } from '../support/stack.js';

function recipesYaml(b: Readonly<Record<string, SimBackend>>, classifierDir: string): string {
  return `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
# A random BERT of real shape stands in for the trained model: these tests are about call patterns.
classifier: { model_dir: ${JSON.stringify(classifierDir)} }
models:
  alpha: { model: prov-alpha, base_url: http://127.0.0.1:${b.alpha!.port}/v1, pricing: { input: 1, output: 1 } }
  beta: { model: prov-beta, base_url: http://127.0.0.1:${b.beta!.port}/v1, pricing: { input: 5, output: 5 } }
  gamma: { model: prov-gamma, base_url: http://127.0.0.1:${b.gamma!.port}/v1, pricing: { input: 20, output: 20 } }
decisions:
  - { name: default, default: true, recipe: auto }
recipes:
  auto: { type: auto, cheap: alpha, strong: gamma }
  confidence: { type: confidence, models: [alpha, gamma], method: avg_logprob, threshold: 0.7 }
  ratings: { type: ratings, candidates: [alpha, beta, gamma] }
  remom: { type: remom, models: [alpha, beta], breadth: [2], synthesis_model: gamma }
  fusion: { type: fusion, panel: [alpha, beta], judge: gamma, finalizer: gamma }
  workflows: { type: workflows, planner: gamma, models: [alpha, beta], finalizer: gamma }
  tight: { type: fusion, panel: [alpha, beta], judge: gamma, finalizer: gamma, budget: { max_cost_usd: 0.0001 } }
budgets: { max_calls: 8, max_total_tokens: 40000, max_cost_usd: 1, deadline_ms: 20000 }
`;
}

const MODEL_NAMES = ['alpha', 'beta', 'gamma', 'prov-alpha', 'prov-beta', 'prov-gamma'];
/** What each backend's plain answers say: no model names, so prompts carrying them can be checked for leaks. */
const LABEL: Record<string, string> = { alpha: 'one', beta: 'two', gamma: 'three' };
let stack: DevStack;
let b: Readonly<Record<string, SimBackend>>;

beforeAll(async () => {
  const classifierDir = await ensureRandomBert('small');
  stack = await startDevStack({
    adminPort: false,
    backends: { alpha: {}, beta: {}, gamma: {} },
    configYaml: (backends) => recipesYaml(backends, classifierDir),
  });
  b = stack.backends;
});
afterAll(async () => stack?.close());
afterEach(() => {
  for (const [name, sim] of Object.entries(b)) {
    sim.setResponder(roleResponder(LABEL[name]!));
    sim.setHoldUntil(undefined);
  }
});

function calls(id: string): { model: string; req: RecordedRequest }[] {
  return Object.entries(b)
    .flatMap(([model, sim]) => sim.requestsFor(id).map((req) => ({ model, req })))
    .sort((x, y) => x.req.startedAt - y.req.startedAt);
}

async function ask(model: string, content: string, extra: Record<string, unknown> = {}) {
  const id = randomUUID();
  const result = await openaiClient(stack, { 'x-request-id': id })
    .chat.completions.create({ model, messages: [{ role: 'user', content }], ...extra } as never)
    .withResponse();
  return { id, data: result.data as any, headers: result.response.headers };
}

async function askStream(model: string, content: string, extra: Record<string, unknown> = {}) {
  const id = randomUUID();
  const stream = (await openaiClient(stack, { 'x-request-id': id }).chat.completions.create({
    model,
    stream: true,
    messages: [{ role: 'user', content }],
    ...extra,
  } as never)) as unknown as AsyncIterable<any>;
  const chunks: any[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
  return { id, chunks, text };
}

function promptText(req: RecordedRequest): string {
  return ((req.body as { messages: ChatMessage[] }).messages ?? []).map(messageText).join('\n');
}

beforeAll(() => {
  for (const [name, sim] of Object.entries(b)) sim.setResponder(roleResponder(LABEL[name]!));
});

describe('recipes through the gateway', () => {
  it('fusion: panel in parallel, judge, finalizer; prompts to judge and finalizer name no model', async () => {
    const { id, data, headers } = await ask('consilium/fusion', 'Is it safe to mix bleach and vinegar?');
    const seen = calls(id);
    expect(seen.map((c) => c.model)).toEqual(expect.arrayContaining(['alpha', 'beta']));
    expect(seen.map((c) => c.model).slice(2)).toEqual(['gamma', 'gamma']);
    expect(seen).toHaveLength(4);
    for (const { req } of seen.slice(2)) for (const name of MODEL_NAMES) expect(promptText(req)).not.toContain(name);
    expect(data.choices[0].message.content).toBe('answer from three');
    expect(headers.get('x-consilium-recipe')).toBe('fusion');
    expect(headers.get('x-consilium-calls')).toBe('4');
    expect(headers.get('x-consilium-models-used')).toBe('alpha,beta,gamma');
    expect(Number(headers.get('x-consilium-cost-usd'))).toBeGreaterThan(0);
    expect(data.usage.total_tokens).toBe(Number(headers.get('x-consilium-tokens')));
  });

  it('fusion streaming: the finalizer is tail-called through Envoy and streams real tokens', async () => {
    const { id, chunks, text } = await askStream('consilium/fusion', 'Is it safe to mix bleach and vinegar?');
    const seen = calls(id);
    expect(seen).toHaveLength(4);
    const final = seen[3]!;
    expect(final.model).toBe('gamma');
    expect((final.req.body as { stream: boolean }).stream).toBe(true);
    expect(seen.slice(0, 3).every((c) => (c.req.body as { stream?: boolean }).stream !== true)).toBe(true);
    expect(text).toBe('answer from three');
    expect(chunks.length).toBeGreaterThan(3);
  });

  it('streaming tail-call: the first token reaches the client before the final model finishes (TTFT)', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    b.gamma!.setResponder(roleResponder(LABEL.gamma!, { answer: 'one two three four five six seven eight' }));
    b.gamma!.setHoldUntil(async (req) => ((req.body as { stream?: boolean }).stream ? held : undefined));
    const id = randomUUID();
    const stream = (await openaiClient(stack, { 'x-request-id': id }).chat.completions.create({
      model: 'consilium/fusion',
      stream: true,
      messages: [{ role: 'user', content: 'question' }],
    })) as unknown as AsyncIterable<any>;
    let first: string | undefined;
    let rest = '';
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta?.content;
      if (!piece) continue;
      if (first === undefined) {
        first = piece;
        // The final backend still holds its last chunk: the token we hold came from a live stream.
        const final = b.gamma!.requestsFor(id).find((r) => (r.body as { stream?: boolean }).stream);
        expect(final?.endedAt).toBeUndefined();
        release();
      } else rest += piece;
    }
    expect(first! + rest).toBe('one two three four five six seven eight');
  });

  it('confidence: accepts a confident cheap answer, escalates an unsure one', async () => {
    b.alpha!.setResponder(roleResponder(LABEL.alpha!, { logprob: -0.05 }));
    const sure = await ask('consilium/confidence', 'What is 2+2?');
    expect(calls(sure.id).map((c) => c.model)).toEqual(['alpha']);
    expect((calls(sure.id)[0]!.req.body as { logprobs: boolean }).logprobs).toBe(true);
    expect(sure.data.choices[0].message.content).toBe('answer from one');
    expect(sure.data.choices[0].logprobs ?? null).toBeNull();

    b.alpha!.setResponder(roleResponder(LABEL.alpha!, { logprob: -2 }));
    const unsure = await ask('consilium/confidence', 'What is 2+2?');
    expect(calls(unsure.id).map((c) => c.model)).toEqual(['alpha', 'gamma']);
    expect(unsure.data.choices[0].message.content).toBe('answer from three');
    expect(unsure.headers.get('x-consilium-calls')).toBe('2');

    const streamed = await askStream('consilium/confidence', 'What is 2+2?');
    const pattern = calls(streamed.id);
    expect(pattern.map((c) => c.model)).toEqual(['alpha', 'gamma']);
    expect((pattern[1]!.req.body as { stream: boolean }).stream).toBe(true);
    expect(streamed.text).toBe('answer from three');
  });

  it('ratings: every candidate once, one aggregated answer; streamed as SSE with the usage chunk when asked', async () => {
    const { id, data } = await ask('consilium/ratings', 'Name a prime number.');
    expect(calls(id).map((c) => c.model).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(data.choices).toHaveLength(1);
    const streamed = await askStream('consilium/ratings', 'Name a prime number.', { stream_options: { include_usage: true } });
    expect(calls(streamed.id)).toHaveLength(3);
    expect(streamed.chunks[0].choices[0].delta.role).toBe('assistant');
    expect(streamed.chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
    expect(streamed.chunks.at(-2).choices[0].finish_reason).toBe('stop');
  });

  it('remom: one round of two, then the synthesis; the synthesis sees numbered references', async () => {
    const { id } = await ask('consilium/remom', 'Explain tides.');
    const seen = calls(id);
    expect(seen.map((c) => c.model)).toEqual(expect.arrayContaining(['alpha', 'beta']));
    expect(seen.at(-1)!.model).toBe('gamma');
    expect(seen).toHaveLength(3);
    expect(promptText(seen.at(-1)!.req)).toContain('Reference 1');
    const streamed = await askStream('consilium/remom', 'Explain tides.');
    expect((calls(streamed.id).at(-1)!.req.body as { stream: boolean }).stream).toBe(true);
  });

  it('workflows: planner, the planned steps in order, finalizer', async () => {
    const { id, headers } = await ask('consilium/workflows', 'Write a short report on bees.');
    expect(calls(id).map((c) => c.model)).toEqual(['gamma', 'alpha', 'beta', 'gamma']);
    expect(headers.get('x-consilium-calls')).toBe('4');
    const planner = calls(id)[0]!;
    for (const name of MODEL_NAMES) expect(promptText(planner.req)).not.toContain(name);
  });

  it('auto: an easy request is routed to the cheap model as a plain route, with the reason', async () => {
    const { id, headers } = await ask('consilium/auto', 'hi there!');
    expect(calls(id).map((c) => c.model)).toEqual(['alpha']);
    expect(headers.get('x-consilium-reason')).toBeTruthy();
    expect(headers.get('x-consilium-model')).toBe('alpha');
  });

  it('a tool call round trip through the fusion finalizer: panel calls carry no tools, the final one does', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    b.gamma!.setResponder(({ body }) =>
      Array.isArray(body.tools) && !(body.messages as ChatMessage[]).some((m) => m.role === 'tool')
        ? { content: null, toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }
        : roleResponder(LABEL.gamma!)({ body, headers: {}, path: '' }),
    );
    const first = await ask('consilium/fusion', 'Weather in Oslo?', { tools });
    const seen = calls(first.id);
    expect(seen.slice(0, 3).every((c) => (c.req.body as { tools?: unknown }).tools === undefined)).toBe(true);
    expect((seen[3]!.req.body as { tools: unknown }).tools).toEqual(tools);
    const call = first.data.choices[0].message.tool_calls[0];
    expect(call.function.name).toBe('get_weather');
    expect(first.data.choices[0].finish_reason).toBe('tool_calls');
    const second = await openaiClient(stack).chat.completions.create({
      model: 'consilium/fusion',
      tools: tools as never,
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temp": 3}' },
      ],
    });
    expect(second.choices[0]!.message.content).toBe('answer from three');
  });

  it('a budget that cannot afford the calls stops before them and says why', async () => {
    const id = randomUUID();
    const res = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify({ model: 'consilium/tight', messages: [{ role: 'user', content: 'question' }] }),
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(calls(id)).toHaveLength(0);
    expect(res.status).toBe(502);
    expect(body.error.code).toBe('recipe_failed');
  });

  it('a client that goes away mid-recipe aborts the backend calls Consilium started', async () => {
    b.gamma!.setFaults({ hang: true });
    try {
      const id = randomUUID();
      const controller = new AbortController();
      const request = fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
        body: JSON.stringify({ model: 'consilium/ratings', messages: [{ role: 'user', content: 'question' }] }),
        signal: controller.signal,
      }).catch(() => undefined);
      await vi.waitFor(() => expect(b.gamma!.requestsFor(id)).toHaveLength(1));
      const abortedAt = Date.now();
      controller.abort();
      await request;
      // Envoy (the gateway) cancels the ext_proc stream; Consilium aborts the hanging backend call. The
      // budget deadline (20 s) would end it too, so it must end well before that to count as the abort.
      const ended = await b.gamma!.whenEnded(id);
      expect(ended.aborted).toBe(true);
      expect(ended.endedAt! - abortedAt).toBeLessThan(10_000);
    } finally {
      b.gamma!.setFaults({});
    }
  });

  it('a recipe with no answer at all is an OpenAI-shaped 502 naming the stage', async () => {
    for (const sim of Object.values(b)) sim.setFaults({ status: 500 });
    try {
      const res = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'consilium/fusion', messages: [{ role: 'user', content: 'question' }] }),
      });
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status).toBe(502);
      expect(body.error.code).toBe('recipe_failed');
      expect(body.error.message).toMatch(/panel/);
    } finally {
      for (const sim of Object.values(b)) sim.setFaults({});
    }
  });
});
