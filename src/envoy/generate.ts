/**
 * Generates the Envoy v3 bootstrap from a Consilium config, so Envoy and Consilium read one source of truth
 * for clusters, limits and timeouts. The result is a plain object in Envoy's own YAML/JSON structure; the dev
 * gateway reads this same object (see view.ts), so it stays a faithful, standard v3 bootstrap.
 */
import type { ConsiliumConfig, HostPort } from '../config/types.js';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import { buildExtProcCluster, buildModelCluster, type HostMapper } from './clusters.js';
import { extProcServiceAddress, isDnsLabel, qualifyHost, type K8sOptions } from './k8s.js';
import { deriveLimits } from './limits.js';
import { buildListener } from './listener.js';
import { note, prefixNotes, type Note } from './notes.js';

export interface BootstrapOptions {
  /** Where Envoy reaches Consilium's ext_proc gRPC port. Default: the k8s service name with --k8s, else
   *  server.listen (a wildcard host becomes 127.0.0.1). */
  readonly extProcAddress?: HostPort;
  /** Client-facing listener port. Default 8080. */
  readonly listenPort?: number;
  /** Client-facing listener address. Default 0.0.0.0. */
  readonly listenHost?: string;
  /** Envoy admin port on 127.0.0.1. Default 9901. */
  readonly adminPort?: number;
  readonly k8s?: K8sOptions;
}

export const DEFAULT_LISTEN_PORT = 8080;
export const DEFAULT_ADMIN_PORT = 9901;
/** ext_proc's proto bounds message_timeout (and max_message_timeout) to one hour. */
export const MAX_MESSAGE_TIMEOUT_MS = 3_600_000;

export interface GeneratedBootstrap {
  readonly bootstrap: Record<string, unknown>;
  readonly notes: readonly Note[];
}

/** The bootstrap object (Envoy v3 structure, snake_case keys, protobuf JSON scalars). */
export function generateBootstrap(config: ConsiliumConfig, options: BootstrapOptions = {}): Record<string, unknown> {
  return buildBootstrap(config, options).bootstrap;
}

/** The bootstrap with the notes that explain its values (for the commented YAML). */
export function buildBootstrap(config: ConsiliumConfig, options: BootstrapOptions = {}): GeneratedBootstrap {
  checkOptions(options);
  const limits = deriveLimits(config);
  if (limits.messageTimeoutMs > MAX_MESSAGE_TIMEOUT_MS) {
    throw new ConfigError('build', [
      { path: 'server.message_timeout_ms', message: "Envoy's ext_proc accepts a message_timeout of at most 3600 s", value: limits.messageTimeoutMs },
    ]);
  }
  const k8s = options.k8s;
  const mapHost: HostMapper = k8s ? (host) => qualifyHost(host, k8s.namespace) : (host) => host;
  const extProcAddress = options.extProcAddress ?? (k8s ? extProcServiceAddress(k8s, config.server.listen.port) : localAddress(config.server.listen));

  const listener = buildListener(config, limits, { host: options.listenHost ?? '0.0.0.0', port: options.listenPort ?? DEFAULT_LISTEN_PORT });
  const models = [...config.models.values()].map((model) => buildModelCluster(model, limits, mapHost));
  const extProc = buildExtProcCluster(extProcAddress, limits);

  const notes: Note[] = [
    note(['admin'], ' Admin on loopback only: it can change Envoy\'s state (drain, log levels) and must not be exposed.'),
    ...prefixNotes(['static_resources', 'listeners', 0], listener.notes),
    note(['static_resources', 'clusters'], ' One cluster per model (its name is what Consilium writes into x-consilium-cluster), then ext_proc.'),
    ...models.flatMap((m, i) => prefixNotes(['static_resources', 'clusters', i], m.notes)),
    ...prefixNotes(['static_resources', 'clusters', models.length], extProc.notes),
  ];
  const bootstrap = {
    node: { id: 'consilium-envoy', cluster: 'consilium' },
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: options.adminPort ?? DEFAULT_ADMIN_PORT } } },
    static_resources: {
      listeners: [listener.value],
      clusters: [...models.map((m) => m.value), extProc.value],
    },
  };
  return { bootstrap, notes };
}

function localAddress(listen: HostPort): HostPort {
  const wildcard = listen.host === '0.0.0.0' || listen.host === '::' || listen.host === '';
  return { host: wildcard ? '127.0.0.1' : listen.host, port: listen.port };
}

function checkOptions(options: BootstrapOptions): void {
  const issues: ConfigIssue[] = [];
  const port = (path: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 65_535)) issues.push({ path, message: 'must be a port (0-65535)', value });
  };
  port('listenPort', options.listenPort);
  port('adminPort', options.adminPort);
  port('extProcAddress.port', options.extProcAddress?.port);
  if (options.extProcAddress && options.extProcAddress.host.length === 0) issues.push({ path: 'extProcAddress.host', message: 'must not be empty' });
  if (options.k8s) {
    if (!isDnsLabel(options.k8s.namespace)) issues.push({ path: 'k8s.namespace', message: 'must be a DNS label (lowercase, digits, -)', value: options.k8s.namespace });
    const service = options.k8s.consiliumService;
    if (service !== undefined && !isDnsLabel(service)) issues.push({ path: 'k8s.consiliumService', message: 'must be a DNS label', value: service });
  }
  if (issues.length > 0) throw new ConfigError('build', issues);
}
