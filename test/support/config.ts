/** Config fixtures for tests: a small YAML with two models, keyword routing and a default. */
import { loadConfigText } from '../../src/config/load.js';
import type { ConsiliumConfig } from '../../src/config/types.js';

export function baseYaml(ports: { small?: number; big?: number } = {}): string {
  return `
server:
  listen: 127.0.0.1:0
  admin: 127.0.0.1:0
  max_body_bytes: 65536
  max_messages: 50
  max_prompt_tokens: 5000
models:
  small:
    model: provider-small
    base_url: http://127.0.0.1:${ports.small ?? 9}/v1
    api_key_env: TEST_SMALL_KEY
    pricing: { input: 1, output: 2 }
  big:
    model: provider-big
    base_url: http://127.0.0.1:${ports.big ?? 9}/openai/v1
    pricing: { input: 10, output: 20 }
signals:
  keywords:
    code: { words: [python, function], phrases: [stack trace] }
    urgent: { phrases: [chest pain] }
decisions:
  - name: code
    priority: 10
    when: { keyword: code }
    model: big
    reason: code request
  - name: default
    default: true
    model: small
`;
}

export function testConfig(yaml: string = baseYaml()): ConsiliumConfig {
  return loadConfigText(yaml, { baseDir: process.cwd() });
}
