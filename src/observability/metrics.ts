/**
 * Prometheus metrics for one Consilium server: a private Registry (several servers may share a process) and
 * typed recording methods that the server wiring calls from its hooks. Recording never throws and never
 * blocks: a metrics bug must not fail a request. Label values are bounded by LabelBounds; free-text fields
 * (reasons, trace details, error messages, endpoints, request ids) are never read.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendCallEvent } from '../backends/http-options.js';
import type { ConsiliumConfig } from '../config/types.js';
import type { RequestSummary } from '../extproc/processor.js';
import type { Usage } from '../openai/types.js';
import type { Outcome } from '../recipes/types.js';
import { LabelBounds, NONE, oneOf } from './metrics/bounds.js';
import { createInstruments, type Instruments } from './metrics/catalog.js';

export type ConfigReloadResult = 'success' | 'failure';
/** Why a recipe request was refused before running. */
export type RecipeRejectReason = 'concurrency_limit';

export interface MetricsOptions {
  /** Names of this config bound the model/recipe/decision labels (others become `other`). */
  readonly config?: ConsiliumConfig;
  /** The classifier's labels bound consilium_classifier_labels_total. */
  readonly classifierLabels?: readonly string[];
  /** Also export process_* and nodejs_* (CPU, memory, event loop lag). Default true. */
  readonly processMetrics?: boolean;
  /** Told when recording failed (the failure is otherwise swallowed). */
  readonly onError?: (error: unknown) => void;
}

export interface RenderedMetrics {
  readonly contentType: string;
  readonly body: string;
}

export interface Metrics {
  readonly registry: Registry;
  /** After a (re)load: the new config's names become valid label values; optionally the classifier's labels. */
  setConfig(config: ConsiliumConfig, classifierLabels?: readonly string[]): void;
  /**
   * One finished ext_proc stream. Records consilium_requests_total and _duration_seconds, the classifier
   * label in summary.meta.category, and a recipe rejection when the answer was 429 too_many_recipes.
   */
  requestDone(summary: RequestSummary, seconds: number): void;
  /** Time to answer one ext_proc message (`request_headers`, `request_body`, ...). */
  phase(phase: string, seconds: number): void;
  /** ext_proc streams in flight (ExtProcServer's onStreamCount). */
  streams(active: number): void;
  classifierBatch(size: number, seconds: number): void;
  /** Called by requestDone for summary.meta.category; call directly only outside the ext_proc path. */
  classifierLabel(label: string): void;
  classifierError(): void;
  /**
   * A backend event from HttpBackends' onCall. `attempt` events count HTTP requests and their latency;
   * `call` events carry the usage (tokens, and costUsd when given) and budget refusals.
   */
  backendCall(event: BackendCallEvent, costUsd?: number): void;
  /** Usage read from a routed or tail-call response body (the request went through Envoy, not Consilium). */
  routedUsage(model: string, usage: Usage, costUsd: number): void;
  recipeOutcome(outcome: Outcome): void;
  /** A recipe run that ended without an outcome (RecipeError). */
  recipeFailed(recipe: string): void;
  /** Called by requestDone for 429 too_many_recipes; call directly only for rejections without a summary. */
  recipeRejected(reason: RecipeRejectReason): void;
  /** A config reload attempt; `success` also sets the last-success timestamp. */
  configReload(result: ConfigReloadResult, at?: Date): void;
  /** The Prometheus text exposition, for the admin server's /metrics. */
  render(): Promise<RenderedMetrics>;
}

