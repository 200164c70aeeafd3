/**
 * Reads token usage from a routed response as it passes through, without buffering streams.
 * - JSON answers arrive whole (BUFFERED): usage is read, the body passes unchanged.
 * - SSE answers arrive chunk by chunk (STREAMED): events are parsed as they complete. When Consilium injected
 *   `stream_options.include_usage` (the client did not ask), the extra usage-only event is removed, so the client
 *   sees exactly the stream it asked for.
 */
import { SseParser } from '../openai/sse.js';
import type { Usage } from '../openai/types.js';

export interface TapResult {
  /** Replacement bytes for this chunk; undefined means pass the chunk through unchanged. */
  readonly replace: Buffer | undefined;
}

export class SseUsageTap {
  private readonly parser = new SseParser();
  private found: Usage | undefined;

  /** @param stripUsage remove usage-only events (Consilium injected include_usage). */
  constructor(private readonly stripUsage: boolean) {}

  get usage(): Usage | undefined {
    return this.found;
  }

  push(chunk: Buffer, endOfStream: boolean): TapResult {
    // Bytes held back from an earlier chunk come out now, so this chunk's output differs from its input.
    let changed = this.parser.pending.length > 0;
    const events = this.parser.push(chunk.toString('utf8'));
    let out = '';
    for (const event of events) {
      const usage = usageOf(event.data);
      if (usage) {
        this.found = usage;
        if (this.stripUsage) {
          changed = true;
          continue;
        }
      }
      out += event.raw;
    }
    // An incomplete event is held back until the chunk that completes it, so a removed event is never half-sent.
    if (this.parser.pending.length > 0) {
      if (endOfStream) out += this.parser.takePending();
      else changed = true;
    }
    return { replace: changed ? Buffer.from(out, 'utf8') : undefined };
  }
}

/** The usage of an SSE data payload that carries one (OpenAI sends it in a chunk with empty choices). */
function usageOf(data: string): Usage | undefined {
  if (!data.includes('"usage"') || data === '[DONE]') return undefined;
  try {
    const value = JSON.parse(data) as { usage?: Usage | null; choices?: unknown[] };
    if (value.usage && Array.isArray(value.choices) && value.choices.length === 0) return value.usage;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Usage from a whole JSON answer (chat completion, completion or embeddings). */
export function jsonUsage(body: Buffer): Usage | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as { usage?: Partial<Usage> };
    const usage = value.usage;
    if (!usage || typeof usage.prompt_tokens !== 'number') return undefined;
    const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0;
    return { prompt_tokens: usage.prompt_tokens, completion_tokens: completion, total_tokens: usage.total_tokens ?? usage.prompt_tokens + completion };
  } catch {
    return undefined;
  }
}
