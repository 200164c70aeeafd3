/**
 * Retries, retry-after and cooldown of the HTTP Backends, observed from scripted servers: which failures are
 * retried, how many requests the servers see, and when calls fail fast without sending anything.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpBackends, type BackendCallEvent, type HttpBackendsOptions } from '../../src/backends/http.js';
import type { ModelConfig } from '../../src/config/types.js';
import { BackendError } from '../../src/errors/index.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { modelMap, testModel } from './fixtures.js';
import { okCompletion, startScriptedServer } from './scripted-server.js';

const request: ChatCompletionRequest = { model: 'small', messages: [{ role: 'user', content: 'hi' }] };
const serverError = { status: 500, json: { error: { message: 'internal' } } };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('http backends: retries and cooldown', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  function backendsFor(models: ModelConfig[], options: HttpBackendsOptions = {}) {
    const backends = createHttpBackends({ models: modelMap(...models) }, { retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 }, ...options });
    cleanups.push(() => backends.close());
    return backends;
  }
  async function server() {
    const s = await startScriptedServer();
    cleanups.push(() => s.close());
    return s;
  }

  it('gives up after maxRetries, with the last HTTP error and one beforeAttempt per request', async () => {
    const s = await server();
    s.script('/small/', serverError, serverError, serverError, { json: okCompletion('too late') });
    const seen: number[] = [];
    const error = await backendsFor([testModel('small', s.port)])
      .complete('small', request, { beforeAttempt: (n) => seen.push(n) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', upstreamStatus: 500, code: 'backend_error' });
    expect(seen).toEqual([1, 2, 3]);
    expect(s.received).toHaveLength(3);
  });

  it('honours a 429 retry-after in seconds before retrying', async () => {
    const s = await server();
    s.script('/small/', { status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'slow down' } } });
    const result = await backendsFor([testModel('small', s.port)]).complete('small', request);
    expect(result.attempts).toBe(2);
    const [first, second] = s.received;
    // Backoff alone is capped at 20 ms here, so a gap near a second can only come from the header.
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(900);
  });

  it('fails at once with the 429 when retry-after exceeds the time left', async () => {
    const s = await server();
    s.script('/small/', { status: 429, headers: { 'retry-after': '30' }, json: { error: { message: 'quota' } } });
    const error = await backendsFor([testModel('small', s.port)])
      .complete('small', request, { timeoutMs: 2_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', upstreamStatus: 429, retryAfterSeconds: 30 });
    expect(s.received).toHaveLength(1);
  });

  it('never retries once the caller aborted during backoff', async () => {
    const s = await server();
    s.script('/small/', { status: 503, headers: { 'retry-after': '2' }, json: { error: { message: 'busy' } } });
    const controller = new AbortController();
    const call = backendsFor([testModel('small', s.port)]).complete('small', request, { signal: controller.signal, timeoutMs: 10_000 });
    await s.waitForRequests(1);
    await sleep(20);
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: 'aborted' });
    await sleep(50);
    expect(s.received).toHaveLength(1);
  });

  it('retries connect errors and reports kind connect (503 backend_unavailable) when all fail', async () => {
    const port = await closedPort();
    const seen: number[] = [];
    const error = await backendsFor([testModel('small', port)])
      .complete('small', request, { beforeAttempt: (n) => seen.push(n) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind: 'connect', code: 'backend_unavailable', status: 503 });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('moves a retry to the next endpoint when one is down', async () => {
    const port = await closedPort();
    const s = await server();
    const result = await backendsFor([testModel('small', [port, s.port])]).complete('small', request);
    expect(result.attempts).toBe(2);
    expect(result.content).toBe('default');
  });

  it('cools a model after N consecutive failures, fails fast without a request, then recovers', async () => {
    const s = await server();
    s.script('/small/', serverError, serverError);
    const events: BackendCallEvent[] = [];
    const backends = backendsFor([testModel('small', s.port)], {
      retry: { maxRetries: 0 },
      cooldown: { failures: 2, cooldownMs: 150 },
      onCall: (event) => events.push(event),
    });
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'http' });
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'http' });

    const seen: number[] = [];
    const cooled = await backends.complete('small', request, { beforeAttempt: (n) => seen.push(n) }).catch((e: unknown) => e);
    expect(cooled).toMatchObject({ kind: 'cooldown', code: 'backend_unavailable', retryAfterSeconds: 1 });
    expect(seen).toEqual([]);
    expect(s.received).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ phase: 'call', outcome: 'cooldown', attempt: 0 });

    await sleep(200);
    const recovered = await backends.complete('small', request);
    expect(recovered.content).toBe('default');
    // The success reset the counter: one new failure does not cool it again.
    s.script('/small/', serverError);
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'http' });
    await expect(backends.complete('small', request)).resolves.toMatchObject({ content: 'default' });
  });

  it('re-cools at the first failure after a cooldown expires (probe)', async () => {
    const s = await server();
    s.script('/small/', serverError, serverError, serverError);
    const backends = backendsFor([testModel('small', s.port)], { retry: { maxRetries: 0 }, cooldown: { failures: 2, cooldownMs: 60 } });
    await backends.complete('small', request).catch(() => {});
    await backends.complete('small', request).catch(() => {});
    await sleep(100);
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'http' });
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'cooldown' });
    expect(s.received).toHaveLength(3);
  });

  it('skips a cooling endpoint while the model has a healthy one', async () => {
    const failing = await startScriptedServer(() => serverError);
    const healthy = await server();
    cleanups.push(() => failing.close());
    const backends = backendsFor([testModel('small', [failing.port, healthy.port])], {
      retry: { maxRetries: 0 },
      cooldown: { failures: 1, cooldownMs: 10_000 },
    });
    await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'http' });
    for (let i = 0; i < 3; i += 1) await expect(backends.complete('small', request)).resolves.toMatchObject({ content: 'default' });
    expect(failing.received).toHaveLength(1);
    expect(healthy.received).toHaveLength(3);
  });

  it('does not count 429 or 4xx toward cooldown', async () => {
    const s = await server();
    const rateLimited = { status: 429, json: { error: { message: 'rate' } } };
    const badRequest = { status: 400, json: { error: { message: 'bad' } } };
    s.script('/small/', rateLimited, badRequest, rateLimited);
    const backends = backendsFor([testModel('small', s.port)], { retry: { maxRetries: 0 }, cooldown: { failures: 2, cooldownMs: 10_000 } });
    for (let i = 0; i < 3; i += 1) await expect(backends.complete('small', request)).rejects.toMatchObject({ kind: 'http' });
    await expect(backends.complete('small', request)).resolves.toMatchObject({ content: 'default' });
  });
});
