/**
 * Validates manifests against the Kubernetes OpenAPI schemas that kubernetes-models compiles, plus a strict
 * pass for unknown fields (a misspelled `readinesProbe` is schema-valid but silently ignored by the API
 * server). The strict pass hands the validator a proxy and records which keys it reads: the compiled
 * validators read every property their schema declares, so a key never read is not in the schema.
 */
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { K8sObject } from './kustomize.js';

interface ModelClass {
  new (data: any): { validate(): void };
  readonly prototype: { validate(): void };
}

const MODELS: Readonly<Record<string, ModelClass>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Problems of one object: unknown kind, schema violations, unknown fields. Empty when valid. */
export function schemaProblems(o: K8sObject): string[] {
  const id = `${o.apiVersion}/${o.kind}/${o.metadata?.name}`;
  const Model = MODELS[`${o.apiVersion}/${o.kind}`];
  if (!Model) return [`${id}: no schema for ${o.apiVersion} ${o.kind}`];
  try {
    new Model(o).validate();
  } catch (error) {
    return [`${id}: ${(error as Error).message}`];
  }
  const read = new Set<string>();
  Model.prototype.validate.call(tracked(o, '', read));
  return unread(o, '', read).map((field) => `${id}: unknown field ${field}`);
}

function tracked(value: unknown, at: string, read: Set<string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return child;
      read.add(`${at}/${key}`);
      return tracked(child, `${at}/${key}`, read);
    },
  });
}

function unread(value: unknown, at: string, read: ReadonlySet<string>): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = `${at}/${key}`;
    return read.has(here) ? unread(child, here, read) : [here];
  });
}
