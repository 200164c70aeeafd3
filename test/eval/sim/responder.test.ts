import { describe, expect, it } from 'vitest';
import type { Responder, ResponderResult } from '../../../src/dev/sim-backend.js';
import type { EvalItem } from '../../../src/eval/dataset.js';
import { judgeMessages as evalJudgeMessages } from '../../../src/eval/judge.js';
import { extractAnswer } from '../../../src/eval/score.js';
import { ownAnswer } from '../../../src/eval/sim/draws.js';
import { parseSimulation } from '../../../src/eval/sim/params.js';
import { createSimResponder } from '../../../src/eval/sim/responder.js';
import { detectRole, parseReferences } from '../../../src/eval/sim/roles.js';
import type { ChatMessage, TokenLogprob } from '../../../src/openai/types.js';
import { avgLogprobScore, marginScore } from '../../../src/recipes/scoring.js';
import {
  fusionFinalBrief,
  graderMessages,
  judgeMessages,
  plannerMessages,
  remomRoundBrief,
  repairBrief,
  roleBrief,
  synthesisBrief,
  verifierMessages,
  workflowFinalBrief,
} from '../../../src/recipes/prompts.js';
import { withSystemBrief } from '../../../src/recipes/requests.js';
import { parsePlan } from '../../../src/recipes/workflow-plan.js';
import { item } from '../fixtures.js';

const question: EvalItem = item({
  id: 'q1',
  answerType: 'number',
  answer: '42',
  category: 'arithmetic',
  messages: [{ role: 'user', content: 'Compute 6 × 7. End with Answer: <your answer>.' }],
  sim: { trap: '48', wrong: ['48', '41', '43'] },
});
const params = parseSimulation({ seed: 5, models: { good: 1, bad: 0, coin: 0.5 } });
const respond: Responder = createSimResponder({ params, items: [question] });
const client = { model: 'x', messages: question.messages };

async function ask(model: string, messages: readonly ChatMessage[], extra: Record<string, unknown> = {}): Promise<ResponderResult> {
  return respond({ body: { model, messages, ...extra }, headers: {}, path: '/v1/chat/completions' });
}
const answerOf = (r: ResponderResult): string | undefined => extractAnswer(String(r.content), 'number');
const refs = (...answers: string[]): { text: string }[] => answers.map((a) => ({ text: `Worked it out.\nAnswer: ${a}` }));

describe('detectRole reads every prompt the recipes write', () => {
  it.each([
    ['answer', question.messages],
    ['synthesizer', withSystemBrief(question.messages, synthesisBrief(refs('1')))],
    ['remom_round', withSystemBrief(question.messages, remomRoundBrief(refs('1')))],
    ['finalizer', withSystemBrief(question.messages, fusionFinalBrief({ consensus: [], contradictions: [], unique_insights: [], blind_spots: [] }, refs('1')))],
    ['finalizer', withSystemBrief(question.messages, workflowFinalBrief(refs('1')))],
    ['role', withSystemBrief(question.messages, roleBrief('checker', 'check it', refs('1')))],
    ['repair', withSystemBrief(question.messages, repairBrief(refs('1'), ['wrong']))],
    ['fusion_judge', judgeMessages(client, refs('1'))],
    ['grader', graderMessages(client, 'Answer: 1')],
    ['planner', plannerMessages(client, [{ id: 'W1', profile: 'cost 1' }], 2, 2)],
    ['verifier', verifierMessages(client, refs('1'))],
    ['eval_judge', evalJudgeMessages(question, 'Answer: 42')],
  ] as const)('%s', (role, messages) => {
    expect(detectRole(messages)).toBe(role);
  });

  it('parses labelled references up to the end of their message', () => {
    const text = roleBrief('checker', 'check', [{ text: 'a\nAnswer: 1', label: 'solver 1' }, { text: 'Answer: 2' }]);
    expect(parseReferences(text)).toEqual([
      { label: 'solver 1', text: 'a\nAnswer: 1' },
      { label: undefined, text: 'Answer: 2' },
    ]);
  });
});

