/**
 * Operational policies every workload in deploy/ must meet: autoscaling and disruption budgets that target
 * real Deployments, the pod security baseline, a drain that fits in the grace period, and no literal secret.
 */
import { podContainers, type K8sObject } from './kustomize.js';
import { consiliumDeployment, envoyDeployment, named, ofKind, selectedDeployments, servedConfig } from './objects.js';

export function scalingProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
  const pdbs = ofKind(objects, 'PodDisruptionBudget');
  for (const hpa of hpas) {
    const ref = hpa.spec.scaleTargetRef;
    const target = ref.kind === 'Deployment' && ref.apiVersion === 'apps/v1' ? named(objects, 'Deployment', ref.name) : undefined;
    if (!target) {
      problems.push(`HPA ${hpa.metadata.name} targets ${ref.apiVersion} ${ref.kind} ${ref.name}, which is not rendered`);
      continue;
    }
    if (!(hpa.spec.metrics ?? []).some((m: K8sObject) => m.type === 'Resource' && m.resource?.name === 'cpu')) problems.push(`HPA ${hpa.metadata.name} does not scale on CPU`);
    if (podContainers(target).some((c) => !c.resources?.requests?.cpu)) problems.push(`HPA ${hpa.metadata.name}: ${ref.name} has a container without a CPU request`);
    if ((hpa.spec.minReplicas ?? 1) < 2) problems.push(`HPA ${hpa.metadata.name}: minReplicas below 2 leaves no replica during a rollout or drain`);
  }
  for (const pdb of pdbs) {
    const targets = selectedDeployments(objects, pdb.spec.selector?.matchLabels);
    if (targets.length !== 1) {
      problems.push(`PDB ${pdb.metadata.name} selects ${targets.length} Deployments`);
      continue;
    }
    const target = targets[0] as K8sObject;
    const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === target.metadata.name);
    const floor = Math.min(target.spec.replicas ?? 1, hpa?.spec.minReplicas ?? Number.POSITIVE_INFINITY);
    if (typeof pdb.spec.minAvailable === 'number' && pdb.spec.minAvailable >= floor) {
      problems.push(`PDB ${pdb.metadata.name}: minAvailable ${pdb.spec.minAvailable} with ${floor} replicas blocks every node drain`);
    }
  }
  for (const deployment of ofKind(objects, 'Deployment')) {
    const name = deployment.metadata.name;
    if (!hpas.some((h) => h.spec.scaleTargetRef.name === name)) problems.push(`Deployment ${name} has no HPA`);
    if (!pdbs.some((p) => selectedDeployments(objects, p.spec.selector?.matchLabels).includes(deployment))) problems.push(`Deployment ${name} has no PDB`);
  }
  return problems;
}

export function securityProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of ofKind(objects, 'Deployment')) {
    const pod = deployment.spec.template.spec;
    const name = deployment.metadata.name;
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name}: pod must set runAsNonRoot`);
    if (pod.automountServiceAccountToken !== false) problems.push(`${name}: mounts a service account token it does not need`);
    for (const container of podContainers(deployment)) {
      const id = `${name}/${container.name}`;
      const sc = container.securityContext ?? {};
      const seccomp = sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault') problems.push(`${id}: seccomp profile must be RuntimeDefault`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${id}: allowPrivilegeEscalation must be false`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${id}: readOnlyRootFilesystem must be true`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${id}: must drop ALL capabilities`);
      if (sc.runAsUser === 0 || sc.privileged === true) problems.push(`${id}: runs as root or privileged`);
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[kind]?.[resource]) problems.push(`${id}: no ${resource} ${kind.slice(0, -1)}`);
        }
      }
      const tag = /:([^:/@]+)$/.exec(String(container.image))?.[1];
      if (!String(container.image).includes('@') && (!tag || tag === 'latest')) problems.push(`${id}: image ${container.image} is not pinned`);
    }
  }
  return problems;
}

/** Seconds a preStop hook waits: `sleep N` (exec) or the sleep action. */
function preStopSeconds(container: K8sObject): number | undefined {
  const hook = container.lifecycle?.preStop;
  if (hook?.sleep?.seconds !== undefined) return hook.sleep.seconds;
  const command: string[] = hook?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : undefined;
}

export function drainProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  const config = servedConfig(objects);
  const consilium = consiliumDeployment(objects);
  for (const deployment of [consilium, envoyDeployment(objects)]) {
    if (!deployment) continue;
    const grace = deployment.spec.template.spec.terminationGracePeriodSeconds ?? 30;
    for (const container of podContainers(deployment)) {
      const sleep = preStopSeconds(container);
      if (sleep === undefined || !(sleep > 0)) {
        problems.push(`${deployment.metadata.name}/${container.name}: no preStop sleep; traffic still arrives while the pod stops`);
        continue;
      }
      const drain = deployment === consilium && typeof config !== 'string' ? config.server.drainTimeoutMs / 1000 : 0;
      if (grace <= sleep + drain) {
        problems.push(`${deployment.metadata.name}: terminationGracePeriodSeconds ${grace} must exceed preStop ${sleep} s + drain ${drain} s`);
      }
    }
  }
  return problems;
}

const SECRET_LOOKING = [/\bsk-[A-Za-z0-9_-]{16,}/, /Bearer\s+[A-Za-z0-9._~+/-]{12,}/, /\bAKIA[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\bghp_[A-Za-z0-9]{30,}/];
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)/i;

/** Text that looks like a credential. */
export function secretLooking(text: string): string | undefined {
  return SECRET_LOOKING.map((pattern) => pattern.exec(text)?.[0]).find((hit) => hit !== undefined);
}

export function secretProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    if (o.kind === 'Secret' && (o.data || o.stringData)) problems.push(`Secret ${o.metadata.name} carries data in the manifests; create it out of band`);
    const hit = secretLooking(JSON.stringify(o));
    if (hit) problems.push(`${o.kind} ${o.metadata?.name} contains a credential-looking value`);
  }
  for (const deployment of ofKind(objects, 'Deployment')) {
    for (const container of podContainers(deployment)) {
      for (const env of container.env ?? []) {
        if (SECRET_NAME.test(env.name) && env.value !== undefined) problems.push(`${deployment.metadata.name}/${container.name}: ${env.name} is a literal value`);
      }
    }
  }
  return problems;
}
