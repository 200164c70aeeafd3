/**
 * OpenAI chat API shapes, as much of them as Consilium reads or writes. Requests keep unknown fields
 * (they are forwarded untouched to backends), so these types describe what we look at, not everything.
 */

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}
export interface OtherPart {
  readonly type: string;
  readonly [key: string]: unknown;
}
export type ContentPart = TextPart | OtherPart;

export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export interface ChatMessage {
  readonly role: Role;
  readonly content?: string | readonly ContentPart[] | null;
  readonly name?: string;
  readonly tool_calls?: readonly ToolCall[];
  readonly tool_call_id?: string;
  readonly [key: string]: unknown;
}

export interface ResponseFormat {
  readonly type: 'text' | 'json_object' | 'json_schema';
  readonly json_schema?: { readonly name?: string; readonly schema?: unknown; readonly strict?: boolean };
}

export interface ChatCompletionRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean } | null;
  readonly max_tokens?: number | null;
  readonly max_completion_tokens?: number | null;
  readonly temperature?: number | null;
  readonly top_p?: number | null;
  readonly n?: number | null;
  readonly logprobs?: boolean | null;
  readonly top_logprobs?: number | null;
  readonly tools?: readonly unknown[];
  readonly tool_choice?: unknown;
  readonly response_format?: ResponseFormat;
  readonly [key: string]: unknown;
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export interface TopLogprob {
  readonly token: string;
  readonly logprob: number;
}
export interface TokenLogprob extends TopLogprob {
  readonly top_logprobs: readonly TopLogprob[];
}

export interface ChatChoice {
  readonly index: number;
  readonly message: {
    readonly role: 'assistant';
    readonly content: string | null;
    readonly tool_calls?: readonly ToolCall[];
    readonly refusal?: string | null;
  };
  readonly finish_reason: string | null;
  readonly logprobs?: { readonly content: readonly TokenLogprob[] | null } | null;
}

export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly ChatChoice[];
  readonly usage?: Usage;
  readonly system_fingerprint?: string | null;
}

export interface ChunkDelta {
  readonly role?: 'assistant';
  readonly content?: string | null;
  readonly tool_calls?: readonly unknown[];
}

export interface ChatCompletionChunk {
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly { readonly index: number; readonly delta: ChunkDelta; readonly finish_reason: string | null; readonly logprobs?: unknown }[];
  readonly usage?: Usage | null;
}

export const ZERO_USAGE: Usage = Object.freeze({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

/** Text of a message's content: a string, or the text parts of array-form content joined by newlines. */
export function messageText(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is TextPart => part.type === 'text' && typeof (part as TextPart).text === 'string')
    .map((part) => part.text)
    .join('\n');
}
