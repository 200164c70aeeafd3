/**
 * A running Consilium: the ext_proc gRPC server (with gRPC health), the admin HTTP server (metrics, health,
 * readiness), the current Runtime, config reload (file watch, SIGHUP via `reload()`), and drain on stop.
 * Used by `consilium serve`, `consilium dev`, the integration tests and the benchmarks.
 */
import type { BackendCallEvent } from '../backends/http.js';
import { costUsd } from '../backends/pricing.js';
import type { Backends } from '../backends/types.js';
import { loadConfigFile } from '../config/load.js';
import type { ConsiliumConfig, HostPort } from '../config/types.js';
import { watchConfigFile } from '../config/watch.js';
import type { RequestSummary } from '../extproc/processor.js';
import { deriveLimits } from '../envoy/limits.js';
import { ExtProcServer } from '../extproc/server.js';
import { startAdminServer, type AdminServer } from '../observability/admin.js';
import { registerHealth } from '../observability/health.js';
import { accessLogger, type Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { ConcurrencyLimiter } from '../pipeline/limiter.js';
import { checkEnvoyClusters } from './envoy-guard.js';
import { buildRuntime, type Runtime, type RuntimeHooks } from './runtime.js';
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
  /** Reload when the config file (or the Envoy bootstrap) changes, including Kubernetes ConfigMap swaps. */
  readonly watch?: boolean;
  /** Watch debounce and poll intervals (tests shorten them). */
  readonly watchTiming?: { readonly debounceMs?: number; readonly pollMs?: number };
}

export type ReloadResult = 'success' | 'failure';

export interface ServerApp {
  readonly extProcPort: number;
  readonly adminPort: number | undefined;
  readonly runtime: () => Runtime;
  readonly extProc: ExtProcServer;
  readonly metrics: Metrics;
  /** Re-reads the config file the app started from; the old config keeps serving when the new one fails. */
  reload(): Promise<ReloadResult>;
  /** Drain (readiness false, 503 to new streams, in-flight finish up to the drain timeout), then close. */
  stop(): Promise<void>;
}

/**
 * gRPC messages carry whole bodies. The limit is the one the generated Envoy config sets on its side
 * (src/envoy/limits.ts), so the two ends of the ext_proc stream always agree.
 */
export function grpcMessageLimit(config: ConsiliumConfig): number {
  return deriveLimits(config).grpcMessageBytes;
}

