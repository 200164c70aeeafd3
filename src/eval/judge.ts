/**
 * The judge for free-form answers: one configured model, a fixed rubric, a JSON verdict. It is called
 * directly through Backends, never through the gateway, so its calls are not part of any target's cost, and
 * it cannot be one of the targets. The report names the judge as a caveat: its verdicts are only as good as
 * the judge model.
 */
import type { Backends } from '../backends/types.js';
import { messageText, type ChatMessage } from '../openai/types.js';
import { extractJsonObject } from '../recipes/parse-json.js';
import type { EvalItem } from './dataset.js';

export const JUDGE_RUBRIC_MARKER = 'You grade one answer for an evaluation against a fixed rubric.';

export const JUDGE_RUBRIC = [
  JUDGE_RUBRIC_MARKER,
  'The answer is correct when it reaches the same conclusion and states the same key facts as the reference answer; when no reference is given, when it answers the question correctly and completely.',
  'Wording, length and style do not matter. An answer that hedges between options, contradicts itself or adds a wrong key fact is incorrect.',
  'Reply with only a JSON object: {"correct": true or false, "reason": "one sentence"}.',
].join(' ');

const JUDGE_MAX_TOKENS = 200;

export function judgeMessages(item: EvalItem, reply: string): ChatMessage[] {
  const question = item.messages.map((m) => `[${m.role}]\n${messageText(m)}`).join('\n\n');
  return [
    { role: 'system', content: JUDGE_RUBRIC },
    { role: 'user', content: `Question:\n${question}\n\nReference answer:\n${item.answer ?? '(none)'}\n\nAnswer to grade:\n${reply}` },
  ];
}

/** The verdict in a judge's reply: `{"correct": bool}` (or a yes/no/correct/incorrect word); undefined when unreadable. */
export function parseVerdict(text: string | null): boolean | undefined {
  const json = extractJsonObject(text);
  const value = json?.correct;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|yes|correct)$/i.test(value.trim())) return true;
  if (typeof value === 'string' && /^(false|no|incorrect)$/i.test(value.trim())) return false;
  const word = text?.trim().match(/^(correct|incorrect|yes|no|true|false)\b/i)?.[1]?.toLowerCase();
  if (word === undefined) return undefined;
  return word === 'correct' || word === 'yes' || word === 'true';
}

export type Verdict = { readonly ok: true; readonly correct: boolean } | { readonly ok: false; readonly error: string };

export type Judge = (item: EvalItem, reply: string) => Promise<Verdict>;

/** A judge that asks `model` through `backends` (the eval's own client, outside the gateway and every budget). */
export function createJudge(backends: Backends, model: string): Judge {
  return async (item, reply) => {
    try {
      const completion = await backends.complete(model, { model, messages: judgeMessages(item, reply), temperature: 0, max_tokens: JUDGE_MAX_TOKENS });
      const correct = parseVerdict(completion.content);
      return correct === undefined ? { ok: false, error: 'judge verdict unreadable' } : { ok: true, correct };
    } catch (error) {
      return { ok: false, error: `judge call failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
