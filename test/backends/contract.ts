/**
 * The Backends contract, as one suite any implementation runs (the HTTP client, the scripted fake): what a
 * recipe may rely on whatever carries its calls. Implementation-specific behaviour (the provider body,
 * sockets, headers, cooldown) is tested next to each implementation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backends } from '../../src/backends/types.js';
import { BackendError } from '../../src/errors/index.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';

/** What the harness makes a model answer next. */
export type ScriptedAnswer =
  | { readonly kind: 'completion'; readonly body: Record<string, unknown> }
  | { readonly kind: 'status'; readonly status: number; readonly message: string }
  | { readonly kind: 'invalid'; readonly text: string }
  /** Never answers; only an abort or the timeout ends the call. */
  | { readonly kind: 'hang' };

export interface ContractHarness {
  readonly backends: Backends;
  /**
   * Two configured models, `small` (provider id `provider-small`) and `big` (`provider-big`); retries are
   * enabled with short backoff.
   */
  script(model: 'small' | 'big', ...answers: ScriptedAnswer[]): void;
  /**
   * One entry per HTTP request the model received (a fake: per attempt that went past beforeAttempt), in
   * order, with the body as the implementation saw it.
   */
  received(model: 'small' | 'big'): readonly Record<string, unknown>[];
  close(): Promise<void>;
}

const request: ChatCompletionRequest = {
  model: 'consilium/auto',
  messages: [{ role: 'user', content: 'What is 2+2?' }],
  stream: true,
  stream_options: { include_usage: true },
  temperature: 0.2,
};

function completion(message: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'provider-x',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', ...extra }],
    usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the call should have rejected'),
    (error: unknown) => error,
  );
}

