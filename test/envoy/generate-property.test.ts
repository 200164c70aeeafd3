import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBootstrap } from '../../src/envoy/check.js';
import { generateBootstrap } from '../../src/envoy/generate.js';
import { cluster, extProc, hcm, listener, ms, routes } from './bootstrap-paths.js';
import { testConfig, type ModelSpec } from './fixture.js';

const host = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
  fc.constantFrom('api.example.com', 'llm.internal.example', '10.0.0.7', '127.0.0.1'),
);
const basePath = fc.constantFrom('/v1', '/openai/v1', '', '/api/v1');
const modelSpec = fc.record({
  scheme: fc.constantFrom('http', 'https'),
  hosts: fc.uniqueArray(host, { minLength: 1, maxLength: 3 }),
  port: fc.integer({ min: 1, max: 65_535 }),
  basePath,
  timeoutMs: fc.integer({ min: 1000, max: 900_000 }),
});
const configSpec = fc.record({
  models: fc.uniqueArray(modelSpec, { minLength: 1, maxLength: 4, selector: (m) => m.hosts.join(',') }),
  maxBodyBytes: fc.integer({ min: 1024, max: 256 * 1024 * 1024 }),
  messageTimeoutMs: fc.integer({ min: 1000, max: 3_600_000 }),
  k8s: fc.boolean(),
});

describe('generateBootstrap over arbitrary configs', () => {
  it('always yields a bootstrap Envoy\'s protos accept, with limits and timeouts covering the config', () => {
    fc.assert(
      fc.property(configSpec, (spec) => {
        const models: ModelSpec[] = spec.models.map((m, i) => ({
          name: `m${i}`,
          urls: m.hosts.map((h) => `${m.scheme}://${h.includes(':') ? `[${h}]` : h}:${m.port}${m.basePath}`),
          timeoutMs: m.timeoutMs,
        }));
        const config = testConfig({ models, maxBodyBytes: spec.maxBodyBytes, messageTimeoutMs: spec.messageTimeoutMs });
        const b = generateBootstrap(config, spec.k8s ? { k8s: { namespace: 'ns' } } : {});
        expect(checkBootstrap(b, { expectedClusters: models.map((m) => m.name) })).toEqual([]);

        const slowest = Math.max(spec.messageTimeoutMs, ...spec.models.map((m) => m.timeoutMs));
        expect(listener(b).per_connection_buffer_limit_bytes).toBeGreaterThanOrEqual(spec.maxBodyBytes);
        expect(extProc(b).grpc_service.envoy_grpc.max_receive_message_length).toBeGreaterThanOrEqual(spec.maxBodyBytes);
        expect(ms(extProc(b).message_timeout)).toBe(spec.messageTimeoutMs);
        expect(ms(hcm(b).stream_idle_timeout)).toBeGreaterThan(slowest);
        expect(ms(hcm(b).request_timeout)).toBeGreaterThan(spec.messageTimeoutMs);
        for (const r of routes(b).filter((x) => x.route)) expect(ms(r.route.timeout)).toBeGreaterThanOrEqual(slowest);
        for (const m of models) expect(cluster(b, m.name).per_connection_buffer_limit_bytes).toBeGreaterThanOrEqual(spec.maxBodyBytes);
      }),
      { numRuns: 40 },
    );
  });
});
