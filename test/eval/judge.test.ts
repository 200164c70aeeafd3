import { describe, expect, it } from 'vitest';
import type { Backends, Completion } from '../../src/backends/types.js';
import { BackendError } from '../../src/errors/index.js';
import { createJudge, JUDGE_RUBRIC, judgeMessages, parseVerdict } from '../../src/eval/judge.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { item } from './fixtures.js';

const question = item({ id: 'f', answerType: 'free', answer: 'Tides come from the Moon', messages: [{ role: 'user', content: 'Why tides?' }] });

function fakeBackends(answer: (request: ChatCompletionRequest) => string | Error): { backends: Backends; calls: { model: string; request: ChatCompletionRequest }[] } {
  const calls: { model: string; request: ChatCompletionRequest }[] = [];
  return {
    calls,
    backends: {
      async complete(model, request) {
        calls.push({ model, request });
        const content = answer(request);
        if (content instanceof Error) throw content;
        return { model, content, toolCalls: [], finishReason: 'stop', logprobs: null, usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, latencyMs: 1, attempts: 1, raw: {} as Completion['raw'] };
      },
    },
  };
}

describe('parseVerdict', () => {
  it.each([
    ['{"correct": true, "reason": "same"}', true],
    ['```json\n{"correct": false}\n```', false],
    ['{"correct": "yes"}', true],
    ['Incorrect: it misses the Moon', false],
    ['Correct.', true],
    ['I am not sure', undefined],
    [null, undefined],
  ])('%j → %j', (text, verdict) => {
    expect(parseVerdict(text)).toBe(verdict);
  });
});

describe('createJudge', () => {
  it('asks the judge model with the fixed rubric, the question, the reference and the reply', async () => {
    const { backends, calls } = fakeBackends(() => '{"correct": true}');
    const verdict = await createJudge(backends, 'grader')(question, 'The Moon pulls the sea.');
    expect(verdict).toEqual({ ok: true, correct: true });
    expect(calls[0]?.model).toBe('grader');
    expect(calls[0]?.request.messages).toEqual(judgeMessages(question, 'The Moon pulls the sea.'));
    expect(calls[0]?.request.messages[0]?.content).toBe(JUDGE_RUBRIC);
    expect(String(calls[0]?.request.messages[1]?.content)).toContain('Reference answer:\nTides come from the Moon');
    expect(calls[0]?.request.temperature).toBe(0);
  });

  it('reports unreadable verdicts and failed calls instead of guessing', async () => {
    expect(await createJudge(fakeBackends(() => 'hmm').backends, 'g')(question, 'x')).toEqual({ ok: false, error: 'judge verdict unreadable' });
    const failing = fakeBackends(() => new BackendError('g', 'http', 'HTTP 500'));
    expect(await createJudge(failing.backends, 'g')(question, 'x')).toEqual({ ok: false, error: 'judge call failed: HTTP 500' });
  });
});
