import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PATHS } from '../../src/extproc/headers.js';
import { createMetrics, type Metrics } from '../../src/observability/metrics.js';
import { METRIC_PATHS } from '../../src/observability/metrics/bounds.js';
import { baseYaml, testConfig } from '../support/config.js';
import { find, metricTypes, parseExposition, value, type Sample } from './exposition.js';
import { backendEvent, finalOutcome, metricsConfig, summary, tailCallOutcome } from './fixtures.js';

function metrics(): Metrics {
  return createMetrics({ config: metricsConfig(), classifierLabels: ['code', 'chat', 'high_stakes'], processMetrics: false });
}

async function samples(m: Metrics): Promise<Sample[]> {
  return parseExposition((await m.render()).body);
}

describe('request metrics', () => {
  it('counts a finished request with its path, decision, model, recipe, outcome and status', async () => {
    const m = metrics();
    m.requestDone(summary(), 0.42);
    m.requestDone(summary(), 0.1);
    m.requestDone(summary({ outcome: 'error', status: 400, meta: { requestId: 'r', recipe: 'single' }, errorCode: 'invalid_json' }), 0.001);
    const s = await samples(m);
    expect(value(s, 'consilium_requests_total', { path: '/v1/chat/completions', decision: 'code', model: 'big', recipe: 'single', outcome: 'routed', status: '200' })).toBe(2);
    expect(value(s, 'consilium_requests_total', { decision: 'none', model: 'none', outcome: 'error', status: '400' })).toBe(1);
    expect(value(s, 'consilium_request_duration_seconds_count', { path: '/v1/chat/completions', outcome: 'routed' })).toBe(2);
    expect(value(s, 'consilium_request_duration_seconds_sum', { path: '/v1/chat/completions', outcome: 'routed' })).toBeCloseTo(0.52);
    expect(value(s, 'consilium_request_duration_seconds_bucket', { outcome: 'routed', le: '0.25' })).toBe(1);
  });

  it('drops the query string and maps unknown paths, names and statuses to bounded values', async () => {
    const m = metrics();
    m.requestDone(summary({ path: '/v1/chat/completions?trace=1' }), 0.1);
    m.requestDone(summary({ path: '/admin/secret', status: 999, meta: { requestId: 'r', decision: 'made-up', recipe: 'nope', model: 'gpt-9' } }), 0.1);
    m.requestDone(summary({ path: '', status: undefined, outcome: 'cancelled', meta: undefined }), 0.1);
    const s = await samples(m);
    expect(find(s, 'consilium_requests_total', { path: '/v1/chat/completions', status: '200' })).toHaveLength(1);
    expect(value(s, 'consilium_requests_total', { path: 'other', decision: 'other', model: 'other', recipe: 'other', status: 'none' })).toBe(1);
    expect(value(s, 'consilium_requests_total', { path: 'none', outcome: 'cancelled', status: 'none', recipe: 'none' })).toBe(1);
  });

  it('follows the config on reload: a new model name becomes a label value', async () => {
    const m = metrics();
    m.requestDone(summary({ meta: { requestId: 'r', recipe: 'single', model: 'tiny', decision: 'default' } }), 0.1);
    m.setConfig(testConfig(baseYaml().replace('  big:\n', '  tiny:\n    model: t\n    base_url: http://127.0.0.1:9/v1\n  big:\n')));
    m.requestDone(summary({ meta: { requestId: 'r', recipe: 'single', model: 'tiny', decision: 'default' } }), 0.1);
    const s = await samples(m);
    expect(value(s, 'consilium_requests_total', { model: 'other' })).toBe(1);
    expect(value(s, 'consilium_requests_total', { model: 'tiny' })).toBe(1);
  });

  it('records ext_proc phases and the active stream gauge', async () => {
    const m = metrics();
    m.phase('request_headers', 0.0002);
    m.phase('request_body', 1.5);
    m.phase('bogus', 1);
    m.streams(3);
    m.streams(1);
    const s = await samples(m);
    expect(value(s, 'consilium_extproc_phase_duration_seconds_count', { phase: 'request_headers' })).toBe(1);
    expect(value(s, 'consilium_extproc_phase_duration_seconds_sum', { phase: 'request_body' })).toBe(1.5);
    expect(value(s, 'consilium_extproc_phase_duration_seconds_count', { phase: 'other' })).toBe(1);
    expect(value(s, 'consilium_extproc_active_streams')).toBe(1);
  });

  it('counts a 429 over the recipe limit as a rejection', async () => {
    const m = metrics();
    m.requestDone(summary({ outcome: 'error', status: 429, errorCode: 'too_many_recipes', meta: { requestId: 'r', decision: 'code', recipe: 'single' } }), 0.001);
    m.requestDone(summary({ outcome: 'error', status: 400, errorCode: 'invalid_json' }), 0.001);
    const s = await samples(m);
    expect(value(s, 'consilium_recipe_rejected_total', { reason: 'concurrency_limit' })).toBe(1);
    expect(value(s, 'consilium_requests_total', { status: '429', outcome: 'error' })).toBe(1);
  });
});

