import { describe, expect, it } from 'vitest';
import { createFakeBackends, type FakeReply } from '../../src/dev/fake-backends.js';
import type { ConfidenceRecipeConfig } from '../../src/config/recipes.js';
import { ladderOrder, parseGrade } from '../../src/recipes/confidence.js';
import { runRecipe } from '../../src/recipes/registry.js';
import { configWith, contextFor, REQUEST, SIGNALS, TOOLS } from './helpers.js';

function cascade(extra: Record<string, unknown> = {}) {
  return configWith({ recipes: { cascade: { type: 'confidence', models: ['small', 'medium', 'big'], threshold: 0.7, call_max_tokens: 100, ...extra } } });
}
function fakes(models: Record<string, FakeReply | FakeReply[]>) {
  return createFakeBackends({ models: { big: { content: 'big answer' }, ...models } });
}
const contentOf = (o: Awaited<ReturnType<typeof runRecipe>>) => (o.kind === 'final' ? o.completion.choices[0]?.message.content : undefined);

describe('confidence cascade', () => {
  it('accepts the first rung that is confident enough, asking it for logprobs the client does not see', async () => {
    const backends = fakes({ small: { content: 'Paris', confidence: 0.9 } });
    const outcome = await runRecipe('cascade', contextFor(cascade(), backends));
    expect(contentOf(outcome)).toBe('Paris');
    expect(outcome.calls).toBe(1);
    expect(outcome.escalations).toBe(0);
    expect(backends.calls[0]!.request.logprobs).toBe(true);
    expect(outcome.kind === 'final' && outcome.completion.choices[0]?.logprobs).toBeNull();
    expect(outcome.trace[0]?.scores?.confidence).toBeCloseTo(0.9);
  });

  it('escalates past a low-confidence rung', async () => {
    const backends = fakes({ small: { content: 'Lyon?', confidence: 0.3 }, medium: { content: 'Paris', confidence: 0.95 } });
    const outcome = await runRecipe('cascade', contextFor(cascade(), backends));
    expect(contentOf(outcome)).toBe('Paris');
    expect(outcome.escalations).toBe(1);
    expect(outcome.modelsUsed).toEqual(['small', 'medium']);
    expect(outcome.trace.map((t) => t.outcome)).toEqual(['rejected', 'ok']);
  });

  it('accepts the last rung as is, without asking it for logprobs', async () => {
    const backends = fakes({ small: { confidence: 0.2 }, medium: { confidence: 0.3 } });
    const outcome = await runRecipe('cascade', contextFor(cascade(), backends));
    expect(contentOf(outcome)).toBe('big answer');
    expect(outcome.escalations).toBe(2);
    expect(backends.callsTo('big')[0]!.request.logprobs).toBeUndefined();
  });

  it('tail-calls the last rung for a streaming client; an accepted earlier rung stays a final answer', async () => {
    const request = { ...REQUEST, stream: true, tools: TOOLS, tool_choice: 'auto' };
    const low = fakes({ small: { confidence: 0.2 }, medium: { confidence: 0.3 } });
    const tail = await runRecipe('cascade', contextFor(cascade(), low, { request, stream: true }));
    expect(tail.kind).toBe('tail_call');
    if (tail.kind === 'tail_call') {
      expect(tail.model).toBe('big');
      expect(tail.request.stream).toBe(true);
      expect(tail.request.tools).toEqual(TOOLS);
      expect(tail.calls).toBe(2);
      expect(tail.modelsUsed).toEqual(['small', 'medium', 'big']);
    }
    expect(low.callsTo('small')[0]!.request.stream).toBe(false);
    // Rungs are candidate final answers: they keep the client's tools.
    expect(low.callsTo('small')[0]!.request.tools).toEqual(TOOLS);

    const high = fakes({ small: { content: 'Paris', confidence: 0.99 } });
    const final = await runRecipe('cascade', contextFor(cascade(), high, { request, stream: true }));
    expect(final.kind).toBe('final');
  });

  it('counts an answer that breaks response_format as low confidence', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
    const request = { ...REQUEST, response_format: { type: 'json_schema' as const, json_schema: { name: 'c', schema } } };
    const backends = fakes({ small: { content: '{"city": 3}', confidence: 0.99 }, medium: { content: '{"city": "Paris"}', confidence: 0.99 } });
    const outcome = await runRecipe('cascade', contextFor(cascade(), backends, { request }));
    expect(contentOf(outcome)).toBe('{"city": "Paris"}');
    expect(outcome.trace[0]).toMatchObject({ outcome: 'rejected', scores: { confidence: 0, format_ok: 0 } });

    const objectRequest = { ...REQUEST, response_format: { type: 'json_object' as const } };
    const prose = fakes({ small: { content: 'The city is Paris', confidence: 0.99 }, medium: { content: '{"city": "Paris"}', confidence: 0.99 } });
    expect(contentOf(await runRecipe('cascade', contextFor(cascade(), prose, { request: objectRequest })))).toBe('{"city": "Paris"}');
  });

  it('scores by margin from top_logprobs and by a hybrid mix', async () => {
    // margin = 2p − 1: 0.8 → 0.6 (escalate), 0.9 → 0.8 (accept).
    const margin = fakes({ small: { confidence: 0.8 }, medium: { content: 'm', confidence: 0.9 } });
    const byMargin = await runRecipe('cascade', contextFor(cascade({ method: 'margin', top_logprobs: 3 }), margin));
    expect(margin.calls[0]!.request.top_logprobs).toBe(3);
    expect(byMargin.trace[0]?.scores?.confidence).toBeCloseTo(0.6);
    expect(contentOf(byMargin)).toBe('m');
    // hybrid 0.5 × 0.8 + 0.5 × 0.6 = 0.7 → accepted at threshold 0.7.
    const hybrid = fakes({ small: { content: 's', confidence: 0.8 } });
    const byHybrid = await runRecipe('cascade', contextFor(cascade({ method: 'hybrid', hybrid_weight: 0.5 }), hybrid));
    expect(byHybrid.trace[0]?.scores?.confidence).toBeCloseTo(0.7);
    expect(contentOf(byHybrid)).toBe('s');
  });

  it('treats a rung without logprobs as low confidence', async () => {
    const backends = fakes({ small: { content: 'no logprobs' }, medium: { content: 'm', confidence: 0.9 } });
    expect(contentOf(await runRecipe('cascade', contextFor(cascade(), backends)))).toBe('m');
  });

  it('self_verify asks a grader and parses its JSON robustly; garbage counts as low confidence', async () => {
    const config = cascade({ method: 'self_verify', verifier: 'judgex' });
    const graded = fakes({ small: { content: 'Paris' }, judgex: { content: 'Sure!\n```json\n{"score": 0.9, "reason": "correct",}\n```' } });
    const accepted = await runRecipe('cascade', contextFor(config, graded));
    expect(contentOf(accepted)).toBe('Paris');
    expect(accepted.calls).toBe(2);
    expect(graded.callsTo('small')[0]!.request.logprobs).toBeUndefined();
    expect(graded.callsTo('judgex')[0]!.request.messages.at(-1)?.content).toContain('Paris');

    const garbage = fakes({ small: { content: 'Paris' }, medium: { content: 'Paris.' }, judgex: [{ content: 'looks good to me' }, { content: '{"score": 8}' }] });
    const escalated = await runRecipe('cascade', contextFor(config, garbage));
    expect(escalated.parseFailures).toBe(1);
    expect(escalated.escalations).toBe(1);
    expect(contentOf(escalated)).toBe('Paris.');
  });

  it('skips a failing rung with on_error skip and fails with on_error fail', async () => {
    const failing = () => fakes({ small: { error: { kind: 'http', status: 503 } }, medium: { content: 'm', confidence: 0.9 } });
    expect(contentOf(await runRecipe('cascade', contextFor(cascade(), failing())))).toBe('m');
    await expect(runRecipe('cascade', contextFor(cascade({ on_error: 'fail' }), failing()))).rejects.toMatchObject({ stage: 'rung[0]', status: 502 });
  });

  it.each([
    ['max_calls', { max_calls: 2 }],
    ['max_total_tokens', { max_total_tokens: 200 }],
    ['max_cost_usd', { max_cost_usd: 0.0007 }],
  ] as const)('stops before a rung %s cannot afford and returns the best answer so far', async (limit, budget) => {
    const backends = fakes({ small: { content: 's', confidence: 0.5, usage: { prompt_tokens: 30, completion_tokens: 50 } }, medium: { content: 'm', confidence: 0.6, usage: { prompt_tokens: 30, completion_tokens: 50 } } });
    const outcome = await runRecipe('cascade', contextFor(cascade({ budget }), backends));
    expect(outcome.stoppedBy).toBe(limit);
    expect(outcome.fallback).toMatch(/best answer so far/);
    expect(backends.callsTo('big')).toHaveLength(0);
    expect(outcome.kind).toBe('final');
  });

  it('stops at the deadline, aborting the running rung', async () => {
    const backends = fakes({ small: { content: 's', confidence: 0.5 }, medium: { confidence: 0.9, latencyMs: 20_000 } });
    const outcome = await runRecipe('cascade', contextFor(cascade({ budget: { deadline_ms: 100 } }), backends));
    expect(outcome.stoppedBy).toBe('deadline_ms');
    expect(backends.callsTo('medium')[0]!.aborted).toBe(true);
    expect(contentOf(outcome)).toBe('s');
  });

  it('does not tail-call a last rung the budget cannot afford', async () => {
    const backends = fakes({ small: { content: 's', confidence: 0.5, usage: { prompt_tokens: 30, completion_tokens: 50 } }, medium: { content: 'm', confidence: 0.6, usage: { prompt_tokens: 30, completion_tokens: 50 } } });
    const outcome = await runRecipe('cascade', contextFor(cascade({ budget: { max_total_tokens: 250 } }), backends, { stream: true, request: { ...REQUEST, stream: true } }));
    expect(outcome.kind).toBe('final');
    expect(outcome.stoppedBy).toBe('max_total_tokens');
    expect(contentOf(outcome)).toBe('m');
  });

  it('hands the client the logprobs it asked for, trimmed to its top_logprobs', async () => {
    const backends = fakes({ small: { content: 'Paris', confidence: 0.9 } });
    const request = { ...REQUEST, logprobs: true, top_logprobs: 1 };
    const outcome = await runRecipe('cascade', contextFor(cascade({ method: 'margin' }), backends, { request }));
    expect(backends.calls[0]!.request.top_logprobs).toBe(5);
    const tokens = outcome.kind === 'final' ? outcome.completion.choices[0]?.logprobs?.content : undefined;
    expect(tokens?.[0]?.top_logprobs).toHaveLength(1);
  });

  it('orders the ladder by cost or by rating for the category', () => {
    const config = cascade({ models: ['big', 'small', 'medium'], order: 'cost' });
    const recipe = config.recipes.get('cascade') as ConfidenceRecipeConfig;
    expect(ladderOrder(recipe, config.models, undefined)).toEqual(['small', 'medium', 'big']);
    const byQuality = { ...recipe, order: 'quality' as const };
    expect(ladderOrder(byQuality, config.models, 'math')).toEqual(['small', 'medium', 'big']);
    expect(ladderOrder({ ...recipe, order: 'declared' }, config.models, 'math')).toEqual(['big', 'small', 'medium']);
    void SIGNALS;
  });
});

describe('parseGrade', () => {
  it.each([
    ['{"score": 0.75, "reason": "x"}', 0.75],
    ['{"score": "0.4"}', 0.4],
    ['{"score": 8}', 0.8],
    ['{"score": 85}', 0.85],
    ['Score: 0.6 because...', 0.6],
    ['{"reason": "no score"}', undefined],
    ['{"score": -1}', undefined],
  ])('%s → %s', (text, expected) => {
    const score = parseGrade(text);
    if (expected === undefined) expect(score).toBeUndefined();
    else expect(score).toBeCloseTo(expected);
  });
});
