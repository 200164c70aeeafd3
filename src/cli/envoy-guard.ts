/**
 * Guards against routing to a cluster Envoy lacks: with `--envoy-config FILE` (the bootstrap Envoy runs), every
 * model's cluster must be defined there, at start-up and at every reload.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { ConsiliumConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

/** Cluster names in a bootstrap, or in a ConfigMap whose data holds one (the --k8s form). */
export function bootstrapClusterNames(text: string): Set<string> {
  const doc = parse(text) as Record<string, any> | null;
  const bootstrap = doc?.kind === 'ConfigMap' ? parse(Object.values(doc.data ?? {})[0] as string) : doc;
  const clusters: { name?: unknown }[] = bootstrap?.static_resources?.clusters ?? [];
  return new Set(clusters.map((c) => c.name).filter((n): n is string => typeof n === 'string'));
}

export async function checkEnvoyClusters(config: ConsiliumConfig, envoyConfigFile: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(envoyConfigFile, 'utf8');
  } catch (error) {
    throw new ConfigError('cross-reference', [{ path: '--envoy-config', message: `cannot read ${envoyConfigFile}: ${(error as NodeJS.ErrnoException).code ?? error}` }]);
  }
  const clusters = bootstrapClusterNames(text);
  const missing = [...config.models.values()].filter((m) => !clusters.has(m.cluster));
  if (missing.length > 0) {
    throw new ConfigError(
      'cross-reference',
      missing.map((m) => ({
        path: `models.${m.name}`,
        message: `Envoy has no cluster "${m.cluster}" in ${envoyConfigFile}; regenerate it with 'consilium envoy --config ...' and roll out Envoy first`,
        value: m.cluster,
      })),
    );
  }
}
