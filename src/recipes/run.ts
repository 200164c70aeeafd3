/**
 * One recipe run's state and its only door to the backends: `call` reserves the budget, counts every HTTP
 * attempt, links the run's abort signals, records usage, models and the trace, and turns failures into
 * results (or, with on_error: fail, into a RecipeError). `final` and `tail` build the Outcome.
 */
import type { Completion } from '../backends/types.js';
import type { RecipeConfig } from '../config/recipes.js';
import { RecipeError, RouterError, toRouterError } from '../errors/index.js';
import { estimatePromptTokens } from '../openai/tokens.js';
import type { ChatCompletionRequest } from '../openai/types.js';
import { Budget, BudgetExceededError } from './budget.js';
import { completionFor } from './completion.js';
import { modelRating, pickFreeText, usable } from './evidence.js';
import { capOf } from './requests.js';
import type { BudgetLimit, FinalOutcome, OutcomeCommon, RecipeContext, StepOutcome, TailCallOutcome, TraceStep } from './types.js';

export type CallResult =
  | { readonly ok: true; readonly completion: Completion; readonly trace: number }
  | { readonly ok: false; readonly kind: 'refused'; readonly limit: BudgetLimit; readonly trace: number }
  | { readonly ok: false; readonly kind: 'aborted'; readonly trace: number }
  | { readonly ok: false; readonly kind: 'error'; readonly error: RouterError; readonly trace: number };

type MutableStep = { -readonly [K in keyof TraceStep]: TraceStep[K] };

export class RecipeRun<C extends RecipeConfig = RecipeConfig> {
  readonly config: C;
  readonly ctx: RecipeContext;
  readonly budget: Budget;
  escalations = 0;
  parseFailures = 0;
  quorum: 'reached' | 'timed_out' | undefined;
  private fallbackNote: string | undefined;
  private readonly used: string[] = [];
  private readonly steps: MutableStep[] = [];

  constructor(config: C, ctx: RecipeContext) {
    this.config = config;
    this.ctx = ctx;
    this.budget = new Budget(config.budget, { models: ctx.config.models, parentSignal: ctx.signal });
  }

  get fallback(): string | undefined {
    return this.fallbackNote;
  }

  /** Records that a fallback was taken; several accumulate in order (the last says what was returned). */
  useFallback(description: string): void {
    this.fallbackNote = this.fallbackNote ? `${this.fallbackNote}; then ${description}` : description;
  }

  /** The completion cap `request` will run with. */
  capFor(request: ChatCompletionRequest): number {
    return capOf(request, this.config.callMaxTokens);
  }

  /** The model's rating for the request's category (weights votes and evidence). */
  weight(model: string): number {
    return modelRating(this.ctx.config.models, model, this.ctx.signals.category);
  }

  /** The best valid evidence among `answers` (rating × agreement), for fallbacks. */
  best(answers: readonly Completion[]): Completion | undefined {
    const candidates = usable(answers);
    return candidates.length === 0 ? undefined : candidates[pickFreeText(candidates, (m) => this.weight(m)).index];
  }

  /** Adds a trace line for something decided without a call; returns its index. */
  note(step: string, outcome: StepOutcome, extra: { model?: string; scores?: Record<string, number>; detail?: string } = {}): number {
    return this.steps.push({ step, ms: 0, outcome, ...extra }) - 1;
  }

  /** Attaches scores (and optionally a new outcome) to a trace line. */
  score(trace: number, scores: Record<string, number>, outcome?: StepOutcome): void {
    const step = this.steps[trace];
    if (!step) return;
    step.scores = { ...step.scores, ...scores };
    if (outcome) step.outcome = outcome;
  }

