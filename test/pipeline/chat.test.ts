import { describe, expect, it, vi } from 'vitest';
import type { Classification } from '../../src/classify/types.js';
import { FakeBackends } from '../../src/dev/fake-backends.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import type { Plan, RequestInput } from '../../src/pipeline/types.js';
import { baseYaml, testConfig } from '../support/config.js';

const config = testConfig(
  baseYaml()
    .replace('decisions:\n', 'decisions:\n  - { name: mathy, priority: 20, when: { category: math, min_confidence: 0.5 }, model: big }\n')
    .concat('recipes:\n  fusion: { type: fusion, panel: [small, big], judge: big, finalizer: big }\n'),
);

function input(body: unknown): RequestInput {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: new Map(),
    body: Buffer.from(JSON.stringify(body)),
    requestId: 'r1',
    signal: new AbortController().signal,
  };
}

const ask = (model: string, content: string) => ({ model, messages: [{ role: 'user', content }] });
const math: Classification = { label: 'math', probability: 0.93, top: [{ label: 'math', probability: 0.93 }] };

function pipeline(overrides: Partial<ConstructorParameters<typeof Pipeline>[0]> = {}) {
  return new Pipeline({ config, backends: new FakeBackends({ models: {} }), recipeSlots: new ConcurrencyLimiter(1), ...overrides });
}

function route(plan: Plan) {
  if (plan.kind !== 'route') throw new Error(`expected a route, got ${plan.kind} ${plan.body.toString()}`);
  return plan;
}

describe('chat pipeline with the classifier', () => {
  it('routes on the classifier label and reports category and confidence', async () => {
    const classify = vi.fn(async () => math);
    const plan = route(await pipeline({ classify }).handle(input(ask('consilium/auto', 'integrate x^2'))));
    expect(plan.cluster).toBe('big');
    expect(plan.meta).toMatchObject({ decision: 'mathy', category: 'math', confidence: 0.93 });
    expect(classify).toHaveBeenCalledTimes(1);
  });

  it('never classifies a request for a configured model', async () => {
    const classify = vi.fn(async () => math);
    route(await pipeline({ classify }).handle(input(ask('small', 'integrate x^2'))));
    expect(classify).not.toHaveBeenCalled();
  });

  it('falls back without the classifier signal when inference fails at run time: no 500, a warning hook', async () => {
    const onClassifierError = vi.fn();
    const classify = vi.fn(async () => {
      throw new Error('onnx session died');
    });
    const plan = route(await pipeline({ classify, onClassifierError }).handle(input(ask('consilium/auto', 'integrate x^2'))));
    expect(plan.cluster).toBe('small');
    expect(plan.meta.decision).toBe('default');
    expect(plan.meta.category).toBeUndefined();
    expect(onClassifierError).toHaveBeenCalledTimes(1);
  });
});

describe('recipe concurrency limit', () => {
  it('answers 429 with retry-after past the limit while routing still succeeds', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const backends = { complete: vi.fn(async () => gate.then(() => Promise.reject(new Error('done')))) };
    const p = pipeline({ backends });
    const first = p.handle(input(ask('consilium/fusion', 'q')));
    await vi.waitFor(() => expect(backends.complete).toHaveBeenCalled());
    const second = await p.handle(input(ask('consilium/fusion', 'q')));
    expect(second.kind).toBe('respond');
    if (second.kind !== 'respond') return;
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect(JSON.parse(second.body.toString()).error.code).toBe('too_many_recipes');
    expect(route(await p.handle(input(ask('small', 'hi')))).cluster).toBe('small');
    release();
    const done = await first;
    expect(done.kind === 'respond' && done.status).toBe(502);
    // The slot is free again.
    expect(p.deps.recipeSlots.inFlight).toBe(0);
  });
});
