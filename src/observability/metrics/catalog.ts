/**
 * Every Consilium metric: its name, type, help, labels and buckets, registered into one Registry. Names follow
 * Prometheus conventions (consilium_ prefix, base units, _total counters, _seconds durations). docs/metrics.md
 * lists the same set; a test checks the two agree.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Buckets, in the metric's base unit. */
export const BUCKETS = {
  /** Whole requests: a routed request ends at response headers; a recipe may run for minutes. */
  requestSeconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  /** One ext_proc answer: sub-millisecond for headers, a whole recipe for a request body. */
  phaseSeconds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  /** One ONNX batch on CPU. */
  classifierSeconds: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  batchSize: [1, 2, 4, 8, 16, 32, 64],
  /** One HTTP request to an LLM backend. */
  backendSeconds: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300],
  recipeCalls: [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32],
  recipeCostUsd: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
} as const;

export function createInstruments(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'consilium_requests_total',
      help: 'Requests seen by ext_proc, by API path, decision, final model, recipe, outcome and HTTP status.',
      labelNames: ['path', 'decision', 'model', 'recipe', 'outcome', 'status'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'consilium_request_duration_seconds',
      help: 'Time from the first ext_proc message of a request to the end of its stream.',
      labelNames: ['path', 'outcome'] as const,
      buckets: [...BUCKETS.requestSeconds],
      registers,
    }),
    phaseDuration: new Histogram({
      name: 'consilium_extproc_phase_duration_seconds',
      help: 'Time Consilium took to answer one ext_proc message, by phase (Envoy exports no such histogram).',
      labelNames: ['phase'] as const,
      buckets: [...BUCKETS.phaseSeconds],
      registers,
    }),
    activeStreams: new Gauge({
      name: 'consilium_extproc_active_streams',
      help: 'ext_proc streams (HTTP requests) in flight.',
      registers,
    }),
    classifierDuration: new Histogram({
      name: 'consilium_classifier_duration_seconds',
      help: 'Time of one classifier batch (tokenize and ONNX inference).',
      buckets: [...BUCKETS.classifierSeconds],
      registers,
    }),
    classifierBatchSize: new Histogram({
      name: 'consilium_classifier_batch_size',
      help: 'Requests classified together in one micro-batch.',
      buckets: [...BUCKETS.batchSize],
      registers,
    }),
    classifierLabels: new Counter({
      name: 'consilium_classifier_labels_total',
      help: 'Requests classified, by resulting label (unknown when under the threshold).',
      labelNames: ['label'] as const,
      registers,
    }),
    classifierErrors: new Counter({
      name: 'consilium_classifier_errors_total',
      help: 'Classifications that failed; the request was routed without the classifier signal.',
      registers,
    }),
    backendCalls: new Counter({
      name: 'consilium_backend_calls_total',
      help: 'HTTP requests Consilium sent to backends (retries included), plus calls a budget refused (outcome=refused).',
      labelNames: ['model', 'outcome', 'status'] as const,
      registers,
    }),
    backendDuration: new Histogram({
      name: 'consilium_backend_call_duration_seconds',
      help: 'Latency of one HTTP request from Consilium to a backend.',
      labelNames: ['model'] as const,
      buckets: [...BUCKETS.backendSeconds],
      registers,
    }),
    backendTokens: new Counter({
      name: 'consilium_backend_tokens_total',
      help: 'Tokens reported by backends, by model, kind (prompt|completion) and via (consilium: calls Consilium made; envoy: requests Envoy forwarded).',
      labelNames: ['model', 'kind', 'via'] as const,
      registers,
    }),
    backendCost: new Counter({
      name: 'consilium_backend_cost_usd_total',
      help: 'Cost in USD of backend usage, from configured pricing.',
      labelNames: ['model', 'via'] as const,
      registers,
    }),
    recipeRuns: new Counter({
      name: 'consilium_recipe_runs_total',
      help: 'Recipe runs, by recipe, type and result (final, tail_call, failed).',
      labelNames: ['recipe', 'type', 'result'] as const,
      registers,
    }),
    recipeCalls: new Histogram({
      name: 'consilium_recipe_calls',
      help: 'Backend calls one recipe run made (retries and judge/verify calls included, a tail-call not).',
      labelNames: ['recipe'] as const,
      buckets: [...BUCKETS.recipeCalls],
      registers,
    }),
    recipeCost: new Histogram({
      name: 'consilium_recipe_cost_usd',
      help: 'Cost in USD of one recipe run (its finished calls).',
      labelNames: ['recipe'] as const,
      buckets: [...BUCKETS.recipeCostUsd],
      registers,
    }),
    recipeEscalations: new Counter({
      name: 'consilium_recipe_escalations_total',
      help: 'Confidence ladder steps up; divided by consilium_recipe_runs_total it is the escalation rate.',
      labelNames: ['recipe'] as const,
      registers,
    }),
    recipeQuorum: new Counter({
      name: 'consilium_recipe_quorum_total',
      help: 'Fan-out stages that reached their quorum or timed out before it.',
      labelNames: ['recipe', 'result'] as const,
      registers,
    }),
    recipeFallbacks: new Counter({
      name: 'consilium_recipe_fallbacks_total',
      help: 'Runs that answered with their fallback (best valid evidence so far).',
      labelNames: ['recipe'] as const,
      registers,
    }),
    recipeBudgetStops: new Counter({
      name: 'consilium_recipe_budget_stops_total',
      help: 'Runs stopped early by a budget limit (max_calls, max_total_tokens, max_cost_usd, deadline_ms).',
      labelNames: ['recipe', 'limit'] as const,
      registers,
    }),
    recipeParseFailures: new Counter({
      name: 'consilium_recipe_parse_failures_total',
      help: 'Judge, grader, verifier or planner answers that could not be used.',
      labelNames: ['recipe'] as const,
      registers,
    }),
    recipeRejected: new Counter({
      name: 'consilium_recipe_rejected_total',
      help: 'Recipe requests refused before running (reason=concurrency_limit: 429 over server.max_concurrent_recipes).',
      labelNames: ['reason'] as const,
      registers,
    }),
    configReloads: new Counter({
      name: 'consilium_config_reloads_total',
      help: 'Config reload attempts, by result (success, failure).',
      labelNames: ['result'] as const,
      registers,
    }),
    configLastSuccess: new Gauge({
      name: 'consilium_config_last_reload_success_timestamp_seconds',
      help: 'Unix time of the last successful config load (startup or reload).',
      registers,
    }),
  };
}

export type Instruments = ReturnType<typeof createInstruments>;
