import { describe, expect, it } from 'vitest';
import { createFakeBackends, type FakeReply } from '../../src/dev/fake-backends.js';
import { runRecipe } from '../../src/recipes/registry.js';
import { parsePlan } from '../../src/recipes/workflow-plan.js';
import { configWith, contextFor, leakedModelNames, promptOf, REQUEST, TOOLS } from './helpers.js';

const STEPS = [
  [
    { role: 'analyst', model: 'small', instruction: 'List the facts.' },
    { role: 'critic', model: 'medium', instruction: 'List the pitfalls.' },
  ],
  [{ role: 'writer', model: 'big', instruction: 'Draft the answer.' }],
];

function staticFlow(extra: Record<string, unknown> = {}) {
  return configWith({ recipes: { flow: { type: 'workflows', steps: STEPS, finalizer: 'judgex', call_max_tokens: 100, ...extra } } });
}
function plannedFlow(extra: Record<string, unknown> = {}) {
  return configWith({ recipes: { flow: { type: 'workflows', planner: 'judgex', models: ['small', 'medium'], finalizer: 'big', max_steps: 2, max_parallel: 2, call_max_tokens: 100, ...extra } } });
}
const usage = { prompt_tokens: 30, completion_tokens: 100 };
function fakes(models: Record<string, FakeReply | FakeReply[]> = {}) {
  return createFakeBackends({
    models: {
      small: { content: 'facts: it is Paris', usage },
      medium: { content: 'pitfall: Lyon is not it', usage },
      big: { content: 'draft: Paris', usage },
      judgex: { content: 'FINAL ANSWER', usage },
      ...models,
    },
  });
}
const contentOf = (o: Awaited<ReturnType<typeof runRecipe>>) => (o.kind === 'final' ? o.completion.choices[0]?.message.content : undefined);
const PLAN = '```json\n{"steps": [[{"role": "solver", "worker": "W1", "instruction": "Solve it."}, {"role": "checker", "worker": "W2", "instruction": "Check it."}], [{"role": "editor", "worker": "W2", "instruction": "Polish."}]]}\n```';

