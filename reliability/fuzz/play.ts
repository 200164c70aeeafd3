/**
 * Plays one scenario over a real gRPC stream, the way the scenario says the client behaves, and returns every
 * problem found: invalid answers, a bad final status, or a stream that never ends (a hang).
 */
import * as grpc from '@grpc/grpc-js';
import type { ProcessingResponse } from '../../src/extproc/messages.js';
import { checkAnswer, checkStatus, type StreamVerdict } from './check.js';
import type { Scenario } from './scenario.js';
import type { RawExtProcClient } from './wire.js';

export interface PlayResult {
  readonly problems: readonly string[];
  readonly statusCode: grpc.status | undefined;
  readonly answers: number;
}

export interface PlayOptions {
  /** How long one answer may take (a recipe runs up to its 3 s deadline). */
  readonly answerTimeoutMs?: number;
  /** How long the stream may take to end after the client stopped sending. */
  readonly endTimeoutMs?: number;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function play(client: RawExtProcClient, scenario: Scenario, options: PlayOptions = {}): Promise<PlayResult> {
  const answerTimeoutMs = options.answerTimeoutMs ?? 8_000;
  const endTimeoutMs = options.endTimeoutMs ?? 10_000;
  const call = client.open();
  const answers: ProcessingResponse[] = [];
  const problems: string[] = [];
  let waiting: (() => void) | undefined;
  let closed = false;
  const status = new Promise<StreamVerdict>((resolve) => {
    call.on('status', (s: grpc.StatusObject) => {
      closed = true;
      waiting?.();
      resolve({ statusCode: s.code, details: s.details });
    });
  });
  call.on('error', () => undefined);
  call.on('data', (response: ProcessingResponse) => {
    answers.push(response);
    waiting?.();
  });

  const waitForAnswer = (count: number): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      if (answers.length >= count || closed) return resolve(true);
      const timer = setTimeout(() => {
        waiting = undefined;
        resolve(false);
      }, answerTimeoutMs);
      waiting = () => {
        if (answers.length >= count || closed) {
          clearTimeout(timer);
          waiting = undefined;
          resolve(true);
        }
      };
    });

  let cancelled = false;
  let lastWrite: Promise<void> = Promise.resolve();
  let sent = 0;
  for (let i = 0; i <= scenario.steps.length; i++) {
    if (scenario.cancelAt === i) {
      // grpc-js never resets a stream cancelled before its first message left the client (the server keeps
      // an open stream forever): wait for the write, as Envoy's cancel always follows a sent message.
      await Promise.race([lastWrite, status, delay(1_000)]);
      call.cancel();
      cancelled = true;
      break;
    }
    if (i === scenario.steps.length || closed) break;
    lastWrite = new Promise<void>((resolve) => call.write(scenario.steps[i]!.bytes, () => resolve()));
    sent += 1;
    if (scenario.endAt === i) break;
    if (!scenario.lockstep) continue;
    if (!(await waitForAnswer(sent))) {
      problems.push(`no answer within ${answerTimeoutMs} ms to ${scenario.steps[i]!.message.request ?? 'an empty message'}`);
      break;
    }
    if (answers.at(-1)?.immediate_response && answers.length === sent) break;
  }
  if (!cancelled) call.end();

  let timer: NodeJS.Timeout | undefined;
  const verdict = await Promise.race([
    status,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), endTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!verdict) {
    problems.push(`stream did not end within ${endTimeoutMs} ms of the client's last message`);
    call.cancel();
    return { problems, statusCode: undefined, answers: answers.length };
  }
  answers.forEach((answer, i) => {
    problems.push(...checkAnswer(scenario.steps[i]?.decoded, answer));
  });
  if (answers.length > sent) problems.push(`${answers.length} answers to ${sent} messages`);
  if (scenario.valid && !cancelled && verdict.statusCode === grpc.status.OK) {
    const expected = Math.min(sent, answers.findIndex((a) => a.immediate_response) + 1 || sent);
    if (answers.length !== expected) problems.push(`valid conversation: ${answers.length} answers to ${expected} messages`);
  }
  problems.push(...checkStatus(verdict, scenario, cancelled));
  return { problems, statusCode: verdict.statusCode, answers: answers.length };
}
