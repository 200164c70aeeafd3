/**
 * The Backends contract run against the scripted fake (src/dev/fake-backends.ts), so recipes tested with the
 * fake rely on nothing the HTTP client does differently. The adapter turns the contract's wire-level script
 * into fake replies: retryable statuses followed by an answer become `failedAttempts` of that answer.
 */
import { createFakeBackends, type FakeReply } from '../../src/dev/fake-backends.js';
import type { TokenLogprob, ToolCall, Usage } from '../../src/openai/types.js';
import { describeBackendsContract, type ContractHarness, type ScriptedAnswer } from './contract.js';

const HANG_MS = 60_000;

function completionReply(body: Record<string, unknown>, failedAttempts: number): FakeReply {
  const choices = body.choices as { message?: Record<string, unknown>; finish_reason?: string; logprobs?: { content?: TokenLogprob[] } }[] | undefined;
  const choice = choices?.[0];
  if (!choice?.message) return { error: { kind: 'invalid_response', message: 'the answer has no choices' }, failedAttempts };
  const message = choice.message;
  return {
    content: (message.content as string | null | undefined) ?? null,
    toolCalls: (message.tool_calls as ToolCall[] | undefined) ?? [],
    ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}),
    ...(choice.logprobs?.content ? { logprobs: choice.logprobs.content } : {}),
    ...(body.usage ? { usage: body.usage as Usage } : {}),
    failedAttempts,
  };
}

/** Retryable statuses and garbled (non-JSON) bodies are retried by the HTTP client. */
const isRetryable = (answer: ScriptedAnswer): boolean => (answer.kind === 'status' && (answer.status === 429 || answer.status >= 500)) || answer.kind === 'invalid';

/** How many HTTP attempts one call makes at most (FAST_RETRY in http.test.ts: two retries). */
const MAX_ATTEMPTS = 3;

function failureOf(answer: ScriptedAnswer): FakeReply {
  return answer.kind === 'invalid'
    ? { error: { kind: 'invalid_response', message: 'the body is not JSON' } }
    : { error: { kind: 'http', status: answer.kind === 'status' ? answer.status : 500, message: 'retryable failure' } };
}

function toReplies(answers: readonly ScriptedAnswer[]): FakeReply[] {
  const replies: FakeReply[] = [];
  let retried: ScriptedAnswer[] = [];
  // Retryable failures not followed by an answer end calls of up to MAX_ATTEMPTS attempts, failing like the last.
  const flush = (): void => {
    for (let i = 0; i < retried.length; i += MAX_ATTEMPTS) {
      const call = retried.slice(i, i + MAX_ATTEMPTS);
      replies.push({ ...failureOf(call.at(-1)!), failedAttempts: call.length - 1 });
    }
    retried = [];
  };
  for (const answer of answers) {
    if (isRetryable(answer)) {
      retried.push(answer);
    } else if (answer.kind === 'completion') {
      replies.push(completionReply(answer.body, retried.length));
      retried = [];
    } else {
      flush();
      if (answer.kind === 'status') replies.push({ error: { kind: 'http', status: answer.status, message: answer.message } });
      else replies.push({ latencyMs: HANG_MS });
    }
  }
  flush();
  return replies;
}

describeBackendsContract('fake', async (): Promise<ContractHarness> => {
  const queues = { small: [] as FakeReply[], big: [] as FakeReply[] };
  const next = (model: 'small' | 'big') => (): FakeReply => queues[model].shift() ?? { content: 'default' };
  const backends = createFakeBackends({ models: { small: next('small'), big: next('big') } });
  return {
    backends,
    script: (model, ...answers) => void queues[model].push(...toReplies(answers)),
    received: (model) => backends.callsTo(model).flatMap((call) => Array.from({ length: call.attempts }, () => ({ ...call.request }))),
    close: async () => {},
  };
});
