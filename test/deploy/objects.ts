/**
 * Lookups over rendered manifests that the wiring checks share: which Deployment is Consilium and which is
 * Envoy, label selection, named-port resolution, and the file a container sees at a path through its
 * ConfigMap volume mounts.
 */
import { parse } from 'yaml';
import { loadConfigText } from '../../src/config/load.js';
import type { ConsiliumConfig } from '../../src/config/types.js';
import { podContainers, type K8sObject } from './kustomize.js';

export const ofKind = (objects: readonly K8sObject[], kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);

export function named(objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

/** The Deployment running `consilium serve`. */
export function consiliumDeployment(objects: readonly K8sObject[]): K8sObject | undefined {
  return ofKind(objects, 'Deployment').find((d) => podContainers(d).some((c) => c.args?.[0] === 'serve'));
}

export function consiliumContainer(deployment: K8sObject): K8sObject | undefined {
  return podContainers(deployment).find((c) => c.args?.[0] === 'serve');
}

/** The Deployment running the envoyproxy/envoy image. */
export function envoyDeployment(objects: readonly K8sObject[]): K8sObject | undefined {
  return ofKind(objects, 'Deployment').find((d) => podContainers(d).some(isEnvoyContainer));
}

export function envoyContainer(deployment: K8sObject): K8sObject | undefined {
  return podContainers(deployment).find(isEnvoyContainer);
}

function isEnvoyContainer(c: K8sObject): boolean {
  return String(c.image).startsWith('envoyproxy/envoy');
}

export function podLabels(deployment: K8sObject): Record<string, string> {
  return deployment.spec?.template?.metadata?.labels ?? {};
}

/** matchLabels semantics: every pair of the selector is among the labels (an empty selector selects all). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/** Deployments whose pods a Service, PDB or NetworkPolicy selector picks. */
export function selectedDeployments(objects: readonly K8sObject[], selector: Record<string, string> | undefined): K8sObject[] {
  return ofKind(objects, 'Deployment').filter((d) => selects(selector, podLabels(d)));
}

/** The container port a port reference (number or name) denotes, if a container declares it. */
export function resolvePort(deployment: K8sObject, ref: number | string): number | undefined {
  for (const container of podContainers(deployment)) {
    for (const port of container.ports ?? []) {
      if (typeof ref === 'number' ? port.containerPort === ref : port.name === ref) return port.containerPort;
    }
  }
  return undefined;
}

/** The value after `flag` in an argument list (`--config FILE`). */
export function argValue(args: readonly string[] | undefined, flag: string): string | undefined {
  const at = (args ?? []).indexOf(flag);
  return at >= 0 ? args?.[at + 1] : undefined;
}

export type MountedFile = { readonly ok: true; readonly text: string; readonly configMap: string; readonly key: string; readonly mount: K8sObject } | { readonly ok: false; readonly problem: string };

/** What `container` reads at `file`: the mount whose path is the file's directory, its ConfigMap and key. */
export function mountedFile(objects: readonly K8sObject[], deployment: K8sObject, container: K8sObject, file: string): MountedFile {
  const id = `${deployment.metadata.name}/${container.name}`;
  const dir = file.slice(0, file.lastIndexOf('/'));
  const key = file.slice(file.lastIndexOf('/') + 1);
  const mount = (container.volumeMounts ?? []).find((m: K8sObject) => m.mountPath === dir || m.mountPath === file);
  if (!mount) return { ok: false, problem: `${id}: nothing is mounted at ${dir} for ${file}` };
  const volume = (deployment.spec.template.spec.volumes ?? []).find((v: K8sObject) => v.name === mount.name);
  if (!volume) return { ok: false, problem: `${id}: mount ${mount.name} names no volume` };
  if (!volume.configMap) return { ok: false, problem: `${id}: volume ${volume.name} for ${file} is not a ConfigMap` };
  const configMap = named(objects, 'ConfigMap', volume.configMap.name);
  if (!configMap) return { ok: false, problem: `${id}: volume ${volume.name} names ConfigMap ${volume.configMap.name}, which is not rendered` };
  const dataKey = mount.subPath ?? key;
  const text = configMap.data?.[dataKey];
  if (typeof text !== 'string') return { ok: false, problem: `${id}: ConfigMap ${volume.configMap.name} has no key ${dataKey} for ${file}` };
  return { ok: true, text, configMap: volume.configMap.name, key: dataKey, mount };
}

/** The Consilium config the Consilium container is started with, loaded as `consilium serve` would. */
export function servedConfig(objects: readonly K8sObject[]): ConsiliumConfig | string {
  const deployment = consiliumDeployment(objects);
  const container = deployment && consiliumContainer(deployment);
  if (!deployment || !container) return 'no Deployment runs `consilium serve`';
  const file = argValue(container.args, '--config');
  if (!file) return 'consilium serve has no --config';
  const mounted = mountedFile(objects, deployment, container, file);
  if (!mounted.ok) return mounted.problem;
  try {
    return loadConfigText(mounted.text, { source: file, baseDir: process.cwd() });
  } catch (error) {
    return `the mounted config does not load: ${(error as Error).message}`;
  }
}

/** The Envoy bootstrap Envoy is started with (`-c FILE`), parsed. */
export function servedBootstrap(objects: readonly K8sObject[]): K8sObject | string {
  const deployment = envoyDeployment(objects);
  const container = deployment && envoyContainer(deployment);
  if (!deployment || !container) return 'no Deployment runs envoyproxy/envoy';
  const file = argValue(container.args, '-c') ?? argValue(container.args, '--config-path');
  if (!file) return 'envoy has no -c';
  const mounted = mountedFile(objects, deployment, container, file);
  if (!mounted.ok) return mounted.problem;
  return parse(mounted.text) as K8sObject;
}

export function namespaceOf(objects: readonly K8sObject[]): string | undefined {
  return objects.find((o) => o.kind !== 'Namespace' && o.metadata?.namespace)?.metadata.namespace;
}
