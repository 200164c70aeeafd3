/**
 * Derives the requests a recipe sends from the client's request. Intermediate calls (panel, workers, roles)
 * drop tools and streaming; internal calls (judge, grader, planner, verifier) are built from scratch; the
 * final call keeps the client's output contract (system prompt, response_format, tools, tool_choice, stream).
 * Every call gets a completion cap, so its worst case is bounded for the budget.
 */
import { completionCap } from '../openai/tokens.js';
import type { ChatCompletionRequest, ChatMessage, ContentPart } from '../openai/types.js';

/** Fields that only mean something on the call whose answer the client receives. */
const TOOL_FIELDS = ['tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call'] as const;

type Mutable = { -readonly [K in keyof ChatCompletionRequest]: ChatCompletionRequest[K] } & Record<string, unknown>;

export interface DerivedOptions {
  /** Completion cap applied when the request has none. */
  readonly cap: number;
  readonly messages?: readonly ChatMessage[];
  readonly temperature?: number;
  /** Keep tools/tool_choice (a confidence rung is a candidate final answer). */
  readonly keepTools?: boolean;
  /** Ask the backend for token logprobs, with at least this many alternatives per token. */
  readonly logprobs?: { readonly top: number };
}

/** The completion cap a call will run with: the request's own, else `fallback`. */
export function capOf(request: ChatCompletionRequest, fallback: number): number {
  return completionCap(request) ?? fallback;
}

/** A non-streaming call derived from the client's request (panel member, worker, role, cascade rung). */
export function derivedRequest(client: ChatCompletionRequest, model: string, options: DerivedOptions): ChatCompletionRequest {
  const out: Mutable = { ...client, model, stream: false };
  delete out.stream_options;
  delete out.n;
  if (!options.keepTools) for (const field of TOOL_FIELDS) delete out[field];
  if (options.messages) out.messages = options.messages;
  if (options.temperature !== undefined) out.temperature = options.temperature;
  if (completionCap(out) === undefined) out.max_tokens = options.cap;
  if (options.logprobs) {
    out.logprobs = true;
    out.top_logprobs = Math.max(options.logprobs.top, client.top_logprobs ?? 0);
  }
  return out;
}

/** A call of the recipe's own (judge, grader, planner, verifier): our prompt only, deterministic, capped. */
export function internalRequest(model: string, messages: readonly ChatMessage[], cap: number): ChatCompletionRequest {
  return { model, messages, stream: false, temperature: 0, max_tokens: cap };
}

/**
 * The call whose answer the client receives: the client's request with `brief` merged into its system
 * prompt, streaming as the client asked when Envoy will make it (a tail-call).
 */
export function finalRequest(client: ChatCompletionRequest, model: string, brief: string | undefined, cap: number, stream: boolean): ChatCompletionRequest {
  const out: Mutable = { ...client, model, stream };
  if (!stream) {
    // The recipe reads one choice; the client's own stream settings apply only when Envoy streams it.
    delete out.stream_options;
    delete out.n;
  }
  if (brief !== undefined) out.messages = withSystemBrief(client.messages, brief);
  if (completionCap(out) === undefined) out.max_tokens = cap;
  return out;
}

/**
 * Adds `brief` to the conversation's leading system (or developer) message, or prepends one: several chat
 * templates reject a second system message or one that is not first.
 */
export function withSystemBrief(messages: readonly ChatMessage[], brief: string): ChatMessage[] {
  const first = messages[0];
  if (first && (first.role === 'system' || first.role === 'developer')) {
    const content = first.content;
    const merged: ChatMessage['content'] = Array.isArray(content)
      ? [...(content as readonly ContentPart[]), { type: 'text', text: `\n\n${brief}` }]
      : `${typeof content === 'string' ? content : ''}\n\n${brief}`;
    return [{ ...first, content: merged }, ...messages.slice(1)];
  }
  return [{ role: 'system', content: brief }, ...messages];
}
