import { describe, expect, it } from 'vitest';
import { createFakeBackends, type FakeReply } from '../../src/dev/fake-backends.js';
import { RecipeError } from '../../src/errors/index.js';
import { parseJudge } from '../../src/recipes/fusion.js';
import { runRecipe } from '../../src/recipes/registry.js';
import { configWith, contextFor, leakedModelNames, promptOf, REQUEST, TOOLS } from './helpers.js';

const JUDGE_JSON = '{"consensus": ["Paris is the capital"], "contradictions": [], "unique_insights": ["Founded on the Seine"], "blind_spots": []}';
const USAGE = { prompt_tokens: 30, completion_tokens: 10 };

function fusion(extra: Record<string, unknown> = {}, budget?: Record<string, unknown>) {
  return configWith({
    recipes: { fusion: { type: 'fusion', panel: ['small', 'medium', 'big'], judge: 'judgex', finalizer: 'big', call_max_tokens: 100, ...extra, ...(budget ? { budget } : {}) } },
  });
}

function scripts(overrides: Record<string, FakeReply | FakeReply[]> = {}) {
  return createFakeBackends({
    models: {
      small: { content: 'The capital is Paris.', usage: USAGE },
      medium: { content: 'Paris, on the Seine.', usage: USAGE },
      // big answers on the panel first, then as the finalizer.
      big: [{ content: 'It is Paris.', usage: USAGE }, { content: 'FINAL: Paris', usage: USAGE }],
      judgex: { content: JUDGE_JSON, usage: USAGE },
      ...overrides,
    },
  });
}

