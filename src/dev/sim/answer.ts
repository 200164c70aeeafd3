/**
 * Plans one simulated chat answer (tokens, tool calls, finish reason, logprobs, usage) from the request and
 * the responder's result, and renders it as an OpenAI `chat.completion`. The stream writer replays the same
 * plan as chunks, so JSON and SSE answers to the same request carry the same tokens.
 */
import { completionCap } from '../../openai/tokens.js';
import { messageText, type ChatMessage, type TokenLogprob, type ToolCall, type TopLogprob, type Usage } from '../../openai/types.js';
import { hashString, seededRng } from './rng.js';
import type { ResponderResult } from './types.js';

export interface AnswerPlan {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly tokens: readonly string[];
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string;
  /** One entry per token when the request asked for logprobs, else null. */
  readonly logprobs: readonly TokenLogprob[] | null;
  readonly usage: Usage;
}

const DEFAULT_MEAN_LOGPROB = -0.2;
const MAX_TOP_LOGPROBS = 20;
const ALTERNATIVES = [' the', ' a', ' and', ' of', ' to', ' in', ' is', ' it', ' that', ' for', ' on', ' with', ' as', ' at', ' by', ' this', ' we', ' you', ' be', ' or', ' an'];

/** Splits text into word-like tokens that keep their leading whitespace, so joining them restores the text. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Prompt tokens estimated as characters / 4 over every message's text. */
export function estimatePromptTokens(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  const chars = messages.reduce<number>((sum, message) => sum + messageText(message as ChatMessage).length, 0);
  return Math.ceil(chars / 4);
}

export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as ChatMessage;
    if (message?.role === 'user') return messageText(message);
  }
  return '';
}

export function defaultContent(backendName: string, body: Readonly<Record<string, unknown>>): string {
  const said = lastUserText(body.messages).replace(/\s+/g, ' ').trim().slice(0, 200);
  return `[${backendName}] You said: ${said}`;
}

export interface PlanInput {
  readonly body: Readonly<Record<string, unknown>>;
  readonly result: ResponderResult;
  readonly backendName: string;
  readonly seq: number;
  readonly now?: number;
}

export function planAnswer(input: PlanInput): AnswerPlan {
  const { body, result } = input;
  const explicit = Array.isArray(result.logprobs) ? (result.logprobs as readonly TokenLogprob[]) : null;
  const wantsTools = Array.isArray(body.tools) && body.tools.length > 0 && (result.toolCalls?.length ?? 0) > 0;
  let content: string | null;
  if (result.content !== undefined) content = result.content;
  else if (explicit) content = explicit.map((entry) => entry.token).join('');
  else content = wantsTools ? null : defaultContent(input.backendName, body);

  let tokens = explicit && result.content === undefined ? explicit.map((entry) => entry.token) : tokenize(content ?? '');
  let finishReason = wantsTools ? 'tool_calls' : 'stop';
  const cap = completionCap(body as { max_tokens?: number | null; max_completion_tokens?: number | null });
  if (cap !== undefined && tokens.length > cap) {
    tokens = tokens.slice(0, cap);
    finishReason = 'length';
  }
  const toolCalls: ToolCall[] = wantsTools
    ? (result.toolCalls ?? []).map((call, index) => ({
        id: call.id ?? `call_${input.seq}_${index}`,
        type: 'function',
        function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
      }))
    : [];

  let logprobs: TokenLogprob[] | null = null;
  if (body.logprobs === true) {
    const topCount = Math.min(MAX_TOP_LOGPROBS, Math.max(0, Number(body.top_logprobs ?? 0) || 0));
    logprobs = explicit
      ? explicit.slice(0, tokens.length)
      : synthesizeLogprobs(tokens, typeof result.logprobs === 'number' ? result.logprobs : DEFAULT_MEAN_LOGPROB, topCount);
  }

  const toolTokens = toolCalls.reduce((sum, call) => sum + Math.ceil((call.function.name.length + call.function.arguments.length) / 4), 0);
  const promptTokens = estimatePromptTokens(body.messages);
  const completionTokens = tokens.length + toolTokens;
  const now = input.now ?? Date.now();
  return {
    id: `chatcmpl-sim-${input.backendName}-${input.seq}`,
    created: Math.floor(now / 1000),
    model: typeof body.model === 'string' ? body.model : input.backendName,
    tokens,
    toolCalls,
    finishReason: result.finishReason ?? finishReason,
    logprobs,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/**
 * Per-token logprobs whose mean is exactly `mean` (clamped to ≤ 0), jittered deterministically by the text, with
 * `topCount` alternatives per token sorted by logprob, highest (the chosen token) first.
 */
export function synthesizeLogprobs(tokens: readonly string[], mean: number, topCount: number): TokenLogprob[] {
  const target = Math.min(0, mean);
  const rng = seededRng(hashString(tokens.join('')));
  const weights = tokens.map(() => 0.5 + rng());
  const average = weights.reduce((sum, w) => sum + w, 0) / Math.max(1, weights.length);
  return tokens.map((token, i) => {
    const logprob = (target * (weights[i] ?? 1)) / average;
    const top: TopLogprob[] = topCount > 0 ? [withBytes(token, logprob)] : [];
    const alternatives = ALTERNATIVES.filter((alt) => alt !== token);
    for (let j = 1; j < topCount; j++) {
      top.push(withBytes(alternatives[(j - 1) % alternatives.length] ?? ' ', logprob - 0.25 - 0.75 * j));
    }
    return { ...withBytes(token, logprob), top_logprobs: top };
  });
}

function withBytes(token: string, logprob: number): TopLogprob & { bytes: number[] } {
  return { token, logprob, bytes: [...Buffer.from(token, 'utf8')] };
}

/** The plan as a non-streaming `chat.completion` object. */
export function completionObject(plan: AnswerPlan): Record<string, unknown> {
  return {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: plan.toolCalls.length > 0 && plan.tokens.length === 0 ? null : plan.tokens.join(''),
          refusal: null,
          ...(plan.toolCalls.length > 0 ? { tool_calls: plan.toolCalls } : {}),
        },
        logprobs: plan.logprobs ? { content: plan.logprobs, refusal: null } : null,
        finish_reason: plan.finishReason,
      },
    ],
    usage: plan.usage,
  };
}
