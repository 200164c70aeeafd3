/**
 * Issue 5 end to end through the dev stack: metrics after traffic, request log lines with redaction, trace
 * context on recipe sub-calls, hot reload (watch and explicit) with in-flight snapshots, rejected reloads,
 * the Envoy cluster guard, readiness and 503s during drain, gRPC health.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDevStack, type DevStack } from '../../src/dev/stack.js';
import type { SimBackend } from '../../src/dev/sim-backend.js';
import { createLogger } from '../../src/observability/logger.js';
import { openaiClient, routingYaml } from '../support/stack.js';

const stacks: DevStack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const text = () => chunks.join('');
  return { logger, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

const fusionYaml = (b: Readonly<Record<string, SimBackend>>) =>
  routingYaml(b, 'recipes:\n  fusion: { type: fusion, panel: [small, big], judge: big, finalizer: big }\n');

async function start(extra: Parameters<typeof startDevStack>[0] = {}): Promise<DevStack> {
  const stack = await startDevStack({ adminPort: 0, configYaml: fusionYaml, ...extra });
  stacks.push(stack);
  return stack;
}

async function metricsText(stack: DevStack): Promise<string> {
  return (await fetch(`http://127.0.0.1:${stack.app.adminPort}/metrics`)).text();
}

describe('observability', () => {
  it('exposes request, backend and recipe metrics after traffic', async () => {
    process.env.IT_BIG_KEY = 'sk-live-metrics-secret';
    const stack = await start();
    const client = openaiClient(stack);
    await client.chat.completions.create({ model: 'small', messages: [{ role: 'user', content: 'hi' }] });
    await client.chat.completions.create({ model: 'consilium/fusion', messages: [{ role: 'user', content: 'question' }] });
    const stream = await client.chat.completions.create({ model: 'small', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    for await (const _ of stream) void _;
    await vi.waitFor(async () => expect(await metricsText(stack)).toMatch(/consilium_requests_total\{[^}]*recipe="fusion"[^}]*\} 1/));
    const text = await metricsText(stack);
    expect(text).toMatch(/consilium_requests_total\{[^}]*model="small"[^}]*\} 2/);
    expect(text).toMatch(/consilium_recipe_runs_total\{[^}]*recipe="fusion"[^}]*\} 1/);
    expect(text).toMatch(/consilium_backend_calls_total\{[^}]*model="big"[^}]*\} 3/);
    // Usage of routed answers is read from the body: JSON buffered, SSE streamed.
    expect(text).toMatch(/consilium_backend_tokens_total\{[^}]*model="small"[^}]*via="envoy"[^}]*\} [1-9]/);
    expect(text).toMatch(/consilium_extproc_phase_duration_seconds_count\{phase="request_body"\} [1-9]/);
    expect(text).not.toContain('sk-live-metrics-secret');
  });

  it('writes one JSON log line per request, with no keys and no prompt text at info', async () => {
    process.env.IT_SMALL_KEY = 'sk-very-secret-small';
    const { logger, lines, text } = capture();
    const stack = await start({ logger });
    const id = randomUUID();
    await openaiClient(stack, { 'x-request-id': id, authorization: 'Bearer client-secret-xyz' }).chat.completions.create({
      model: 'consilium/fusion',
      messages: [{ role: 'user', content: 'a very particular prompt text' }],
    });
    await vi.waitFor(() => expect(lines().filter((l) => l.msg === 'request' && l.request_id === id)).toHaveLength(1));
    const line = lines().find((l) => l.msg === 'request' && l.request_id === id)!;
    expect(line).toMatchObject({ path: '/v1/chat/completions', recipe: 'fusion', calls: 4, status: 200, models: ['small', 'big'] });
    expect(line.tokens).toBeGreaterThan(0);
    expect(line.cost_usd).toBeGreaterThan(0);
    expect(line.latency_ms).toBeGreaterThanOrEqual(0);
    expect(text()).not.toContain('sk-very-secret-small');
    expect(text()).not.toContain('client-secret-xyz');
    expect(lines().filter((l) => l.level === 30).map((l) => JSON.stringify(l)).join('')).not.toContain('a very particular prompt text');
  });

  it('propagates traceparent and x-request-id to every recipe sub-call', async () => {
    const stack = await start();
    const id = randomUUID();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await openaiClient(stack, { 'x-request-id': id, traceparent }).chat.completions.create({
      model: 'consilium/fusion',
      messages: [{ role: 'user', content: 'q' }],
    });
    const calls = [...stack.backends.small!.requestsFor(id), ...stack.backends.big!.requestsFor(id)];
    expect(calls).toHaveLength(4);
    for (const call of calls) expect(call.headers.traceparent).toBe(traceparent);
  });

  it('serves the gRPC health service on the ext_proc port and reports NOT_SERVING while draining', async () => {
    const stack = await start();
    const { HealthClient } = await healthClientCtor();
    const client = new HealthClient(`127.0.0.1:${stack.app.extProcPort}`, grpc.credentials.createInsecure());
    const check = () =>
      new Promise<string>((resolve, reject) => client.check({ service: '' }, (error: Error | null, res: { status: string }) => (error ? reject(error) : resolve(res.status))));
    expect(await check()).toBe('SERVING');
    // Keep a request in flight so the server stays up while it drains.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    stack.backends.big!.setHoldUntil(async () => held);
    const inflight = openaiClient(stack).chat.completions.create({ model: 'consilium/fusion', messages: [{ role: 'user', content: 'slow' }] });
    await vi.waitFor(() => expect(stack.backends.big!.requests().length).toBeGreaterThan(0));
    const stopping = stack.app.stop();
    await vi.waitFor(async () => expect(await check()).toBe('NOT_SERVING'));
    client.close();
    release();
    await inflight;
    await stopping;
  });
});

async function healthClientCtor(): Promise<{ HealthClient: any }> {
  const protoLoader = await import('@grpc/proto-loader');
  const { protoPath } = (await import('grpc-health-check')) as unknown as { protoPath: string };
  const def = protoLoader.loadSync(protoPath, { keepCase: true, enums: String });
  const pkg = grpc.loadPackageDefinition(def) as any;
  return { HealthClient: pkg.grpc.health.v1.Health };
}

describe('lifecycle', () => {
  it('drains on stop: readiness false, new requests 503 with retry-after, in-flight requests finish', async () => {
    const stack = await start();
    const admin = `http://127.0.0.1:${stack.app.adminPort}`;
    expect((await fetch(`${admin}/readyz`)).status).toBe(200);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    stack.backends.big!.setHoldUntil(async () => held);
    const inflight = openaiClient(stack).chat.completions.create({ model: 'consilium/fusion', messages: [{ role: 'user', content: 'slow' }] });
    await vi.waitFor(() => expect(stack.backends.big!.requests().length).toBeGreaterThan(0));
    const stopping = stack.app.stop();
    await vi.waitFor(async () => expect((await fetch(`${admin}/readyz`)).status).toBe(503));
    expect((await fetch(`${admin}/healthz`)).status).toBe(200);
    const rejected = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(rejected.status).toBe(503);
    expect(rejected.headers.get('retry-after')).toBe('1');
    expect(((await rejected.json()) as { error: { code: string } }).error.code).toBe('draining');
    release();
    const answer = await inflight;
    expect(answer.choices[0]!.message.content).toBeTruthy();
    await stopping;
  });
});

describe('config reload', () => {
  async function reloadStack(dir: string, file: string, extra: Parameters<typeof startDevStack>[0] = {}) {
    return start({ configFile: file, watch: true, watchTiming: { debounceMs: 30, pollMs: 100 }, baseDir: dir, ...extra });
  }
  const swapDefault = (yaml: string, model: string) => yaml.replace('{ name: default, default: true, model: small }', `{ name: default, default: true, model: ${model} }`);

  it('a file edit changes routing; a request in flight finishes on the snapshot it started with', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-reload-'));
    const file = path.join(dir, 'config.yaml');
    const stack = await reloadStack(dir, file);
    const client = openaiClient(stack);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    stack.backends.small!.setHoldUntil(async () => held);
    const id = randomUUID();
    const inflight = client.chat.completions.create({ model: 'consilium/auto', messages: [{ role: 'user', content: 'hello' }] }, { headers: { 'x-request-id': id } });
    await vi.waitFor(() => expect(stack.backends.small!.requestsFor(id)).toHaveLength(1));
    await writeFile(file, swapDefault(await readFile(file, 'utf8'), 'big'));
    await vi.waitFor(() => expect(stack.app.runtime().config.decisions.at(-1)!.target).toEqual({ kind: 'model', model: 'big' }), { timeout: 5000 });
    release();
    stack.backends.small!.setHoldUntil(undefined);
    expect((await inflight).choices[0]!.message.content).toContain('[small]');
    const after = await client.chat.completions.create({ model: 'consilium/auto', messages: [{ role: 'user', content: 'hello' }] });
    expect(after.choices[0]!.message.content).toContain('[big]');
    expect(await metricsText(stack)).toMatch(/consilium_config_reloads_total\{result="success"\} 1/);
  });

  it('follows a Kubernetes ConfigMap symlink swap (atomic rename of ..data)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-cm-'));
    // The kubelet's layout: config.yaml -> ..data/config.yaml, ..data -> ..<timestamp>/ (replaced atomically).
    await mkdir(path.join(dir, '..2026_01_01'));
    await writeFile(path.join(dir, '..2026_01_01', 'config.yaml'), '');
    await symlink('..2026_01_01', path.join(dir, '..data'));
    await symlink(path.join('..data', 'config.yaml'), path.join(dir, 'config.yaml'));
    const stack = await reloadStack(dir, path.join(dir, 'config.yaml'));
    const current = await readFile(path.join(dir, '..2026_01_01', 'config.yaml'), 'utf8');
    await mkdir(path.join(dir, '..2026_01_02'));
    await writeFile(path.join(dir, '..2026_01_02', 'config.yaml'), swapDefault(current, 'big'));
    await symlink('..2026_01_02', path.join(dir, '..data_tmp'));
    await rename(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
    await vi.waitFor(() => expect(stack.app.runtime().config.decisions.at(-1)!.target).toEqual({ kind: 'model', model: 'big' }), { timeout: 5000 });
    const answer = await openaiClient(stack).chat.completions.create({ model: 'consilium/auto', messages: [{ role: 'user', content: 'hello' }] });
    expect(answer.choices[0]!.message.content).toContain('[big]');
  });

  it('reloads on demand (SIGHUP path), and refuses a model whose cluster Envoy lacks', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-envoy-'));
    const file = path.join(dir, 'config.yaml');
    const envoyFile = path.join(dir, 'envoy.yaml');
    // Envoy's bootstrap as deployed: clusters for small, big and dead only.
    await writeFile(envoyFile, 'static_resources:\n  clusters:\n    - { name: small }\n    - { name: big }\n    - { name: dead }\n');
    const stack = await start({ configFile: file, baseDir: dir, envoyConfigFile: envoyFile });
    const withExtra = (await readFile(file, 'utf8')).replace('models:\n', 'models:\n  extra: { base_url: http://127.0.0.1:9/v1 }\n');
    await writeFile(file, withExtra);
    expect(await stack.app.reload()).toBe('failure');
    expect(stack.app.runtime().config.models.has('extra')).toBe(false);
    await writeFile(envoyFile, 'static_resources:\n  clusters:\n    - { name: small }\n    - { name: big }\n    - { name: dead }\n    - { name: extra }\n');
    expect(await stack.app.reload()).toBe('success');
    expect(stack.app.runtime().config.models.has('extra')).toBe(true);
  });

  it('rejects a bad config with a log line and a metric; the old config keeps serving', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-bad-'));
    const file = path.join(dir, 'config.yaml');
    const { logger, lines } = capture();
    const stack = await reloadStack(dir, file, { logger });
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('model: small }', 'model: nosuch }'));
    await vi.waitFor(async () => expect(await metricsText(stack)).toMatch(/consilium_config_reloads_total\{result="failure"\} 1/), { timeout: 5000 });
    expect(lines().some((l) => l.msg === 'config reload rejected; the previous config keeps serving')).toBe(true);
    const answer = await openaiClient(stack).chat.completions.create({ model: 'consilium/auto', messages: [{ role: 'user', content: 'hello' }] });
    expect(answer.choices[0]!.message.content).toContain('[small]');
  });
});
