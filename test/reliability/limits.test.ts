/**
 * Issue 7, limits: each enforced through the gateway with an OpenAI-shaped error. Body size (Consilium's limit
 * and Envoy's buffer), message count, the prompt token estimate, gRPC message sizes in both directions (our
 * server's limits and the generated Envoy config's), and the recipe concurrency limit, which answers 429 with
 * retry-after while routing keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { grpcMessageLimit } from '../../src/cli/server-app.js';
import type { SimBackend } from '../../src/dev/sim-backend.js';
import { startDevStack, type DevStack } from '../../src/dev/stack.js';
import { readGatewayView } from '../../src/envoy/view.js';
import { roleResponder } from '../support/role-responder.js';

const MAX_BODY = 65_536;
/** Answers this long make a synthesized completion larger than the 4 MiB gRPC limit this config gets. */
const HUGE_ANSWER = 'lorem ipsum '.repeat(400_000);
const LARGE_ANSWER = 'lorem ipsum '.repeat(250_000);

function limitsYaml(b: Readonly<Record<string, SimBackend>>): string {
  return `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, max_body_bytes: ${MAX_BODY}, max_messages: 20, max_prompt_tokens: 2000, max_concurrent_recipes: 2 }
models:
  small: { model: sim-small, base_url: http://127.0.0.1:${b.small!.port}/v1 }
  big: { model: sim-big, base_url: http://127.0.0.1:${b.big!.port}/v1 }
decisions:
  - { name: default, default: true, model: small }
recipes:
  fusion: { type: fusion, panel: [small, big], judge: big, finalizer: big }
  ratings: { type: ratings, candidates: [small] }
budgets: { max_total_tokens: 50000000, max_calls: 8 }
`;
}

let stack: DevStack;
const agent = new Agent({ connections: 64 });

beforeAll(async () => {
  stack = await startDevStack({ adminPort: false, backends: { small: {}, big: {} }, configYaml: limitsYaml });
});
afterAll(async () => {
  await agent.close();
  await stack?.close();
});

async function post(body: string | Record<string, unknown>): Promise<{ status: number; headers: Record<string, unknown>; json: any }> {
  const response = await request(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: the assertion on the error shape says so */
  }
  return { status: response.statusCode, headers: response.headers, json };
}

function expectOpenAIError(seen: { status: number; json: any }, status: number, code: string): void {
  expect(seen.status).toBe(status);
  expect(Object.keys(seen.json?.error ?? {}).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(seen.json.error.code).toBe(code);
  expect(typeof seen.json.error.message).toBe('string');
}

const chat = (content: string, model = 'consilium/auto', extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content }], ...extra });

describe('request limits', () => {
  it('body size: Consilium answers 413 past max_body_bytes, Envoy past its buffer', async () => {
    const justOver = JSON.stringify(chat('x'.repeat(MAX_BODY)));
    expectOpenAIError(await post(justOver), 413, 'body_too_large');
    const overBuffer = JSON.stringify(chat('x'.repeat(MAX_BODY * 3)));
    expectOpenAIError(await post(overBuffer), 413, 'body_too_large');
    const atLimit = JSON.stringify(chat('x'.repeat(MAX_BODY - 200)));
    expect((await post(atLimit)).status).toBe(400); // within the body limit, over the token limit: the next check
  });

  it('message count past max_messages → 400 too_many_messages', async () => {
    const messages = Array.from({ length: 21 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: 'm' }));
    const seen = await post({ model: 'consilium/auto', messages });
    expectOpenAIError(seen, 400, 'too_many_messages');
    expect(seen.json.error.param).toBe('messages');
    expect((await post({ model: 'consilium/auto', messages: messages.slice(0, 19) })).status).toBe(200);
  });

  it('prompt token estimate past max_prompt_tokens → 400 context_length_exceeded', async () => {
    expectOpenAIError(await post(chat('word '.repeat(2_000))), 400, 'context_length_exceeded');
    expect((await post(chat('word '.repeat(1_000)))).status).toBe(200);
  });
});

describe('gRPC message size, both directions', () => {
  it('is configured on our side and in the generated Envoy config so that neither can refuse the other', () => {
    const view = readGatewayView(stack.bootstrap);
    const ours = grpcMessageLimit(stack.config);
    // Envoy → Consilium: every body Envoy's buffer admits, plus headers, fits in a message we accept.
    expect(ours).toBeGreaterThanOrEqual(view.listener.bufferLimitBytes! + 64 * 1024);
    // Consilium → Envoy: every answer we may send (up to our send limit) fits in what Envoy accepts.
    expect(view.extProc!.maxReceiveMessageBytes).toBeGreaterThanOrEqual(ours);
  });

  it('a synthesized answer near the limit arrives whole; one past it gets a clean OpenAI error, not a broken stream', async () => {
    stack.backends.big!.setResponder(roleResponder('big', { answer: LARGE_ANSWER }));
    try {
      // The simulated backends stop at max_tokens: allow answers of any length.
      const long = { max_tokens: 10_000_000 };
      const large = await post(chat('hello', 'consilium/fusion', long));
      expect(large.status).toBe(200);
      expect(large.json.choices[0].message.content).toBe(LARGE_ANSWER);
      stack.backends.big!.setResponder(roleResponder('big', { answer: HUGE_ANSWER }));
      const huge = await post(chat('hello', 'consilium/fusion', long));
      expectOpenAIError(huge, 502, 'backend_error');
      expect(huge.json.error.message).toMatch(/too large/);
      // The server is unharmed: the next request is answered.
      expect((await post(chat('hello'))).status).toBe(200);
    } finally {
      stack.backends.big!.setResponder(undefined);
    }
  });
});

describe('concurrent recipes', () => {
  it('past max_concurrent_recipes: 429 with retry-after, while routing requests still succeed', async () => {
    // Recipe calls (the ratings candidate) hold for a while; routed requests answer at once.
    stack.backends.small!.setResponder(({ body }) => ((body.messages as { content: string }[])[0]!.content === 'slow' ? { content: 'late', delayMs: 1_500 } : { content: 'fast' }));
    try {
      const recipes = Array.from({ length: 6 }, () => post(chat('slow', 'consilium/ratings')));
      const recipeSlots = stack.app.runtime().pipeline.deps.recipeSlots;
      await expect.poll(() => recipeSlots.inFlight).toBe(2);
      const routed = await Promise.all(Array.from({ length: 20 }, () => post(chat('hello', 'small'))));
      expect(recipeSlots.inFlight).toBe(2);
      expect(routed.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
      const answered = await Promise.all(recipes);
      const rejected = answered.filter((r) => r.status === 429);
      expect(answered.filter((r) => r.status === 200)).toHaveLength(2);
      expect(rejected).toHaveLength(4);
      for (const r of rejected) {
        expectOpenAIError(r, 429, 'too_many_recipes');
        expect(r.json.error.type).toBe('rate_limit_error');
        expect(r.headers['retry-after']).toBe('1');
      }
    } finally {
      stack.backends.small!.setResponder(undefined);
    }
  });
});
