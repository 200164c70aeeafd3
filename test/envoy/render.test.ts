import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateBootstrap } from '../../src/envoy/generate.js';
import { renderBootstrapYaml, renderConfigMapYaml } from '../../src/envoy/render.js';
import { testConfig } from './fixture.js';

const config = testConfig({ models: [{ name: 'small', urls: ['http://small-llm:8000/v1'] }, { name: 'azure', urls: ['https://x.openai.azure.com/openai/v1'] }] });

/** The comment block directly above the first line that sets `key`. */
function commentAbove(yaml: string, key: string): string {
  const lines = yaml.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*(- )?${key}:`).test(l));
  expect(at, `no line sets ${key}`).toBeGreaterThan(0);
  const block: string[] = [];
  for (let i = at - 1; i >= 0 && /^\s*#/.test(lines[i] as string); i--) block.unshift((lines[i] as string).trim());
  return block.join('\n');
}

describe('renderBootstrapYaml', () => {
  const yaml = renderBootstrapYaml(config);

  it('renders exactly the generated bootstrap: comments never change the content', () => {
    expect(parse(yaml)).toEqual(generateBootstrap(config));
  });

  it('is deterministic and names its source file without an absolute path', () => {
    expect(renderBootstrapYaml(config)).toBe(yaml);
    expect(yaml).toContain('from test.yaml');
    expect(yaml).not.toContain('/configs/');
  });

  it.each([
    ['per_connection_buffer_limit_bytes', /max_body_bytes/],
    ['stream_idle_timeout', /slowest deadline/],
    ['request_timeout', /message_timeout_ms/],
    ['early_header_mutation_extensions', /BEFORE route selection/],
    ['message_timeout', /recipe/],
    ['max_message_timeout', /override_message_timeout/],
    ['max_receive_message_length', /gRPC/],
    ['timeout', /slowest/],
    ['connect_timeout', /route timeout/],
    ['retry_policy', /Never 5xx/],
    ['cluster_not_found_response_code', /503/],
    ['failure_mode_allow', /Fail closed/],
  ])('explains %s in a comment above it', (key, reason) => {
    expect(commentAbove(yaml, key)).toMatch(reason);
  });
});

describe('renderConfigMapYaml', () => {
  it('wraps the k8s bootstrap in a valid v1 ConfigMap under envoy.yaml', () => {
    const text = renderConfigMapYaml(config, { k8s: { namespace: 'llm', configMapName: 'edge-envoy' } });
    const manifest = parse(text);
    expect(() => new ConfigMap(manifest).validate()).not.toThrow();
    expect(manifest.metadata).toMatchObject({ name: 'edge-envoy', namespace: 'llm' });
    expect(manifest.data['envoy.yaml']).toBe(renderBootstrapYaml(config, { k8s: { namespace: 'llm', configMapName: 'edge-envoy' } }));
    expect(parse(manifest.data['envoy.yaml'])).toEqual(generateBootstrap(config, { k8s: { namespace: 'llm' } }));
    expect(manifest.data['envoy.yaml']).toContain('consilium.llm.svc.cluster.local');
  });
});
