/**
 * Renders a kustomization without the kustomize binary, for the subset deploy/ uses: `resources` (files and
 * directories), `configMapGenerator` (files, optional disableNameSuffixHash), `patches` (strategic-merge
 * patch files naming their target), `images` and `namespace`. Any other key is an error, so the manifests
 * cannot silently depend on a feature this resolver would ignore. Order follows kustomize: a base is rendered
 * completely, then this level's generators, patches, images and namespace apply.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type K8sObject = Record<string, any>;

const SUPPORTED_KEYS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'configMapGenerator', 'patches', 'images']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass']);
/** Strategic-merge keys of the lists deploy/ patches; other lists are replaced. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};

export class KustomizeError extends Error {}

export function renderKustomization(dir: string): K8sObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const k = parse(readFileSync(file, 'utf8')) as K8sObject;
  for (const key of Object.keys(k)) if (!SUPPORTED_KEYS.has(key)) throw new KustomizeError(`${file}: unsupported key '${key}'`);

  let objects: K8sObject[] = [];
  for (const entry of (k.resources ?? []) as string[]) {
    const target = path.resolve(dir, entry);
    objects.push(...(statSync(target).isDirectory() ? renderKustomization(target) : readManifests(target)));
  }
  const renames = new Map<string, string>();
  for (const generator of (k.configMapGenerator ?? []) as K8sObject[]) {
    const configMap = generateConfigMap(dir, generator);
    if (configMap.metadata.name !== generator.name) renames.set(generator.name, configMap.metadata.name);
    objects.push(configMap);
  }
  for (const patch of (k.patches ?? []) as K8sObject[]) objects = applyPatch(dir, objects, patch);
  for (const image of (k.images ?? []) as K8sObject[]) for (const o of objects) setImage(o, image);
  if (renames.size > 0) for (const o of objects) renameConfigMapRefs(o, renames);
  if (k.namespace) for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata = { ...o.metadata, namespace: k.namespace };
  assertUnique(objects);
  return objects;
}

export function readManifests(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new KustomizeError(`${file}: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export function idOf(o: K8sObject): string {
  return `${o.kind}/${o.metadata?.name}`;
}

function generateConfigMap(dir: string, generator: K8sObject): K8sObject {
  for (const key of Object.keys(generator)) {
    if (!['name', 'files', 'options'].includes(key)) throw new KustomizeError(`configMapGenerator ${generator.name}: unsupported key '${key}'`);
  }
  const data: Record<string, string> = {};
  for (const entry of (generator.files ?? []) as string[]) {
    const [key, file] = entry.includes('=') ? entry.split('=', 2) : [path.basename(entry), entry];
    data[key as string] = readFileSync(path.resolve(dir, file as string), 'utf8');
  }
  const configMap: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data };
  if (generator.options?.disableNameSuffixHash !== true) {
    // kustomize appends a content hash so a change rolls the pods that mount it; the exact hash does not matter here.
    const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 10);
    configMap.metadata.name = `${generator.name}-${hash}`;
  }
  return configMap;
}

function applyPatch(dir: string, objects: K8sObject[], patch: K8sObject): K8sObject[] {
  if (typeof patch.path !== 'string' || Object.keys(patch).length !== 1) throw new KustomizeError('patches: only { path } entries are supported');
  const patchObjects = readManifests(path.resolve(dir, patch.path));
  let result = objects;
  for (const p of patchObjects) {
    const index = result.findIndex((o) => o.kind === p.kind && o.apiVersion === p.apiVersion && o.metadata?.name === p.metadata?.name);
    if (index < 0) throw new KustomizeError(`patch ${patch.path}: no ${p.apiVersion} ${idOf(p)} to patch`);
    result = result.map((o, i) => (i === index ? (strategicMerge(o, p) as K8sObject) : o));
  }
  return result;
}

export function strategicMerge(base: unknown, patch: unknown, key?: string): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(base) && Array.isArray(patch)) {
    const mergeKey = key ? MERGE_KEYS[key] : undefined;
    if (!mergeKey) return structuredClone(patch);
    const merged = base.map((item) => structuredClone(item));
    for (const item of patch) {
      const at = merged.findIndex((m) => m?.[mergeKey] === item?.[mergeKey]);
      if (at >= 0) merged[at] = strategicMerge(merged[at], item);
      else merged.push(structuredClone(item));
    }
    return merged;
  }
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, unknown> = structuredClone(base);
    for (const [k, v] of Object.entries(patch)) {
      const next = strategicMerge(out[k], v, k);
      if (next === undefined) delete out[k];
      else out[k] = next;
    }
    return out;
  }
  return structuredClone(patch);
}

function setImage(o: K8sObject, image: K8sObject): void {
  for (const container of podContainers(o)) {
    const ref = String(container.image);
    const name = ref.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
    if (name !== image.name) continue;
    const tag = ref.slice(name.length);
    const newTag = image.digest ? `@${image.digest}` : image.newTag !== undefined ? `:${image.newTag}` : tag;
    container.image = `${image.newName ?? name}${newTag}`;
  }
}

function renameConfigMapRefs(o: K8sObject, renames: ReadonlyMap<string, string>): void {
  const spec = o.spec?.template?.spec;
  if (!spec) return;
  const rename = (ref: K8sObject | undefined): void => {
    if (ref?.name && renames.has(ref.name)) ref.name = renames.get(ref.name);
  };
  for (const volume of spec.volumes ?? []) {
    rename(volume.configMap);
    for (const source of volume.projected?.sources ?? []) rename(source.configMap);
  }
  for (const container of podContainers(o)) {
    for (const env of container.env ?? []) rename(env.valueFrom?.configMapKeyRef);
    for (const from of container.envFrom ?? []) rename(from.configMapRef);
  }
}

/** Containers and init containers of a workload's pod template. */
export function podContainers(o: K8sObject): K8sObject[] {
  const spec = o.spec?.template?.spec;
  return spec ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : [];
}

function assertUnique(objects: readonly K8sObject[]): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.apiVersion}/${idOf(o)}`;
    if (seen.has(id)) throw new KustomizeError(`duplicate resource ${id}`);
    seen.add(id);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
