import { describe, expect, it } from 'vitest';
import { SseUsageTap, jsonUsage } from '../../src/pipeline/usage-tap.js';

const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
const content = (text: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
const usageEvent = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [], usage })}\n\n`;
const stream = content('Hel') + content('lo') + usageEvent + 'data: [DONE]\n\n';

/** Feeds the stream cut into pieces of `size` bytes; returns what the client would receive. */
function run(tap: SseUsageTap, text: string, size: number): { received: string; changedChunks: number } {
  let received = '';
  let changedChunks = 0;
  for (let i = 0; i < text.length; i += size) {
    const piece = Buffer.from(text.slice(i, i + size));
    const { replace } = tap.push(piece, i + size >= text.length);
    if (replace) changedChunks++;
    received += (replace ?? piece).toString();
  }
  return { received, changedChunks };
}

describe('SSE usage tap', () => {
  it('reads usage and passes whole-event chunks through untouched when the client asked for usage', () => {
    const tap = new SseUsageTap(false);
    const events = [content('Hel'), content('lo'), usageEvent, 'data: [DONE]\n\n'];
    for (const [i, event] of events.entries()) expect(tap.push(Buffer.from(event), i === events.length - 1).replace).toBeUndefined();
    expect(tap.usage).toEqual(usage);
  });

  it.each([1, 7, 50, 10_000])('removes an injected usage event, whatever the chunking (%i-byte chunks)', (size) => {
    const tap = new SseUsageTap(true);
    const { received } = run(tap, stream, size);
    expect(received).toBe(content('Hel') + content('lo') + 'data: [DONE]\n\n');
    expect(tap.usage).toEqual(usage);
  });

  it.each([3, 64])('keeps the stream byte-identical when not stripping, whatever the chunking (%i)', (size) => {
    const tap = new SseUsageTap(false);
    expect(run(tap, stream, size).received).toBe(stream);
    expect(tap.usage).toEqual(usage);
  });

  it('flushes an unterminated tail at end of stream', () => {
    const tap = new SseUsageTap(true);
    expect(run(tap, content('a') + 'data: {"trunc', 5).received).toBe(content('a') + 'data: {"trunc');
    expect(tap.usage).toBeUndefined();
  });

  it('ignores usage fields in content chunks and in non-JSON data', () => {
    const tap = new SseUsageTap(true);
    const tricky = content('the "usage" word') + 'data: not json "usage"\n\n';
    expect(run(tap, tricky, 1000).received).toBe(tricky);
    expect(tap.usage).toBeUndefined();
  });
});

describe('JSON usage', () => {
  it('reads usage from a completion body, tolerating missing completion tokens (embeddings)', () => {
    expect(jsonUsage(Buffer.from(JSON.stringify({ usage })))).toEqual(usage);
    expect(jsonUsage(Buffer.from(JSON.stringify({ usage: { prompt_tokens: 4, total_tokens: 4 } })))).toEqual({ prompt_tokens: 4, completion_tokens: 0, total_tokens: 4 });
    expect(jsonUsage(Buffer.from('{"choices":[]}'))).toBeUndefined();
    expect(jsonUsage(Buffer.from('not json'))).toBeUndefined();
  });
});
