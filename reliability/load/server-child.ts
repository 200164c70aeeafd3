/**
 * The system under load, in its own process: simulated backends, Consilium and the dev gateway (startDevStack).
 * The parent drives it over HTTP and probes it over IPC for RSS, heap, open handles and active ext_proc streams.
 * The simulated backends' request logs are cleared every second: they are test fixtures, and an unbounded
 * log would show up as growth that is not Consilium's. Run with `node --import tsx --expose-gc`.
 */
import { startDevStack } from '../../src/dev/stack.js';
import { roleResponder } from '../../test/support/role-responder.js';
import { loadConfigYaml } from './config.js';

export type LoadChildMessage =
  | { readonly type: 'ready'; readonly gatewayUrl: string }
  | {
      readonly type: 'probe';
      readonly rss: number;
      readonly heapUsed: number;
      readonly handles: number;
      /** Open handles by kind (Socket, Server, Timeout, ...), to name a leak. */
      readonly handleKinds: Readonly<Record<string, number>>;
      readonly activeStreams: number;
      readonly recipesInFlight: number;
    }
  | { readonly type: 'fault'; readonly message: string };

export type LoadParentMessage = { readonly type: 'probe'; readonly gc?: boolean } | { readonly type: 'stop' };

function send(message: LoadChildMessage): void {
  process.send?.(message);
}

process.on('unhandledRejection', (reason) => send({ type: 'fault', message: `unhandledRejection: ${String(reason)}` }));
process.on('uncaughtException', (error) => {
  send({ type: 'fault', message: `uncaughtException: ${error.stack ?? String(error)}` });
  setTimeout(() => process.exit(70), 100);
});

/** Open libuv handles (sockets, servers, timers with refs): a leak shows here before it shows in memory. */
function openHandles(): unknown[] {
  const getter = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  return getter ? getter.call(process) : [];
}

function kinds(handles: readonly unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const handle of handles) {
    const socket = handle as { constructor?: { name?: string }; remotePort?: number; localPort?: number; address?: () => unknown };
    const name = socket.constructor?.name ?? typeof handle;
    const bound = name.endsWith('Server') ? (socket.address?.() as { port?: number } | null)?.port : undefined;
    const key = name === 'Socket' && socket.remotePort !== undefined ? `Socket(${socket.localPort}->${socket.remotePort})` : bound !== undefined ? `${name}(:${bound})` : name;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const stack = await startDevStack({
  adminPort: false,
  backends: { small: { respond: roleResponder('small one'), tokensPerChunk: 4 }, big: { respond: roleResponder('big one'), tokensPerChunk: 4, basePath: '/openai' } },
  configYaml: (backends) => loadConfigYaml(backends.small!.port, backends.big!.port),
});
const clearLogs = setInterval(() => {
  for (const backend of Object.values(stack.backends)) backend.clear();
}, 1_000);
clearLogs.unref();

process.on('message', (message: LoadParentMessage) => {
  if (message.type === 'stop') {
    clearInterval(clearLogs);
    void stack.close().then(() => process.exit(0));
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (message.gc) gc?.();
  const usage = process.memoryUsage();
  const handles = openHandles();
  send({
    type: 'probe',
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    handles: handles.length,
    handleKinds: handles.length <= 64 ? kinds(handles) : {},
    activeStreams: stack.app.extProc.activeStreams,
    recipesInFlight: stack.app.runtime().pipeline.deps.recipeSlots.inFlight,
  });
});
send({ type: 'ready', gatewayUrl: stack.gatewayUrl });
