/**
 * Regression (reliability suite): the SSE usage tap decoded each chunk on its own, so a multi-byte character
 * that Envoy's chunking cut in two reached the client as replacement characters whenever the tap rewrote that
 * chunk (any chunk ending inside an event). Property: whatever the byte cuts, the client gets the stream's bytes
 * exactly, less the injected usage event. Also: an event that never ends stops being held back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_CHARS, SseUsageTap } from '../../src/pipeline/usage-tap.js';

const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
const contentEvent = (text: string): string => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text } }] })}\n\n`;
const usageEvent = `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [], usage })}\n\n`;
const DONE = 'data: [DONE]\n\n';

function feed(tap: SseUsageTap, whole: Buffer, cuts: readonly number[]): Buffer {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const to of [...points, whole.length]) {
    const chunk = whole.subarray(from, to);
    const { replace } = tap.push(chunk, to === whole.length);
    out.push(replace ?? chunk);
    from = to;
  }
  return Buffer.concat(out);
}

const texts = fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 6 });
const cuts = fc.array(fc.nat({ max: 2_000 }), { maxLength: 12 });

describe('SSE usage tap under arbitrary chunking', () => {
  it('passes the exact bytes through when the client asked for usage', () => {
    fc.assert(
      fc.property(texts, cuts, (pieces, at) => {
        const whole = Buffer.from(pieces.map(contentEvent).join('') + usageEvent + DONE);
        const tap = new SseUsageTap(false);
        expect(feed(tap, whole, at).equals(whole)).toBe(true);
        expect(tap.usage).toEqual(usage);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('removes exactly the injected usage event, keeping every character intact', () => {
    fc.assert(
      fc.property(texts, cuts, (pieces, at) => {
        const body = pieces.map(contentEvent).join('');
        const tap = new SseUsageTap(true);
        expect(feed(tap, Buffer.from(body + usageEvent + DONE), at).toString('utf8')).toBe(body + DONE);
        expect(tap.usage).toEqual(usage);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('a character cut in two is not corrupted (the case that failed)', () => {
    const whole = Buffer.from(contentEvent('5€ 👍') + usageEvent + DONE);
    const euro = whole.indexOf(Buffer.from('€'));
    expect(feed(new SseUsageTap(true), whole, [euro + 1, euro + 2]).toString('utf8')).toContain('5€ 👍');
  });

  it('stops holding back an event that never ends, passing the rest through unchanged', () => {
    const tap = new SseUsageTap(true);
    const endless = Buffer.from(`data: ${'x'.repeat(MAX_PENDING_CHARS)}`);
    const first = tap.push(endless, false).replace ?? endless;
    expect(first.equals(endless)).toBe(true);
    expect(tap.push(Buffer.from('yyyy'), false).replace).toBeUndefined();
    // Before the limit, the same event is still held back.
    expect(new SseUsageTap(true).push(Buffer.from('data: xxxx'), false).replace?.length).toBe(0);
  });
});
