import { describe, expect, it } from 'vitest';
import type { Backends } from '../../src/backends/types.js';
import { createFakeBackends, type FakeReply } from '../../src/dev/fake-backends.js';
import { runRecipe } from '../../src/recipes/registry.js';
import { configWith, contextFor, REQUEST, SIGNALS, TOOLS } from './helpers.js';

function ratings(extra: Record<string, unknown> = {}) {
  return configWith({ recipes: { vote: { type: 'ratings', candidates: ['small', 'medium', 'big'], call_max_tokens: 100, ...extra } } });
}
const fakes = (models: Record<string, FakeReply | FakeReply[]>) => createFakeBackends({ models });
const contentOf = (o: Awaited<ReturnType<typeof runRecipe>>) => (o.kind === 'final' ? o.completion.choices[0]?.message.content : undefined);

describe('ratings', () => {
  it('votes on normalised choice letters, weighted by rating, answering with the best-rated voter', async () => {
    const backends = fakes({ small: { content: 'Answer: B' }, medium: { content: 'The answer is (C).' }, big: { content: 'B) because of the second law.' } });
    const outcome = await runRecipe('vote', contextFor(ratings(), backends));
    expect(contentOf(outcome)).toBe('B) because of the second law.');
    expect(outcome.kind === 'final' && outcome.finalModel).toBe('big');
    const vote = outcome.trace.find((t) => t.step === 'vote');
    expect(vote?.scores).toEqual({ 'vote:B': 10, 'vote:C': 5 });
    expect(outcome.reason).toMatch(/weighted vote for B/);
  });

  it('lets one highly rated model outvote two weak samples', async () => {
    const config = ratings({ candidates: [{ model: 'small', samples: 2 }, 'big'], temperature: 0.9 });
    const backends = fakes({ small: { content: 'A' }, big: { content: 'C' } });
    const outcome = await runRecipe('vote', contextFor(config, backends));
    expect(contentOf(outcome)).toBe('C');
    expect(backends.callsTo('small').map((c) => c.request.temperature)).toEqual([0.9, 0.9]);
    expect(backends.callsTo('big')[0]!.request.temperature).toBeUndefined();
  });

  it('uses the rating for the request category, then the default rating', async () => {
    const config = configWith({
      models: { small: { ratings: { math: 9, default: 1 } }, big: { ratings: { default: 5 } } },
      recipes: { vote: { type: 'ratings', candidates: ['small', 'big'] } },
    });
    const answers = () => fakes({ small: { content: '7' }, big: { content: 'The answer is 8.' } });
    const math = await runRecipe('vote', contextFor(config, answers(), { signals: { ...SIGNALS, category: 'math' } }));
    expect(contentOf(math)).toBe('7');
    const other = await runRecipe('vote', contextFor(config, answers(), { signals: { ...SIGNALS, category: 'writing' } }));
    expect(contentOf(other)).toBe('The answer is 8.');
  });

  it('votes on canonical JSON values when the request asks for JSON', async () => {
    const request = { ...REQUEST, response_format: { type: 'json_object' as const } };
    const backends = fakes({ small: { content: '{"a": 1, "b": 2}' }, medium: { content: '{"b":2,"a":1}' }, big: { content: '{"a": 2}' } });
    const outcome = await runRecipe('vote', contextFor(ratings(), backends, { request }));
    expect(outcome.trace.find((t) => t.step === 'vote')?.scores).toEqual({ 'vote:{"a":1,"b":2}': 7, 'vote:{"a":2}': 8 });
    expect(contentOf(outcome)).toBe('{"a": 2}');
  });

  it('picks free text by rating × agreement', async () => {
    const backends = fakes({
      small: { content: 'Paris is the capital of France and its largest city.' },
      medium: { content: 'The capital of France is Paris, its largest city.' },
      big: { content: 'Bananas are a yellow fruit rich in potassium and fibre.' },
    });
    const outcome = await runRecipe('vote', contextFor(ratings(), backends));
    expect(outcome.kind === 'final' && outcome.finalModel).toBe('medium');
    const scores = outcome.trace.filter((t) => t.step.startsWith('candidate')).map((t) => t.scores);
    expect(scores.every((s) => s && 'agreement' in s && 'weight' in s)).toBe(true);
    expect(outcome.reason).toMatch(/free text/);
  });

  it('strips tools from candidates and answers a streaming client with a final outcome', async () => {
    const backends = fakes({ small: { content: 'A' }, medium: { content: 'A' }, big: { content: 'A' } });
    const request = { ...REQUEST, stream: true, tools: TOOLS, tool_choice: 'required' };
    const outcome = await runRecipe('vote', contextFor(ratings(), backends, { request, stream: true }));
    expect(outcome.kind).toBe('final');
    for (const call of backends.calls) {
      expect(call.request.tools).toBeUndefined();
      expect(call.request.tool_choice).toBeUndefined();
      expect(call.request.stream).toBe(false);
    }
  });

  it('keeps at most max_concurrent candidates in flight', async () => {
    const inner = fakes({ small: { content: 'A', latencyMs: 5 }, medium: { content: 'A', latencyMs: 5 }, big: { content: 'A', latencyMs: 5 } });
    let inFlight = 0;
    let peak = 0;
    const counting: Backends = {
      async complete(model, request, options) {
        peak = Math.max(peak, ++inFlight);
        try {
          return await inner.complete(model, request, options);
        } finally {
          inFlight--;
        }
      },
    };
    await runRecipe('vote', contextFor(ratings({ max_concurrent: 1 }), counting));
    expect(peak).toBe(1);
    expect(inner.calls).toHaveLength(3);
  });

  it('skips a failed candidate with on_error skip and fails with on_error fail', async () => {
    const failing = () => fakes({ small: { content: 'A' }, medium: { error: { kind: 'timeout' } }, big: { content: 'A' } });
    expect(contentOf(await runRecipe('vote', contextFor(ratings(), failing())))).toBe('A');
    await expect(runRecipe('vote', contextFor(ratings({ on_error: 'fail' }), failing()))).rejects.toMatchObject({ stage: 'candidate[1]' });
  });

  it('throws naming the candidates stage when nobody answers', async () => {
    const down = { error: { kind: 'connect' as const } };
    await expect(runRecipe('vote', contextFor(ratings(), fakes({ small: down, medium: down, big: down })))).rejects.toMatchObject({ stage: 'ratings.candidates' });
  });

  it.each([
    ['max_calls', { max_calls: 3 }, { small: { content: 'A', failedAttempts: 1 } }, 3],
    ['max_total_tokens', { max_total_tokens: 200 }, {}, 1],
    ['max_cost_usd', { max_cost_usd: 0.0003 }, {}, 1],
  ] as const)('votes with the candidates %s allowed', async (limit, budget, extra, made) => {
    const usage = { prompt_tokens: 30, completion_tokens: 50 };
    const backends = fakes({ small: { content: 'A', usage }, medium: { content: 'A', usage }, big: { content: 'A', usage }, ...extra });
    const outcome = await runRecipe('vote', contextFor(ratings({ max_concurrent: limit === 'max_calls' ? 3 : 1, budget }), backends));
    expect(outcome.stoppedBy).toBe(limit);
    expect(outcome.calls).toBe(made);
    expect(outcome.trace.some((t) => t.outcome === 'refused')).toBe(true);
    expect(contentOf(outcome)).toBe('A');
  });

  it('votes with what answered before the deadline, aborting the rest', async () => {
    const backends = fakes({ small: { content: 'A' }, medium: { content: 'B', latencyMs: 20_000 }, big: { content: 'A' } });
    const outcome = await runRecipe('vote', contextFor(ratings({ budget: { deadline_ms: 100 } }), backends));
    expect(outcome.stoppedBy).toBe('deadline_ms');
    expect(backends.callsTo('medium')[0]!.aborted).toBe(true);
    expect(contentOf(outcome)).toBe('A');
  });
});
