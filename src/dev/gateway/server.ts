/**
 * The dev gateway: a node:http listener that plays Envoy's part in front of Consilium (early header removal,
 * the ext_proc conversation, cluster_header routing, local replies) so tests, `npm start` and the benchmarks
 * exercise the ext_proc server exactly as production Envoy would.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { silentLogger } from '../../observability/logger.js';
import type { GatewayRuntime } from './context.js';
import { RequestContext } from './context.js';
import { ExtProcClient } from './extproc-client.js';
import { runExchange, type ExchangeState } from './flow.js';
import { DownstreamGone, errorReply, GatewayFailure, writeLocalReply } from './local-reply.js';
import { resolveGatewayOptions, routeTable, type GatewayInput } from './options.js';
import { Router } from './router.js';
import { UpstreamPool } from './upstream.js';

export interface Gateway {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startGateway(input: GatewayInput): Promise<Gateway> {
  const options = resolveGatewayOptions(input);
  const runtime: GatewayRuntime = {
    options,
    router: new Router(routeTable(options), options.clusters),
    extProc: new ExtProcClient(options.extProc, options.maxGrpcMessageBytes),
    pool: new UpstreamPool(),
    logger: options.logger ?? silentLogger(),
  };
  const sockets = new Set<Socket>();
  const lingering = new Set<NodeJS.Timeout>();
  // Timeouts belong to the route and the ext_proc filter, not to node's request timer.
  const server = http.createServer({ requestTimeout: 0, keepAliveTimeout: 60_000 }, (req, res) => {
    void handle(runtime, req, res, lingering);
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  runtime.logger.info({ listen: `${host}:${address.port}`, ext_proc: `${options.extProc.host}:${options.extProc.port}` }, 'dev gateway listening');
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      for (const timer of lingering) clearTimeout(timer);
      await closed;
      runtime.pool.close();
      runtime.extProc.close();
    },
  };
}

async function handle(runtime: GatewayRuntime, req: IncomingMessage, res: ServerResponse, lingering: Set<NodeJS.Timeout>): Promise<void> {
  const ctx = new RequestContext(runtime, req);
  const state: ExchangeState = { reader: undefined, routeTimer: undefined };
  res.on('close', () => {
    if (!res.writableFinished) ctx.fail(new DownstreamGone());
  });
  try {
    await runExchange(ctx, runtime, req, res, state);
  } catch (error) {
    ctx.fail(error instanceof GatewayFailure || error instanceof DownstreamGone ? error : new GatewayFailure(errorReply(500, 'The gateway failed.', 'gateway_internal_error')));
    const reason = ctx.failureReason;
    if (!(error instanceof GatewayFailure || error instanceof DownstreamGone)) ctx.log.error({ err: error }, 'gateway failure');
    if (reason instanceof GatewayFailure) {
      const reply = ctx.localReply(reason.reply);
      if (res.headersSent) res.destroy();
      else {
        // The request body may still be arriving (413): close the connection after the reply, as Envoy does.
        if (state.reader && !state.reader.complete) res.setHeader('connection', 'close');
        writeLocalReply(res, reply);
      }
    }
  } finally {
    clearTimeout(state.routeTimer);
    const stream = ctx.stream;
    if (stream?.active) stream.finish();
    if (stream) {
      // Envoy's deferred close: give the processor a moment to end its side, then reset the stream.
      const timer = setTimeout(() => {
        lingering.delete(timer);
        stream.cancel();
      }, runtime.options.deferredCloseMs);
      timer.unref();
      lingering.add(timer);
    }
    accessLog(runtime, ctx, res);
  }
}

function accessLog(runtime: GatewayRuntime, ctx: RequestContext, res: ServerResponse): void {
  const entry = {
    requestId: ctx.requestId,
    method: ctx.method,
    path: ctx.path,
    status: res.headersSent ? res.statusCode : 0,
    cluster: ctx.cluster,
    upstream: ctx.upstream,
    flags: [...ctx.flags],
    details: ctx.details,
    durationMs: Date.now() - ctx.startedAt,
    dynamicMetadata: { ...ctx.metadata },
  };
  ctx.log.info(entry, 'access');
  runtime.options.onAccessLog?.(entry);
}
