import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { checkBootstrapText, renderConfigMapYaml } from '../../src/envoy/index.js';
import { schemaProblems } from './k8s-schema.js';
import { idOf, KustomizeError, podContainers, renderKustomization, type K8sObject } from './kustomize.js';
import { consiliumContainer, consiliumDeployment, envoyContainer, envoyDeployment, named } from './objects.js';
import { drainProblems, scalingProblems, secretLooking, secretProblems, securityProblems } from './policies.js';
import { consiliumProblems, envoyProblems, networkPolicyProblems, probeProblems, serviceProblems } from './wiring.js';

const OVERLAY = 'deploy/overlays/example';
const NAMESPACE = 'consilium';
const rendered = renderKustomization(OVERLAY);

type Check = (objects: readonly K8sObject[]) => string[];
const CHECKS: Readonly<Record<string, Check>> = {
  services: serviceProblems,
  consilium: consiliumProblems,
  probes: probeProblems,
  envoy: envoyProblems,
  networkPolicy: networkPolicyProblems,
  scaling: scalingProblems,
  security: securityProblems,
  drain: drainProblems,
  secrets: secretProblems,
};

function mutated(mutate: (objects: K8sObject[]) => void): K8sObject[] {
  const copy = structuredClone(rendered);
  mutate(copy);
  return copy;
}

function get(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = named(objects, kind, name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found;
}

const consilium = (objects: readonly K8sObject[]): K8sObject => consiliumContainer(consiliumDeployment(objects) as K8sObject) as K8sObject;
const envoy = (objects: readonly K8sObject[]): K8sObject => envoyContainer(envoyDeployment(objects) as K8sObject) as K8sObject;
const editConfigMap = (objects: readonly K8sObject[], name: string, key: string, edit: (text: string) => string): void => {
  const configMap = get(objects, 'ConfigMap', name);
  const before = configMap.data[key] as string;
  configMap.data[key] = edit(before);
  if (configMap.data[key] === before) throw new Error(`the edit of ${name}/${key} changed nothing`);
};

describe('kustomize rendering of the example overlay', () => {
  it('renders every workload, Service, policy and ConfigMap, namespaced', () => {
    expect(rendered.map(idOf).sort()).toEqual(
      [
        'ConfigMap/consilium-config', 'ConfigMap/consilium-envoy',
        'Deployment/consilium', 'Deployment/consilium-envoy',
        'HorizontalPodAutoscaler/consilium', 'HorizontalPodAutoscaler/consilium-envoy',
        'Namespace/consilium',
        'NetworkPolicy/consilium', 'NetworkPolicy/consilium-envoy',
        'PodDisruptionBudget/consilium', 'PodDisruptionBudget/consilium-envoy',
        'Service/consilium', 'Service/consilium-envoy',
      ].sort(),
    );
    for (const o of rendered) if (o.kind !== 'Namespace') expect(o.metadata.namespace, idOf(o)).toBe(NAMESPACE);
  });

  it('applies the overlay: config from the file, patches merged by container name, image retagged', () => {
    expect(get(rendered, 'ConfigMap', 'consilium-config').data['config.yaml']).toBe(readFileSync(path.join(OVERLAY, 'config.yaml'), 'utf8'));
    const container = consilium(rendered);
    expect(container.resources.limits.memory).toBe('2Gi');
    expect(container.env.map((e: K8sObject) => e.name)).toContain('OPENAI_API_KEY');
    expect(container.image).toBe('ghcr.io/example/consilium:0.1.0');
    expect(get(rendered, 'HorizontalPodAutoscaler', 'consilium').spec.maxReplicas).toBe(6);
    expect(get(rendered, 'HorizontalPodAutoscaler', 'consilium').spec.minReplicas).toBe(2);
  });

  describe('resolver', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    const scratch = (files: Record<string, string>): string => {
      const dir = mkdtempSync(path.join(tmpdir(), 'consilium-kustomize-'));
      dirs.push(dir);
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
      return dir;
    };
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec:\n      containers: [{ name: c, image: "img:1" }]\n      volumes: [{ name: v, configMap: { name: settings } }]\n';

    it('refuses a kustomization key it does not implement', () => {
      const dir = scratch({ 'kustomization.yaml': 'resources: [app.yaml]\ncommonLabels: { team: x }\n', 'app.yaml': deployment });
      expect(() => renderKustomization(dir)).toThrow(KustomizeError);
    });

    it('names a hashed generated ConfigMap by content and rewrites the volumes that use it', () => {
      const files = { 'kustomization.yaml': 'resources: [app.yaml]\nconfigMapGenerator: [{ name: settings, files: [s.yaml] }]\n', 'app.yaml': deployment, 's.yaml': 'x: 1\n' };
      const first = renderKustomization(scratch(files));
      const second = renderKustomization(scratch({ ...files, 's.yaml': 'x: 2\n' }));
      const nameOf = (objects: K8sObject[]): string => (objects.find((o) => o.kind === 'ConfigMap') as K8sObject).metadata.name;
      expect(nameOf(first)).toMatch(/^settings-[0-9a-f]{10}$/);
      expect(nameOf(second)).not.toBe(nameOf(first));
      expect((first.find((o) => o.kind === 'Deployment') as K8sObject).spec.template.spec.volumes[0].configMap.name).toBe(nameOf(first));
    });

    it('fails on a patch whose target is not rendered', () => {
      const dir = scratch({ 'kustomization.yaml': 'resources: [app.yaml]\npatches: [{ path: p.yaml }]\n', 'app.yaml': deployment, 'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: other }\nspec: { replicas: 3 }\n' });
      expect(() => renderKustomization(dir)).toThrow(/no apps\/v1 Deployment\/other/);
    });
  });
});