describe('fusion', () => {
  it('runs panel → judge → finalizer and sums usage over every call', async () => {
    const backends = scripts();
    const outcome = await runRecipe('fusion', contextFor(fusion(), backends));
    expect(outcome.kind).toBe('final');
    if (outcome.kind !== 'final') return;
    expect(outcome.completion.choices[0]?.message.content).toBe('FINAL: Paris');
    expect(outcome.completion.model).toBe('big');
    expect(outcome.finalModel).toBe('big');
    expect(outcome.calls).toBe(5);
    expect(outcome.modelsUsed).toEqual(['small', 'medium', 'big', 'judgex']);
    expect(outcome.usage).toEqual({ prompt_tokens: 150, completion_tokens: 50, total_tokens: 200 });
    expect(outcome.completion.usage).toEqual(outcome.usage);
    expect(outcome.usageByModel.get('big')).toEqual({ prompt_tokens: 60, completion_tokens: 20, total_tokens: 80 });
    expect(outcome.costUsd).toBeGreaterThan(0);
    expect(outcome.fallback).toBeUndefined();
    expect(outcome.reason).toMatch(/^[\x20-\x7e]+$/);
    expect(outcome.trace.map((t) => t.step)).toEqual(expect.arrayContaining(['panel[0]', 'panel[1]', 'panel[2]', 'judge', 'finalizer']));
  });

  it('shows the judge and the finalizer numbered references, never panel model names', async () => {
    const backends = scripts();
    await runRecipe('fusion', contextFor(fusion(), backends));
    const judgePrompt = promptOf(backends.callsTo('judgex')[0]!.request);
    const finalPrompt = promptOf(backends.callsTo('big')[1]!.request);
    for (const prompt of [judgePrompt, finalPrompt]) {
      expect(prompt).toContain('Reference 1:');
      expect(prompt).toContain('Reference 3:');
      expect(leakedModelNames(prompt)).toEqual([]);
    }
    expect(finalPrompt).toContain('Paris is the capital');
    expect(finalPrompt).toContain('You are terse.');
  });

  it('strips tools from panel and judge calls and keeps them on the final call', async () => {
    const backends = scripts();
    const request = { ...REQUEST, tools: TOOLS, tool_choice: 'auto' };
    await runRecipe('fusion', contextFor(fusion(), backends, { request }));
    const [p0, p1, p2, judge, final] = [...backends.calls].sort((a, b) => a.index - b.index);
    for (const call of [p0, p1, p2, judge]) {
      expect(call!.request.tools).toBeUndefined();
      expect(call!.request.tool_choice).toBeUndefined();
      expect(call!.request.stream).toBe(false);
    }
    expect(final!.request.tools).toEqual(TOOLS);
    expect(final!.request.tool_choice).toBe('auto');
  });

  it('tail-calls the finalizer for a streaming client, and answers itself otherwise', async () => {
    const streaming = scripts();
    const request = { ...REQUEST, stream: true, stream_options: { include_usage: true }, tools: TOOLS };
    const tail = await runRecipe('fusion', contextFor(fusion(), streaming, { request, stream: true }));
    expect(tail.kind).toBe('tail_call');
    if (tail.kind !== 'tail_call') return;
    expect(tail.model).toBe('big');
    expect(tail.request.stream).toBe(true);
    expect(tail.request.stream_options).toEqual({ include_usage: true });
    expect(tail.request.tools).toEqual(TOOLS);
    expect(promptOf(tail.request)).toContain('Reference 1:');
    expect(tail.calls).toBe(4);
    expect(streaming.callsTo('big')).toHaveLength(1);

    const plain = scripts();
    const final = await runRecipe('fusion', contextFor(fusion(), plain));
    expect(final.kind).toBe('final');
    expect(plain.callsTo('big')).toHaveLength(2);
  });

  it('ends the panel at the quorum and aborts the straggler for real', async () => {
    const backends = scripts({ medium: { content: 'slow', latencyMs: 20_000 } });
    const outcome = await runRecipe('fusion', contextFor(fusion({ quorum: 2 }), backends));
    const straggler = backends.callsTo('medium')[0]!;
    expect(straggler.aborted).toBe(true);
    expect(straggler.status).toBe('aborted');
    expect(outcome.quorum).toBe('reached');
    expect(outcome.calls).toBe(5);
    expect(outcome.trace.find((t) => t.step === 'panel[1]')?.outcome).toBe('aborted');
    expect(promptOf(backends.callsTo('judgex')[0]!.request)).not.toContain('Reference 3:');
  });

  it('ends the panel at its timeout and goes on with what answered', async () => {
    const backends = scripts({ big: [{ content: 'slow', latencyMs: 20_000 }, { content: 'FINAL: Paris' }] });
    const outcome = await runRecipe('fusion', contextFor(fusion({ panel_timeout_ms: 50 }), backends));
    expect(outcome.quorum).toBe('timed_out');
    expect(backends.callsTo('big')[0]!.aborted).toBe(true);
    expect(outcome.kind === 'final' && outcome.completion.choices[0]?.message.content).toBe('FINAL: Paris');
  });

  it('shrinks the panel to keep the judge and finalizer calls under max_calls', async () => {
    const backends = scripts();
    const outcome = await runRecipe('fusion', contextFor(fusion({ quorum: 2 }, { max_calls: 4 }), backends));
    expect(backends.calls.map((c) => c.model)).toEqual(['small', 'medium', 'judgex', 'big']);
    expect(outcome.stoppedBy).toBe('max_calls');
    expect(outcome.kind === 'final' && outcome.completion.choices[0]?.message.content).toBe('It is Paris.');
  });

  it('synthesises from the panel directly when the judge answers garbage', async () => {
    const backends = scripts({ judgex: { content: 'I think they are all fine.' } });
    const outcome = await runRecipe('fusion', contextFor(fusion(), backends));
    expect(outcome.parseFailures).toBe(1);
    expect(outcome.fallback).toMatch(/judge answer unusable/);
    expect(outcome.trace.find((t) => t.step === 'judge')?.outcome).toBe('parse_failure');
    const finalPrompt = promptOf(backends.callsTo('big')[1]!.request);
    expect(finalPrompt).toContain('Reference 1:');
    expect(finalPrompt).not.toContain('Consensus:');
    expect(outcome.kind === 'final' && outcome.completion.choices[0]?.message.content).toBe('FINAL: Paris');
  });

  it('falls back to the best panel answer when the finalizer fails', async () => {
    const backends = scripts({ big: [{ content: 'The capital is Paris, France.' }, { error: { kind: 'http', status: 500 } }] });
    const outcome = await runRecipe('fusion', contextFor(fusion(), backends));
    expect(outcome.kind).toBe('final');
    if (outcome.kind !== 'final') return;
    expect(outcome.fallback).toMatch(/finalizer failed: the best panel answer/);
    // small and big agree most; big has the higher rating.
    expect(outcome.finalModel).toBe('big');
    expect(outcome.completion.choices[0]?.message.content).toBe('The capital is Paris, France.');
  });

  it('skips a failed panelist with on_error skip and fails the recipe with on_error fail', async () => {
    const failing = { medium: { error: { kind: 'http' as const, status: 500 } } };
    const skipped = await runRecipe('fusion', contextFor(fusion({ quorum: 2 }), scripts(failing)));
    expect(skipped.kind).toBe('final');
    expect(skipped.trace.find((t) => t.step === 'panel[1]')?.outcome).toBe('error');

    const strict = runRecipe('fusion', contextFor(fusion({ on_error: 'fail' }), scripts(failing)));
    await expect(strict).rejects.toBeInstanceOf(RecipeError);
    await expect(strict).rejects.toMatchObject({ stage: 'panel[1]', status: 502 });
  });

  it('throws a RecipeError naming the panel when no panelist answers', async () => {
    const down = { error: { kind: 'connect' as const } };
    const run = runRecipe('fusion', contextFor(fusion(), scripts({ small: down, medium: down, big: down })));
    await expect(run).rejects.toMatchObject({ stage: 'fusion.panel', code: 'recipe_failed' });
  });

  it.each([
    ['max_calls', { max_calls: 5 }, { small: { content: 'Paris.', failedAttempts: 1, usage: USAGE } }],
    ['max_total_tokens', { max_total_tokens: 500 }, { small: { content: 'Paris.', usage: { prompt_tokens: 30, completion_tokens: 100 } }, medium: { content: 'Paris!', usage: { prompt_tokens: 30, completion_tokens: 100 } }, big: { content: 'Paris', usage: { prompt_tokens: 30, completion_tokens: 100 } } }],
    ['max_cost_usd', { max_cost_usd: 0.004 }, { small: { content: 'Paris.', usage: { prompt_tokens: 30, completion_tokens: 100 } }, medium: { content: 'Paris!', usage: { prompt_tokens: 30, completion_tokens: 100 } }, big: { content: 'Paris', usage: { prompt_tokens: 30, completion_tokens: 100 } } }],
  ] as const)('stops before a call that %s cannot afford and answers with the best panel answer', async (limit, budget, overrides) => {
    const backends = scripts(overrides as Record<string, FakeReply>);
    const outcome = await runRecipe('fusion', contextFor(fusion({ quorum: 3 }, budget), backends));
    expect(outcome.stoppedBy).toBe(limit);
    expect(outcome.kind).toBe('final');
    expect(outcome.fallback).toMatch(/refused by/);
    expect(backends.callsTo('big')).toHaveLength(1);
    expect(outcome.trace.find((t) => t.step === 'finalizer')?.outcome).toBe('refused');
  });

  it('stops at the deadline: the running judge is aborted and the best panel answer stands', async () => {
    const backends = scripts({ judgex: { content: JUDGE_JSON, latencyMs: 20_000 } });
    const outcome = await runRecipe('fusion', contextFor(fusion({}, { deadline_ms: 100 }), backends));
    expect(outcome.stoppedBy).toBe('deadline_ms');
    expect(backends.callsTo('judgex')[0]!.aborted).toBe(true);
    expect(outcome.kind).toBe('final');
    expect(backends.callsTo('big')).toHaveLength(1);
  });
});

describe('parseJudge', () => {
  it('reads JSON inside code fences after prose, with trailing commas', () => {
    const text = 'Here is my analysis:\n```json\n{"consensus": ["a", "b",], "blind_spots": "c",}\n```\nHope it helps.';
    expect(parseJudge(text)).toEqual({ consensus: ['a', 'b'], contradictions: [], unique_insights: [], blind_spots: ['c'] });
  });
  it('rejects answers without any of the four keys', () => {
    expect(parseJudge('{"verdict": "fine"}')).toBeUndefined();
    expect(parseJudge('no json at all')).toBeUndefined();
  });
});
