import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { checkBootstrapText } from '../../src/envoy/check.js';
import { renderBootstrapYaml } from '../../src/envoy/render.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'config/example.yaml');
const COMMITTED = path.join(ROOT, 'envoy/envoy.yaml');
const REGENERATE = 'npx consilium envoy --config config/example.yaml --out envoy/envoy.yaml';

describe('envoy/envoy.yaml', () => {
  it('matches what config/example.yaml generates today', async () => {
    const [config, committed] = await Promise.all([loadConfigFile(EXAMPLE), readFile(COMMITTED, 'utf8')]);
    const fresh = renderBootstrapYaml(config);
    expect(committed === fresh, `envoy/envoy.yaml is out of date with config/example.yaml; regenerate it with:\n  ${REGENERATE}`).toBe(true);
  });

  it('passes the proto checker with every example model cluster present', async () => {
    const [config, committed] = await Promise.all([loadConfigFile(EXAMPLE), readFile(COMMITTED, 'utf8')]);
    const expectedClusters = [...config.models.values()].map((m) => m.cluster);
    expect(expectedClusters.length).toBeGreaterThan(0);
    expect(checkBootstrapText(committed, { expectedClusters })).toEqual([]);
  });
});