describe('Kubernetes schemas (kubernetes-models)', () => {
  it.each(rendered.map((o) => [idOf(o), o] as const))('%s is valid, with no unknown field', (_id, o) => {
    expect(schemaProblems(o)).toEqual([]);
  });

  it('validates the base on its own too', () => {
    const base = renderKustomization('deploy/base');
    expect(base.length).toBeGreaterThanOrEqual(10);
    expect(base.flatMap(schemaProblems)).toEqual([]);
  });

  it('catches a wrong type, a misspelled field and an unknown kind', () => {
    const broken = mutated((objects) => {
      get(objects, 'Deployment', 'consilium').spec.replicas = '2';
      const container = envoy(objects);
      container.readinesProbe = container.readinessProbe;
      delete container.readinessProbe;
    });
    expect(schemaProblems(get(broken, 'Deployment', 'consilium')).join('\n')).toMatch(/replicas must be integer/);
    expect(schemaProblems(get(broken, 'Deployment', 'consilium-envoy'))).toEqual([expect.stringMatching(/unknown field .*\/readinesProbe$/)]);
    expect(schemaProblems({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toEqual([expect.stringMatching(/no schema/)]);
  });
});

describe('wiring of the example overlay', () => {
  it.each(Object.entries(CHECKS))('%s: no problem', (_name, check) => {
    expect(check(rendered)).toEqual([]);
  });

  const BROKEN: readonly [string, keyof typeof CHECKS, (objects: K8sObject[]) => void, RegExp][] = [
    ['a Service targetPort names no container port', 'services', (o) => void (get(o, 'Service', 'consilium').spec.ports[0].targetPort = 'gprc'), /targets gprc/],
    ['the ext_proc Service is a ClusterIP', 'envoy', (o) => void delete get(o, 'Service', 'consilium').spec.clusterIP, /headless/],
    ['the ext_proc Service port differs from the bootstrap', 'envoy', (o) => void (get(o, 'Service', 'consilium').spec.ports[0].port = 50052), /port 50051 reaches nothing/],
    ['the bootstrap names another namespace for ext_proc', 'envoy', (o) => editConfigMap(o, 'consilium-envoy', 'envoy.yaml', (t) => t.replace('consilium.consilium.svc', 'consilium.other.svc')), /not a Service in namespace consilium/],
    ['a model cluster goes to an in-namespace Service that is not deployed', 'envoy', (o) => editConfigMap(o, 'consilium-envoy', 'envoy.yaml', (t) => t.replace('vllm.llm-serving.svc.cluster.local', 'small-llm.consilium.svc.cluster.local')), /no such Service port is deployed/],
    ['a model has no cluster in the bootstrap', 'envoy', (o) => editConfigMap(o, 'consilium-envoy', 'envoy.yaml', (t) => t.replaceAll('name: big', 'name: large')), /no cluster big/],
    ['Envoy\'s listener port is not a container port', 'envoy', (o) => void (envoy(o).ports[0].containerPort = 8081), /listener consilium_http on 8080/],
    ['the probe listener forwards to the wrong admin port', 'envoy', (o) => void (envoy(o).args[envoy(o).args.indexOf('--config-yaml') + 1] = envoy(o).args[envoy(o).args.indexOf('--config-yaml') + 1].replace('port_value: 9901', 'port_value: 9999')), /envoy_admin must go to 127\.0\.0\.1:9901/],
    ['the config listens on a port the container does not declare', 'consilium', (o) => editConfigMap(o, 'consilium-config', 'config.yaml', (t) => t.replace('0.0.0.0:50051', '0.0.0.0:50052')), /no container port 50052/],
    ['--config names a key the ConfigMap lacks', 'consilium', (o) => void (consilium(o).args[2] = '/etc/consilium/consilium.yaml'), /no key consilium\.yaml/],
    ['--envoy-config is not mounted', 'consilium', (o) => void (consilium(o).args[4] = '/etc/envoy-bootstrap/envoy.yaml'), /nothing is mounted at \/etc\/envoy-bootstrap/],
    ['the config is mounted with subPath', 'consilium', (o) => void Object.assign(consilium(o).volumeMounts[0], { mountPath: '/etc/consilium/config.yaml', subPath: 'config.yaml' }), /subPath/],
    ['the readiness probe checks /healthz', 'consilium', (o) => void (consilium(o).readinessProbe.httpGet.path = '/healthz'), /readinessProbe checks \/healthz/],
    ['an API key env var is missing', 'consilium', (o) => void (consilium(o).env = consilium(o).env.filter((e: K8sObject) => e.name !== 'OPENAI_API_KEY')), /OPENAI_API_KEY is not set/],
    ['a probe names an undeclared port', 'probes', (o) => void (consilium(o).readinessProbe.httpGet.port = 'admn'), /readinessProbe port admn/],
    ['the NetworkPolicy admits another component to ext_proc', 'networkPolicy', (o) => void (get(o, 'NetworkPolicy', 'consilium').spec.ingress[0].from[0].podSelector.matchLabels['app.kubernetes.io/component'] = 'gateway'), /not Envoy pods/],
    ['the NetworkPolicy opens ext_proc to everyone', 'networkPolicy', (o) => void get(o, 'NetworkPolicy', 'consilium').spec.ingress.push({ ports: [{ port: 50051 }] }), /not Envoy pods/],
    ['the NetworkPolicy selects other pods', 'networkPolicy', (o) => void (get(o, 'NetworkPolicy', 'consilium').spec.podSelector.matchLabels['app.kubernetes.io/component'] = 'router'), /no NetworkPolicy selects the Consilium pods/],
    ['an HPA targets a missing Deployment', 'scaling', (o) => void (get(o, 'HorizontalPodAutoscaler', 'consilium').spec.scaleTargetRef.name = 'consilum'), /consilum, which is not rendered/],
    ['a PDB leaves no room for a drain', 'scaling', (o) => void (get(o, 'PodDisruptionBudget', 'consilium').spec.minAvailable = 2), /blocks every node drain/],
    ['a PDB selects nothing', 'scaling', (o) => void (get(o, 'PodDisruptionBudget', 'consilium-envoy').spec.selector.matchLabels['app.kubernetes.io/component'] = 'proxy'), /selects 0 Deployments/],
    ['the root filesystem is writable', 'security', (o) => void (envoy(o).securityContext.readOnlyRootFilesystem = false), /readOnlyRootFilesystem/],
    ['capabilities are kept', 'security', (o) => void (consilium(o).securityContext.capabilities.drop = []), /drop ALL/],
    ['an image is not pinned', 'security', (o) => void (envoy(o).image = 'envoyproxy/envoy:latest'), /not pinned/],
    ['no memory limit', 'security', (o) => void delete consilium(o).resources.limits.memory, /no memory limit/],
    ['the grace period is shorter than preStop plus drain', 'drain', (o) => void (get(o, 'Deployment', 'consilium').spec.template.spec.terminationGracePeriodSeconds = 30), /must exceed preStop 10 s \+ drain 30 s/],
    ['there is no preStop sleep', 'drain', (o) => void delete envoy(o).lifecycle, /no preStop sleep/],
    ['an API key is a literal', 'secrets', (o) => void (consilium(o).env.find((e: K8sObject) => e.name === 'OPENAI_API_KEY').value = 'not-a-real-key'), /OPENAI_API_KEY is a literal/],
    ['a key is pasted into an annotation', 'secrets', (o) => void (get(o, 'Deployment', 'consilium').metadata.annotations = { note: 'sk-proj-abcdefghijklmnopqrstuv' }), /credential-looking/],
    ['a Secret with data is part of the manifests', 'secrets', (o) => void o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'keys' }, stringData: { OPENAI_API_KEY: 'x' } }), /create it out of band/],
  ];

  it.each(BROKEN)('fails when %s', (_what, check, mutate, expected) => {
    const problems = CHECKS[check]?.(mutated(mutate)) ?? [];
    expect(problems.join('\n')).toMatch(expected);
  });
});

