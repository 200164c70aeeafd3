/**
 * The gateway on the bootstrap `consilium envoy` generates for the demo config, with a scripted processor: the
 * generated routes (header-gated backend paths), retry policy and local_reply_config must behave as in Envoy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src/config/load.js';
import { demoConfigYaml } from '../../../src/dev/demo-config.js';
import { gatewayOptionsFromBootstrap, startGateway, type Gateway, type GatewayInput } from '../../../src/dev/gateway/index.js';
import { startSimBackend, type SimBackend } from '../../../src/dev/sim-backend.js';
import { generateBootstrap } from '../../../src/envoy/generate.js';
import type { CommonResponse, ProcessingRequest } from '../../../src/extproc/messages.js';
import { answer, phaseOf, setHeader, startFakeExtProc, type FakeExtProc, type Script } from './fake-ext-proc.js';

interface Stack {
  gateway: Gateway;
  extProc: FakeExtProc;
  small: SimBackend;
  big: SimBackend;
}
let stack: Stack | undefined;
afterEach(async () => {
  if (!stack) return;
  await stack.gateway.close();
  await Promise.all([stack.small.close(), stack.big.close(), stack.extProc.close()]);
  stack = undefined;
});

async function start(script: Script, overrides: (s: Omit<Stack, 'gateway'>) => Partial<GatewayInput> = () => ({})): Promise<Stack> {
  const small = await startSimBackend({ name: 'small' });
  const big = await startSimBackend({ name: 'big', basePath: '/openai' });
  const extProc = await startFakeExtProc(script);
  const config = loadConfigText(demoConfigYaml({ small: small.port, big: big.port }, { extProcPort: extProc.port, adminPort: 0 }), { baseDir: process.cwd() });
  const bootstrap = generateBootstrap(config, { extProcAddress: { host: '127.0.0.1', port: extProc.port }, listenHost: '127.0.0.1', listenPort: 0 });
  const gateway = await startGateway(gatewayOptionsFromBootstrap(bootstrap, overrides({ small, big, extProc })));
  stack = { gateway, extProc, small, big };
  return stack;
}

function onBody(common: (message: ProcessingRequest) => CommonResponse): Script {
  return (message) => (phaseOf(message) === 'request_body' ? answer(message, common(message)) : answer(message));
}

const toBig: Script = onBody(() => ({
  header_mutation: {
    set_headers: [...setHeader('x-consilium-cluster', 'big', 'OVERWRITE_IF_EXISTS_OR_ADD')!, ...setHeader(':path', '/openai/v1/chat/completions', 'OVERWRITE_IF_EXISTS_OR_ADD')!],
  },
  clear_route_cache: true,
}));

function chat(gateway: Gateway, path = '/v1/chat/completions', headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'hi' }] }),
  });
}

describe('gateway on the generated bootstrap', () => {
  it('follows a :path rewrite to the header-gated backend route', async () => {
    const s = await start(toBig);
    const res = await chat(s.gateway, '/v1/chat/completions', { 'x-request-id': 'gen-1' });
    expect(res.status).toBe(200);
    expect(s.big.requestsFor('gen-1')[0]?.path).toBe('/openai/v1/chat/completions');
  });

  it('sends a client straight to a backend path to the catch-all 404, without ext_proc', async () => {
    const s = await start(toBig);
    const res = await chat(s.gateway, '/openai/v1/chat/completions', { 'x-consilium-cluster': 'big' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(s.extProc.streams).toHaveLength(0);
    expect(s.big.requests()).toHaveLength(0);
  });

  it('renders a missing cluster through the generated local_reply_config mapper', async () => {
    const s = await start((message) => answer(message));
    const res = await chat(s.gateway);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { error: { message: string; code: string } }).error).toMatchObject({ code: 'backend_unavailable', message: 'no backend cluster matches this request' });
  });

  it('retries a refused connection on the next endpoint, per the generated retry policy', async () => {
    const s = await start(onBody(() => ({ header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small') }, clear_route_cache: true })), ({ small }) => ({
      clusters: { small: { endpoints: [{ host: '127.0.0.1', port: 1 }, { host: '127.0.0.1', port: small.port }] } },
    }));
    const res = await chat(s.gateway, '/v1/chat/completions', { 'x-request-id': 'retry-1' });
    expect(res.status).toBe(200);
    expect(s.small.requestsFor('retry-1')).toHaveLength(1);
  });

  it('rewrites immediate responses whose status a mapper matches, and leaves a 200 alone', async () => {
    const reply = (code: number, body: string): Script => (message) =>
      phaseOf(message) === 'request_body'
        ? { immediate_response: { status: { code }, headers: { set_headers: setHeader('content-type', 'application/json') }, body: Buffer.from(body) } }
        : answer(message);
    const s = await start(reply(500, '{"error":{"message":"pipeline exploded","type":"server_error","param":null,"code":"internal_error"}}'));
    const failed = await chat(s.gateway);
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toBe('internal error');

    s.extProc.setScript(reply(200, '{"id":"synthesized","object":"chat.completion","choices":[]}'));
    const ok = await chat(s.gateway);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 'synthesized' });
  });
});
