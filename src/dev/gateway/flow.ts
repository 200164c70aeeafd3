/**
 * One HTTP exchange through the gateway, in Envoy's order: request phases, then the router (cached route, cluster
 * lookup, round-robin endpoint, route timeout), then the response phases. Router-made replies (no route, no
 * cluster, upstream connect failure, timeout before headers) pass the response phases like Envoy's local replies
 * pass its encoder filters.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { BodyReader } from './body-reader.js';
import type { GatewayRuntime, RequestContext } from './context.js';
import { HeaderList } from './header-list.js';
import { directReply, errorReply, failure, GatewayFailure, writeLocalReply, type LocalReply } from './local-reply.js';
import { isBuffered, processRequest } from './request-phase.js';
import { replySource, respond, type ResponseSource } from './response-phase.js';
import { sendUpstream } from './upstream.js';

export interface ExchangeState {
  reader: BodyReader | undefined;
  routeTimer: NodeJS.Timeout | undefined;
}

export async function runExchange(ctx: RequestContext, runtime: GatewayRuntime, req: IncomingMessage, res: ServerResponse, state: ExchangeState): Promise<void> {
  const limit = runtime.options.maxRequestBytes;
  const reader = new BodyReader(
    req,
    () => (ctx.processing && isBuffered(ctx.mode.request_body_mode) ? limit : undefined),
    () => ctx.fail(failure(413, 'The request body exceeds the buffer limit.', 'request_payload_too_large', [], 'Payload Too Large')),
  );
  state.reader = reader;
  const request = await processRequest(ctx, runtime, reader);
  if (request.kind === 'reply') {
    writeLocalReply(res, ctx.localReply(request.reply));
    return;
  }
  if (ctx.mode.response_header_mode === 'SKIP' && ctx.mode.response_body_mode === 'NONE') ctx.finishProcessing();
  const source = await route(ctx, runtime, request.body, state);
  await respond(ctx, runtime, source, res);
}

async function route(ctx: RequestContext, runtime: GatewayRuntime, body: Buffer | null, state: ExchangeState): Promise<ResponseSource> {
  const decision = ctx.settleRoute();
  if (decision.kind === 'none') return local(ctx, errorReply(404, 'No route matches this path.', 'route_not_found', ['NR']));
  if (decision.kind === 'direct') return local(ctx, directReply(decision.status, decision.body, decision.headers));
  const cluster = decision.cluster;
  if (cluster === undefined || !runtime.router.has(cluster)) {
    const named = cluster === undefined ? 'no cluster header' : `unknown cluster '${cluster}'`;
    return local(ctx, errorReply(decision.notFoundCode, `Cannot route the request: ${named}.`, 'cluster_not_found', ['NC']));
  }
  ctx.cluster = cluster;
  const timer = routeTimer(ctx, decision.timeoutMs, state);
  const attempts = 1 + (decision.retry?.numRetries ?? 0);
  for (let attempt = 1; ; attempt++) {
    const target = runtime.router.pick(cluster);
    if (!target) return local(ctx, errorReply(503, 'no healthy upstream', 'no_healthy_upstream', ['UH'], 'no healthy upstream'));
    ctx.upstream = `${target.endpoint.host}:${target.endpoint.port}`;
    const headers = upstreamHeaders(ctx.headers, decision.autoHostRewrite ? target.endpoint.host : undefined);
    const request = { target, method: ctx.method, path: ctx.headers.get(':path') ?? '/', headers, body, signal: ctx.upstreamAbort.signal };
    try {
      const response = await ctx.guard(Promise.race([sendUpstream(runtime.pool, request), timer.expired]));
      const status = response.statusCode ?? 502;
      if (attempt < attempts && retriesStatus(decision.retry?.retryOn ?? [], status)) {
        response.destroy();
        await ctx.guard(backoff(attempt));
        continue;
      }
      timer.responded = true;
      return { headers: HeaderList.fromResponse(status, response.rawHeaders), body: upstreamChunks(ctx, response), discard: () => response.destroy() };
    } catch (error) {
      // Connect failures and timeouts before headers are router replies: they still pass the response phases.
      if (!(error instanceof GatewayFailure) || ctx.failureReason) throw error;
      const flags = error.reply.flags;
      if (!flags.includes('UT') && attempt < attempts && retriesReset(decision.retry?.retryOn ?? [], flags)) {
        await ctx.guard(backoff(attempt));
        continue;
      }
      return local(ctx, attempt > 1 ? { ...error.reply, flags: [...flags, 'URX'] } : error.reply);
    }
  }
}

interface RouteTimer {
  /** Rejects with the 504 while no response has started. */
  readonly expired: Promise<never>;
  responded: boolean;
}

/** The route timeout spans every attempt: before the response it is a 504 reply, after it a reset. */
function routeTimer(ctx: RequestContext, timeoutMs: number, state: ExchangeState): RouteTimer {
  const timer: { expired: Promise<never>; responded: boolean } = { expired: new Promise<never>(() => undefined), responded: false };
  if (timeoutMs <= 0) return timer;
  timer.expired = new Promise<never>((_, reject) => {
    state.routeTimer = setTimeout(() => {
      const timeout = failure(504, 'upstream request timeout', 'upstream_response_timeout', ['UT'], 'upstream request timeout');
      if (timer.responded) ctx.fail(timeout);
      else {
        ctx.upstreamAbort.abort();
        reject(timeout);
      }
    }, timeoutMs);
  });
  timer.expired.catch(() => undefined);
  return timer;
}

/** retry_on for failures before a response: resets and refused connections. */
function retriesReset(retryOn: readonly string[], flags: readonly string[]): boolean {
  const any = (...conditions: string[]): boolean => conditions.some((c) => retryOn.includes(c));
  if (flags.includes('UF')) return any('connect-failure', 'reset', '5xx', 'gateway-error');
  return flags.includes('UC') && any('reset', '5xx', 'gateway-error');
}

function retriesStatus(retryOn: readonly string[], status: number): boolean {
  if (retryOn.includes('5xx') && status >= 500) return true;
  if (retryOn.includes('gateway-error') && [502, 503, 504].includes(status)) return true;
  return retryOn.includes('retriable-4xx') && status === 409;
}

/** Envoy's default jittered exponential back-off: 25 ms base, capped at 250 ms. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(250, 25 * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/** The upstream body; a reset mid-body becomes Envoy's UC failure (the client connection is reset if it started). */
async function* upstreamChunks(ctx: RequestContext, response: IncomingMessage): AsyncIterable<Buffer> {
  try {
    for await (const chunk of response) yield chunk as Buffer;
  } catch (error) {
    if (ctx.failureReason) throw ctx.failureReason;
    ctx.log.debug({ err: error }, 'upstream reset after the response started');
    const text = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
    throw failure(503, 'upstream reset after the response started', 'upstream_reset_after_response_started', ['UC'], text);
  }
}

function local(ctx: RequestContext, reply: LocalReply): ResponseSource {
  return replySource(ctx.localReply(reply));
}

/** Regular headers plus Host: the client's authority, or the endpoint's hostname under auto_host_rewrite. */
function upstreamHeaders(headers: HeaderList, hostRewrite: string | undefined): OutgoingHttpHeaders {
  const out = headers.toOutgoing();
  out.host = hostRewrite ?? headers.get(':authority') ?? '';
  return out;
}