describe('the Envoy bootstrap ConfigMap', () => {
  const file = path.join(OVERLAY, 'envoy-configmap.yaml');

  it('is exactly what `consilium envoy --k8s` generates from the overlay config', async () => {
    const config = await loadConfigFile(path.join(OVERLAY, 'config.yaml'));
    const fresh = renderConfigMapYaml(config, { k8s: { namespace: NAMESPACE } });
    expect(readFileSync(file, 'utf8'), `regenerate: npx consilium envoy --config ${OVERLAY}/config.yaml --k8s --namespace ${NAMESPACE} --out ${file}`).toBe(fresh);
  });

  it('is valid against Envoy\'s protos and has a cluster for every model', async () => {
    const config = await loadConfigFile(path.join(OVERLAY, 'config.yaml'));
    expect(checkBootstrapText(readFileSync(file, 'utf8'), { expectedClusters: [...config.models.values()].map((m) => m.cluster) })).toEqual([]);
  });
});

describe('no literal secret anywhere under deploy/', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? files(full) : [full];
    });

  it.each(files('deploy'))('%s', (file) => {
    expect(secretLooking(readFileSync(file, 'utf8'))).toBeUndefined();
  });

  it('the detector recognizes common key shapes', () => {
    for (const key of ['sk-proj-abcdefghijklmnop1234', 'Authorization: Bearer abcdefghijklmnop', 'AKIAABCDEFGHIJKLMNOP', '-----BEGIN RSA PRIVATE KEY-----']) {
      expect(secretLooking(`x: ${key}`), key).toBeDefined();
    }
    expect(secretLooking('api_key_env: OPENAI_API_KEY')).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+\s/.test(l));

  it('builds on node:20-bookworm-slim in two stages, installs production dependencies only, and runs as non-root', () => {
    const from = instructions.filter((l) => l.startsWith('FROM '));
    expect(from).toHaveLength(2);
    for (const line of from) expect(line).toMatch(/^FROM node:20-bookworm-slim\b/);
    expect(dockerfile).toMatch(/ENV ONNXRUNTIME_NODE_INSTALL=skip/);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
    const user = instructions.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(instructions.at(-2)).toBe('ENTRYPOINT ["node", "bin/consilium.js"]');
  });

  it('copies only sources that exist and that .dockerignore keeps in the build context', () => {
    const sources = instructions
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.replace(/^COPY\s+/, '').split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['bin', 'src', 'models', 'config', 'package.json', 'package-lock.json']));
    for (const source of sources) {
      expect(existsSync(source), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
    expect(ignored).toContain('node_modules');
  });

  it('runs the same command the Deployment passes (serve --config under /etc/consilium)', () => {
    const args = consilium(rendered).args as string[];
    expect(args.slice(0, 3)).toEqual(['serve', '--config', '/etc/consilium/config.yaml']);
    expect(dockerfile).toMatch(/CMD \["serve", "--config", "\/etc\/consilium\/config\.yaml"\]/);
    expect(podContainers(get(rendered, 'Deployment', 'consilium')).every((c) => c.command === undefined)).toBe(true);
  });
});
