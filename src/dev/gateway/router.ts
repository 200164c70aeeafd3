/**
 * Route selection as Envoy's router does it: the first route whose path matches, with a cluster_header route's
 * cluster name read from the headers at the moment the route is computed. The result is cached by the request
 * and recomputed only after clear_route_cache, which is why a changed cluster header alone routes nowhere new.
 */
import type { HeaderList } from './header-list.js';
import type { ClusterSpec, Endpoint, RetryPolicy, RouteSpec } from './options.js';

export type RouteResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'direct'; readonly route: RouteSpec; readonly status: number; readonly body: string | undefined; readonly headers: Readonly<Record<string, string>> }
  | {
      readonly kind: 'cluster';
      readonly route: RouteSpec;
      /** Undefined when the cluster header was missing. */
      readonly cluster: string | undefined;
      readonly notFoundCode: number;
      readonly timeoutMs: number;
      readonly retry: RetryPolicy | undefined;
      readonly autoHostRewrite: boolean;
    };

export interface Upstream {
  readonly cluster: string;
  readonly endpoint: Endpoint;
  readonly tls: boolean;
  readonly sni: string;
}

export class Router {
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly routes: readonly RouteSpec[],
    private readonly clusters: Readonly<Record<string, ClusterSpec>>,
  ) {}

  match(headers: HeaderList): RouteSpec | undefined {
    const path = headers.get(':path') ?? '/';
    const bare = path.split('?')[0] ?? path;
    return this.routes.find(({ match }) => {
      if (match.path !== undefined && match.path !== bare) return false;
      if (match.prefix !== undefined && !path.startsWith(match.prefix)) return false;
      if (match.path === undefined && match.prefix === undefined) return false;
      return (match.presentHeaders ?? []).every((name) => headers.has(name));
    });
  }

  /** Computes the route from the headers as they stand now. */
  decide(headers: HeaderList): RouteResult {
    const route = this.match(headers);
    if (!route) return { kind: 'none' };
    const action = route.action;
    if (action.kind === 'direct_response') return { kind: 'direct', route, status: action.status, body: action.body, headers: action.headers ?? {} };
    const upstream = { route, timeoutMs: action.timeoutMs, retry: action.retry, autoHostRewrite: action.autoHostRewrite === true };
    if (action.kind === 'cluster') return { kind: 'cluster', cluster: action.cluster, notFoundCode: 503, ...upstream };
    const value = headers.get(action.header);
    return { kind: 'cluster', cluster: value === undefined || value === '' ? undefined : value, notFoundCode: action.clusterNotFoundCode, ...upstream };
  }

  has(cluster: string): boolean {
    return Object.hasOwn(this.clusters, cluster);
  }

  /** The next endpoint of `cluster`, round robin; undefined when the cluster is unknown or has no endpoints. */
  pick(cluster: string): Upstream | undefined {
    const spec = this.has(cluster) ? this.clusters[cluster] : undefined;
    if (!spec || spec.endpoints.length === 0) return undefined;
    const cursor = this.cursors.get(cluster) ?? 0;
    this.cursors.set(cluster, cursor + 1);
    const endpoint = spec.endpoints[cursor % spec.endpoints.length] as Endpoint;
    return { cluster, endpoint, tls: spec.tls === true, sni: spec.sni ?? endpoint.host };
  }
}