describe('classifier metrics', () => {
  it('records batches, errors and the label of each classified request, bounded by the model\'s labels', async () => {
    const m = metrics();
    m.classifierBatch(4, 0.012);
    m.classifierBatch(1, 0.003);
    m.classifierError();
    m.requestDone(summary({ meta: { requestId: 'r', recipe: 'single', model: 'small', category: 'chat', confidence: 0.9 } }), 0.1);
    m.requestDone(summary({ meta: { requestId: 'r', recipe: 'single', model: 'small', category: 'unknown' } }), 0.1);
    m.classifierLabel('not-a-label');
    const s = await samples(m);
    expect(value(s, 'consilium_classifier_batch_size_sum')).toBe(5);
    expect(value(s, 'consilium_classifier_batch_size_bucket', { le: '2' })).toBe(1);
    expect(value(s, 'consilium_classifier_duration_seconds_count')).toBe(2);
    expect(value(s, 'consilium_classifier_errors_total')).toBe(1);
    expect(value(s, 'consilium_classifier_labels_total', { label: 'chat' })).toBe(1);
    expect(value(s, 'consilium_classifier_labels_total', { label: 'unknown' })).toBe(1);
    expect(value(s, 'consilium_classifier_labels_total', { label: 'other' })).toBe(1);
  });
});