const OUTCOMES = ['routed', 'responded', 'error', 'cancelled'];
const CALL_OUTCOMES = ['ok', 'connect', 'timeout', 'http', 'aborted', 'invalid_response', 'cooldown', 'refused'];
const RUN_RESULTS = ['final', 'tail_call'];
const BUDGET_LIMITS = ['max_calls', 'max_total_tokens', 'max_cost_usd', 'deadline_ms'];
const QUORUM_RESULTS = ['reached', 'timed_out'];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const m = createInstruments(registry);
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const bounds = new LabelBounds();
  // Recording runs inside request hooks: swallow, report, and keep serving.
  const guard = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      options.onError?.(error);
    }
  };

  const setConfig = (config: ConsiliumConfig, classifierLabels?: readonly string[]): void => {
    bounds.useConfig(config);
    if (classifierLabels) bounds.useClassifierLabels(classifierLabels);
  };
  if (options.config) setConfig(options.config);
  if (options.classifierLabels) bounds.useClassifierLabels(options.classifierLabels);
  m.configLastSuccess.set(Date.now() / 1000);

  const classifierLabel = (label: string): void => m.classifierLabels.inc({ label: bounds.classifierLabel(label) });
  const recipeRejected = (reason: RecipeRejectReason): void => m.recipeRejected.inc({ reason: oneOf(reason, ['concurrency_limit']) });

  return {
    registry,
    setConfig: guard(setConfig),
    requestDone: guard((summary: RequestSummary, seconds: number) => {
      const meta = summary.meta;
      const path = bounds.path(summary.path);
      const outcome = oneOf(summary.outcome, OUTCOMES);
      m.requests.inc({
        path,
        decision: bounds.decision(meta?.decision),
        model: bounds.model(meta?.model),
        recipe: bounds.recipe(meta?.recipe),
        outcome,
        status: bounds.status(summary.status),
      });
      observe(m.requestDuration, { path, outcome }, seconds);
      if (meta?.category) classifierLabel(meta.category);
      if (summary.errorCode === 'too_many_recipes') recipeRejected('concurrency_limit');
    }),
    phase: guard((phase: string, seconds: number) => observe(m.phaseDuration, { phase: bounds.phase(phase) }, seconds)),
    streams: guard((active: number) => {
      if (Number.isFinite(active) && active >= 0) m.activeStreams.set(active);
    }),
    classifierBatch: guard((size: number, seconds: number) => {
      observe(m.classifierBatchSize, {}, size);
      observe(m.classifierDuration, {}, seconds);
    }),
    classifierLabel: guard(classifierLabel),
    classifierError: guard(() => m.classifierErrors.inc()),
    backendCall: guard((event: BackendCallEvent, costUsd?: number) => recordBackendCall(m, bounds, event, costUsd)),
    routedUsage: guard((model: string, usage: Usage, costUsd: number) => recordUsage(m, bounds.model(model), 'envoy', usage, costUsd)),
    recipeOutcome: guard((outcome: Outcome) => recordOutcome(m, bounds, outcome)),
    recipeFailed: guard((recipe: string) => {
      m.recipeRuns.inc({ recipe: bounds.recipe(recipe), type: bounds.typeOfRecipe(recipe), result: 'failed' });
    }),
    recipeRejected: guard(recipeRejected),
    configReload: guard((result: ConfigReloadResult, at: Date = new Date()) => {
      m.configReloads.inc({ result: oneOf(result, ['success', 'failure']) });
      if (result === 'success') m.configLastSuccess.set(at.getTime() / 1000);
    }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

function recordBackendCall(m: Instruments, bounds: LabelBounds, event: BackendCallEvent, costUsd: number | undefined): void {
  const model = bounds.model(event.model);
  const outcome = oneOf(event.outcome, CALL_OUTCOMES);
  if (event.phase === 'attempt') {
    m.backendCalls.inc({ model, outcome, status: bounds.status(event.status) });
    observe(m.backendDuration, { model }, event.latencyMs / 1000);
    return;
  }
  // A refused call sent no HTTP request, so no attempt event counted it.
  if (event.outcome === 'refused') m.backendCalls.inc({ model, outcome, status: NONE });
  if (event.usage) recordUsage(m, model, 'consilium', event.usage, costUsd);
}

function recordUsage(m: Instruments, model: string, via: 'consilium' | 'envoy', usage: Usage, costUsd: number | undefined): void {
  add(m.backendTokens, { model, kind: 'prompt', via }, usage.prompt_tokens);
  add(m.backendTokens, { model, kind: 'completion', via }, usage.completion_tokens);
  if (costUsd !== undefined) add(m.backendCost, { model, via }, costUsd);
}

function recordOutcome(m: Instruments, bounds: LabelBounds, outcome: Outcome): void {
  const recipe = bounds.recipe(outcome.recipe);
  m.recipeRuns.inc({ recipe, type: bounds.recipeType(outcome.recipeType), result: oneOf(outcome.kind, RUN_RESULTS) });
  observe(m.recipeCalls, { recipe }, outcome.calls);
  observe(m.recipeCost, { recipe }, outcome.costUsd);
  // Zero increments still create the series, so rates divide by a present denominator.
  add(m.recipeEscalations, { recipe }, outcome.escalations);
  add(m.recipeParseFailures, { recipe }, outcome.parseFailures);
  if (outcome.quorum) m.recipeQuorum.inc({ recipe, result: oneOf(outcome.quorum, QUORUM_RESULTS) });
  if (outcome.fallback) m.recipeFallbacks.inc({ recipe });
  if (outcome.stoppedBy) m.recipeBudgetStops.inc({ recipe, limit: oneOf(outcome.stoppedBy, BUDGET_LIMITS) });
}

type Labels = Record<string, string>;

/** Counters reject negative increments: skip values a misbehaving backend could report. */
function add(counter: { inc(labels: Labels, value: number): void }, labels: Labels, value: number): void {
  if (Number.isFinite(value) && value >= 0) counter.inc(labels, value);
}

function observe(histogram: { observe(labels: Labels, value: number): void }, labels: Labels, value: number): void {
  if (Number.isFinite(value) && value >= 0) histogram.observe(labels, value);
}
