/**
 * A running Consilium: the ext_proc gRPC server, the admin HTTP server and the current Runtime. Used by
 * `consilium serve`, `consilium dev`, the integration tests and the benchmarks.
 */
import type { Backends } from '../backends/types.js';
import type { ConsiliumConfig, HostPort } from '../config/types.js';
import { ExtProcServer } from '../extproc/server.js';
import { startAdminServer, type AdminServer } from '../observability/admin.js';
import type { Logger } from '../observability/logger.js';
import { ConcurrencyLimiter } from '../pipeline/limiter.js';
import { buildRuntime, type Runtime } from './runtime.js';

export interface ServerAppOptions {
  readonly config: ConsiliumConfig;
  readonly logger: Logger;
  /** Overrides config.server.listen / admin (port 0 picks a free port). */
  readonly listen?: HostPort;
  readonly admin?: HostPort | false;
  readonly backends?: Backends;
}

export interface ServerApp {
  readonly extProcPort: number;
  readonly adminPort: number | undefined;
  readonly runtime: () => Runtime;
  readonly extProc: ExtProcServer;
  /** Drain (503 to new streams, wait for in-flight up to the drain timeout), then close everything. */
  stop(): Promise<void>;
}

/** gRPC messages carry whole bodies: leave room above max_body_bytes for headers and framing. */
export function grpcMessageLimit(config: ConsiliumConfig): number {
  return Math.max(4 * 1024 * 1024, config.server.maxBodyBytes * 2 + 64 * 1024);
}

export async function startServerApp(options: ServerAppOptions): Promise<ServerApp> {
  const { config, logger } = options;
  const recipeSlots = new ConcurrencyLimiter(config.server.maxConcurrentRecipes);
  let runtime = await buildRuntime(config, { logger, recipeSlots, ...(options.backends ? { backends: options.backends } : {}) });
  const extProc = new ExtProcServer({
    pipeline: () => runtime.pipeline,
    logger,
    maxMessageBytes: grpcMessageLimit(config),
    onRequestDone: (summary, durationMs) => {
      logger.info(
        {
          request_id: summary.requestId,
          method: summary.method,
          path: summary.path,
          status: summary.status,
          outcome: summary.outcome,
          error_code: summary.errorCode,
          decision: summary.meta?.decision,
          recipe: summary.meta?.recipe,
          model: summary.meta?.model,
          models: summary.meta?.modelsUsed,
          calls: summary.meta?.calls,
          tokens: summary.meta?.tokens,
          cost_usd: summary.meta?.costUsd,
          latency_ms: durationMs,
        },
        'request',
      );
    },
  });
  const listen = options.listen ?? config.server.listen;
  const extProcPort = await extProc.listen(listen.host, listen.port);
  let admin: AdminServer | undefined;
  if (options.admin !== false) {
    const at = options.admin ?? config.server.admin;
    admin = await startAdminServer(at.host, at.port, {
      notReadyReason: () => (extProc.isDraining ? 'draining' : undefined),
      metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: '' }),
    });
  }
  logger.info({ ext_proc_port: extProcPort, admin_port: admin?.port, models: [...config.models.keys()] }, 'consilium listening');
  let stopping: Promise<void> | undefined;
  return {
    extProcPort,
    adminPort: admin?.port,
    runtime: () => runtime,
    extProc,
    stop() {
      stopping ??= (async () => {
        const drained = await extProc.drain(config.server.drainTimeoutMs);
        if (!drained) logger.warn({ active: extProc.activeStreams }, 'drain timeout: closing with streams in flight');
        await extProc.close();
        await admin?.close();
        await runtime.close();
      })();
      return stopping;
    },
  };
}
