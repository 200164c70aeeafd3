import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { ConfigError, type ConfigIssue } from '../../src/errors/index.js';
import { baseYaml, testConfig } from '../support/config.js';

function issuesOf(yaml: string): { stage: string; issues: readonly ConfigIssue[] } {
  try {
    loadConfigText(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return { stage: error.stage, issues: error.issues };
    throw error;
  }
  throw new Error('expected the config to fail');
}

describe('config loading', () => {
  it('builds typed, frozen objects with defaults', () => {
    const config = testConfig();
    expect(config.server.listen).toEqual({ host: '127.0.0.1', port: 0 });
    expect(config.server.messageTimeoutMs).toBe(120_000);
    const big = config.models.get('big')!;
    expect(big.providerModel).toBe('provider-big');
    expect(big.basePath).toBe('/openai/v1');
    expect(big.endpoints).toEqual([{ scheme: 'http', host: '127.0.0.1', port: 9 }]);
    expect(big.cluster).toBe('big');
    expect(config.decisions.map((d) => d.name)).toEqual(['code', 'default']);
    expect(config.virtualModels.aliases.get('MoM')).toBe('consilium/auto');
    expect(config.virtualModels.aliases.get('vllm-sr/auto')).toBe('consilium/auto');
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(big)).toBe(true);
  });

  it('sorts decisions by priority, keeping file order on ties, default last', () => {
    const config = testConfig(
      baseYaml().replace(
        'decisions:\n',
        `decisions:
  - { name: low, priority: 1, when: { stream: true }, model: small }
  - { name: high, priority: 50, when: { tools: true }, model: big }
  - { name: tie, priority: 1, when: { tools: false }, model: big }
`,
      ),
    );
    expect(config.decisions.map((d) => d.name)).toEqual(['high', 'code', 'low', 'tie', 'default']);
  });

  it('reports YAML syntax and duplicate keys at the decode stage', () => {
    expect(issuesOf('models: [unclosed').stage).toBe('decode');
    expect(issuesOf('server: {}\nserver: {}\n').stage).toBe('decode');
  });

  it('names the exact path and value of schema errors, and refuses literal API keys', () => {
    const { stage, issues } = issuesOf(
      baseYaml().replace('max_messages: 50', 'max_messages: -3\n  colour: blue').replace('api_key_env: TEST_SMALL_KEY', 'api_key: sk-secret'),
    );
    expect(stage).toBe('schema');
    expect(issues).toContainEqual({ path: 'server.max_messages', message: expect.stringContaining('>0'), value: -3 });
    expect(issues).toContainEqual({ path: 'server.colour', message: 'unknown key', value: 'blue' });
    expect(issues).toContainEqual({ path: 'models.small.api_key', message: expect.stringContaining('api_key_env'), value: 'sk-secret' });
  });

  it('lists every cross-reference problem at once', () => {
    const { stage, issues } = issuesOf(
      baseYaml()
        .replace('model: big\n    reason: code request', 'model: huge\n    reason: code request')
        .replace('when: { keyword: code }', 'when: { any: [{ keyword: nope }, { category: math }] }')
        .replace('    default: true\n', '    when: { stream: true }\n'),
    );
    expect(stage).toBe('cross-reference');
    expect(issues.map((i) => i.path)).toEqual(['decisions[0].model', 'decisions[0].when.any[0].keyword', 'decisions']);
    expect(issues[0]!.value).toBe('huge');
  });

  it('rejects bad base URLs and shared clusters', () => {
    const { issues } = issuesOf(
      baseYaml()
        .replace('http://127.0.0.1:9/v1', 'ftp://x/v1')
        .replace('base_url: http://127.0.0.1:9/openai/v1', 'base_url: http://u:p@h/v1\n    cluster: small'),
    );
    expect(issues).toContainEqual({ path: 'models.small.base_url', message: expect.stringContaining('http'), value: 'ftp://x/v1' });
    expect(issues).toContainEqual({ path: 'models.big.base_url', message: expect.stringContaining('credentials'), value: 'http://u:p@h/v1' });
    expect(issues).toContainEqual({ path: 'models.big.cluster', message: expect.stringContaining('already used'), value: 'small' });
  });

  it('rejects keyword regexes RE2 cannot run, at load, with their path', () => {
    const { issues } = issuesOf(baseYaml().replace('phrases: [chest pain]', 'regex: ["(?<=x)pain", "ok\\\\d{1,3}", "(a)\\\\1"]'));
    expect(issues.map((i) => i.path)).toEqual(['signals.keywords.urgent.regex[0]', 'signals.keywords.urgent.regex[2]']);
  });

  it('validates aliases against auto profiles and recipes', () => {
    const { issues } = issuesOf(baseYaml() + 'virtual_models:\n  aliases: { gpt-auto: consilium/nothing, small: consilium/auto }\n');
    expect(issues.map((i) => i.path)).toEqual(['virtual_models.aliases.gpt-auto', 'virtual_models.aliases.small']);
  });
});