describe('the simulated panel', () => {
  it('answers on its own with its drawn answer and logprobs whose mean gives its confidence', async () => {
    const good = await ask('good', question.messages, { logprobs: true, top_logprobs: 5 });
    expect(answerOf(good)).toBe('42');
    const bad = await ask('bad', question.messages, { logprobs: true, top_logprobs: 5 });
    expect(question.sim?.wrong).toContain(answerOf(bad));
    const tokens = good.logprobs as TokenLogprob[];
    expect(tokens.every((t) => t.top_logprobs.length === 5)).toBe(true);
    const confidence = avgLogprobScore(tokens) as number;
    expect(confidence).toBeGreaterThan(0);
    expect(marginScore(tokens)).toBeCloseTo(1.6 * confidence - 0.6, 6);
    expect((await ask('good', question.messages)).logprobs).toBeUndefined();
    expect(good.delayMs).toBeGreaterThan(0);
  });

  it('synthesises the plurality of the references, and its own answer on a tie', async () => {
    const plural = await ask('bad', withSystemBrief(question.messages, synthesisBrief(refs('42', '42', '41'))));
    expect(answerOf(plural)).toBe('42');
    const tie = await ask('good', withSystemBrief(question.messages, synthesisBrief(refs('41', '43'))));
    expect(answerOf(tie)).toBe('42');
    const tieBad = await ask('bad', withSystemBrief(question.messages, remomRoundBrief(refs('41', '42'))));
    expect(answerOf(tieBad)).toBe(ownAnswer(params, params.models.get('bad')!, question).answer);
  });

  it('judges by grouping the references, without deciding', async () => {
    const judged = await ask('good', judgeMessages(client, refs('42', '41', '42')));
    const analysis = JSON.parse(String(judged.content));
    expect(analysis).toEqual({ consensus: [], contradictions: ['References 1, 3 answer 42.', 'Reference 2 answer 41.'], unique_insights: [], blind_spots: [] });
  });

  it('grades right answers higher by about the confidence gap, with scores in [0, 1]', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      item({ id: `g${i}`, answerType: 'number', answer: String(i), messages: [{ role: 'user', content: `Item ${i}: how many?` }], sim: { trap: String(i + 1), wrong: [String(i + 1)] } }),
    );
    const grader = createSimResponder({ params, items: many });
    const grade = async (q: EvalItem, answer: string): Promise<number> => {
      const result = await grader({ body: { model: 'coin', messages: graderMessages({ model: 'x', messages: q.messages }, `Answer: ${answer}`) }, headers: {}, path: '' });
      return JSON.parse(String(result.content)).score as number;
    };
    const right = await Promise.all(many.map((q) => grade(q, String(q.answer))));
    const wrong = await Promise.all(many.map((q) => grade(q, String(q.sim?.trap))));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(right) - mean(wrong)).toBeGreaterThan(0.08);
    expect(mean(right) - mean(wrong)).toBeLessThan(0.16);
    for (const score of [...right, ...wrong]) expect(score >= 0 && score <= 1).toBe(true);
  });

  it('plans two steps the workflows recipe accepts', async () => {
    const workers = [{ id: 'W1', profile: 'relative cost 1.0' }, { id: 'W2', profile: 'x' }, { id: 'W3', profile: 'y' }];
    const plan = await ask('good', plannerMessages(client, workers, 2, 2));
    const steps = parsePlan(String(plan.content), new Map([['W1', 'a'], ['W2', 'b'], ['W3', 'c']]), 2, 2);
    expect(steps).toEqual([
      [expect.objectContaining({ model: 'a' }), expect.objectContaining({ model: 'b' })],
      [expect.objectContaining({ role: 'checker', model: 'c' })],
    ]);
    const narrow = await ask('good', plannerMessages(client, workers, 1, 1));
    expect(Array.isArray(parsePlan(String(narrow.content), new Map([['W1', 'a']]), 1, 1))).toBe(true);
  });

  it('verifies against its own answer', async () => {
    expect(JSON.parse(String((await ask('good', verifierMessages(client, refs('42', '42')))).content))).toEqual({ ok: true, issues: [] });
    expect(JSON.parse(String((await ask('good', verifierMessages(client, refs('41', '41')))).content))).toEqual({ ok: false, issues: ['The final answer should be 42.'] });
  });

  it('grades free answers for the eval judge against the reference', async () => {
    const free = item({ id: 'f', answerType: 'free', answer: 'Paris', messages: [{ role: 'user', content: 'Capital of France?' }] });
    expect(JSON.parse(String((await ask('good', evalJudgeMessages(free, 'I think\nAnswer: paris.'))).content)).correct).toBe(true);
    expect(JSON.parse(String((await ask('good', evalJudgeMessages(free, 'Answer: Lyon'))).content)).correct).toBe(false);
  });

  it('finds the item inside internal prompts and refuses unknown models', async () => {
    const unknownItem = await ask('good', [{ role: 'user', content: 'something else entirely' }]);
    expect(answerOf(unknownItem)).toBeUndefined();
    expect(() => respond({ body: { model: 'nobody', messages: question.messages }, headers: {}, path: '/v1/chat/completions' })).toThrowError(/no simulated model named "nobody"/);
  });
});
