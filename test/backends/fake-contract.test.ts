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

const isRetryable = (answer: ScriptedAnswer): boolean => answer.kind === 'status' && (answer.status === 429 || answer.status >= 500);

function toReplies(answers: readonly ScriptedAnswer[]): FakeReply[] {
  const replies: FakeReply[] = [];
  let retried = 0;
  // Retryable statuses not followed by an answer each end a call of their own.
  const flush = (): void => {
    for (; retried > 0; retried -= 1) replies.push({ error: { kind: 'http', status: 500, message: 'retryable failure' } });
  };
  for (const answer of answers) {
    if (isRetryable(answer)) {
      retried += 1;
    } else if (answer.kind === 'completion') {
      replies.push(completionReply(answer.body, retried));
      retried = 0;
    } else {
      flush();
      if (answer.kind === 'status') replies.push({ error: { kind: 'http', status: answer.status, message: answer.message } });
      else if (answer.kind === 'invalid') replies.push({ error: { kind: 'invalid_response', message: 'the body is not JSON' } });
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