describe('workflows', () => {
  it('runs static steps in order, roles in parallel, each seeing earlier outputs by role, then the finalizer', async () => {
    const backends = fakes();
    const outcome = await runRecipe('flow', contextFor(staticFlow(), backends));
    expect(contentOf(outcome)).toBe('FINAL ANSWER');
    expect(backends.calls.map((c) => c.model)).toEqual(['small', 'medium', 'big', 'judgex']);
    const writer = promptOf(backends.callsTo('big')[0]!.request);
    expect(writer).toContain('You are the writer');
    expect(writer).toContain('Reference 1 (analyst):\nfacts: it is Paris');
    expect(writer).toContain('Reference 2 (critic):');
    const final = promptOf(backends.callsTo('judgex')[0]!.request);
    expect(final).toContain('Reference 3 (writer):\ndraft: Paris');
    for (const prompt of [writer, final]) expect(leakedModelNames(prompt)).toEqual([]);
  });

  it('strips tools from roles and keeps them on the finalizer; streams the finalizer as a tail-call', async () => {
    const backends = fakes();
    const request = { ...REQUEST, stream: true, tools: TOOLS, tool_choice: 'auto' };
    const outcome = await runRecipe('flow', contextFor(staticFlow(), backends, { request, stream: true }));
    expect(outcome.kind).toBe('tail_call');
    if (outcome.kind !== 'tail_call') return;
    expect(outcome.model).toBe('judgex');
    expect(outcome.request.tools).toEqual(TOOLS);
    expect(outcome.request.stream).toBe(true);
    expect(backends.calls.every((c) => c.request.tools === undefined && c.request.stream === false)).toBe(true);
  });

  it('follows a planner plan, naming workers by alias only', async () => {
    const backends = fakes({ judgex: { content: PLAN } });
    const outcome = await runRecipe('flow', contextFor(plannedFlow(), backends));
    expect(backends.calls.map((c) => c.model)).toEqual(['judgex', 'small', 'medium', 'medium', 'big']);
    const plannerPrompt = promptOf(backends.callsTo('judgex')[0]!.request);
    expect(plannerPrompt).toContain('W1');
    expect(plannerPrompt).toContain('W2');
    expect(leakedModelNames(plannerPrompt)).toEqual([]);
    expect(promptOf(backends.callsTo('medium')[1]!.request)).toContain('You are the editor');
    expect(contentOf(outcome)).toBe('draft: Paris');
    expect(outcome.parseFailures).toBe(0);
  });

  it.each([
    ['garbage', 'Let me think about a plan...'],
    ['an unknown worker', '{"steps": [[{"role": "a", "worker": "W9", "instruction": "x"}]]}'],
    ['too many steps', '{"steps": [[{"role": "a", "worker": "W1", "instruction": "x"}], [{"role": "b", "worker": "W1", "instruction": "x"}], [{"role": "c", "worker": "W1", "instruction": "x"}]]}'],
  ])('solves directly with one model when the plan is %s', async (_, plan) => {
    const backends = fakes({ judgex: { content: plan } });
    const outcome = await runRecipe('flow', contextFor(plannedFlow(), backends));
    expect(outcome.parseFailures).toBe(1);
    expect(outcome.fallback).toMatch(/invalid plan .*solved directly with one model/);
    expect(backends.calls.map((c) => c.model)).toEqual(['judgex', 'big']);
    expect(backends.callsTo('big')[0]!.request.messages).toEqual(REQUEST.messages);
    expect(contentOf(outcome)).toBe('draft: Paris');
  });

  it('tail-calls the direct model for a streaming client when the plan is unusable', async () => {
    const backends = fakes({ judgex: { content: 'nope' } });
    const outcome = await runRecipe('flow', contextFor(plannedFlow({ direct_model: 'medium' }), backends, { stream: true, request: { ...REQUEST, stream: true } }));
    expect(outcome.kind === 'tail_call' && outcome.model).toBe('medium');
    expect(outcome.calls).toBe(1);
  });

  it('lets the verifier trigger one repair whose revision reaches the finalizer', async () => {
    const backends = fakes({ medium: [{ content: 'pitfall: none' }, { content: '{"ok": false, "issues": ["missing the country"]}' }], judgex: [{ content: 'revised: Paris, France' }, { content: 'FINAL' }] });
    const outcome = await runRecipe('flow', contextFor(staticFlow({ verifier: 'medium' }), backends));
    expect(backends.calls.map((c) => c.model)).toEqual(['small', 'medium', 'big', 'medium', 'judgex', 'judgex']);
    expect(promptOf(backends.callsTo('judgex')[0]!.request)).toContain('missing the country');
    expect(promptOf(backends.callsTo('judgex')[1]!.request)).toContain('(revision):\nrevised: Paris, France');
    expect(outcome.reason).toMatch(/repaired/);
    expect(contentOf(outcome)).toBe('FINAL');
  });

  it('skips the repair when the verifier passes or answers garbage', async () => {
    const pass = fakes({ medium: [{ content: 'pitfall' }, { content: '{"ok": true, "issues": []}' }] });
    await runRecipe('flow', contextFor(staticFlow({ verifier: 'medium' }), pass));
    expect(pass.calls.map((c) => c.model)).toEqual(['small', 'medium', 'big', 'medium', 'judgex']);
    const garbage = fakes({ medium: [{ content: 'pitfall' }, { content: 'all good!' }] });
    const outcome = await runRecipe('flow', contextFor(staticFlow({ verifier: 'medium' }), garbage));
    expect(outcome.parseFailures).toBe(1);
    expect(garbage.calls).toHaveLength(5);
  });

  it('falls back to the best output of the last step when the finalizer fails', async () => {
    const backends = fakes({ judgex: { error: { kind: 'http', status: 500 } } });
    const outcome = await runRecipe('flow', contextFor(staticFlow(), backends));
    expect(outcome.fallback).toMatch(/finalizer failed: the best step output/);
    expect(contentOf(outcome)).toBe('draft: Paris');
  });

  it('skips a failed role with on_error skip and fails with on_error fail', async () => {
    const broken = () => fakes({ medium: { error: { kind: 'http', status: 500 } } });
    const skipped = await runRecipe('flow', contextFor(staticFlow(), broken()));
    expect(contentOf(skipped)).toBe('FINAL ANSWER');
    await expect(runRecipe('flow', contextFor(staticFlow({ on_error: 'fail' }), broken()))).rejects.toMatchObject({ stage: 'step[0].critic' });
  });

  it.each([
    ['max_calls', { max_calls: 4 }, { big: { content: 'draft: Paris', failedAttempts: 1 } }],
    ['max_total_tokens', { max_total_tokens: 500 }, {}],
    ['max_cost_usd', { max_cost_usd: 0.0042 }, {}],
  ] as const)('refuses the finalizer %s cannot afford and answers with the best step output', async (limit, budget, extra) => {
    const backends = fakes(extra);
    const outcome = await runRecipe('flow', contextFor(staticFlow({ budget }), backends));
    expect(outcome.stoppedBy).toBe(limit);
    expect(backends.callsTo('judgex')).toHaveLength(0);
    expect(outcome.kind).toBe('final');
  });

  it('skips a step max_calls cannot fit, keeping the call the finalizer needs', async () => {
    const backends = fakes({ small: { content: 'facts', failedAttempts: 1 } });
    const outcome = await runRecipe('flow', contextFor(staticFlow({ budget: { max_calls: 4 } }), backends));
    expect(backends.calls.map((c) => c.model)).toEqual(['small', 'medium', 'judgex']);
    expect(outcome.stoppedBy).toBe('max_calls');
    expect(outcome.trace.find((t) => t.step === 'step[1]')?.outcome).toBe('skipped');
    expect(contentOf(outcome)).toBe('FINAL ANSWER');
  });

  it('stops at the deadline, aborting the running step', async () => {
    const backends = fakes({ big: { content: 'late', latencyMs: 20_000 } });
    const outcome = await runRecipe('flow', contextFor(staticFlow({ budget: { deadline_ms: 100 } }), backends));
    expect(outcome.stoppedBy).toBe('deadline_ms');
    expect(backends.callsTo('big')[0]!.aborted).toBe(true);
    expect(['facts: it is Paris', 'pitfall: Lyon is not it']).toContain(contentOf(outcome));
  });
});

describe('parsePlan', () => {
  const aliases = new Map([['W1', 'small']]);
  it('accepts a single role object as a one-role step', () => {
    expect(parsePlan('{"steps": [{"role": "a", "worker": "W1", "instruction": "go"}]}', aliases, 3, 2)).toEqual([[{ role: 'a', model: 'small', instruction: 'go' }]]);
  });
  it('rejects a step wider than max_parallel', () => {
    const wide = '{"steps": [[{"role": "a", "worker": "W1", "instruction": "x"}, {"role": "b", "worker": "W1", "instruction": "x"}, {"role": "c", "worker": "W1", "instruction": "x"}]]}';
    expect(parsePlan(wide, aliases, 3, 2)).toMatch(/max_parallel/);
  });
  it('rejects roles without instructions', () => {
    expect(parsePlan('{"steps": [[{"role": "a", "worker": "W1"}]]}', aliases, 3, 2)).toMatch(/no instruction/);
  });
});
