/**
 * The whole offline stack in one process: simulated OpenAI backends, Consilium (ext_proc + admin), and the
 * Envoy-faithful gateway configured from the bootstrap `consilium envoy` would generate for the same config.
 * Serves `consilium dev`, the integration tests, the benchmarks and `consilium eval`.
 */
import type { Backends } from '../backends/types.js';
import { writeFile } from 'node:fs/promises';
import { loadConfigFile, loadConfigText } from '../config/load.js';
import type { ConsiliumConfig } from '../config/types.js';
import { generateBootstrap } from '../envoy/generate.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import { startServerApp, type ServerApp } from '../cli/server-app.js';
import { demoConfigYaml } from './demo-config.js';
import { demoResponder } from './demo-responder.js';
import { gatewayOptionsFromBootstrap, startGateway, type Gateway } from './gateway/index.js';
import { startSimBackend, type SimBackend, type SimBackendOptions } from './sim-backend.js';

export interface DevStackOptions {
  /** Simulated backends by name (default: small, and big served under /openai/v1). */
  readonly backends?: Readonly<Record<string, SimBackendOptions>>;
  /** The Consilium config, given the running backends (default: the demo config). */
  readonly configYaml?: (backends: Readonly<Record<string, SimBackend>>, ports: { extProcPort: number; adminPort: number }) => string;
  /** 0 (default) picks free ports. */
  readonly gatewayPort?: number;
  readonly gatewayHost?: string;
  readonly extProcPort?: number;
  /** false: no admin listener. */
  readonly adminPort?: number | false;
  readonly logger?: Logger;
  /** Replaces Consilium's HTTP backends for recipe calls (routing still goes through the gateway). */
  readonly recipeBackends?: Backends;
  /** Where relative paths in the config resolve (default: cwd). */
  readonly baseDir?: string;
  /** Write the config to this file and load it from there, so reloads (and watching) work. */
  readonly configFile?: string;
  readonly watch?: boolean;
  readonly watchTiming?: { readonly debounceMs?: number; readonly pollMs?: number };
  readonly envoyConfigFile?: string;
}

export interface DevStack {
  readonly gatewayUrl: string;
  readonly gateway: Gateway;
  readonly backends: Readonly<Record<string, SimBackend>>;
  readonly app: ServerApp;
  readonly config: ConsiliumConfig;
  readonly bootstrap: Record<string, unknown>;
  close(): Promise<void>;
}

const DEFAULT_BACKENDS: Readonly<Record<string, SimBackendOptions>> = {
  small: { name: 'small', models: ['sim-small'], respond: demoResponder('small') },
  big: { name: 'big', models: ['sim-big'], basePath: '/openai', respond: demoResponder('big') },
};

export async function startDevStack(options: DevStackOptions = {}): Promise<DevStack> {
  const logger = options.logger ?? silentLogger();
  const backendOptions = options.backends ?? DEFAULT_BACKENDS;
  const backends: Record<string, SimBackend> = {};
  // Everything started so far, to shut down in reverse order if a later step fails.
  const cleanups: (() => Promise<void>)[] = [];
  try {
    for (const [name, sim] of Object.entries(backendOptions)) {
      const backend = await startSimBackend({ name, ...sim });
      backends[name] = backend;
      cleanups.push(() => backend.close());
    }
    const ports = { extProcPort: options.extProcPort ?? 0, adminPort: options.adminPort === false ? 0 : (options.adminPort ?? 0) };
    const yaml = options.configYaml
      ? options.configYaml(backends, ports)
      : demoConfigYaml({ small: backends.small!.port, big: backends.big!.port }, ports);
    let config: ConsiliumConfig;
    if (options.configFile) {
      await writeFile(options.configFile, yaml);
      config = await loadConfigFile(options.configFile);
    } else {
      config = loadConfigText(yaml, { baseDir: options.baseDir ?? process.cwd() });
    }
    const app = await startServerApp({
      config,
      logger,
      ...(options.watch ? { watch: true } : {}),
      ...(options.watchTiming ? { watchTiming: options.watchTiming } : {}),
      ...(options.envoyConfigFile ? { envoyConfigFile: options.envoyConfigFile } : {}),
      ...(options.adminPort === false ? { admin: false } : {}),
      ...(options.recipeBackends ? { backends: options.recipeBackends } : {}),
    });
    cleanups.push(() => app.stop());
    const bootstrap = generateBootstrap(config, {
      extProcAddress: { host: '127.0.0.1', port: app.extProcPort },
      listenHost: options.gatewayHost ?? '127.0.0.1',
      listenPort: options.gatewayPort ?? 0,
    });
    const gateway = await startGateway(gatewayOptionsFromBootstrap(bootstrap, { logger }));
    return {
      gatewayUrl: gateway.url,
      gateway,
      backends,
      app,
      config,
      bootstrap,
      async close() {
        await gateway.close();
        await app.stop();
        await Promise.all(Object.values(backends).map((b) => b.close()));
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
}
