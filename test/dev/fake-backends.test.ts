import { describe, expect, it } from 'vitest';
import { createFakeBackends, createFakeClock, logprobsFor } from '../../src/dev/fake-backends.js';
import { BackendError } from '../../src/errors/index.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';

const REQUEST: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'hello there' }] };

describe('FakeBackends', () => {
  it('answers from per-model scripts and records every call', async () => {
    const backends = createFakeBackends({
      models: {
        seq: [{ content: 'one' }, { content: 'two' }],
        fn: (request, n) => ({ content: `${n}:${request.messages.length}` }),
      },
    });
    const answers = [await backends.complete('seq', REQUEST), await backends.complete('seq', REQUEST), await backends.complete('seq', REQUEST), await backends.complete('fn', REQUEST)];
    expect(answers.map((a) => a.content)).toEqual(['one', 'two', 'two', '0:1']);
    expect(answers[0]).toMatchObject({ model: 'seq', finishReason: 'stop', attempts: 1, logprobs: null });
    expect(answers[0]?.raw.choices[0]?.message.content).toBe('one');
    expect(backends.calls.map((c) => c.model)).toEqual(['seq', 'seq', 'seq', 'fn']);
    expect(backends.callsTo('fn')[0]?.request).toBe(REQUEST);
    expect(backends.calls.every((c) => c.status === 'ok' && !c.aborted)).toBe(true);
  });

  it('estimates usage unless scripted', async () => {
    const backends = createFakeBackends({ models: { a: { content: 'abcdefgh' }, b: { usage: { prompt_tokens: 7, completion_tokens: 3 } } } });
    expect((await backends.complete('a', REQUEST)).usage).toEqual({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 });
    expect((await backends.complete('b', REQUEST)).usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
  });

  it('calls beforeAttempt before every attempt and stops when it throws', async () => {
    const backends = createFakeBackends({ models: { flaky: { content: 'ok', failedAttempts: 2 } } });
    const seen: number[] = [];
    const done = await backends.complete('flaky', REQUEST, { beforeAttempt: (n) => void seen.push(n) });
    expect(seen).toEqual([1, 2, 3]);
    expect(done.attempts).toBe(3);

    const refusal = new Error('budget');
    const refused = backends.complete('flaky', REQUEST, {
      beforeAttempt: (n) => {
        if (n === 2) throw refusal;
      },
    });
    await expect(refused).rejects.toBe(refusal);
    expect(backends.calls[1]).toMatchObject({ status: 'refused', attempts: 1 });
  });

  it('rejects with BackendError aborted when the signal fires, and records it', async () => {
    const backends = createFakeBackends({ models: { slow: { latencyMs: 20_000 } } });
    const controller = new AbortController();
    const pending = backends.complete('slow', REQUEST, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', model: 'slow' });
    expect(backends.calls[0]).toMatchObject({ aborted: true, status: 'aborted' });

    await expect(backends.complete('slow', REQUEST, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(BackendError);
    expect(backends.calls[1]?.aborted).toBe(true);
  });

  it('does not mark a finished call aborted when its signal fires later', async () => {
    const backends = createFakeBackends({ models: { fast: {} } });
    const controller = new AbortController();
    await backends.complete('fast', REQUEST, { signal: controller.signal });
    controller.abort();
    expect(backends.calls[0]?.aborted).toBe(false);
  });

  it('fails scripted errors, timeouts and unscripted models as BackendErrors', async () => {
    const backends = createFakeBackends({ models: { bad: { error: { kind: 'http', status: 503 } }, slow: { latencyMs: 1000 } } });
    await expect(backends.complete('bad', REQUEST)).rejects.toMatchObject({ kind: 'http', upstreamStatus: 503, code: 'backend_error' });
    await expect(backends.complete('slow', REQUEST, { timeoutMs: 5 })).rejects.toMatchObject({ kind: 'timeout' });
    await expect(backends.complete('ghost', REQUEST)).rejects.toMatchObject({ kind: 'connect', code: 'backend_unavailable' });
  });

  it('returns logprobs only when the request asks for them', async () => {
    const backends = createFakeBackends({ models: { lp: { content: 'a b', confidence: 0.5 } } });
    expect((await backends.complete('lp', REQUEST)).logprobs).toBeNull();
    const tokens = (await backends.complete('lp', { ...REQUEST, logprobs: true, top_logprobs: 2 })).logprobs;
    expect(tokens).toHaveLength(2);
    expect(tokens?.[0]?.logprob).toBeCloseTo(Math.log(0.5));
    expect(tokens?.[0]?.top_logprobs).toHaveLength(2);
  });

  it('reports tool calls with finish_reason tool_calls', async () => {
    const call = { id: 'c1', type: 'function' as const, function: { name: 'f', arguments: '{}' } };
    const backends = createFakeBackends({ models: { t: { content: null, toolCalls: [call] } } });
    const done = await backends.complete('t', REQUEST);
    expect(done).toMatchObject({ content: null, toolCalls: [call], finishReason: 'tool_calls' });
  });

  it('sleeps on a fake clock until it is advanced', async () => {
    const clock = createFakeClock();
    const backends = createFakeBackends({ models: { slow: { content: 'done', latencyMs: 1000 } }, clock });
    let settled = false;
    const pending = backends.complete('slow', REQUEST).then((c) => {
      settled = true;
      return c;
    });
    await clock.advance(999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await pending).content).toBe('done');
    expect(clock.now()).toBe(1000);
  });
});

describe('logprobsFor', () => {
  it('gives every whitespace token the probability and its runner-up the rest', () => {
    const tokens = logprobsFor('x y z', 0.9, 2);
    expect(tokens.map((t) => t.token)).toEqual(['x ', 'y ', 'z']);
    expect(Math.exp(tokens[0]!.top_logprobs[1]!.logprob)).toBeCloseTo(0.1);
  });
});