describe('backend metrics', () => {
  it('counts every HTTP attempt with its latency, and usage and cost once per call', async () => {
    const m = metrics();
    m.backendCall(backendEvent({ outcome: 'http', status: 503, latencyMs: 80, usage: undefined }));
    m.backendCall(backendEvent({ attempt: 2, latencyMs: 1200 }));
    m.backendCall(backendEvent({ phase: 'call', attempt: 2, latencyMs: 1400 }), 0.00003);
    const s = await samples(m);
    expect(value(s, 'consilium_backend_calls_total', { model: 'small', outcome: 'http', status: '503' })).toBe(1);
    expect(value(s, 'consilium_backend_calls_total', { model: 'small', outcome: 'ok', status: '200' })).toBe(1);
    expect(value(s, 'consilium_backend_call_duration_seconds_count', { model: 'small' })).toBe(2);
    expect(value(s, 'consilium_backend_call_duration_seconds_sum', { model: 'small' })).toBeCloseTo(1.28);
    expect(value(s, 'consilium_backend_tokens_total', { model: 'small', kind: 'prompt', via: 'consilium' })).toBe(100);
    expect(value(s, 'consilium_backend_tokens_total', { model: 'small', kind: 'completion', via: 'consilium' })).toBe(40);
    expect(value(s, 'consilium_backend_cost_usd_total', { model: 'small', via: 'consilium' })).toBeCloseTo(0.00003);
  });

  it('counts a call a budget refused, which sent no request', async () => {
    const m = metrics();
    m.backendCall(backendEvent({ phase: 'call', outcome: 'refused', status: undefined, attempt: 0, usage: undefined }));
    const s = await samples(m);
    expect(value(s, 'consilium_backend_calls_total', { model: 'small', outcome: 'refused', status: 'none' })).toBe(1);
    expect(find(s, 'consilium_backend_call_duration_seconds_count')).toHaveLength(0);
  });

  it('adds usage read from routed responses under via=envoy', async () => {
    const m = metrics();
    m.routedUsage('big', { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 }, 0.0075);
    const s = await samples(m);
    expect(value(s, 'consilium_backend_tokens_total', { model: 'big', kind: 'completion', via: 'envoy' })).toBe(500);
    expect(value(s, 'consilium_backend_cost_usd_total', { model: 'big', via: 'envoy' })).toBeCloseTo(0.0075);
  });

  it('ignores impossible numbers instead of throwing into the request path', async () => {
    const errors: unknown[] = [];
    const m = createMetrics({ config: metricsConfig(), processMetrics: false, onError: (e) => errors.push(e) });
    expect(() => {
      m.backendCall(backendEvent({ phase: 'call', usage: { prompt_tokens: -5, completion_tokens: Number.NaN, total_tokens: 0 } }), -1);
      m.requestDone(summary(), Number.NaN);
      m.streams(-2);
      m.phase('request_body', Number.POSITIVE_INFINITY);
    }).not.toThrow();
    const s = await samples(m);
    expect(find(s, 'consilium_backend_tokens_total')).toHaveLength(0);
    expect(find(s, 'consilium_backend_cost_usd_total')).toHaveLength(0);
    expect(find(s, 'consilium_request_duration_seconds_count')).toHaveLength(0);
    expect(find(s, 'consilium_extproc_phase_duration_seconds_count')).toHaveLength(0);
    expect(value(s, 'consilium_requests_total')).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('recipe metrics', () => {
  it('records a run: result, calls, cost, escalations, quorum, fallback, budget stop, parse failures', async () => {
    const m = metrics();
    m.recipeOutcome(finalOutcome({ calls: 5, costUsd: 0.02, quorum: 'reached', parseFailures: 1 }));
    m.recipeOutcome(finalOutcome({ calls: 3, quorum: 'timed_out', fallback: 'best panel answer: judge unparsable', stoppedBy: 'max_cost_usd' }));
    m.recipeOutcome(tailCallOutcome({ recipe: 'ladder', recipeType: 'confidence', calls: 2, escalations: 2 }));
    m.recipeFailed('panel');
    const s = await samples(m);
    expect(value(s, 'consilium_recipe_runs_total', { recipe: 'panel', type: 'fusion', result: 'final' })).toBe(2);
    expect(value(s, 'consilium_recipe_runs_total', { recipe: 'panel', type: 'fusion', result: 'failed' })).toBe(1);
    expect(value(s, 'consilium_recipe_runs_total', { recipe: 'ladder', type: 'confidence', result: 'tail_call' })).toBe(1);
    expect(value(s, 'consilium_recipe_calls_sum', { recipe: 'panel' })).toBe(8);
    expect(value(s, 'consilium_recipe_calls_bucket', { recipe: 'panel', le: '4' })).toBe(1);
    expect(value(s, 'consilium_recipe_cost_usd_sum', { recipe: 'panel' })).toBeCloseTo(0.032);
    expect(value(s, 'consilium_recipe_escalations_total', { recipe: 'ladder' })).toBe(2);
    expect(value(s, 'consilium_recipe_escalations_total', { recipe: 'panel' })).toBe(0);
    expect(value(s, 'consilium_recipe_quorum_total', { recipe: 'panel', result: 'reached' })).toBe(1);
    expect(value(s, 'consilium_recipe_quorum_total', { recipe: 'panel', result: 'timed_out' })).toBe(1);
    expect(value(s, 'consilium_recipe_fallbacks_total', { recipe: 'panel' })).toBe(1);
    expect(value(s, 'consilium_recipe_budget_stops_total', { recipe: 'panel', limit: 'max_cost_usd' })).toBe(1);
    expect(value(s, 'consilium_recipe_parse_failures_total', { recipe: 'panel' })).toBe(1);
    expect(find(s, 'consilium_recipe_fallbacks_total', { recipe: 'ladder' })).toHaveLength(0);
  });
});

describe('config metrics', () => {
  it('counts reloads by result and stamps the last success', async () => {
    const m = metrics();
    m.configReload('failure', new Date(5_000_000));
    m.configReload('success', new Date(7_000_000));
    m.configReload('failure', new Date(9_000_000));
    const s = await samples(m);
    expect(value(s, 'consilium_config_reloads_total', { result: 'failure' })).toBe(2);
    expect(value(s, 'consilium_config_reloads_total', { result: 'success' })).toBe(1);
    expect(value(s, 'consilium_config_last_reload_success_timestamp_seconds')).toBe(7_000);
  });

  it('stamps the startup load as the first success', async () => {
    const before = Date.now() / 1000;
    const s = await samples(metrics());
    expect(value(s, 'consilium_config_last_reload_success_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(before));
  });
});

describe('registry', () => {
  it('keeps each server\'s metrics apart and renders the Prometheus text format', async () => {
    const a = metrics();
    const b = metrics();
    a.requestDone(summary(), 0.1);
    const rendered = await b.render();
    expect(rendered.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(find(parseExposition(rendered.body), 'consilium_requests_total')).toHaveLength(0);
    expect(find(await samples(a), 'consilium_requests_total')).toHaveLength(1);
  });

  it('exports process metrics unless told not to', async () => {
    const withProcess = await createMetrics({ config: metricsConfig() }).render();
    expect(withProcess.body).toContain('process_cpu_user_seconds_total');
    expect((await metrics().render()).body).not.toContain('process_cpu_user_seconds_total');
  });

  it('bounds paths by the same API list Envoy forwards', () => {
    expect([...METRIC_PATHS].sort()).toEqual([...API_PATHS].sort());
  });
});

describe('secrets never reach a label', () => {
  const KEY = 'sk-live-9fQ2xZt7LmN4pR8sV1wY3bC6dE0gH5jK';

  it('free-text and client-controlled fields carrying a key do not appear in the output', async () => {
    const m = metrics();
    m.requestDone(
      summary({
        requestId: KEY,
        path: `/v1/chat/completions?api_key=${KEY}`,
        errorCode: KEY,
        meta: { requestId: KEY, decision: KEY, reason: `because ${KEY}`, category: KEY, recipe: KEY, model: KEY, modelsUsed: [KEY] },
      }),
      0.1,
    );
    m.requestDone(summary({ path: `/${KEY}`, method: KEY }), 0.1);
    m.phase(KEY, 0.1);
    m.classifierLabel(KEY);
    m.backendCall(backendEvent({ model: KEY, endpoint: `https://user:${KEY}@api.example.com`, outcome: KEY as never }));
    m.backendCall(backendEvent({ phase: 'call', model: KEY, endpoint: `https://${KEY}.example.com` }), 0.1);
    m.routedUsage(KEY, { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, 0);
    m.recipeOutcome(
      finalOutcome({
        recipe: KEY,
        recipeType: KEY as never,
        reason: KEY,
        fallback: KEY,
        stoppedBy: KEY as never,
        quorum: KEY as never,
        trace: [{ step: KEY, model: KEY, ms: 1, outcome: 'ok', detail: KEY }],
        auto: { recipe: KEY, situation: KEY, choice: KEY },
      }),
    );
    m.recipeFailed(KEY);
    m.recipeRejected(KEY as never);
    m.configReload(KEY as never);
    const body = (await m.render()).body;
    expect(body).not.toContain(KEY);
    expect(body).not.toContain('sk-live');
    // The events were recorded, under bounded values.
    const s = parseExposition(body);
    expect(value(s, 'consilium_requests_total', { path: 'other' })).toBe(1);
    expect(value(s, 'consilium_backend_calls_total', { model: 'other', outcome: 'other' })).toBe(1);
    expect(value(s, 'consilium_recipe_runs_total', { recipe: 'other', type: 'other', result: 'final' })).toBe(1);
  });

  it('every label value in a busy registry comes from a bounded vocabulary', async () => {
    const m = metrics();
    for (let i = 0; i < 50; i++) {
      m.requestDone(summary({ requestId: `req-${i}`, path: `/v1/chat/completions?n=${i}`, meta: { requestId: `req-${i}`, recipe: 'single', model: `m${i}` } }), 0.01);
    }
    const series = find(await samples(m), 'consilium_requests_total');
    expect(series).toHaveLength(1);
    expect(series[0]?.labels.model).toBe('other');
  });
});

describe('docs/metrics.md', () => {
  it('lists every consilium_* metric with its type and labels, and nothing else', async () => {
    const m = metrics();
    const documented = new Map<string, { type: string; labels: string[] }>();
    for (const [, name, type, labels] of readFileSync('docs/metrics.md', 'utf8').matchAll(/^\| `(consilium_[a-z_]+)` \| (\w+) \|([^|]*)\|/gm)) {
      documented.set(name as string, { type: type as string, labels: [...(labels as string).matchAll(/`(\w+)`/g)].map((x) => x[1] as string).sort() });
    }
    const registered = new Map<string, { type: string; labels: string[] }>();
    for (const metric of await m.registry.getMetricsAsJSON()) {
      if (!metric.name.startsWith('consilium_')) continue;
      const labelNames = ((m.registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] }).labelNames ?? []).slice().sort();
      registered.set(metric.name, { type: String(metric.type), labels: labelNames });
    }
    expect(registered.size).toBeGreaterThanOrEqual(20);
    expect(documented).toEqual(registered);
    const types = metricTypes((await m.render()).body);
    for (const [name, doc] of documented) expect(types.get(name)).toBe(doc.type);
  });
});