export function describeBackendsContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`Backends contract: ${name}`, () => {
    let harness: ContractHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close();
    });

    it('returns content, finish reason, usage, the Consilium model name and one attempt', async () => {
      harness.script('small', { kind: 'completion', body: completion({ content: '4' }) });
      const result = await harness.backends.complete('small', request);
      expect(result).toMatchObject({ model: 'small', content: '4', finishReason: 'stop', toolCalls: [], logprobs: null, attempts: 1 });
      expect(result.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
      expect(result.raw.choices[0]?.message.content).toBe('4');
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(harness.received('small')).toHaveLength(1);
      expect(harness.received('big')).toHaveLength(0);
    });

    it('parses token logprobs with their top_logprobs', async () => {
      const logprobs = {
        content: [
          { token: '4', logprob: -0.01, top_logprobs: [{ token: '4', logprob: -0.01 }, { token: 'four', logprob: -4.6 }] },
          { token: '.', logprob: -0.3, top_logprobs: [] },
        ],
      };
      harness.script('small', { kind: 'completion', body: completion({ content: '4.' }, { logprobs }) });
      const result = await harness.backends.complete('small', { ...request, logprobs: true, top_logprobs: 2 });
      expect(result.logprobs).toEqual([
        { token: '4', logprob: -0.01, top_logprobs: [{ token: '4', logprob: -0.01 }, { token: 'four', logprob: -4.6 }] },
        { token: '.', logprob: -0.3, top_logprobs: [] },
      ]);
    });

    it('parses tool calls with a null content', async () => {
      const toolCalls = [{ id: 'call_1', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":2}' } }];
      harness.script('small', { kind: 'completion', body: completion({ content: null, tool_calls: toolCalls }, { finish_reason: 'tool_calls' }) });
      const result = await harness.backends.complete('small', request);
      expect(result.content).toBeNull();
      expect(result.finishReason).toBe('tool_calls');
      expect(result.toolCalls).toEqual(toolCalls);
    });

    it('retries a 500 and reports two attempts, calling beforeAttempt before each', async () => {
      harness.script('small', { kind: 'status', status: 500, message: 'boom' }, { kind: 'completion', body: completion({ content: 'second' }) });
      const seen: number[] = [];
      const result = await harness.backends.complete('small', request, { beforeAttempt: (n) => seen.push(n) });
      expect(result.content).toBe('second');
      expect(result.attempts).toBe(2);
      expect(seen).toEqual([1, 2]);
      expect(harness.received('small')).toHaveLength(2);
    });

    it('does not retry a 400 and rejects with kind http, the upstream status and message', async () => {
      harness.script('small', { kind: 'status', status: 400, message: 'temperature must be <= 2' });
      const seen: number[] = [];
      const error = await rejection(harness.backends.complete('small', request, { beforeAttempt: (n) => seen.push(n) }));
      expect(error).toBeInstanceOf(BackendError);
      expect(error).toMatchObject({ kind: 'http', upstreamStatus: 400, model: 'small' });
      expect((error as BackendError).message).toContain('temperature must be <= 2');
      expect(seen).toEqual([1]);
      expect(harness.received('small')).toHaveLength(1);
    });

    it('sends nothing when beforeAttempt refuses, rejecting with what it threw', async () => {
      const refusal = new Error('budget exhausted');
      const error = await rejection(
        harness.backends.complete('small', request, {
          beforeAttempt: () => {
            throw refusal;
          },
        }),
      );
      expect(error).toBe(refusal);
      expect(harness.received('small')).toHaveLength(0);
    });

    it('stops retrying when beforeAttempt refuses the retry', async () => {
      harness.script('small', { kind: 'status', status: 503, message: 'overloaded' }, { kind: 'completion', body: completion({ content: 'never' }) });
      const refusal = new Error('max calls');
      const error = await rejection(
        harness.backends.complete('small', request, {
          beforeAttempt: (n) => {
            if (n > 1) throw refusal;
          },
        }),
      );
      expect(error).toBe(refusal);
      expect(harness.received('small')).toHaveLength(1);
    });

    it('rejects with kind invalid_response, without retrying, for a well-formed answer with no choices', async () => {
      harness.script('small', { kind: 'completion', body: { id: 'x', choices: [] } });
      await expect(harness.backends.complete('small', request)).rejects.toMatchObject({ kind: 'invalid_response' });
      expect(harness.received('small')).toHaveLength(1);
    });

    // Regression (reliability suite): a garbled 200 (cut short, corrupted) was never retried, so 30% garbled
    // answers failed whole recipes. It is retried like a 5xx, and still rejects when every attempt is garbled.
    it('retries a body that is not JSON, and rejects with invalid_response when every attempt is garbled', async () => {
      harness.script('small', { kind: 'invalid', text: '<html>oops</html>' }, { kind: 'completion', body: completion({ content: 'second try' }) });
      await expect(harness.backends.complete('small', request)).resolves.toMatchObject({ content: 'second try', attempts: 2 });
      harness.script('small', ...Array.from({ length: 3 }, () => ({ kind: 'invalid' as const, text: '{"choices": [' })));
      await expect(harness.backends.complete('small', request)).rejects.toMatchObject({ kind: 'invalid_response' });
    });

    it('rejects with kind aborted when the signal fires mid-call', async () => {
      harness.script('small', { kind: 'hang' });
      const controller = new AbortController();
      const call = harness.backends.complete('small', request, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await expect(call).rejects.toMatchObject({ kind: 'aborted', model: 'small' });
    });

    it('rejects at once with kind aborted, sending nothing, when the signal already fired', async () => {
      const controller = new AbortController();
      controller.abort();
      const seen: number[] = [];
      await expect(harness.backends.complete('small', request, { signal: controller.signal, beforeAttempt: (n) => seen.push(n) })).rejects.toMatchObject({
        kind: 'aborted',
      });
      expect(seen).toEqual([]);
      expect(harness.received('small')).toHaveLength(0);
    });

    it('rejects with kind timeout after timeoutMs', async () => {
      harness.script('small', { kind: 'hang' });
      await expect(harness.backends.complete('small', request, { timeoutMs: 50 })).rejects.toMatchObject({ kind: 'timeout', code: 'timeout' });
    });

    it('rejects an unconfigured model with a BackendError', async () => {
      await expect(harness.backends.complete('nope', request)).rejects.toBeInstanceOf(BackendError);
    });
  });
}
