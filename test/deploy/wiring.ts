/**
 * Checks that the rendered manifests fit together: Services reach declared container ports, the files on
 * Consilium's and Envoy's command lines exist in mounted ConfigMaps, probes hit real ports, the Envoy
 * bootstrap's clusters point at the right Services and ports, and the NetworkPolicy admits only Envoy to
 * ext_proc. Each check returns problems as sentences; an empty list means the wiring holds.
 */
import type { ConsiliumConfig } from '../../src/config/types.js';
import { checkBootstrap, EXT_PROC_CLUSTER, qualifyHost } from '../../src/envoy/index.js';
import { parse } from 'yaml';
import { podContainers, type K8sObject } from './kustomize.js';
import {
  argValue, consiliumContainer, consiliumDeployment, envoyContainer, envoyDeployment, mountedFile, named, namespaceOf, ofKind,
  podLabels, resolvePort, selectedDeployments, selects, servedBootstrap, servedConfig,
} from './objects.js';

export function serviceProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const service of ofKind(objects, 'Service')) {
    const targets = selectedDeployments(objects, service.spec?.selector);
    if (!service.spec?.selector || targets.length !== 1) {
      problems.push(`Service ${service.metadata.name} selects ${targets.length} Deployments`);
      continue;
    }
    const target = targets[0] as K8sObject;
    for (const port of service.spec.ports ?? []) {
      if (resolvePort(target, port.targetPort ?? port.port) === undefined) {
        problems.push(`Service ${service.metadata.name} port ${port.port} targets ${port.targetPort}, which Deployment ${target.metadata.name} does not declare`);
      }
    }
  }
  return problems;
}

/** Consilium's command line, config, mounts, probes and credentials. */
export function consiliumProblems(objects: readonly K8sObject[]): string[] {
  const deployment = consiliumDeployment(objects);
  const container = deployment && consiliumContainer(deployment);
  if (!deployment || !container) return ['no Deployment runs `consilium serve`'];
  const config = servedConfig(objects);
  if (typeof config === 'string') return [config];
  const problems: string[] = [];
  const id = `Deployment ${deployment.metadata.name}`;

  const envoyFile = argValue(container.args, '--envoy-config');
  const envoy = envoyDeployment(objects);
  const envoyArgs = envoy && envoyContainer(envoy)?.args;
  if (!envoyFile) problems.push(`${id}: consilium serve has no --envoy-config`);
  else {
    const mounted = mountedFile(objects, deployment, container, envoyFile);
    if (!mounted.ok) problems.push(mounted.problem);
    else if (envoy && envoyArgs) {
      const envoyMounted = mountedFile(objects, envoy, envoyContainer(envoy) as K8sObject, argValue(envoyArgs, '-c') ?? '');
      if (envoyMounted.ok && (envoyMounted.configMap !== mounted.configMap || envoyMounted.key !== mounted.key)) {
        problems.push(`${id}: --envoy-config reads ${mounted.configMap}/${mounted.key}, Envoy runs ${envoyMounted.configMap}/${envoyMounted.key}`);
      }
    }
  }
  for (const mount of container.volumeMounts ?? []) {
    if (mount.subPath) problems.push(`${id}: mount ${mount.mountPath} uses subPath, which never receives ConfigMap updates (hot reload breaks)`);
  }
  if (resolvePort(deployment, config.server.listen.port) === undefined) problems.push(`${id}: no container port ${config.server.listen.port} (server.listen)`);
  const admin = config.server.admin.port;
  for (const [probe, path] of [['livenessProbe', '/healthz'], ['readinessProbe', '/readyz']] as const) {
    const get = container[probe]?.httpGet;
    if (!get) problems.push(`${id}: ${probe} is not an HTTP probe of ${path}`);
    else if (get.path !== path || resolvePort(deployment, get.port) !== admin) {
      problems.push(`${id}: ${probe} checks ${get.path} on ${get.port}, expected ${path} on the admin port ${admin}`);
    }
  }
  problems.push(...credentialProblems(id, container, config));
  return problems;
}

/** Every api_key_env of the config comes from a Secret. */
function credentialProblems(id: string, container: K8sObject, config: ConsiliumConfig): string[] {
  const problems: string[] = [];
  const fromSecrets = (container.envFrom ?? []).some((from: K8sObject) => from.secretRef);
  for (const model of config.models.values()) {
    if (!model.apiKeyEnv) continue;
    const env = (container.env ?? []).find((e: K8sObject) => e.name === model.apiKeyEnv);
    if (!env && !fromSecrets) problems.push(`${id}: models.${model.name}.api_key_env ${model.apiKeyEnv} is not set`);
    else if (env && !env.valueFrom?.secretKeyRef) problems.push(`${id}: ${model.apiKeyEnv} must come from a secretKeyRef`);
  }
  return problems;
}

