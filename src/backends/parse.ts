/**
 * Reading a backend's answer: a chat.completion body into a Completion's parts, and an error body into a
 * short message that is safe to show a client (credentials scrubbed, length bounded).
 */
import { estimatePromptTokens, estimateTextTokens } from '../openai/tokens.js';
import type { ChatCompletion, ChatCompletionRequest, TokenLogprob, TopLogprob, ToolCall, Usage } from '../openai/types.js';

export interface ParsedAnswer {
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
  readonly logprobs: readonly TokenLogprob[] | null;
  readonly usage: Usage;
  readonly raw: ChatCompletion;
}

/**
 * Why a body is not a usable chat.completion; becomes BackendError kind 'invalid_response'. `garbled` marks a
 * body that is not JSON at all (cut short, corrupted in transit): a transient failure worth a retry, unlike a
 * well-formed answer of the wrong shape, which would come back the same.
 */
export class InvalidAnswer {
  constructor(
    readonly reason: string,
    readonly garbled = false,
  ) {}
}

/**
 * Parses the first choice. Usage missing from the body is estimated (prompt from the request, completion
 * from the text), so a budget never counts a real call as free.
 */
export function parseAnswer(body: string, request: ChatCompletionRequest): ParsedAnswer | InvalidAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return new InvalidAnswer('the body is not JSON', true);
  }
  if (!isObject(json)) return new InvalidAnswer('the body is not a JSON object');
  const choices = json.choices;
  if (!Array.isArray(choices) || choices.length === 0) return new InvalidAnswer('the answer has no choices');
  const choice: unknown = choices[0];
  if (!isObject(choice) || !isObject(choice.message)) return new InvalidAnswer('the first choice has no message');
  const message = choice.message;
  if (message.content !== undefined && message.content !== null && typeof message.content !== 'string') {
    return new InvalidAnswer('message.content is neither a string nor null');
  }
  const content = typeof message.content === 'string' ? message.content : null;
  const toolCalls = parseToolCalls(message.tool_calls);
  if (toolCalls instanceof InvalidAnswer) return toolCalls;
  const logprobs = parseLogprobs(choice.logprobs);
  if (logprobs instanceof InvalidAnswer) return logprobs;
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
  const usage = parseUsage(json.usage) ?? estimateUsage(request, content, toolCalls);
  return { content, toolCalls, finishReason, logprobs, usage, raw: json as unknown as ChatCompletion };
}

function parseToolCalls(value: unknown): readonly ToolCall[] | InvalidAnswer {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return new InvalidAnswer('message.tool_calls is not an array');
  const calls: ToolCall[] = [];
  for (const call of value) {
    if (!isObject(call) || !isObject(call.function) || typeof call.function.name !== 'string') {
      return new InvalidAnswer('a tool call has no function name');
    }
    const args = call.function.arguments;
    calls.push({
      id: typeof call.id === 'string' ? call.id : `call_${calls.length}`,
      type: 'function',
      function: { name: call.function.name, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
    });
  }
  return calls;
}

function parseLogprobs(value: unknown): readonly TokenLogprob[] | null | InvalidAnswer {
  if (!isObject(value) || value.content === undefined || value.content === null) return null;
  if (!Array.isArray(value.content)) return new InvalidAnswer('logprobs.content is not an array');
  const tokens: TokenLogprob[] = [];
  for (const entry of value.content) {
    const token = parseTopLogprob(entry);
    if (!token || !isObject(entry)) return new InvalidAnswer('a logprobs entry lacks token or logprob');
    const tops = Array.isArray(entry.top_logprobs) ? entry.top_logprobs.map(parseTopLogprob) : [];
    if (tops.some((top) => top === undefined)) return new InvalidAnswer('a top_logprobs entry lacks token or logprob');
    tokens.push({ ...token, top_logprobs: tops as TopLogprob[] });
  }
  return tokens;
}

function parseTopLogprob(value: unknown): TopLogprob | undefined {
  if (!isObject(value) || typeof value.token !== 'string' || typeof value.logprob !== 'number') return undefined;
  return { token: value.token, logprob: value.logprob };
}

function parseUsage(value: unknown): Usage | undefined {
  if (!isObject(value)) return undefined;
  const prompt = value.prompt_tokens;
  const completion = value.completion_tokens;
  if (!isCount(prompt) || !isCount(completion)) return undefined;
  const total = isCount(value.total_tokens) ? value.total_tokens : prompt + completion;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
}

function estimateUsage(request: ChatCompletionRequest, content: string | null, toolCalls: readonly ToolCall[]): Usage {
  const prompt = estimatePromptTokens(request);
  const completion = estimateTextTokens(content ?? '') + (toolCalls.length > 0 ? estimateTextTokens(JSON.stringify(toolCalls)) : 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

const MAX_ERROR_MESSAGE = 300;

/**
 * The upstream's own error message (OpenAI `{error:{message}}`, vLLM `{message}`, FastAPI `{detail}`, or
 * plain text), with the key and anything bearer- or sk-shaped replaced, control characters removed and the
 * length bounded.
 */
export function upstreamErrorMessage(body: string, apiKey: string | undefined): string {
  let message = body;
  try {
    const json: unknown = JSON.parse(body);
    if (isObject(json)) {
      const error = json.error;
      const candidate = isObject(error) ? error.message : typeof error === 'string' ? error : (json.message ?? json.detail);
      if (typeof candidate === 'string') message = candidate;
      else if (candidate !== undefined) message = JSON.stringify(candidate);
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  if (apiKey) message = message.split(apiKey).join('[redacted]');
  message = message
    .replace(/bearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, '[redacted]')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  if (message.length > MAX_ERROR_MESSAGE) message = `${message.slice(0, MAX_ERROR_MESSAGE - 3)}...`;
  return message || '(empty body)';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
