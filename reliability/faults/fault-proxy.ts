/**
 * A fault-injecting front for one simulated backend. The simulated backends draw only their 500s at a rate
 * (the error-rate series uses that);
 * every other fault they apply to every request. This proxy draws, per request and from a seeded RNG, whether
 * to inject its fault kind (a hang, a slow first byte, a reset mid-body, a truncated body or SSE stream,
 * invalid JSON, or a 429 with retry-after), and otherwise forwards to the simulated backend. It is the backend
 * Consilium and the gateway see, so it also records whether each request's client closed the connection
 * before the answer ended: the proof that aborted calls are really aborted. Answers are forwarded whole (the
 * simulated backends answer at once; stream pacing is not what these scenarios measure).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = 'none' | 'hang' | 'slow_first_byte' | 'reset_mid_body' | 'truncated_body' | 'invalid_json' | 'status_429';

export interface ProxyFaults {
  readonly kind: FaultKind;
  /** Fraction of requests that get the fault. */
  readonly rate: number;
  /** slow_first_byte: delay before forwarding. */
  readonly delayMs?: number;
  /** status_429: the retry-after header, in seconds. */
  readonly retryAfterSeconds?: number;
}

export interface ProxyRecord {
  readonly fault: FaultKind;
  readonly startedAt: number;
  endedAt: number | undefined;
  /** The client closed the connection before the answer ended. */
  clientClosed: boolean;
}

export interface FaultProxy {
  readonly port: number;
  /** Points the proxy at its backend (known only once the backend runs). */
  retarget(port: number): void;
  setFaults(faults: ProxyFaults): void;
  /** Records since the last clear. */
  records(): readonly ProxyRecord[];
  /** Requests whose answer has not ended and whose client is still connected. */
  open(): number;
  clear(): void;
  close(): Promise<void>;
}

function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const BROKEN_JSON = '{"id":"broken","object":"chat.completion","choices":[{"index":0,"message":';

export async function startFaultProxy(seed: number): Promise<FaultProxy> {
  const target = { host: '127.0.0.1', port: 0 };
  let faults: ProxyFaults = { kind: 'none', rate: 0 };
  let random = xorshift(seed);
  let records: ProxyRecord[] = [];
  const live = new Set<ProxyRecord>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const sockets = new Set<Socket>();

  const server = http.createServer({ requestTimeout: 0, keepAliveTimeout: 30_000 }, (req, res) => {
    const injected = faults.kind !== 'none' && random() < faults.rate ? faults.kind : 'none';
    const record: ProxyRecord = { fault: injected, startedAt: performance.now(), endedAt: undefined, clientClosed: false };
    records.push(record);
    live.add(record);
    res.on('close', () => {
      live.delete(record);
      record.endedAt = performance.now();
      record.clientClosed = !res.writableFinished && injected !== 'reset_mid_body';
    });
    void serve(req, res, injected, faults, target, agent).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    retarget(port) {
      target.port = port;
    },
    setFaults(next) {
      faults = next;
      random = xorshift(seed);
    },
    records: () => records,
    open: () => live.size,
    clear() {
      records = [];
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(req: IncomingMessage, res: ServerResponse, fault: FaultKind, faults: ProxyFaults, target: { host: string; port: number }, agent: http.Agent): Promise<void> {
  const body = await readAll(req);
  const clientGone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  switch (fault) {
    case 'hang':
      // Never answer: only the client closing the connection ends this request.
      return;
    case 'status_429':
      return json(res, 429, { error: { message: 'injected 429', type: 'rate_limit_error', param: null, code: 'rate_limited' } }, { 'retry-after': String(faults.retryAfterSeconds ?? 1) });
    case 'invalid_json':
      if (isStream(body)) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${BROKEN_JSON}\n\ndata: [DONE]\n\n`);
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(BROKEN_JSON.length) });
        res.end(BROKEN_JSON);
      }
      return;
    case 'slow_first_byte':
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, faults.delayMs ?? 1_000);
        clientGone.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (clientGone.signal.aborted) return;
  }
  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const forwarded = http.request(
      { host: target.host, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: `${target.host}:${target.port}` }, agent, signal: clientGone.signal },
      resolve,
    );
    forwarded.on('error', reject);
    forwarded.end(body);
  });
  const headers = { ...upstream.headers };
  const whole = await readAll(upstream);
  if (fault === 'reset_mid_body' || fault === 'truncated_body') {
    delete headers['content-length'];
    res.writeHead(upstream.statusCode ?? 502, headers);
    res.write(whole.subarray(0, Math.floor(whole.length / 2)));
    // Let the partial bytes leave first, so the client sees a body cut short rather than a refused request.
    if (fault === 'reset_mid_body') setImmediate(() => res.socket?.destroy());
    else res.end();
    return;
  }
  res.writeHead(upstream.statusCode ?? 502, headers);
  res.end(whole);
}

function isStream(body: Buffer): boolean {
  try {
    return (JSON.parse(body.toString('utf8')) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

function json(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...extra });
  res.end(text);
}
