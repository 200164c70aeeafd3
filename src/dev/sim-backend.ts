/**
 * Simulated OpenAI-compatible backends: real node:http servers that answer chat completions (JSON and SSE, with
 * logprobs, usage and tool calls), text completions, embeddings and the model list, with configurable latency,
 * seeded faults and a log of every request. The dev gateway, the integration tests and the benchmarks run
 * against these instead of real model servers.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RouterError } from '../errors/index.js';
import { completionObject, planAnswer } from './sim/answer.js';
import { modelsList, serveCompletions, serveEmbeddings } from './sim/endpoints.js';
import { FaultState, type DrawnFaults } from './sim/faults.js';
import { RequestLog } from './sim/recorder.js';
import { seededRng } from './sim/rng.js';
import type { RecordedRequest, Responder, ResponderResult, SimBackend, SimBackendOptions, SimFaults } from './sim/types.js';
import { sleep, writeJson, writeSse, type WriteContext } from './sim/writer.js';

export type { RecordedRequest, Responder, ResponderRequest, ResponderResult, SimBackend, SimBackendOptions, SimFaults, SimToolCall } from './sim/types.js';

const DEFAULT_EMBEDDING_DIMENSIONS = 16;

interface BackendState {
  readonly name: string;
  readonly basePath: string;
  readonly options: SimBackendOptions;
  readonly faults: FaultState;
  readonly log: RequestLog;
  respond: Responder | undefined;
  hold: SimBackendOptions['holdUntil'];
  closing: boolean;
}

export async function startSimBackend(options: SimBackendOptions = {}): Promise<SimBackend> {
  const name = options.name ?? 'sim';
  const state: BackendState = {
    name,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    options,
    faults: new FaultState(options.faults ?? {}, seededRng(options.seed ?? 1)),
    log: new RequestLog(name),
    respond: options.respond,
    hold: options.holdUntil,
    closing: false,
  };
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(state, req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    name,
    url,
    port: address.port,
    baseURL: `${url}${state.basePath}/v1`,
    setFaults: (faults: SimFaults) => state.faults.set(faults),
    faults: () => state.faults.get(),
    setResponder: (respond) => {
      state.respond = respond;
    },
    setHoldUntil: (hold) => {
      state.hold = hold;
    },
    requests: () => state.log.all(),
    requestsFor: (requestId) => state.log.forRequestId(requestId),
    whenEnded: (requestId) => state.log.whenEnded(requestId),
    clear: () => state.log.clear(),
    close: async () => {
      state.closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function handle(state: BackendState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const route = state.basePath && pathname.startsWith(`${state.basePath}/`) ? pathname.slice(state.basePath.length) : pathname;
  const parsed = parseJson(raw);
  const record = state.log.start(req, pathname, parsed.ok ? parsed.value : raw.length > 0 ? raw.toString('utf8') : undefined);

  const abort = new AbortController();
  let serverReset = false;
  res.on('close', () => {
    const unfinished = !res.writableFinished;
    if (unfinished) abort.abort();
    state.log.end(record, { status: res.headersSent ? res.statusCode : undefined, aborted: unfinished && !serverReset && !state.closing });
  });

  const headers: Record<string, string> = { 'x-sim-backend': state.name };
  if (record.requestId) headers['x-request-id'] = record.requestId;
  const faults = state.faults.draw();
  record.faults = faults.names;
  const ctx: WriteContext = {
    res,
    signal: abort.signal,
    headers,
    chunkDelayMs: state.options.chunkDelayMs ?? 0,
    tokensPerChunk: state.options.tokensPerChunk ?? 1,
    faults: faults.body,
    hold: () => (state.hold ? state.hold(record) : Promise.resolve()),
    onReset: () => {
      serverReset = true;
    },
  };

  const post = req.method === 'POST';
  const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const endpoint = endpointOf(route, req.method ?? 'GET');
  if (endpoint === 'unknown') return writeError(ctx, 404, 'not_found_error', `no route for ${req.method} ${pathname}`);
  if (endpoint === 'method') return writeError(ctx, 405, 'invalid_request_error', `${req.method} is not allowed on ${pathname}`);
  if (post && !parsed.ok) return writeError(ctx, 400, 'invalid_request_error', 'the body is not valid JSON', 'invalid_json');

  let result: ResponderResult = {};
  if (post && state.respond && endpoint !== 'embeddings') {
    try {
      result = await state.respond({ body, headers: req.headers, path: pathname });
    } catch (error) {
      return writeError(ctx, 500, 'server_error', `responder failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (await delayed(ctx, state, faults, result)) return;
  if (faults.status !== undefined) return writeFaultStatus(ctx, faults);

  switch (endpoint) {
    case 'models':
      return writeJson(ctx, 200, modelsList(state.options.models ?? [state.name], state.name));
    case 'chat':
      return serveChat(ctx, body, result, state.name, record.seq);
    case 'completions':
      return serveCompletions(ctx, body, result, state.name, record.seq);
    case 'embeddings':
      if (!(await serveEmbeddings(ctx, body, state.options.embeddingDimensions ?? DEFAULT_EMBEDDING_DIMENSIONS, state.name))) {
        return writeError(ctx, 400, 'invalid_request_error', 'input must be a string or an array of strings');
      }
  }
}

type Endpoint = 'models' | 'chat' | 'completions' | 'embeddings' | 'unknown' | 'method';

function endpointOf(path: string, method: string): Endpoint {
  const expected: Record<string, [Endpoint, string]> = {
    '/v1/models': ['models', 'GET'],
    '/v1/chat/completions': ['chat', 'POST'],
    '/v1/completions': ['completions', 'POST'],
    '/v1/embeddings': ['embeddings', 'POST'],
  };
  const entry = expected[path];
  if (!entry) return 'unknown';
  return entry[1] === method ? entry[0] : 'method';
}

async function serveChat(ctx: WriteContext, body: Record<string, unknown>, result: ResponderResult, name: string, seq: number): Promise<void> {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return writeError(ctx, 400, 'invalid_request_error', 'messages must be a non-empty array', undefined, 'messages');
  }
  const plan = planAnswer({ body, result, backendName: name, seq });
  if (body.stream === true) {
    const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    return writeSse(ctx, plan, includeUsage);
  }
  return writeJson(ctx, 200, completionObject(plan));
}

/** Waits out latency, slow-first-byte and the responder's delay; a hang waits for the client. True when the client left. */
async function delayed(ctx: WriteContext, state: BackendState, faults: DrawnFaults, result: ResponderResult): Promise<boolean> {
  await sleep((state.options.latencyMs ?? 0) + faults.firstByteDelayMs + (result.delayMs ?? 0), ctx.signal);
  if (faults.hang && !ctx.signal.aborted) {
    await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return ctx.signal.aborted;
}

function writeFaultStatus(ctx: WriteContext, faults: DrawnFaults): Promise<void> {
  const status = faults.status ?? 500;
  const headers = faults.retryAfterSeconds !== undefined ? { ...ctx.headers, 'retry-after': String(faults.retryAfterSeconds) } : ctx.headers;
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return writeJson({ ...ctx, headers, faults: {} }, status, errorPayload(type, `simulated ${status}`, `sim_${status}`));
}

function writeError(ctx: WriteContext, status: number, type: string, message: string, code?: string, param?: string): Promise<void> {
  return writeJson({ ...ctx, faults: {}, hold: () => Promise.resolve() }, status, errorPayload(type, message, code ?? type, param));
}

function errorPayload(type: string, message: string, code: string, param?: string): Record<string, unknown> {
  return { error: { message, type, param: param ?? null, code } };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new RouterError('internal_error', 'client closed the request before its body ended'));
    });
  });
}

function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (raw.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
