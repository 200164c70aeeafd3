/**
 * A running Consilium: the ext_proc gRPC server, the admin HTTP server and the current Runtime, with config
 * reload. Used by `consilium serve`, `consilium dev`, the integration tests and the benchmarks.
 */
import type { Backends } from '../backends/types.js';
import { loadConfigFile } from '../config/load.js';
import type { ConsiliumConfig, HostPort } from '../config/types.js';
import { ExtProcServer } from '../extproc/server.js';
import { startAdminServer, type AdminServer } from '../observability/admin.js';
import type { Logger } from '../observability/logger.js';
import { ConcurrencyLimiter } from '../pipeline/limiter.js';
import { checkEnvoyClusters } from './envoy-guard.js';
import { buildRuntime, type Runtime } from './runtime.js';
import { RuntimeHolder } from './runtime-holder.js';

export interface ServerAppOptions {
  readonly config: ConsiliumConfig;
  readonly logger: Logger;
  /** Overrides config.server.listen / admin (port 0 picks a free port). */
  readonly listen?: HostPort;
  readonly admin?: HostPort | false;
  readonly backends?: Backends;
  /** The bootstrap Envoy runs: every model's cluster must exist there, at start and at each reload. */
  readonly envoyConfigFile?: string;
}

export type ReloadResult = 'success' | 'failure';

export interface ServerApp {
  readonly extProcPort: number;
  readonly adminPort: number | undefined;
  readonly runtime: () => Runtime;
  readonly extProc: ExtProcServer;
  /** Re-reads the config file the app started from; the old config keeps serving when the new one fails. */
  reload(): Promise<ReloadResult>;
  /** Drain (503 to new streams, wait for in-flight up to the drain timeout), then close everything. */
  stop(): Promise<void>;
}

/** gRPC messages carry whole bodies: leave room above max_body_bytes for headers and framing. */
export function grpcMessageLimit(config: ConsiliumConfig): number {
  return Math.max(4 * 1024 * 1024, config.server.maxBodyBytes * 2 + 64 * 1024);
}

export async function startServerApp(options: ServerAppOptions): Promise<ServerApp> {
  const { config, logger } = options;
  if (options.envoyConfigFile) await checkEnvoyClusters(config, options.envoyConfigFile);
  const recipeSlots = new ConcurrencyLimiter(config.server.maxConcurrentRecipes);
  const build = (next: ConsiliumConfig): Promise<Runtime> =>
    buildRuntime(next, { logger, recipeSlots, ...(options.backends ? { backends: options.backends } : {}) });
  const holder = new RuntimeHolder(await build(config));
  const extProc = new ExtProcServer({
    acquire: () => holder.acquire(),
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
          tokens: (summary.meta?.tokens ?? 0) + (summary.usage?.total_tokens ?? 0),
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

  let reloading: Promise<ReloadResult> = Promise.resolve('success');
  const reloadOnce = async (): Promise<ReloadResult> => {
    const source = holder.current.config.source;
    if (!source) {
      logger.warn('reload requested, but the config did not come from a file');
      return 'failure';
    }
    try {
      const next = await loadConfigFile(source);
      if (options.envoyConfigFile) await checkEnvoyClusters(next, options.envoyConfigFile);
      warnFixedSettings(holder.current.config, next, logger);
      holder.swap(await build(next));
      recipeSlots.setLimit(next.server.maxConcurrentRecipes);
      logger.info({ source, models: [...next.models.keys()] }, 'config reloaded');
      return 'success';
    } catch (error) {
      logger.error({ source, err: error }, 'config reload rejected; the previous config keeps serving');
      return 'failure';
    }
  };

  let stopping: Promise<void> | undefined;
  return {
    extProcPort,
    adminPort: admin?.port,
    runtime: () => holder.current,
    extProc,
    reload() {
      // Reloads run one at a time, each reading the file as it is when it starts.
      reloading = reloading.then(reloadOnce, reloadOnce);
      return reloading;
    },
    stop() {
      stopping ??= (async () => {
        const drained = await extProc.drain(holder.current.config.server.drainTimeoutMs);
        if (!drained) logger.warn({ active: extProc.activeStreams }, 'drain timeout: closing with streams in flight');
        await extProc.close();
        await admin?.close();
        await holder.close();
      })();
      return stopping;
    },
  };
}

/** Listener addresses and gRPC limits are bound at start; a reload cannot move them. */
function warnFixedSettings(current: ConsiliumConfig, next: ConsiliumConfig, logger: Logger): void {
  const fixed = ['listen', 'admin', 'maxBodyBytes'] as const;
  const changed = fixed.filter((key) => JSON.stringify(current.server[key]) !== JSON.stringify(next.server[key]));
  if (changed.length > 0) logger.warn({ settings: changed }, 'these server settings take effect only after a restart');
}
