/**
 * The simulated panel as a sim-backend Responder. It finds the item a request is about, reads the role the
 * recipe asks for, and answers by the simulation's fixed rules:
 * - answer: the model's own answer (draws.ts), with logprobs whose mean gives its confidence;
 * - given references (ReMoM rounds, synthesizer, finalizers, later workflow roles, repair): the plurality
 *   answer among the references; a tie (or no readable reference) goes to the model's own answer;
 * - fusion judge: an analysis that groups the references by answer (it decides nothing itself);
 * - self-verify grader: a confidence drawn for the graded answer, plus N(0, grader_noise);
 * - planner: a valid two-step plan over the offered workers;
 * - workflow verifier: ok when the references' plurality is its own answer, else one issue naming it;
 * - eval judge: compares the graded answer with the reference answer after normalisation.
 */
import type { ResponderRequest, ResponderResult, Responder } from '../../dev/sim-backend.js';
import { messageText, type ChatMessage } from '../../openai/types.js';
import type { EvalItem } from '../dataset.js';
import { EvalRunError } from '../errors.js';
import { extractAnswer, markedAnswer, normalizeExact } from '../score.js';
import { answerIsCorrect, confidence, ownAnswer, standardNormal, type OwnAnswer } from './draws.js';
import { tokenLogprobs } from './logprobs.js';
import type { SimModel, SimParams } from './params.js';
import { allText, detectRole, plannerOffer, referencesIn, type SimRole } from './roles.js';

export interface SimResponderOptions {
  readonly params: SimParams;
  readonly items: readonly EvalItem[];
}

/** Every answer shows a line of work before the answer line, so completions have a realistic few tokens. */
const WORK_LINE = 'I worked through the question step by step and checked the result once.';

interface Context {
  readonly params: SimParams;
  readonly model: SimModel;
  readonly role: SimRole;
  readonly item: EvalItem | undefined;
  readonly messages: readonly ChatMessage[];
  readonly text: string;
}

export function createSimResponder(options: SimResponderOptions): Responder {
  const index = new ItemIndex(options.items);
  return (request: ResponderRequest): ResponderResult => {
    const body = request.body;
    const modelName = typeof body.model === 'string' ? body.model : '';
    const model = options.params.models.get(modelName);
    if (!model) throw new EvalRunError(`no simulated model named ${JSON.stringify(modelName)}`);
    const messages = (Array.isArray(body.messages) ? body.messages : []) as ChatMessage[];
    const text = allText(messages);
    const role = detectRole(messages);
    const ctx: Context = { params: options.params, model, role, item: index.find(messages, text), messages, text };
    const content = contentFor(ctx);
    const delayMs = latency(ctx);
    if (body.logprobs !== true || content.logprobConfidence === undefined) return { content: content.text, delayMs };
    const top = Math.max(0, Math.min(20, Number(body.top_logprobs ?? 0) || 0));
    return { content: content.text, logprobs: tokenLogprobs(content.text, content.logprobConfidence, top), delayMs };
  };
}

interface Content {
  readonly text: string;
  /** Confidence the token logprobs encode (answers only). */
  readonly logprobConfidence?: number;
}

function contentFor(ctx: Context): Content {
  if (ctx.role === 'eval_judge') return evalJudge(ctx.text);
  const { item } = ctx;
  if (!item) return { text: `I cannot tell what is being asked.\nAnswer: unknown`, logprobConfidence: 0.05 };
  const own = ownAnswer(ctx.params, ctx.model, item);
  switch (ctx.role) {
    case 'answer':
      return answered(ctx, item, own.answer, own.correct);
    case 'fusion_judge':
      return { text: JSON.stringify(judgeAnalysis(item, referencesIn(ctx.messages).map((r) => r.text))) };
    case 'grader':
      return { text: grade(ctx, item) };
    case 'planner':
      return { text: JSON.stringify(plan(ctx.text)) };
    case 'verifier': {
      const chosen = plurality(item, referencesIn(ctx.messages).map((r) => r.text), own);
      const ok = sameAnswer(item, chosen, own.answer);
      return { text: JSON.stringify({ ok, issues: ok ? [] : [`The final answer should be ${own.answer}.`] }) };
    }
    case 'role':
    case 'remom_round':
    case 'synthesizer':
    case 'finalizer':
    case 'repair': {
      const chosen = plurality(item, referencesIn(ctx.messages).map((r) => r.text), own);
      return answered(ctx, item, chosen, answerIsCorrect(item, chosen));
    }
  }
}

function answered(ctx: Context, item: EvalItem, answer: string, correct: boolean): Content {
  const logprobConfidence = confidence(ctx.params, correct, ctx.role, ctx.model.name, item.id, answer);
  return { text: `${WORK_LINE}\nAnswer: ${answer}`, logprobConfidence };
}

/** The answer key a reply commits to, for counting: the scored form of its answer. */
function keyOf(item: EvalItem, text: string): string | undefined {
  if (item.answerType === 'free') {
    const marked = markedAnswer(text);
    return marked === undefined ? undefined : normalizeExact(marked);
  }
  return extractAnswer(text, item.answerType);
}

