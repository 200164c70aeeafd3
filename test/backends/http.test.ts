/**
 * The HTTP Backends against scripted node:http servers: the shared contract, then what only a real wire
 * shows (closed connections on abort, keep-alive reuse, headers, credentials, endpoints).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpBackends, type BackendCallEvent, type HttpBackends } from '../../src/backends/http.js';
import { BackendError } from '../../src/errors/index.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { describeBackendsContract, type ContractHarness, type ScriptedAnswer } from './contract.js';
import { modelMap, testModel } from './fixtures.js';
import { okCompletion, startScriptedServer, type ScriptedServer, type ServerReply } from './scripted-server.js';

const FAST_RETRY = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 };
const request: ChatCompletionRequest = { model: 'small', messages: [{ role: 'user', content: 'hi' }] };

function toReply(answer: ScriptedAnswer): ServerReply {
  switch (answer.kind) {
    case 'completion':
      return { json: answer.body };
    case 'status':
      return { status: answer.status, json: { error: { message: answer.message, type: 'invalid_request_error' } } };
    case 'invalid':
      return { text: answer.text };
    case 'hang':
      return { hang: true };
  }
}

describeBackendsContract('http', async (): Promise<ContractHarness> => {
  const server = await startScriptedServer();
  const backends = createHttpBackends({ models: modelMap(testModel('small', server.port), testModel('big', server.port)) }, { retry: FAST_RETRY });
  return {
    backends,
    script: (model, ...answers) => server.script(`/${model}/`, ...answers.map(toReply)),
    received: (model) => server.received.filter((r) => r.path.startsWith(`/${model}/`)).map((r) => r.body),
    close: async () => {
      await backends.close();
      await server.close();
    },
  };
});

describe('http backends on the wire', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  async function setup(
    overrides: Parameters<typeof testModel>[2] = {},
    options: Parameters<typeof createHttpBackends>[1] = {},
  ): Promise<{ server: ScriptedServer; backends: HttpBackends }> {
    const server = await startScriptedServer();
    const backends = createHttpBackends({ models: modelMap(testModel('small', server.port, overrides)) }, { retry: FAST_RETRY, ...options });
    cleanups.push(() => server.close(), () => backends.close());
    return { server, backends };
  }

  it('POSTs to {basePath}/chat/completions', async () => {
    const { server, backends } = await setup({ basePath: '/openai/v1/' });
    await backends.complete('small', request);
    expect(server.received[0]).toMatchObject({ method: 'POST', path: '/openai/v1/chat/completions' });
  });

  it('sends the provider model id, stream false and no stream_options, keeping other fields', async () => {
    const { server, backends } = await setup();
    const streaming = { ...request, model: 'consilium/auto', stream: true, stream_options: { include_usage: true }, temperature: 0.2 };
    await backends.complete('small', streaming);
    const [received] = server.received;
    expect(received?.body).toEqual({ model: 'provider-small', messages: request.messages, stream: false, temperature: 0.2 });
  });

  it('closes the connection the backend sees when the caller aborts', async () => {
    const { server, backends } = await setup();
    server.script('/small/', { hang: true });
    const controller = new AbortController();
    const call = backends.complete('small', request, { signal: controller.signal });
    await server.waitForRequests(1);
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: 'aborted' });
    await server.waitForClosedBeforeAnswer(1);
    expect(server.closedBeforeAnswer).toHaveLength(1);
  });

  it('closes the connection on timeout too, and does not retry past the deadline', async () => {
    const { server, backends } = await setup();
    server.script('/small/', { hang: true });
    await expect(backends.complete('small', request, { timeoutMs: 40 })).rejects.toMatchObject({ kind: 'timeout' });
    await server.waitForClosedBeforeAnswer(1);
    expect(server.received).toHaveLength(1);
  });

  it('reuses one keep-alive socket for sequential calls', async () => {
    const { server, backends } = await setup();
    for (let i = 0; i < 3; i += 1) await backends.complete('small', request);
    const sockets = new Set(server.received.map((r) => r.socketId));
    expect(server.received).toHaveLength(3);
    expect(sockets.size).toBe(1);
  });

  it('sends the key from api_key_env as a Bearer token, read at call time', async () => {
    const env: NodeJS.ProcessEnv = { SMALL_KEY: 'sk-first-secret' };
    const { server, backends } = await setup({ apiKeyEnv: 'SMALL_KEY' }, { env });
    await backends.complete('small', request);
    env.SMALL_KEY = 'sk-rotated-secret';
    await backends.complete('small', request);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer sk-first-secret', 'Bearer sk-rotated-secret']);
  });

  it('sends the key from api_key_file as a Bearer token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consilium-http-key-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'key');
    writeFileSync(file, 'file-secret\n');
    const { server, backends } = await setup({ apiKeyFile: file }, { env: {} });
    await backends.complete('small', request);
    expect(server.received[0]?.headers.authorization).toBe('Bearer file-secret');
  });

  it('sends no authorization header when the env var is unset or the model has no key', async () => {
    const { server, backends } = await setup({ apiKeyEnv: 'UNSET_KEY_FOR_TEST' }, { env: {} });
    await backends.complete('small', request);
    expect(server.received[0]?.headers).not.toHaveProperty('authorization');
  });

  it('propagates x-request-id and traceparent on every attempt', async () => {
    const { server, backends } = await setup();
    server.script('/small/', { status: 502, json: { error: { message: 'bad gateway' } } });
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await backends.complete('small', request, { requestId: 'req-42', traceparent });
    expect(server.received).toHaveLength(2);
    for (const received of server.received) {
      expect(received.headers['x-request-id']).toBe('req-42');
      expect(received.headers.traceparent).toBe(traceparent);
    }
  });

  it('scrubs the key from an upstream error message', async () => {
    const { server, backends } = await setup({ apiKeyEnv: 'K' }, { env: { K: 'sk-very-secret-key' } });
    server.script('/small/', { status: 401, json: { error: { message: 'Incorrect API key provided: sk-very-secret-key' } } });
    const error = await backends.complete('small', request).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', upstreamStatus: 401 });
    expect((error as BackendError).message).toContain('Incorrect API key provided');
    expect((error as BackendError).message).not.toContain('sk-very-secret-key');
    expect(server.received).toHaveLength(1);
  });

  it('never writes the key to the log, even at debug level', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const { server, backends } = await setup({ apiKeyEnv: 'K' }, { env: { K: 'sk-log-canary-123456' }, logger, cooldown: { failures: 1, cooldownMs: 50 } });
    server.script('/small/', { status: 500, json: { error: { message: 'echo sk-log-canary-123456' } } });
    await backends.complete('small', request, { beforeAttempt: () => {} }).catch(() => {});
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('sk-log-canary-123456');
  });

  it('estimates usage when the backend omits it', async () => {
    const { server, backends } = await setup();
    const { usage: _usage, ...noUsage } = okCompletion('a fairly short answer');
    server.script('/small/', { json: noUsage });
    const result = await backends.complete('small', request);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(result.usage.completion_tokens).toBeGreaterThan(0);
    expect(result.usage.total_tokens).toBe(result.usage.prompt_tokens + result.usage.completion_tokens);
  });

  it('rejects an answer larger than maxResponseBytes as invalid_response', async () => {
    const { server, backends } = await setup({}, { maxResponseBytes: 1_000 });
    server.script('/small/', { json: okCompletion('x'.repeat(5_000)) });
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('round-robins over a model’s endpoints', async () => {
    const first = await startScriptedServer(() => ({ json: okCompletion('first') }));
    const second = await startScriptedServer(() => ({ json: okCompletion('second') }));
    const backends = createHttpBackends({ models: modelMap(testModel('small', [first.port, second.port])) }, { retry: FAST_RETRY });
    cleanups.push(() => first.close(), () => second.close(), () => backends.close());
    const contents = [];
    for (let i = 0; i < 4; i += 1) contents.push((await backends.complete('small', request)).content);
    expect(contents).toEqual(['first', 'second', 'first', 'second']);
  });

  it('emits an event per attempt and one per call', async () => {
    const events: BackendCallEvent[] = [];
    const { server, backends } = await setup({}, { onCall: (event) => events.push(event) });
    server.script('/small/', { status: 500, json: { error: { message: 'x' } } });
    await backends.complete('small', request);
    expect(events.map((e) => [e.phase, e.attempt, e.outcome, e.status])).toEqual([
      ['attempt', 1, 'http', 500],
      ['attempt', 2, 'ok', 200],
      ['call', 2, 'ok', 200],
    ]);
    expect(events[2]?.usage).toEqual({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    expect(events.every((e) => e.model === 'small' && e.endpoint === `http://127.0.0.1:${server.port}`)).toBe(true);
  });

  it('sends through fetchImpl when one is given', async () => {
    const urls: string[] = [];
    const { server, backends } = await setup({}, {
      fetchImpl: (url, init) => {
        urls.push(url);
        return fetch(url, init);
      },
    });
    const result = await backends.complete('small', request);
    expect(result.content).toBe('default');
    expect(urls).toEqual([`http://127.0.0.1:${server.port}/small/v1/chat/completions`]);
  });

  it('fails every call after close', async () => {
    const { backends } = await setup();
    await backends.close();
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'connect' });
  });
});