/** Probes point at ports the container declares. */
export function probeProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of ofKind(objects, 'Deployment')) {
    for (const container of podContainers(deployment)) {
      for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const probe = container[kind];
        if (!probe) continue;
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
        if (port === undefined || resolvePort(deployment, port) === undefined) {
          problems.push(`${deployment.metadata.name}/${container.name}: ${kind} port ${port} is not a declared container port`);
        }
      }
      if (!container.readinessProbe) problems.push(`${deployment.metadata.name}/${container.name}: no readinessProbe`);
      if (!container.livenessProbe) problems.push(`${deployment.metadata.name}/${container.name}: no livenessProbe`);
    }
  }
  return problems;
}

/** The Envoy bootstrap's clusters and listener against the Services, ports and the Consilium config. */
export function envoyProblems(objects: readonly K8sObject[]): string[] {
  const bootstrap = servedBootstrap(objects);
  if (typeof bootstrap === 'string') return [bootstrap];
  const config = servedConfig(objects);
  if (typeof config === 'string') return [config];
  const namespace = namespaceOf(objects) ?? 'default';
  const envoy = envoyDeployment(objects) as K8sObject;
  const clusters: K8sObject[] = bootstrap.static_resources?.clusters ?? [];
  const problems: string[] = [];

  const extProc = clusters.find((c) => c.name === EXT_PROC_CLUSTER);
  const extProcEndpoints = endpointsOf(extProc);
  if (extProcEndpoints.length === 0) problems.push(`bootstrap: no ${EXT_PROC_CLUSTER} cluster endpoints`);
  for (const { host, port } of extProcEndpoints) {
    const service = serviceOfHost(objects, host, namespace);
    if (!service) {
      problems.push(`bootstrap: ${EXT_PROC_CLUSTER} goes to ${host}, not a Service in namespace ${namespace}`);
      continue;
    }
    if (service.spec.clusterIP !== 'None') problems.push(`Service ${service.metadata.name}: ext_proc needs a headless Service (Envoy resolves each pod)`);
    const servicePort = (service.spec.ports ?? []).find((p: K8sObject) => p.port === port);
    const consilium = consiliumDeployment(objects);
    const target = servicePort && consilium ? resolvePort(consilium, servicePort.targetPort ?? servicePort.port) : undefined;
    if (target !== config.server.listen.port) {
      problems.push(`bootstrap: ${EXT_PROC_CLUSTER} port ${port} reaches ${target ?? 'nothing'} on Consilium, which listens on ${config.server.listen.port}`);
    }
  }

  for (const model of config.models.values()) {
    const cluster = clusters.find((c) => c.name === model.cluster);
    if (!cluster) {
      problems.push(`bootstrap: no cluster ${model.cluster} for model ${model.name}`);
      continue;
    }
    const expected = model.endpoints.map((e) => `${qualifyHost(e.host, namespace)}:${e.port}`).sort();
    const actual = endpointsOf(cluster).map((e) => `${e.host}:${e.port}`).sort();
    if (expected.join() !== actual.join()) problems.push(`bootstrap: cluster ${model.cluster} goes to ${actual.join()}, the config says ${expected.join()}`);
    for (const { host, port } of endpointsOf(cluster)) {
      if (!host.endsWith(`.${namespace}.svc.cluster.local`)) continue;
      const service = serviceOfHost(objects, host, namespace);
      if (!service || !(service.spec.ports ?? []).some((p: K8sObject) => p.port === port)) {
        problems.push(`bootstrap: cluster ${model.cluster} goes to ${host}:${port}, but no such Service port is deployed in ${namespace}`);
      }
    }
  }

  for (const listener of bootstrap.static_resources?.listeners ?? []) {
    const port = listener.address?.socket_address?.port_value;
    if (resolvePort(envoy, port) === undefined) problems.push(`Envoy listener ${listener.name} on ${port} is not a declared container port`);
  }
  const exposed = ofKind(objects, 'Service').filter((s) => selects(s.spec?.selector, podLabels(envoy)));
  const listenerPorts = new Set((bootstrap.static_resources?.listeners ?? []).map((l: K8sObject) => l.address?.socket_address?.port_value));
  if (!exposed.some((s) => (s.spec.ports ?? []).some((p: K8sObject) => listenerPorts.has(resolvePort(envoy, p.targetPort ?? p.port))))) {
    problems.push('no Service exposes an Envoy listener port');
  }
  problems.push(...probeListenerProblems(envoy, bootstrap, config));
  return problems;
}

/**
 * The --config-yaml probe listener merged into the bootstrap: it forwards to the bootstrap's admin port, is
 * the port Envoy's readiness probe uses, and the merged bootstrap is valid against Envoy's protos.
 */
