/**
 * Cross-reference checks over the messages the proto walk visited: names that must point at something
 * (clusters named by routes and gRPC services, per-route filter configs naming a filter), duplicate names,
 * gRPC clusters that do not speak HTTP/2, and an HTTP filter chain that does not end with the router.
 */
import type { CheckIssue, PathSegment } from './check-issue.js';
import { formatPath } from './check-issue.js';
import { isPlainObject } from './check-values.js';
import type { Visit } from './check-walk.js';
import { MESSAGE_TYPES, messageNameOf } from './names.js';

export interface RefOptions {
  /** Clusters that must exist although no route names them literally (cluster_header targets). */
  readonly expectedClusters?: readonly string[];
}

const T = {
  cluster: 'envoy.config.cluster.v3.Cluster',
  listener: 'envoy.config.listener.v3.Listener',
  routeAction: 'envoy.config.route.v3.RouteAction',
  clusterWeight: 'envoy.config.route.v3.WeightedCluster.ClusterWeight',
  envoyGrpc: 'envoy.config.core.v3.GrpcService.EnvoyGrpc',
  hcm: MESSAGE_TYPES.hcm,
} as const;

/** A field by its proto name or its JSON (lowerCamel) name. */
function get(obj: Readonly<Record<string, unknown>>, name: string): unknown {
  return obj[name] ?? obj[name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())];
}

function records(value: unknown): Readonly<Record<string, unknown>>[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

export function checkReferences(visits: readonly Visit[], options: RefOptions = {}): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const report = (path: readonly PathSegment[], message: string): void => void issues.push({ path: formatPath(path), kind: 'reference', message });
  const of = (type: string): Visit[] => visits.filter((v) => v.type === type);

  const clusters = new Map<string, Visit>();
  for (const v of of(T.cluster)) {
    const name = get(v.value, 'name');
    if (typeof name !== 'string') continue;
    if (clusters.has(name)) report([...v.path, 'name'], `duplicate cluster name "${name}"`);
    else clusters.set(name, v);
  }
  const listeners = new Set<string>();
  for (const v of of(T.listener)) {
    const name = get(v.value, 'name');
    if (typeof name !== 'string' || name === '') continue;
    if (listeners.has(name)) report([...v.path, 'name'], `duplicate listener name "${name}"`);
    listeners.add(name);
  }

  const requireCluster = (name: unknown, path: readonly PathSegment[], role: string): Visit | undefined => {
    if (typeof name !== 'string') return undefined;
    const found = clusters.get(name);
    if (!found) report(path, `${role} names cluster "${name}", which is not defined in static_resources.clusters`);
    return found;
  };
  for (const v of of(T.routeAction)) requireCluster(get(v.value, 'cluster'), [...v.path, 'cluster'], 'route');
  for (const v of of(T.clusterWeight)) requireCluster(get(v.value, 'name'), [...v.path, 'name'], 'weighted cluster');
  for (const v of of(T.envoyGrpc)) {
    const cluster = requireCluster(get(v.value, 'cluster_name'), [...v.path, 'cluster_name'], 'gRPC service');
    if (cluster && !speaksHttp2(cluster.value)) {
      report([...cluster.path, 'typed_extension_protocol_options'], `cluster "${String(get(cluster.value, 'name'))}" carries gRPC but does not speak HTTP/2 (set explicit_http_config.http2_protocol_options)`);
    }
  }
  const headerRoutes = of(T.routeAction).filter((v) => typeof get(v.value, 'cluster_header') === 'string');
  for (const expected of options.expectedClusters ?? []) {
    if (!clusters.has(expected)) {
      const at = headerRoutes[0]?.path ?? ['static_resources', 'clusters'];
      report(at, `cluster "${expected}" (a model's cluster, chosen through the cluster header) is not defined`);
    }
  }
  for (const v of of(T.hcm)) checkHttpFilters(v, report);
  return issues;
}

/** gRPC needs HTTP/2: the upstream HttpProtocolOptions (or the deprecated cluster field) must select it. */
function speaksHttp2(cluster: Readonly<Record<string, unknown>>): boolean {
  if (isPlainObject(get(cluster, 'http2_protocol_options'))) return true;
  const options = get(cluster, 'typed_extension_protocol_options');
  if (!isPlainObject(options)) return false;
  return Object.values(options).some((entry) => {
    if (!isPlainObject(entry) || typeof entry['@type'] !== 'string' || messageNameOf(entry['@type']) !== MESSAGE_TYPES.httpProtocolOptions) return false;
    const explicit = get(entry, 'explicit_http_config');
    return isPlainObject(explicit) && (isPlainObject(get(explicit, 'http2_protocol_options')) || isPlainObject(get(explicit, 'http3_protocol_options')));
  });
}

function checkHttpFilters(hcm: Visit, report: (path: readonly PathSegment[], message: string) => void): void {
  const filters = records(get(hcm.value, 'http_filters'));
  const at = [...hcm.path, 'http_filters'];
  const isRouter = (f: Readonly<Record<string, unknown>>): boolean => {
    const config = get(f, 'typed_config');
    return isPlainObject(config) && typeof config['@type'] === 'string' && messageNameOf(config['@type']) === MESSAGE_TYPES.router;
  };
  const routerAt = filters.findIndex(isRouter);
  if (filters.length === 0 || routerAt === -1) report(at, 'the HTTP filter chain has no router filter (envoy.extensions.filters.http.router.v3.Router)');
  else if (routerAt !== filters.length - 1) report([...at, routerAt], 'the router filter must be the last HTTP filter');

  const names = new Set(filters.map((f) => get(f, 'name')).filter((n): n is string => typeof n === 'string'));
  const routeConfig = get(hcm.value, 'route_config');
  if (!isPlainObject(routeConfig)) return;
  const checkPerFilter = (owner: Readonly<Record<string, unknown>>, path: readonly PathSegment[]): void => {
    const perFilter = get(owner, 'typed_per_filter_config');
    if (!isPlainObject(perFilter)) return;
    for (const key of Object.keys(perFilter)) {
      if (!names.has(key)) report([...path, 'typed_per_filter_config', key], `per-filter config for "${key}", which is not an HTTP filter of this connection manager`);
    }
  };
  const base: PathSegment[] = [...hcm.path, 'route_config'];
  checkPerFilter(routeConfig, base);
  records(get(routeConfig, 'virtual_hosts')).forEach((vh, i) => {
    const vhPath = [...base, 'virtual_hosts', i];
    checkPerFilter(vh, vhPath);
    records(get(vh, 'routes')).forEach((route, j) => checkPerFilter(route, [...vhPath, 'routes', j]));
  });
}
