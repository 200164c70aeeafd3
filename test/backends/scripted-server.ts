/**
 * A tiny scripted OpenAI-ish HTTP server for backend tests: replies are queued per path prefix, every request
 * is recorded with its headers, parsed body and the id of the socket it came on, and connections closed by
 * the client before an answer are counted.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ServerReply {
  readonly status?: number;
  /** Serialized as the JSON body. */
  readonly json?: unknown;
  /** Sent verbatim (wins over json). */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  /** Never answer; the test ends the exchange by aborting. */
  readonly hang?: boolean;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  readonly socketId: number;
  readonly receivedAt: number;
}

export interface ScriptedServer {
  readonly port: number;
  readonly received: ReceivedRequest[];
  /** Requests whose connection closed before the server answered. */
  readonly closedBeforeAnswer: ReceivedRequest[];
  /** Queue replies for requests whose path starts with `prefix`; when empty, `fallback(prefix)` answers. */
  script(prefix: string, ...replies: ServerReply[]): void;
  /** Resolves once `count` requests have been received. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves once `count` connections were closed before an answer. */
  waitForClosedBeforeAnswer(count: number): Promise<void>;
  close(): Promise<void>;
}

export function okCompletion(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'provider-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    ...extra,
  };
}

export async function startScriptedServer(fallback: (prefix: string) => ServerReply = () => ({ json: okCompletion('default') })): Promise<ScriptedServer> {
  const queues = new Map<string, ServerReply[]>();
  const received: ReceivedRequest[] = [];
  const closedBeforeAnswer: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const socketIds = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();
  let nextSocketId = 1;
  const notify = (): void => waiters.forEach((check) => check());
  const waitFor = (predicate: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (!predicate()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const record: ReceivedRequest = {
        method: req.method ?? '',
        path,
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        socketId: socketIds.get(req.socket) ?? 0,
        receivedAt: performance.now(),
      };
      received.push(record);
      const prefix = [...queues.keys()].filter((key) => path.startsWith(key)).sort((a, b) => b.length - a.length)[0];
      const reply = (prefix === undefined ? undefined : queues.get(prefix)?.shift()) ?? fallback(prefix ?? path);
      let answered = false;
      res.on('close', () => {
        if (!answered) {
          closedBeforeAnswer.push(record);
          notify();
        }
      });
      notify();
      if (reply.hang) return;
      setTimeout(() => {
        answered = true;
        send(res, reply);
      }, reply.delayMs ?? 0);
    });
  });
  server.on('connection', (socket) => {
    socketIds.set(socket, nextSocketId++);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    received,
    closedBeforeAnswer,
    script(prefix, ...replies) {
      queues.set(prefix, [...(queues.get(prefix) ?? []), ...replies]);
    },
    waitForRequests: (count) => waitFor(() => received.length >= count),
    waitForClosedBeforeAnswer: (count) => waitFor(() => closedBeforeAnswer.length >= count),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, reply: ServerReply): void {
  if (res.destroyed) return;
  const body = reply.text ?? JSON.stringify(reply.json ?? {});
  res.writeHead(reply.status ?? 200, { 'content-type': reply.text === undefined ? 'application/json' : 'text/plain', ...reply.headers });
  res.end(body);
}
