/**
 * Wires a gateway test: simulated backends as clusters, a scripted fake ext_proc server, and the gateway
 * between them on port 0, with everything closed after each test.
 */
import { startGateway, type Gateway, type GatewayInput } from '../../../src/dev/gateway/index.js';
import { startSimBackend, type SimBackend, type SimBackendOptions } from '../../../src/dev/sim-backend.js';
import { continueAll, startFakeExtProc, type FakeExtProc, type Script } from './fake-ext-proc.js';

export interface Harness {
  readonly gateway: Gateway;
  readonly extProc: FakeExtProc;
  readonly backends: Record<string, SimBackend>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly script?: Script;
  readonly backends?: Record<string, SimBackendOptions>;
  readonly gateway?: Partial<GatewayInput>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const extProc = await startFakeExtProc(options.script ?? continueAll);
  const backends: Record<string, SimBackend> = {};
  for (const [name, backendOptions] of Object.entries(options.backends ?? { small: {} })) {
    backends[name] = await startSimBackend({ name, ...backendOptions });
  }
  const clusters = Object.fromEntries(Object.entries(backends).map(([name, sim]) => [name, { endpoints: [{ host: '127.0.0.1', port: sim.port }] }]));
  const gateway = await startGateway({
    listen: { host: '127.0.0.1', port: 0 },
    extProc: { host: '127.0.0.1', port: extProc.port },
    clusters,
    messageTimeoutMs: 2000,
    ...options.gateway,
  });
  return {
    gateway,
    extProc,
    backends,
    close: async () => {
      await gateway.close();
      await Promise.all(Object.values(backends).map((sim) => sim.close()));
      await extProc.close();
    },
  };
}

/** POST a chat request through the gateway. */
export function postChat(gateway: Gateway, body: Record<string, unknown> = {}, headers: Record<string, string> = {}, path = '/v1/chat/completions'): Promise<Response> {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
}
