/**
 * The eval dataset: one JSON object per line, `{id, messages | prompt, answer?, answer_type, category?}`, plus
 * the optional `tolerance` (number items) and `sim` (wrong options for the simulated panels). Parsing is
 * strict about what scoring needs and names the line and field that is wrong.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ChatMessage } from '../openai/types.js';
import { EvalInputError } from './errors.js';

export const ANSWER_TYPES = ['mcq', 'number', 'exact', 'free'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** Wrong options the simulated panels draw from; `trap` is the wrong answer correlated models share. */
export interface SimOptions {
  readonly trap: string;
  /** Every wrong option, the trap included. */
  readonly wrong: readonly string[];
}

export interface EvalItem {
  readonly id: string;
  readonly messages: readonly ChatMessage[];
  /** The reference answer: a letter (mcq), a number, a string (exact), optional guidance for the judge (free). */
  readonly answer: string | undefined;
  readonly answerType: AnswerType;
  /** `uncategorized` when the line has none. */
  readonly category: string;
  /** number items: largest absolute error still counted correct (default: 1e-6 relative). */
  readonly tolerance: number | undefined;
  readonly sim: SimOptions | undefined;
}

const MessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()]).optional(),
});

const LineSchema = z
  .strictObject({
    id: z.union([z.string().min(1), z.number().int()]),
    prompt: z.string().min(1).optional(),
    messages: z.array(MessageSchema).min(1).optional(),
    answer: z.union([z.string(), z.number()]).optional(),
    answer_type: z.enum(ANSWER_TYPES),
    category: z.string().min(1).max(64).optional(),
    tolerance: z.number().nonnegative().optional(),
    sim: z.strictObject({ trap: z.string().min(1), wrong: z.array(z.string().min(1)).min(1) }).optional(),
  })
  .refine((line) => (line.prompt === undefined) !== (line.messages === undefined), { message: 'set exactly one of prompt or messages' })
  .refine((line) => line.answer_type === 'free' || line.answer !== undefined, { message: 'answer is required unless answer_type is free', path: ['answer'] })
  .refine((line) => line.answer_type !== 'mcq' || /^[A-Za-z]$/.test(String(line.answer ?? '').trim()), {
    message: 'an mcq answer is one letter',
    path: ['answer'],
  })
  .refine((line) => line.answer_type !== 'number' || Number.isFinite(Number(line.answer)), { message: 'a number answer must be numeric', path: ['answer'] });

export type DatasetLine = z.input<typeof LineSchema>;

/** Parses JSONL text. Blank lines are skipped; duplicate ids fail. `source` names the file in messages. */
export function parseDataset(text: string, source = 'dataset'): EvalItem[] {
  const items: EvalItem[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${source}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new EvalInputError(`${where}: not valid JSON`);
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? issue.path.join('.') : '<line>';
      throw new EvalInputError(`${where}: ${field}: ${issue?.message ?? 'invalid'}`);
    }
    const item = toItem(parsed.data);
    if (seen.has(item.id)) throw new EvalInputError(`${where}: duplicate id ${JSON.stringify(item.id)}`);
    seen.add(item.id);
    items.push(item);
  });
  if (items.length === 0) throw new EvalInputError(`${source}: no items`);
  return items;
}

export async function loadDataset(file: string): Promise<EvalItem[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new EvalInputError(`cannot read dataset ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseDataset(text, file);
}

function toItem(line: z.output<typeof LineSchema>): EvalItem {
  const messages = line.messages ? (line.messages as unknown as ChatMessage[]) : [{ role: 'user' as const, content: line.prompt as string }];
  const answer = line.answer === undefined ? undefined : String(line.answer).trim();
  return Object.freeze({
    id: String(line.id),
    messages: Object.freeze(messages),
    answer: line.answer_type === 'mcq' && answer ? answer.toUpperCase() : answer,
    answerType: line.answer_type,
    category: line.category ?? 'uncategorized',
    tolerance: line.tolerance,
    sim: line.sim ? Object.freeze({ trap: line.sim.trap, wrong: Object.freeze([...line.sim.wrong]) }) : undefined,
  });
}

/** The item as a dataset line (what the generator writes). */
export function toLine(item: EvalItem): Record<string, unknown> {
  const single = item.messages.length === 1 && item.messages[0]?.role === 'user' && typeof item.messages[0].content === 'string';
  return {
    id: item.id,
    ...(single ? { prompt: item.messages[0]?.content } : { messages: item.messages }),
    ...(item.answer !== undefined ? { answer: item.answer } : {}),
    answer_type: item.answerType,
    category: item.category,
    ...(item.tolerance !== undefined ? { tolerance: item.tolerance } : {}),
    ...(item.sim ? { sim: item.sim } : {}),
  };
}

/** A deterministic subset of `limit` items that keeps every category represented (round-robin by category). */
export function sampleItems(items: readonly EvalItem[], limit: number | undefined): EvalItem[] {
  if (limit === undefined || limit >= items.length) return [...items];
  const byCategory = new Map<string, EvalItem[]>();
  for (const item of items) {
    const list = byCategory.get(item.category) ?? [];
    list.push(item);
    byCategory.set(item.category, list);
  }
  const queues = [...byCategory.values()];
  const out: EvalItem[] = [];
  for (let round = 0; out.length < limit; round++) {
    for (const queue of queues) {
      const item = queue[round];
      if (item && out.length < limit) out.push(item);
    }
  }
  return out;
}