function sameAnswer(item: EvalItem, a: string, b: string): boolean {
  return keyOf(item, `Answer: ${a}`) === keyOf(item, `Answer: ${b}`);
}

/** The unique most common answer among the references, written as a reference wrote it; ties go to `own`. */
export function plurality(item: EvalItem, references: readonly string[], own: OwnAnswer): string {
  const counts = new Map<string, { count: number; written: string }>();
  for (const reference of references) {
    const key = keyOf(item, reference);
    if (key === undefined) continue;
    const written = markedAnswer(reference)?.trim() ?? key;
    const entry = counts.get(key) ?? { count: 0, written };
    entry.count++;
    counts.set(key, entry);
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  const first = ranked[0];
  if (!first || (ranked[1] && ranked[1].count === first.count)) return own.answer;
  return first.written;
}

function judgeAnalysis(item: EvalItem, references: readonly string[]): Record<string, string[]> {
  const groups = new Map<string, number[]>();
  references.forEach((reference, i) => {
    const key = keyOf(item, reference) ?? '(no answer)';
    groups.set(key, [...(groups.get(key) ?? []), i + 1]);
  });
  const ranked = [...groups].sort((a, b) => b[1].length - a[1].length);
  const describe = ([key, refs]: [string, number[]]): string => `Reference${refs.length > 1 ? 's' : ''} ${refs.join(', ')} answer ${key}.`;
  return {
    consensus: ranked.length === 1 ? ranked.map(describe) : [],
    contradictions: ranked.length > 1 ? ranked.map(describe) : [],
    unique_insights: [],
    blind_spots: [],
  };
}

function grade(ctx: Context, item: EvalItem): string {
  const graded = ctx.text.split('Answer to grade:\n').pop() ?? '';
  const key = keyOf(item, graded);
  const answer = markedAnswer(graded)?.trim() ?? '';
  const correct = key !== undefined && answerIsCorrect(item, answer);
  const base = confidence(ctx.params, correct, 'grade', ctx.model.name, item.id, key ?? '');
  const noise = ctx.params.graderNoise * standardNormal(ctx.params, 'grade-noise', ctx.model.name, item.id, key ?? '');
  const score = Math.min(1, Math.max(0, base + noise));
  return JSON.stringify({ score: Number(score.toFixed(3)), reason: 'simulated grade' });
}

/** Two steps: up to two solvers in parallel, then a checker who sees their work. */
function plan(text: string): { steps: { role: string; worker: string; instruction: string }[][] } {
  const offer = plannerOffer(text);
  const workers = offer.workers.length > 0 ? offer.workers : ['W1'];
  const solvers = workers.slice(0, Math.max(1, Math.min(2, offer.maxParallel)));
  const checker = workers[solvers.length % workers.length] as string;
  const first = solvers.map((worker, i) => ({ role: `solver ${i + 1}`, worker, instruction: 'Solve the problem and state the answer.' }));
  const second = [{ role: 'checker', worker: checker, instruction: 'Check the solutions and state the correct answer.' }];
  return { steps: offer.maxSteps >= 2 ? [first, second] : [first] };
}

function evalJudge(text: string): Content {
  const reference = text.match(/Reference answer:\n([\s\S]*?)\n\nAnswer to grade:\n/)?.[1] ?? '';
  const graded = text.split('Answer to grade:\n').pop() ?? '';
  const answer = markedAnswer(graded) ?? graded.trim().split('\n').pop() ?? '';
  const correct = normalizeExact(answer) === normalizeExact(reference) && reference.trim() !== '';
  return { text: JSON.stringify({ correct, reason: correct ? 'matches the reference' : 'differs from the reference' }) };
}

/** Model latency with a seeded log-normal spread (σ 0.3), different for every distinct prompt. */
function latency(ctx: Context): number {
  const jitter = standardNormal(ctx.params, 'latency', ctx.model.name, ctx.role, ctx.item?.id ?? '', String(ctx.text.length), ctx.text.slice(-64));
  return Math.round(ctx.model.latencyMs * Math.exp(0.3 * jitter));
}

/** Finds an item by its last user message, else by the longest item prompt quoted inside the request. */
class ItemIndex {
  private readonly byPrompt = new Map<string, EvalItem>();
  private readonly longestFirst: [string, EvalItem][];

  constructor(items: readonly EvalItem[]) {
    for (const item of items) this.byPrompt.set(lastUser(item.messages), item);
    this.longestFirst = [...this.byPrompt].filter(([key]) => key !== '').sort((a, b) => b[0].length - a[0].length);
  }

  find(messages: readonly ChatMessage[], text: string): EvalItem | undefined {
    const direct = this.byPrompt.get(lastUser(messages));
    if (direct) return direct;
    return this.longestFirst.find(([key]) => text.includes(key))?.[1];
  }
}

function lastUser(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'user') return messageText(messages[i] as ChatMessage).trim();
  return '';
}
