/**
 * The wire: one POST to one origin, with the body read into memory up to a size cap. The default transport
 * keeps one undici Pool (keep-alive connections) per origin; tests and embedders may pass a fetch function
 * instead. Aborting `signal` cancels the exchange for real: undici destroys the HTTP/1.1 socket, so the
 * backend sees its connection close and can stop generating.
 */
import { Pool } from 'undici';

export interface WireRequest {
  readonly origin: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

export interface WireResponse {
  readonly status: number;
  header(name: string): string | undefined;
  readonly body: string;
  /** The body exceeded the cap and was cut off (the connection was dropped, not drained). */
  readonly truncated: boolean;
}

export interface Transport {
  send(request: WireRequest): Promise<WireResponse>;
  close(): Promise<void>;
}

export interface PoolTransportOptions {
  readonly maxResponseBytes: number;
  /** Idle keep-alive sockets are closed after this long (a backend may advertise less via keep-alive). */
  readonly keepAliveTimeoutMs: number;
  /** Upper bound of concurrent connections per origin; undefined = unbounded. */
  readonly connectionsPerOrigin?: number;
}

export function poolTransport(options: PoolTransportOptions): Transport {
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      // Deadlines belong to the caller's CallScope, so undici's own header/body timeouts are switched off.
      pool = new Pool(origin, {
        keepAliveTimeout: options.keepAliveTimeoutMs,
        headersTimeout: 0,
        bodyTimeout: 0,
        ...(options.connectionsPerOrigin === undefined ? {} : { connections: options.connectionsPerOrigin }),
      });
      pools.set(origin, pool);
    }
    return pool;
  };
  return {
    async send(request) {
      const response = await poolFor(request.origin).request({
        method: 'POST',
        path: request.path,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      });
      const { text, truncated } = await readCapped(response.body, options.maxResponseBytes, () => response.body.destroy());
      // undici frees an HTTP/1.1 connection one macrotask after the body ends (setImmediate); waiting as long
      // lets a caller's next sequential call reuse this socket instead of opening a second one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const headers = response.headers;
      return {
        status: response.statusCode,
        header: (name) => {
          const value = headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        body: text,
        truncated,
      };
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.destroy()));
    },
  };
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;

export function fetchTransport(fetchImpl: FetchLike, maxResponseBytes: number): Transport {
  return {
    async send(request) {
      const response = await fetchImpl(`${request.origin}${request.path}`, {
        method: 'POST',
        headers: { ...request.headers },
        body: request.body,
        signal: request.signal,
      });
      const stream = response.body;
      const { text, truncated } = stream
        ? await readCapped(stream, maxResponseBytes, () => void stream.cancel().catch(() => {}))
        : { text: '', truncated: false };
      return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body: text, truncated };
    },
    async close() {},
  };
}

async function readCapped(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  drop: () => void,
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      drop();
      return { text: '', truncated: true };
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}
