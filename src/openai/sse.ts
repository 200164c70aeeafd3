/**
 * Server-sent events for chat completions: encoding a finished completion as an OpenAI stream, and an
 * incremental parser for reading a backend's stream (usage accounting).
 */
import type { ChatCompletion, ChatCompletionChunk } from './types.js';

/** Largest content piece per chunk when replaying a finished answer as a stream. */
const CONTENT_CHUNK_CHARS = 64;

export function sseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';

/**
 * Replays a finished completion as OpenAI SSE: role chunk, content chunks, tool calls, finish chunk, the usage
 * chunk when the client asked for it, then [DONE].
 */
export function completionToSse(completion: ChatCompletion, includeUsage: boolean): string {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const choice = completion.choices[0];
  const chunks: ChatCompletionChunk[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  const content = choice?.message.content ?? '';
  for (let i = 0; i < content.length; i += CONTENT_CHUNK_CHARS) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { content: content.slice(i, i + CONTENT_CHUNK_CHARS) }, finish_reason: null }] });
  }
  const toolCalls = choice?.message.tool_calls;
  if (toolCalls && toolCalls.length > 0) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }, finish_reason: null }] });
  }
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: choice?.finish_reason ?? 'stop' }] });
  if (includeUsage && completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks.map(sseEvent).join('') + SSE_DONE;
}

/** One parsed SSE event: its data payload (events without data are skipped). */
export interface SseEvent {
  readonly data: string;
  /** The raw bytes of the event, separator included, so a filter can pass it through unchanged. */
  readonly raw: string;
}

/** Incremental SSE parser: feed text as it arrives, get complete events back. */
export class SseParser {
  private buffer = '';

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const raw = this.buffer.slice(0, match.index + match[0].length);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const data = raw
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      events.push({ data, raw });
    }
    return events;
  }

  /** Bytes received that do not yet form a complete event. */
  get pending(): string {
    return this.buffer;
  }

  /** Returns and forgets the incomplete tail (at end of stream). */
  takePending(): string {
    const rest = this.buffer;
    this.buffer = '';
    return rest;
  }
}
