/**
 * Cheap token estimates for signals and budgets. Consilium never tokenizes prompts for real on the hot path:
 * ~4 characters per token for English text plus a small per-message overhead is within ~20% for typical
 * chat traffic, and budgets only need a worst-case bound.
 */
import { messageText, type ChatCompletionRequest, type ChatMessage } from './types.js';

const CHARS_PER_TOKEN = 4;
const PER_MESSAGE_OVERHEAD = 4;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimateMessageTokens(message: ChatMessage): number {
  let tokens = PER_MESSAGE_OVERHEAD + estimateTextTokens(messageText(message));
  if (message.tool_calls) tokens += estimateTextTokens(JSON.stringify(message.tool_calls));
  return tokens;
}

/** Prompt token estimate of a chat request: messages, plus tool definitions and the response schema. */
export function estimatePromptTokens(request: Pick<ChatCompletionRequest, 'messages' | 'tools' | 'response_format'>): number {
  let tokens = 3;
  for (const message of request.messages) tokens += estimateMessageTokens(message);
  if (request.tools && request.tools.length > 0) tokens += estimateTextTokens(JSON.stringify(request.tools));
  if (request.response_format?.type === 'json_schema') tokens += estimateTextTokens(JSON.stringify(request.response_format));
  return tokens;
}

/** The completion cap a request declares (max_completion_tokens wins over max_tokens), if any. */
export function completionCap(request: Pick<ChatCompletionRequest, 'max_tokens' | 'max_completion_tokens'>): number | undefined {
  const cap = request.max_completion_tokens ?? request.max_tokens;
  return typeof cap === 'number' && cap > 0 ? cap : undefined;
}
