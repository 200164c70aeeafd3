/**
 * Kubernetes flavour of the bootstrap: the ext_proc address and short backend host names become service DNS
 * names (`<name>.<namespace>.svc.cluster.local`), and the YAML is wrapped in a ConfigMap manifest that an
 * Envoy Deployment mounts as /etc/envoy/envoy.yaml.
 */
import { isIP } from 'node:net';
import type { HostPort } from '../config/types.js';

export interface K8sOptions {
  readonly namespace: string;
  /** Service name of Consilium's ext_proc port (headless, see envoy/README.md). Default `consilium`. */
  readonly consiliumService?: string;
  /** ConfigMap name. Default `consilium-envoy`. */
  readonly configMapName?: string;
}

export const DEFAULT_CONSILIUM_SERVICE = 'consilium';
export const DEFAULT_CONFIGMAP_NAME = 'consilium-envoy';
/** Key of the bootstrap inside the ConfigMap (the file name Envoy is started with). */
export const CONFIGMAP_KEY = 'envoy.yaml';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value);
}

/** `consilium.<ns>.svc.cluster.local:<port>` (the port is Consilium's ext_proc listen port). */
export function extProcServiceAddress(k8s: K8sOptions, port: number): HostPort {
  return { host: serviceDns(k8s.consiliumService ?? DEFAULT_CONSILIUM_SERVICE, k8s.namespace), port };
}

/**
 * Qualifies a bare service name ("small-llm") with the namespace. Names with a dot (already qualified, or
 * external like api.openai.com), IP literals and localhost are left alone.
 */
export function qualifyHost(host: string, namespace: string): string {
  if (host.includes('.') || isIP(host) !== 0 || host === 'localhost') return host;
  return serviceDns(host, namespace);
}

function serviceDns(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.cluster.local`;
}

/** A v1 ConfigMap holding the rendered bootstrap under `envoy.yaml`. */
export function configMapManifest(bootstrapYaml: string, k8s: K8sOptions): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: k8s.configMapName ?? DEFAULT_CONFIGMAP_NAME,
      namespace: k8s.namespace,
      labels: { 'app.kubernetes.io/name': 'consilium', 'app.kubernetes.io/component': 'envoy' },
    },
    data: { [CONFIGMAP_KEY]: bootstrapYaml },
  };
}
