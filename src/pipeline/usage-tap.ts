/**
 * Reads token usage from a routed response as it passes through, without buffering streams.
 * - JSON answers arrive whole (BUFFERED): usage is read, the body passes unchanged.
 * - SSE answers arrive chunk by chunk (STREAMED): events are parsed as they complete. When Consilium injected
 *   `stream_options.include_usage` (the client did not ask), the extra usage-only event is removed, so the client
 *   sees exactly the stream it asked for.
 * Envoy cuts chunks anywhere, including inside a multi-byte character: a character cut at a chunk's end is held
 * back to the next chunk, so it is never decoded into replacement characters. An event that grows past
 * MAX_PENDING_CHARS without ending (not a real SSE stream) ends the tapping: the rest passes through untouched
 * rather than being held back.
 */
import { SseParser } from '../openai/sse.js';
import type { Usage } from '../openai/types.js';

export interface TapResult {
  /** Replacement bytes for this chunk; undefined means pass the chunk through unchanged. */
  readonly replace: Buffer | undefined;
}

/** Longest incomplete event held back before the tap gives up on a stream. */
export const MAX_PENDING_CHARS = 1024 * 1024;

export class SseUsageTap {
  private readonly parser = new SseParser();
  /** The start of a multi-byte character cut off at the end of the last chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private found: Usage | undefined;
  private bypass = false;

  /** @param stripUsage remove usage-only events (Consilium injected include_usage). */
  constructor(private readonly stripUsage: boolean) {}

  get usage(): Usage | undefined {
    return this.found;
  }

  push(chunk: Buffer, endOfStream: boolean): TapResult {
    if (this.bypass) return { replace: undefined };
    // Bytes held back from an earlier chunk come out now, so this chunk's output differs from its input.
    let changed = this.parser.pending.length > 0 || this.carry.length > 0;
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = endOfStream ? bytes.length : completeUtf8Length(bytes);
    this.carry = bytes.subarray(cut);
    if (this.carry.length > 0) changed = true;
    const events = this.parser.push(bytes.subarray(0, cut).toString('utf8'));
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
      if (endOfStream || this.parser.pending.length > MAX_PENDING_CHARS) {
        this.bypass = !endOfStream;
        out += this.parser.takePending();
      } else changed = true;
    }
    if (!changed) return { replace: undefined };
    const replace = Buffer.from(out, 'utf8');
    if (!this.bypass || this.carry.length === 0) return { replace };
    // Giving up mid-character: the cut-off bytes go out as they came, ahead of the untouched rest.
    const tail = this.carry;
    this.carry = Buffer.alloc(0);
    return { replace: Buffer.concat([replace, tail]) };
  }
}

/** Bytes of `bytes` up to (not into) a multi-byte UTF-8 character cut off at its end. */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
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