  /**
   * Sends one call. Never rejects for a budget refusal, an abort (quorum, round timeout, deadline) or, with
   * on_error: skip, a backend failure; throws RecipeError when the client went away or on_error is fail.
   */
  async call(step: string, model: string, request: ChatCompletionRequest, options: { signal?: AbortSignal } = {}): Promise<CallResult> {
    this.throwIfCancelled();
    const started = performance.now();
    const line = (outcome: StepOutcome, detail?: string): number =>
      this.steps.push({ step, model, ms: Math.round(performance.now() - started), outcome, ...(detail ? { detail } : {}) }) - 1;
    let reservation;
    try {
      reservation = this.budget.reserve(model, estimatePromptTokens(request), this.capFor(request));
    } catch (error) {
      if (error instanceof BudgetExceededError) return { ok: false, kind: 'refused', limit: error.limit, trace: line('refused', error.limit) };
      throw error;
    }
    const signal = options.signal ? AbortSignal.any([this.budget.signal, options.signal]) : this.budget.signal;
    try {
      const completion = await this.ctx.backends.complete(model, request, {
        signal,
        requestId: this.ctx.requestId,
        ...(this.ctx.traceparent ? { traceparent: this.ctx.traceparent } : {}),
        beforeAttempt: (attempt) => {
          reservation.guard(attempt);
          if (!this.used.includes(model)) this.used.push(model);
        },
      });
      reservation.release(completion.usage);
      return { ok: true, completion, trace: line('ok') };
    } catch (error) {
      reservation.release();
      if (error instanceof BudgetExceededError && !signal.aborted) return { ok: false, kind: 'refused', limit: error.limit, trace: line('refused', error.limit) };
      this.throwIfCancelled();
      if (signal.aborted) return { ok: false, kind: 'aborted', trace: line('aborted', this.budget.deadlinePassed ? 'deadline' : undefined) };
      const routerError = toRouterError(error);
      const trace = line('error', routerError.message);
      if (this.config.onError === 'fail') throw new RecipeError(step, `${this.config.name}: ${step} call to ${model} failed (on_error: fail): ${routerError.message}`, { cause: error });
      return { ok: false, kind: 'error', error: routerError, trace };
    }
  }

  /** A FinalOutcome answering with `completion`; usage is summed over every call of the run. */
  final(completion: Completion, reason: string): FinalOutcome {
    return {
      kind: 'final',
      completion: completionFor(completion, this.ctx.request, this.budget.usage, this.ctx.requestId),
      finalModel: completion.model,
      ...this.common(reason),
    };
  }

  /**
   * A tail-call of `request` to `model`, Envoy making the call. Undefined (and the limit recorded) when its
   * worst case does not fit the budget: the caller falls back to its best evidence.
   */
  tail(step: string, model: string, request: ChatCompletionRequest, reason: string): TailCallOutcome | undefined {
    this.throwIfCancelled();
    const limit = this.budget.checkTail(model, estimatePromptTokens(request), this.capFor(request));
    if (limit) {
      this.note(step, 'refused', { model, detail: limit });
      return undefined;
    }
    this.note(step, 'tail_call', { model });
    if (!this.used.includes(model)) this.used.push(model);
    return { kind: 'tail_call', model, request, ...this.common(reason) };
  }

  /** A tail-call that is a plain route (auto chose one model): no budget applies, as for any Route. */
  handOff(model: string, request: ChatCompletionRequest, reason: string): TailCallOutcome {
    this.note('route', 'tail_call', { model });
    if (!this.used.includes(model)) this.used.push(model);
    return { kind: 'tail_call', model, request, ...this.common(reason) };
  }

  /** Throws the RecipeError for a run that produced nothing; `stage` names what failed. */
  fail(stage: string, message: string): never {
    const stop = this.budget.stoppedBy ? ` (stopped by ${this.budget.stoppedBy})` : '';
    throw new RecipeError(stage, `${this.config.name}: ${message}${stop}`);
  }

  /** Releases the deadline timer. */
  finish(): void {
    this.budget.close();
  }

  private throwIfCancelled(): void {
    if (this.ctx.signal.aborted) throw new RecipeError('cancelled', `${this.config.name}: the client's stream was cancelled`);
  }

  private common(reason: string): OutcomeCommon {
    const stoppedBy = this.budget.stoppedBy;
    const tail = [this.fallbackNote ? `fallback: ${this.fallbackNote}` : '', stoppedBy ? `stopped by ${stoppedBy}` : ''].filter(Boolean);
    return {
      recipe: this.config.name,
      recipeType: this.config.type,
      modelsUsed: [...this.used],
      calls: this.budget.calls,
      usage: this.budget.usage,
      usageByModel: new Map(this.budget.usageByModel),
      costUsd: this.budget.costUsd,
      trace: this.steps.map((s) => ({ ...s })),
      ...(stoppedBy ? { stoppedBy } : {}),
      ...(this.fallbackNote ? { fallback: this.fallbackNote } : {}),
      reason: [reason, ...tail].join('; '),
      escalations: this.escalations,
      quorum: this.quorum,
      parseFailures: this.parseFailures,
    };
  }
}
