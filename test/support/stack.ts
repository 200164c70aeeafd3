/** A dev stack for integration tests: simulated backends, Consilium and the gateway, with a routing-only config. */
import OpenAI from 'openai';
import { startDevStack, type DevStack, type DevStackOptions } from '../../src/dev/stack.js';
import type { SimBackend } from '../../src/dev/sim-backend.js';

export function routingYaml(backends: Readonly<Record<string, SimBackend>>, extra = ''): string {
  return `
server:
  listen: 127.0.0.1:0
  admin: 127.0.0.1:0
  max_body_bytes: 262144
models:
  small:
    model: sim-small
    base_url: http://127.0.0.1:${backends.small!.port}/v1
    api_key_env: IT_SMALL_KEY
    pricing: { input: 1, output: 2 }
  big:
    model: sim-big
    base_url: http://127.0.0.1:${backends.big!.port}/openai/v1
    api_key_env: IT_BIG_KEY
    pricing: { input: 10, output: 20 }
  dead:
    base_url: http://127.0.0.1:1/v1
signals:
  keywords:
    code: { words: [python, function], phrases: [stack trace] }
decisions:
  - { name: code, priority: 10, when: { keyword: code }, model: big, reason: code request }
  - { name: default, default: true, model: small }
${extra}`;
}

export async function startRoutingStack(options: Partial<DevStackOptions> = {}): Promise<DevStack> {
  return startDevStack({ adminPort: false, configYaml: (backends) => routingYaml(backends), ...options });
}

export function openaiClient(stack: DevStack, headers: Record<string, string> = {}): OpenAI {
  return new OpenAI({ baseURL: `${stack.gatewayUrl}/v1`, apiKey: 'client-key', defaultHeaders: headers, maxRetries: 0, timeout: 20_000 });
}
