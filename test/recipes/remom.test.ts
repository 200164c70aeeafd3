import { describe, expect, it } from 'vitest';
import { createFakeBackends, type FakeReply } from '../../src/dev/fake-backends.js';
import { runRecipe } from '../../src/recipes/registry.js';
import { assignWorkers } from '../../src/recipes/remom.js';
import { configWith, contextFor, leakedModelNames, promptOf, REQUEST, TOOLS } from './helpers.js';

function remom(extra: Record<string, unknown> = {}) {
  return configWith({
    recipes: { remom: { type: 'remom', models: ['small', 'medium'], breadth: [3, 2], synthesis_model: 'big', temperature: 0.6, call_max_tokens: 100, ...extra } },
  });
}
function fakes(models: Record<string, FakeReply | FakeReply[]> = {}) {
  let n = 0;
  // Each worker answer is distinct so the prompts show which round saw which answers.
  const worker = (): FakeReply => ({ content: `draft number ${++n}`, usage: { prompt_tokens: 30, completion_tokens: 100 } });
  return createFakeBackends({ models: { small: () => worker(), medium: () => worker(), big: { content: 'SYNTHESIS' }, ...models } });
}
const contentOf = (o: Awaited<ReturnType<typeof runRecipe>>) => (o.kind === 'final' ? o.completion.choices[0]?.message.content : undefined);

