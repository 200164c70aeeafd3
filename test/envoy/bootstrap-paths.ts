/** Accessors into a generated bootstrap, so tests read like the Envoy structure they assert on. */
// Tests poke at arbitrary depths of Envoy's structure: `any` keeps them readable.
type Obj = Record<string, any>;

export function listener(b: Obj): Obj {
  return b.static_resources.listeners[0];
}

export function hcm(b: Obj): Obj {
  return listener(b).filter_chains[0].filters[0].typed_config;
}

export function routes(b: Obj): any[] {
  return hcm(b).route_config.virtual_hosts[0].routes;
}

export function virtualHost(b: Obj): Obj {
  return hcm(b).route_config.virtual_hosts[0];
}

export function extProc(b: Obj): Obj {
  return hcm(b).http_filters.find((f: Obj) => f.name === 'envoy.filters.http.ext_proc').typed_config;
}

export function cluster(b: Obj, name: string): Obj {
  const found = b.static_resources.clusters.find((c: Obj) => c.name === name);
  if (!found) throw new Error(`no cluster ${name}`);
  return found;
}

/** "120s" / "0.5s" → milliseconds. */
export function ms(duration: string): number {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(duration);
  if (!m) throw new Error(`not a duration: ${duration}`);
  return Math.round(Number(m[1]) * 1000);
}
