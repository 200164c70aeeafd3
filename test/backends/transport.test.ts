/** Both transports against a scripted server: bodies, headers, size cap, and the fetch variant's abort. */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTransport, poolTransport, type Transport } from '../../src/backends/transport.js';
import { okCompletion, startScriptedServer, type ScriptedServer } from './scripted-server.js';

describe.each([
  ['pool', () => poolTransport({ maxResponseBytes: 2_000, keepAliveTimeoutMs: 1_000 })],
  ['fetch', () => fetchTransport(fetch, 2_000)],
])('%s transport', (_name, make: () => Transport) => {
  let server: ScriptedServer;
  let transport: Transport;
  afterEach(async () => {
    await transport.close();
    await server.close();
  });
  const send = (signal = new AbortController().signal) =>
    transport.send({ origin: `http://127.0.0.1:${server.port}`, path: '/v1/chat/completions', headers: { 'x-test': 'yes' }, body: '{"a":1}', signal });

  it('posts the body and headers and returns status, headers and text', async () => {
    server = await startScriptedServer(() => ({ status: 201, json: okCompletion('hi'), headers: { 'retry-after': '3' } }));
    transport = make();
    const response = await send();
    expect(response.status).toBe(201);
    expect(response.header('Retry-After')).toBe('3');
    expect(JSON.parse(response.body)).toMatchObject({ choices: [{ message: { content: 'hi' } }] });
    expect(response.truncated).toBe(false);
    expect(server.received[0]).toMatchObject({ method: 'POST', body: { a: 1 } });
    expect(server.received[0]?.headers['x-test']).toBe('yes');
  });

  it('cuts off a body over the cap', async () => {
    server = await startScriptedServer(() => ({ text: 'y'.repeat(10_000) }));
    transport = make();
    const response = await send();
    expect(response.truncated).toBe(true);
    expect(response.body).toBe('');
  });

  it('rejects and closes the connection when aborted', async () => {
    server = await startScriptedServer(() => ({ hang: true }));
    transport = make();
    const controller = new AbortController();
    const pending = send(controller.signal);
    await server.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toBeDefined();
    await server.waitForClosedBeforeAnswer(1);
  });
});
