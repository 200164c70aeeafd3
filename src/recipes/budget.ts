/**
 * One recipe run's budget: max_calls, max_total_tokens, max_cost_usd and deadline_ms. A call reserves its
 * worst case (prompt estimate + completion cap, priced) before it is sent and is refused when that would not
 * fit beside what is spent and what concurrent calls hold; every HTTP attempt (retries included) is counted
 * through the reservation's `guard`, which Backends calls as CallOptions.beforeAttempt. The deadline aborts
 * `signal`, which every call of the run listens to.
 */
import { costUsd, worstCaseCostUsd } from '../backends/pricing.js';
import type { BudgetConfig, ModelConfig } from '../config/types.js';
import { RouterError } from '../errors/index.js';
import { addUsage, ZERO_USAGE, type Usage } from '../openai/types.js';
import type { BudgetLimit } from './types.js';

/** Thrown when a call (or retry) does not fit; recipes stop and fall back rather than fail. */
export class BudgetExceededError extends RouterError {
  readonly limit: BudgetLimit;
  constructor(limit: BudgetLimit, message: string) {
    super('recipe_failed', message);
    this.limit = limit;
  }
}

export interface Reservation {
  /** Pass as CallOptions.beforeAttempt: counts each attempt, throws BudgetExceededError to refuse one. */
  readonly guard: (attempt: number) => void;
  /** Frees the reservation; `usage` is what the call reported, if it finished. */
  release(usage?: Usage): void;
}

const FREE: Pick<ModelConfig, 'pricing'> = { pricing: { inputPerMillion: 0, outputPerMillion: 0 } };
/** Float slack so a budget of exactly the worst case still admits the call. */
const COST_EPSILON = 1e-12;

export class Budget {
  readonly limits: BudgetConfig;
  /** Aborts at the deadline or when the parent (the client's stream) aborts. */
  readonly signal: AbortSignal;
  private readonly models: ReadonlyMap<string, Pick<ModelConfig, 'pricing'>>;
  private readonly startedAt: number;
  private readonly now: () => number;
  private readonly deadline = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private made = 0;
  private heldCalls = 0;
  private heldTokens = 0;
  private heldCost = 0;
  private spent: Usage = ZERO_USAGE;
  private spentCost = 0;
  private readonly byModel = new Map<string, Usage>();
  private firstStop: BudgetLimit | undefined;

  constructor(limits: BudgetConfig, options: { models: ReadonlyMap<string, Pick<ModelConfig, 'pricing'>>; parentSignal: AbortSignal; now?: () => number }) {
    this.limits = limits;
    this.models = options.models;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.timer = setTimeout(() => {
      this.stop('deadline_ms');
      this.deadline.abort(new BudgetExceededError('deadline_ms', `recipe deadline of ${limits.deadlineMs} ms passed`));
    }, limits.deadlineMs);
    this.timer.unref();
    this.signal = AbortSignal.any([options.parentSignal, this.deadline.signal]);
  }

  get calls(): number {
    return this.made;
  }
  get usage(): Usage {
    return this.spent;
  }
  get usageByModel(): ReadonlyMap<string, Usage> {
    return this.byModel;
  }
  get costUsd(): number {
    return this.spentCost;
  }
  /** The first limit that refused a call or fired. */
  get stoppedBy(): BudgetLimit | undefined {
    return this.firstStop;
  }
  /**
   * A token, cost or deadline limit has stopped a call: more calls are pointless. (A max_calls stop is not
   * final: callsLeft() already sizes what still fits.)
   */
  get exhausted(): boolean {
    return this.firstStop !== undefined && this.firstStop !== 'max_calls';
  }
  get deadlinePassed(): boolean {
    return this.deadline.signal.aborted || this.remainingMs() <= 0;
  }

  remainingMs(): number {
    return this.limits.deadlineMs - (this.now() - this.startedAt);
  }

  /** Calls still available, counting those reserved but not yet sent. */
  callsLeft(): number {
    return Math.max(0, this.limits.maxCalls - this.made - this.heldCalls);
  }

  /** Reserves one call's worst case; throws BudgetExceededError (and records the limit) when it does not fit. */
  reserve(model: string, promptTokens: number, completionCap: number): Reservation {
    const tokens = promptTokens + completionCap;
    const cost = worstCaseCostUsd(this.pricing(model), promptTokens, completionCap);
    this.check(1, tokens, cost, model);
    this.heldCalls += 1;
    this.heldTokens += tokens;
    this.heldCost += cost;
    let attempts = 0;
    let released = false;
    return {
      guard: () => {
        if (released) throw new BudgetExceededError('max_calls', 'attempt after the call was released');
        if (attempts === 0) {
          this.check(0, 0, 0, model);
          this.heldCalls -= 1;
        } else {
          this.check(1, 0, 0, model);
        }
        attempts += 1;
        this.made += 1;
      },
      release: (usage) => {
        if (released) return;
        released = true;
        if (attempts === 0) this.heldCalls -= 1;
        this.heldTokens -= tokens;
        this.heldCost -= cost;
        if (usage) this.record(model, usage);
      },
    };
  }

  /**
   * Whether a call Envoy will make (a tail-call) fits: checked like a real call but not counted as made.
   * Returns the limit it breaks, and records it as the stop.
   */
  checkTail(model: string, promptTokens: number, completionCap: number): BudgetLimit | undefined {
    try {
      this.check(1, promptTokens + completionCap, worstCaseCostUsd(this.pricing(model), promptTokens, completionCap), model);
      return undefined;
    } catch (error) {
      if (error instanceof BudgetExceededError) return error.limit;
      throw error;
    }
  }

  /** Records a limit that stopped the loop without refusing a call (e.g. a round narrowed to fit max_calls). */
  markStopped(limit: BudgetLimit): void {
    this.stop(limit);
  }

  /** Clears the deadline timer; the run is over. */
  close(): void {
    clearTimeout(this.timer);
  }

  private record(model: string, usage: Usage): void {
    this.spent = addUsage(this.spent, usage);
    this.byModel.set(model, addUsage(this.byModel.get(model) ?? ZERO_USAGE, usage));
    this.spentCost += costUsd(this.pricing(model), usage);
  }

  private check(calls: number, tokens: number, cost: number, model: string): void {
    const refuse = (limit: BudgetLimit, detail: string): never => {
      this.stop(limit);
      throw new BudgetExceededError(limit, `budget ${limit} refuses a call to ${model}: ${detail}`);
    };
    if (this.deadlinePassed) refuse('deadline_ms', `${this.limits.deadlineMs} ms passed`);
    if (calls > 0 && this.made + this.heldCalls + calls > this.limits.maxCalls) refuse('max_calls', `${this.made} made of ${this.limits.maxCalls}`);
    if (tokens > 0 && this.spent.total_tokens + this.heldTokens + tokens > this.limits.maxTotalTokens) {
      refuse('max_total_tokens', `worst case ${tokens} tokens, ${this.spent.total_tokens} spent of ${this.limits.maxTotalTokens}`);
    }
    if (cost > 0 && this.spentCost + this.heldCost + cost > this.limits.maxCostUsd + COST_EPSILON) {
      refuse('max_cost_usd', `worst case $${cost.toFixed(6)}, $${this.spentCost.toFixed(6)} spent of $${this.limits.maxCostUsd}`);
    }
  }

  private stop(limit: BudgetLimit): void {
    this.firstStop ??= limit;
  }

  private pricing(model: string): Pick<ModelConfig, 'pricing'> {
    return this.models.get(model) ?? FREE;
  }
}