describe('remom', () => {
  it('runs the breadth schedule round-robin, then synthesises from the last round', async () => {
    const backends = fakes();
    const outcome = await runRecipe('remom', contextFor(remom(), backends));
    expect(contentOf(outcome)).toBe('SYNTHESIS');
    expect(backends.calls.map((c) => c.model)).toEqual(['small', 'medium', 'small', 'medium', 'small', 'big']);
    expect(outcome.calls).toBe(6);
    expect(backends.calls.slice(0, 5).every((c) => c.request.temperature === 0.6)).toBe(true);

    const secondRound = promptOf(backends.calls[3]!.request);
    expect(secondRound).toMatch(/Reference 1:\ndraft number \d/);
    expect(secondRound).toContain('Reference 3:');
    const synthesis = promptOf(backends.callsTo('big')[0]!.request);
    expect(synthesis).toContain('Reference 2:');
    expect(synthesis).not.toContain('Reference 3:');
    for (const prompt of [secondRound, synthesis]) expect(leakedModelNames(prompt)).toEqual([]);
  });

  it('spreads workers by rating when distribution is weighted', () => {
    const weights: Record<string, number> = { small: 2, big: 8 };
    const workers = assignWorkers({ models: ['small', 'big'], distribution: 'weighted' }, 5, 0, (m) => weights[m] ?? 1);
    expect(workers.filter((m) => m === 'big')).toHaveLength(4);
    expect(workers.filter((m) => m === 'small')).toHaveLength(1);
    expect(workers.slice(0, 2).sort()).toEqual(['big', 'small']);
    expect(assignWorkers({ models: ['a', 'b', 'c'], distribution: 'round_robin' }, 4, 2, () => 1)).toEqual(['c', 'a', 'b', 'c']);
  });

  it('ends a round at min_successful and aborts its straggler', async () => {
    const slowFirst: FakeReply[] = [{ content: 'slow', latencyMs: 20_000 }, { content: 'fast medium' }];
    const backends = fakes({ medium: slowFirst });
    const outcome = await runRecipe('remom', contextFor(remom({ breadth: [3], min_successful: 2 }), backends));
    expect(backends.callsTo('medium')[0]!.aborted).toBe(true);
    expect(outcome.quorum).toBe('reached');
    expect(outcome.trace.find((t) => t.step === 'round[0].1')?.outcome).toBe('aborted');
    expect(contentOf(outcome)).toBe('SYNTHESIS');
  });

  it('ends a round at its timeout', async () => {
    const backends = fakes({ medium: { content: 'slow', latencyMs: 20_000 } });
    const outcome = await runRecipe('remom', contextFor(remom({ breadth: [2], round_timeout_ms: 50 }), backends));
    expect(outcome.quorum).toBe('timed_out');
    expect(backends.callsTo('medium')[0]!.aborted).toBe(true);
    expect(promptOf(backends.callsTo('big')[0]!.request)).not.toContain('Reference 2:');
  });

  it('tail-calls the synthesis for a streaming client; workers lose the tools', async () => {
    const backends = fakes();
    const request = { ...REQUEST, stream: true, tools: TOOLS, tool_choice: 'auto' };
    const outcome = await runRecipe('remom', contextFor(remom(), backends, { request, stream: true }));
    expect(outcome.kind).toBe('tail_call');
    if (outcome.kind !== 'tail_call') return;
    expect(outcome.model).toBe('big');
    expect(outcome.request.tools).toEqual(TOOLS);
    expect(outcome.request.tool_choice).toBe('auto');
    expect(outcome.calls).toBe(5);
    expect(backends.calls.every((c) => c.request.tools === undefined && c.request.stream === false)).toBe(true);
  });

  it('falls back to the best last-round answer when the synthesis fails', async () => {
    const backends = fakes({ big: { error: { kind: 'http', status: 502 } } });
    const outcome = await runRecipe('remom', contextFor(remom(), backends));
    expect(outcome.fallback).toMatch(/synthesis failed: the best answer of the last round/);
    expect(contentOf(outcome)).toMatch(/^draft number [45]$/);
  });

  it('skips failed workers with on_error skip and fails with on_error fail', async () => {
    const broken = () => fakes({ medium: { error: { kind: 'http', status: 500 } } });
    expect(contentOf(await runRecipe('remom', contextFor(remom(), broken())))).toBe('SYNTHESIS');
    await expect(runRecipe('remom', contextFor(remom({ on_error: 'fail' }), broken()))).rejects.toMatchObject({ stage: 'round[0].1' });
  });

  it('throws naming the rounds when no worker ever answers', async () => {
    const down = { error: { kind: 'connect' as const } };
    await expect(runRecipe('remom', contextFor(remom(), fakes({ small: down, medium: down })))).rejects.toMatchObject({ stage: 'remom.rounds' });
  });

  it('narrows a round so the synthesis keeps its call', async () => {
    const backends = fakes();
    const outcome = await runRecipe('remom', contextFor(remom({ breadth: [2, 2], min_successful: 1, budget: { max_calls: 4 } }), backends));
    expect(backends.calls.map((c) => c.model)).toEqual(['small', 'medium', 'small', 'big']);
    expect(outcome.stoppedBy).toBe('max_calls');
    expect(contentOf(outcome)).toBe('SYNTHESIS');
  });

  it.each([
    ['max_calls', { max_calls: 3 }, { small: { content: 'retried', failedAttempts: 1 } }],
    ['max_total_tokens', { max_total_tokens: 400 }, {}],
    ['max_cost_usd', { max_cost_usd: 0.0015 }, {}],
  ] as const)('refuses the synthesis %s cannot afford and answers with the best round answer', async (limit, budget, extra) => {
    const backends = fakes(extra);
    const outcome = await runRecipe('remom', contextFor(remom({ breadth: [2], budget }), backends));
    expect(outcome.stoppedBy).toBe(limit);
    expect(backends.callsTo('big')).toHaveLength(0);
    expect(outcome.fallback).toMatch(/synthesis refused by/);
    expect(outcome.kind).toBe('final');
  });

  it('stops at the deadline, aborting the synthesis', async () => {
    const backends = fakes({ big: { content: 'late', latencyMs: 20_000 } });
    const outcome = await runRecipe('remom', contextFor(remom({ breadth: [2], budget: { deadline_ms: 100 } }), backends));
    expect(outcome.stoppedBy).toBe('deadline_ms');
    expect(backends.callsTo('big')[0]!.aborted).toBe(true);
    expect(contentOf(outcome)).toMatch(/^draft number/);
  });
});
