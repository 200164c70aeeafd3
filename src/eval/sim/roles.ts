/**
 * Reads a recipe's request the way a simulated model must: which role it is asked to play (answer the user,
 * synthesise references, judge, grade, plan, verify, ...) and which references it was given. The markers are
 * the opening words of the recipes' own prompt builders (src/recipes/prompts.ts), taken from the builders
 * at load time, so a reworded prompt moves the simulation with it.
 */
import { messageText, type ChatMessage } from '../../openai/types.js';
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
} from '../../recipes/prompts.js';
import { JUDGE_RUBRIC_MARKER } from '../judge.js';

export type SimRole =
  | 'answer'
  | 'remom_round'
  | 'synthesizer'
  | 'fusion_judge'
  | 'finalizer'
  | 'grader'
  | 'planner'
  | 'role'
  | 'verifier'
  | 'repair'
  | 'eval_judge';

const EMPTY_REQUEST = { model: 'x', messages: [{ role: 'user' as const, content: '' }] };
const NO_ANALYSIS = { consensus: [], contradictions: [], unique_insights: [], blind_spots: [] };

/** The first sentence of a prompt: stable words that identify it. */
function opening(text: string): string {
  const sentence = text.split(/(?<=[.:])\s/)[0] ?? text;
  return sentence.trim();
}

function systemOf(messages: readonly ChatMessage[]): string {
  return messageText(messages[0] ?? { role: 'system', content: '' });
}

/** Checked in order: the specific internal prompts first, then the briefs merged into the client's system prompt. */
const MARKERS: readonly (readonly [SimRole, string])[] = [
  ['eval_judge', JUDGE_RUBRIC_MARKER],
  ['fusion_judge', opening(systemOf(judgeMessages(EMPTY_REQUEST, [])))],
  ['grader', opening(systemOf(graderMessages(EMPTY_REQUEST, '')))],
  ['planner', opening(systemOf(plannerMessages(EMPTY_REQUEST, [], 1, 1)))],
  ['verifier', opening(systemOf(verifierMessages(EMPTY_REQUEST, [])))],
  ['repair', opening(repairBrief([], []))],
  ['finalizer', opening(fusionFinalBrief(NO_ANALYSIS, []))],
  ['finalizer', opening(workflowFinalBrief([]))],
  ['synthesizer', opening(synthesisBrief([]))],
  ['remom_round', opening(remomRoundBrief([]))],
  ['role', opening(roleBrief('\u0001', '', [])).split('\u0001')[1]?.trim() ?? 'in a team working on this conversation'],
];

export function detectRole(messages: readonly ChatMessage[]): SimRole {
  const system = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map(messageText)
    .join('\n');
  for (const [role, marker] of MARKERS) if (marker !== '' && system.includes(marker)) return role;
  return 'answer';
}

export interface ParsedReference {
  readonly label: string | undefined;
  readonly text: string;
}

const REFERENCE_HEAD = /^Reference (\d+)(?: \(([^)\n]*)\))?:$/;

/** The "Reference N (label):" blocks of one message's text, in order; each runs to the next or the text's end. */
export function parseReferences(text: string): ParsedReference[] {
  const out: ParsedReference[] = [];
  let current: { label: string | undefined; lines: string[] } | undefined;
  const flush = (): void => {
    if (current) out.push({ label: current.label, text: current.lines.join('\n').trim() });
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const head = line.match(REFERENCE_HEAD);
    if (head) {
      flush();
      current = { label: head[2], lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  return out;
}

/** Worker ids a planner prompt offers ("- W1: ..."), and its per-step role limit. */
export function plannerOffer(text: string): { workers: string[]; maxParallel: number; maxSteps: number } {
  const workers = [...text.matchAll(/^- (W\d+):/gm)].map((m) => m[1] as string);
  const maxParallel = Number(text.match(/at most (\d+) roles per step/)?.[1] ?? 1);
  const maxSteps = Number(text.match(/Use at most (\d+) steps/)?.[1] ?? 1);
  return { workers, maxParallel, maxSteps };
}

/** The references of a request: parsed message by message, since the recipes put them at a message's end. */
export function referencesIn(messages: readonly ChatMessage[]): ParsedReference[] {
  return messages.flatMap((m) => parseReferences(messageText(m)));
}

/** Every message's text, for finding the item a request is about. */
export function allText(messages: readonly ChatMessage[]): string {
  return messages.map(messageText).join('\n\n');
}