function probeListenerProblems(envoy: K8sObject, bootstrap: K8sObject, config: ConsiliumConfig): string[] {
  const container = envoyContainer(envoy) as K8sObject;
  const text = argValue(container.args, '--config-yaml');
  if (!text) return ['Envoy: no --config-yaml probe listener (the admin is loopback-only, unreachable for probes)'];
  const extra = parse(text) as K8sObject;
  const problems: string[] = [];
  const adminPort = bootstrap.admin?.address?.socket_address?.port_value;
  const adminCluster = (extra.static_resources?.clusters ?? []).find((c: K8sObject) => c.name === 'envoy_admin');
  if (!endpointsOf(adminCluster).some((e) => e.host === '127.0.0.1' && e.port === adminPort)) {
    problems.push(`Envoy probe listener: envoy_admin must go to 127.0.0.1:${adminPort}, the bootstrap's admin`);
  }
  const probePorts = (extra.static_resources?.listeners ?? []).map((l: K8sObject) => l.address?.socket_address?.port_value);
  const readinessPort = resolvePort(envoy, container.readinessProbe?.httpGet?.port);
  if (container.readinessProbe?.httpGet?.path !== '/ready' || !probePorts.includes(readinessPort)) {
    problems.push(`Envoy readinessProbe must GET /ready on the probe listener (${probePorts.join()}), got ${container.readinessProbe?.httpGet?.path} on ${readinessPort}`);
  }
  const merged = structuredClone(bootstrap);
  for (const kind of ['listeners', 'clusters']) {
    const names = new Set((merged.static_resources[kind] ?? []).map((x: K8sObject) => x.name));
    for (const added of extra.static_resources?.[kind] ?? []) {
      if (names.has(added.name)) problems.push(`Envoy probe listener: ${kind} name ${added.name} collides with the bootstrap`);
    }
    merged.static_resources[kind] = [...(merged.static_resources[kind] ?? []), ...(extra.static_resources?.[kind] ?? [])];
  }
  const expectedClusters = [...config.models.values()].map((m) => m.cluster);
  for (const issue of checkBootstrap(merged, { expectedClusters })) problems.push(`merged bootstrap: ${issue.path}: ${issue.message}`);
  return problems;
}

/** Only Envoy pods may reach ext_proc; the admin port is open to a restricted peer (Prometheus). */
export function networkPolicyProblems(objects: readonly K8sObject[]): string[] {
  const consilium = consiliumDeployment(objects);
  const envoy = envoyDeployment(objects);
  const config = servedConfig(objects);
  if (!consilium || !envoy || typeof config === 'string') return ['network policy: Consilium, Envoy or the config is missing'];
  const policies = ofKind(objects, 'NetworkPolicy').filter((p) => selects(p.spec?.podSelector?.matchLabels, podLabels(consilium)));
  if (policies.length === 0) return ['no NetworkPolicy selects the Consilium pods'];
  const problems: string[] = [];
  const rules = policies.flatMap((p) => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') ? (p.spec.ingress ?? []) : []);
  const covers = (rule: K8sObject, port: number): boolean =>
    !rule.ports || rule.ports.some((p: K8sObject) => p.port === undefined || resolvePort(consilium, p.port) === port);
  const extProcRules = rules.filter((r: K8sObject) => covers(r, config.server.listen.port));
  if (extProcRules.length === 0) problems.push('network policy: nothing may reach ext_proc, not even Envoy');
  for (const rule of extProcRules) {
    const peers: K8sObject[] = rule.from ?? [];
    const onlyEnvoy = peers.length > 0 && peers.every((peer) => !peer.namespaceSelector && !peer.ipBlock && peer.podSelector?.matchLabels && selects(peer.podSelector.matchLabels, podLabels(envoy)));
    if (!onlyEnvoy) problems.push(`network policy: a rule admits ext_proc port ${config.server.listen.port} from peers that are not Envoy pods`);
  }
  const adminRules = rules.filter((r: K8sObject) => covers(r, config.server.admin.port));
  if (adminRules.length === 0) problems.push('network policy: Prometheus cannot reach the admin port');
  for (const rule of adminRules) {
    if (!(rule.from ?? []).length) problems.push('network policy: the admin port is open to everyone');
  }
  return problems;
}

interface HostPortPair {
  readonly host: string;
  readonly port: number;
}

function endpointsOf(cluster: K8sObject | undefined): HostPortPair[] {
  return (cluster?.load_assignment?.endpoints ?? []).flatMap((group: K8sObject) =>
    (group.lb_endpoints ?? []).map((e: K8sObject) => ({ host: e.endpoint?.address?.socket_address?.address, port: e.endpoint?.address?.socket_address?.port_value })),
  );
}

/** The Service a cluster-DNS name (`name.namespace.svc.cluster.local`) denotes, if rendered here. */
function serviceOfHost(objects: readonly K8sObject[], host: string, namespace: string): K8sObject | undefined {
  const match = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(host);
  if (!match || match[2] !== namespace) return undefined;
  return named(objects, 'Service', match[1] as string);
}