export async function startServerApp(options: ServerAppOptions): Promise<ServerApp> {
  const { config, logger } = options;
  if (options.envoyConfigFile) await checkEnvoyClusters(config, options.envoyConfigFile);
  const access = accessLogger(logger);
  const metrics = createMetrics({ config, onError: (error) => logger.debug({ err: error }, 'metrics recording failed') });
  const recipeSlots = new ConcurrencyLimiter(config.server.maxConcurrentRecipes);
  let holder: RuntimeHolder | undefined;
  const hooks = runtimeHooks(metrics, () => holder?.current.config ?? config);
  const build = (next: ConsiliumConfig): Promise<Runtime> =>
    buildRuntime(next, { logger, recipeSlots, hooks, ...(options.backends ? { backends: options.backends } : {}) });
  holder = new RuntimeHolder(await build(config));
  const runtimes = holder;
  metrics.setConfig(config, runtimes.current.classifier?.labels);

  let health: ReturnType<typeof registerHealth> | undefined;
  const extProc = new ExtProcServer({
    acquire: () => runtimes.acquire(),
    logger,
    maxMessageBytes: grpcMessageLimit(config),
    onRequestDone: (summary, durationMs) => {
      const model = summary.usageModel ? runtimes.current.config.models.get(summary.usageModel) : undefined;
      const routedCost = summary.usage && model ? costUsd(model, summary.usage) : 0;
      if (summary.usage && model) metrics.routedUsage(model.name, summary.usage, routedCost);
      metrics.requestDone(summary, durationMs / 1000);
      logRequest(access, summary, durationMs, routedCost);
    },
    onStreamCount: (active) => metrics.streams(active),
    onPhase: (phase, ms) => metrics.phase(phase, ms / 1000),
    register: (server) => {
      health = registerHealth(server);
    },
  });
  const listen = options.listen ?? config.server.listen;
  const extProcPort = await extProc.listen(listen.host, listen.port);
  let admin: AdminServer | undefined;
  if (options.admin !== false) {
    const at = options.admin ?? config.server.admin;
    admin = await startAdminServer(at.host, at.port, {
      notReadyReason: () => (extProc.isDraining ? 'draining' : undefined),
      metrics: () => metrics.render(),
    });
  }
  logger.info({ ext_proc_port: extProcPort, admin_port: admin?.port, models: [...config.models.keys()] }, 'consilium listening');

  const reloadOnce = async (): Promise<ReloadResult> => {
    const source = runtimes.current.config.source;
    if (!source) {
      logger.warn('reload requested, but the config did not come from a file');
      return 'failure';
    }
    try {
      const next = await loadConfigFile(source);
      if (options.envoyConfigFile) await checkEnvoyClusters(next, options.envoyConfigFile);
      warnFixedSettings(runtimes.current.config, next, logger);
      const runtime = await build(next);
      runtimes.swap(runtime);
      recipeSlots.setLimit(next.server.maxConcurrentRecipes);
      metrics.setConfig(next, runtime.classifier?.labels);
      metrics.configReload('success');
      logger.info({ source, models: [...next.models.keys()] }, 'config reloaded');
      return 'success';
    } catch (error) {
      metrics.configReload('failure');
      logger.error({ source, err: error }, 'config reload rejected; the previous config keeps serving');
      return 'failure';
    }
  };
  let reloading: Promise<ReloadResult> = Promise.resolve('success');
  // Reloads run one at a time, each reading the files as they are when it starts.
  const reload = (): Promise<ReloadResult> => (reloading = reloading.then(reloadOnce, reloadOnce));

  const watchers: { close(): void }[] = [];
  if (options.watch) {
    const files = [config.source, options.envoyConfigFile].filter((f): f is string => typeof f === 'string');
    for (const file of files) {
      watchers.push(
        watchConfigFile(file, () => void reload(), {
          ...options.watchTiming,
          onError: (error) => logger.warn({ file, err: error }, 'config watch error'),
        }),
      );
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    extProcPort,
    adminPort: admin?.port,
    runtime: () => runtimes.current,
    extProc,
    metrics,
    reload,
    stop() {
      stopping ??= (async () => {
        for (const watcher of watchers) watcher.close();
        health?.setServing(false);
        const drained = await extProc.drain(runtimes.current.config.server.drainTimeoutMs);
        if (!drained) logger.warn({ active: extProc.activeStreams }, 'drain timeout: closing with streams in flight');
        await extProc.close();
        await admin?.close();
        await runtimes.close();
      })();
      return stopping;
    },
  };
}

function runtimeHooks(metrics: Metrics, currentConfig: () => ConsiliumConfig): RuntimeHooks {
  return {
    onBackendCall: (event: BackendCallEvent) => {
      const model = currentConfig().models.get(event.model);
      metrics.backendCall(event, event.phase === 'call' && event.usage && model ? costUsd(model, event.usage) : undefined);
    },
    onRecipeOutcome: (outcome) => metrics.recipeOutcome(outcome),
    onRecipeFailed: (recipe) => metrics.recipeFailed(recipe),
    onClassifierError: () => metrics.classifierError(),
    onClassifierBatch: (size, ms) => metrics.classifierBatch(size, ms / 1000),
  };
}

/** One JSON line per request. Prompts never appear here (they are logged only at debug level, if at all). */
function logRequest(logger: Logger, summary: RequestSummary, durationMs: number, routedCostUsd: number): void {
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
      cost_usd: (summary.meta?.costUsd ?? 0) + routedCostUsd,
      latency_ms: durationMs,
    },
    'request',
  );
}

/** Listener addresses and gRPC limits are bound at start; a reload cannot move them. */
function warnFixedSettings(current: ConsiliumConfig, next: ConsiliumConfig, logger: Logger): void {
  const fixed = ['listen', 'admin', 'maxBodyBytes'] as const;
  const changed = fixed.filter((key) => JSON.stringify(current.server[key]) !== JSON.stringify(next.server[key]));
  if (changed.length > 0) logger.warn({ settings: changed }, 'these server settings take effect only after a restart');
}
