/**
 * The recipes' contract with the pipeline: what a run receives (RecipeContext) and what it returns (Outcome).
 * A recipe reaches models only through `Backends`, so it is testable with a scripted fake and no sockets.
 */
import type { Backends } from '../backends/types.js';
import type { RecipeType } from '../config/recipes.js';
import type { ConsiliumConfig, Preference } from '../config/types.js';
import type { ChatCompletion, ChatCompletionRequest, Usage } from '../openai/types.js';

export interface RecipeSignals {
  /** Classifier label (undefined if not computed). */
  readonly category: string | undefined;
  readonly categoryConfidence: number | undefined;
  readonly promptTokens: number;
  readonly messages: number;
  readonly hasTools: boolean;
  readonly responseFormat: 'text' | 'json_object' | 'json_schema' | undefined;
  readonly maxTokens: number | undefined;
  /** Names of the matched keyword sets. */
  readonly keywordSets: ReadonlySet<string>;
}

export interface RecipeContext {
  /** The client's request as parsed (`model` is the virtual name). */
  readonly request: ChatCompletionRequest;
  readonly config: ConsiliumConfig;
  readonly backends: Backends;
  readonly signals: RecipeSignals;
  /** From the virtual model's auto profile ('balanced' by default). */
  readonly preference: Preference;
  /** The client wants SSE: end with a tail-call when the last step is one model call. */
  readonly stream: boolean;
  /** Aborted when Envoy cancels the stream: every call is aborted with it. */
  readonly signal: AbortSignal;
  readonly requestId: string;
  readonly traceparent?: string;
}

export type BudgetLimit = 'max_calls' | 'max_total_tokens' | 'max_cost_usd' | 'deadline_ms';

export type StepOutcome = 'ok' | 'error' | 'aborted' | 'refused' | 'rejected' | 'parse_failure' | 'skipped' | 'tail_call';

/** One line of a run's trace: a call, or a decision made without a call. */
export interface TraceStep {
  /** e.g. `panel`, `judge`, `rung[1]`, `round[0]`, `step[1].critic`, `finalizer`. */
  readonly step: string;
  readonly model?: string;
  readonly ms: number;
  readonly outcome: StepOutcome;
  /** Scores the recipe computed at this step (confidence, weights, agreement, votes). */
  readonly scores?: Readonly<Record<string, number>>;
  readonly detail?: string;
}

export interface OutcomeCommon {
  /** The recipe that produced the answer (the one auto picked, when auto picked a recipe). */
  readonly recipe: string;
  readonly recipeType: RecipeType;
  /** Every model called, in first-call order; a tail-call's model is included. */
  readonly modelsUsed: readonly string[];
  /** HTTP attempts made (retries, stragglers, judge/planner calls included; a tail-call is not). */
  readonly calls: number;
  /** Summed over every finished call, rejected answers included. */
  readonly usage: Usage;
  readonly usageByModel: ReadonlyMap<string, Usage>;
  readonly costUsd: number;
  readonly trace: readonly TraceStep[];
  /** The limit that stopped the loop early, if one did. */
  readonly stoppedBy?: BudgetLimit;
  /** Which fallback was taken and why, if one was. */
  readonly fallback?: string;
  /** One line for x-consilium-reason (auto's rationale comes first). */
  readonly reason: string;
  /** Confidence: how many times the ladder moved up. */
  readonly escalations: number;
  readonly quorum: 'reached' | 'timed_out' | undefined;
  /** Judge, grader, verifier or plan answers that could not be used. */
  readonly parseFailures: number;
  /** Set when auto chose: its recipe name and the situation it read from the request. */
  readonly auto?: { readonly recipe: string; readonly situation: string; readonly choice: string };
}

export interface FinalOutcome extends OutcomeCommon {
  readonly kind: 'final';
  /** A valid chat.completion; usage summed over every call; `model` is finalModel. */
  readonly completion: ChatCompletion;
  readonly finalModel: string;
}

export interface TailCallOutcome extends OutcomeCommon {
  readonly kind: 'tail_call';
  /** Config model name. */
  readonly model: string;
  /** The final request to forward: stream as the client asked, tools/tool_choice kept. */
  readonly request: ChatCompletionRequest;
}

export type Outcome = FinalOutcome | TailCallOutcome;
