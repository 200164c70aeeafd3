/**
 * The runtime form of a Consilium config: built once by load.ts from YAML, then deeply frozen. Every part of
 * the server reads these types, never the raw YAML. Names are camelCase here, snake_case in the file.
 */
import type { RecipeConfig } from './recipes.js';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ServerConfig {
  /** ext_proc gRPC listener (default 0.0.0.0:50051). */
  readonly listen: HostPort;
  /** HTTP admin: /metrics, /healthz, /readyz (default 0.0.0.0:9190). */
  readonly admin: HostPort;
  /** Largest request body accepted (413 past it). Also sizes Envoy's buffers and gRPC message limits. */
  readonly maxBodyBytes: number;
  /** Most messages in one chat request (400 past it). */
  readonly maxMessages: number;
  /** Largest prompt token estimate accepted (400 context_length_exceeded past it). */
  readonly maxPromptTokens: number;
  /** Recipes in flight at once; past it new recipe requests get 429 with retry-after. */
  readonly maxConcurrentRecipes: number;
  /** How long SIGTERM waits for in-flight streams before exiting. */
  readonly drainTimeoutMs: number;
  /**
   * Envoy's ext_proc message_timeout. A recipe holds the request_body answer open, so this must exceed the
   * slowest recipe deadline; load.ts checks that.
   */
  readonly messageTimeoutMs: number;
}

/** USD per one million tokens. */
export interface Pricing {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

export interface Endpoint {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
}

export type Capability = 'tools' | 'logprobs' | 'json' | 'stream';

export interface ModelConfig {
  /** Config key; what clients send as `model` and what recipes name. */
  readonly name: string;
  /** Envoy cluster name for this model (value of x-consilium-cluster). */
  readonly cluster: string;
  /** Provider model id written into the forwarded body's `model`. */
  readonly providerModel: string;
  /** One or more endpoints sharing one base path (from base_url or base_urls). */
  readonly endpoints: readonly Endpoint[];
  /** Path prefix of the backend's OpenAI API, e.g. "/v1" or "/openai/v1". */
  readonly basePath: string;
  /** Env var holding the API key, when the backend needs one. */
  readonly apiKeyEnv: string | undefined;
  /** File holding the API key (e.g. a mounted Secret); read at load. */
  readonly apiKeyFile: string | undefined;
  readonly pricing: Pricing;
  /** Quality rating per classifier category; `default` applies to unlisted categories (1 when unset). */
  readonly ratings: Readonly<Record<string, number>>;
  readonly capabilities: ReadonlySet<Capability>;
  /** Per-call timeout for recipe calls and the Envoy route timeout. */
  readonly timeoutMs: number;
}

export interface ClassifierConfig {
  /** Directory holding a Hugging Face ONNX export. Defaults to the shipped models/intent-default. */
  readonly modelDir: string;
  /** Truncation length in tokens. */
  readonly maxTokens: number;
  /** Below this probability the label is `unknown`. */
  readonly threshold: number;
  /** Micro-batching: requests arriving within windowMs, up to maxSize, run as one batch. */
  readonly batch: { readonly maxSize: number; readonly windowMs: number };
  readonly threads: { readonly intraOp: number; readonly interOp: number };
  /**
   * Run inference in a worker thread. onnxruntime-node computes on the calling thread, so on the main thread
   * each run would stall every ext_proc stream; in a worker it overlaps with them on another core.
   */
  readonly worker: boolean;
  /** For encoder (feature-extraction) models: label → example utterances; ignored for sequence classifiers. */
  readonly examples: Readonly<Record<string, readonly string[]>>;
  /** Embedding classifiers: 0 = nearest centroid, k > 0 = k nearest examples. */
  readonly knn: number;
  /** Prepend the system prompt to the classified text. */
  readonly includeSystemPrompt: boolean;
}

/** A compiled keyword set. Matching is case-insensitive unless caseSensitive. */
export interface KeywordSetConfig {
  readonly name: string;
  /** Whole words. */
  readonly words: readonly string[];
  /** Substrings. */
  readonly phrases: readonly string[];
  /** Regex sources, checked at load for catastrophic backtracking. */
  readonly regex: readonly string[];
  /** 'any': one term suffices; 'all': every term must match. */
  readonly match: 'any' | 'all';
  readonly caseSensitive: boolean;
}

export interface SignalsConfig {
  readonly keywords: ReadonlyMap<string, KeywordSetConfig>;
}

export interface Range {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
}

/** A rule over signals. Exactly one key per node. */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly keyword: string }
  | { readonly category: readonly string[]; readonly minConfidence: number }
  | { readonly tokens: Range }
  | { readonly messages: Range }
  | { readonly depth: Range }
  | { readonly maxTokens: Range }
  | { readonly stream: boolean }
  | { readonly tools: boolean }
  | { readonly responseFormat: boolean };

export type DecisionTarget = { readonly kind: 'model'; readonly model: string } | { readonly kind: 'recipe'; readonly recipe: string };

export interface DecisionConfig {
  readonly name: string;
  /** Higher wins; ties keep file order. */
  readonly priority: number;
  /** Absent on the default decision. */
  readonly when: Condition | undefined;
  readonly isDefault: boolean;
  readonly target: DecisionTarget;
  /** One-line rationale for x-consilium-reason. */
  readonly reason: string;
}

export interface BudgetConfig {
  readonly maxCalls: number;
  readonly maxTotalTokens: number;
  readonly maxCostUsd: number;
  readonly deadlineMs: number;
}

export type Preference = 'quality' | 'balanced' | 'cost' | 'latency';

export interface VirtualModelsConfig {
  /** alias → canonical virtual model (`consilium/auto`, an auto profile, or `consilium/<recipe>`). */
  readonly aliases: ReadonlyMap<string, string>;
  /** Auto profiles: virtual model name → the preference auto selection applies. Always has consilium/auto. */
  readonly autoProfiles: ReadonlyMap<string, Preference>;
}

export interface ConsiliumConfig {
  /** Absolute path of the file it came from, when loaded from a file. */
  readonly source: string | undefined;
  readonly server: ServerConfig;
  readonly models: ReadonlyMap<string, ModelConfig>;
  readonly classifier: ClassifierConfig;
  readonly signals: SignalsConfig;
  /** Sorted by priority (desc), then file order; the default decision last. */
  readonly decisions: readonly DecisionConfig[];
  readonly recipes: ReadonlyMap<string, RecipeConfig>;
  readonly virtualModels: VirtualModelsConfig;
  readonly budgets: BudgetConfig;
}
