/**
 * Every prompt the recipes write, in one place. Other models' answers appear only as numbered references
 * ("Reference 1: ..."), never with model names, so no prompt reveals which model said what and the final
 * answer cannot leak the panel. Planner prompts name workers by alias (W1, W2, ...) for the same reason.
 */
import { messageText, type ChatCompletionRequest, type ChatMessage } from '../openai/types.js';

export interface Reference {
  readonly text: string;
  /** A role name (workflows); never a model name. */
  readonly label?: string;
}

export function referencesBlock(references: readonly Reference[]): string {
  return references.map((ref, i) => `Reference ${i + 1}${ref.label ? ` (${ref.label})` : ''}:\n${ref.text.trim()}`).join('\n\n');
}

/** The client's conversation as plain text, for prompts that judge or plan it. */
export function conversationText(request: Pick<ChatCompletionRequest, 'messages'>): string {
  return request.messages.map((m) => `[${m.role}]\n${messageText(m)}`).join('\n\n');
}

const NO_REVEAL = 'Write as if answering on your own: do not mention references, candidates, drafts or other assistants.';

export function remomRoundBrief(references: readonly Reference[]): string {
  return [
    'Other assistants answered this request in an earlier round. Use their answers as references: keep what is correct, fix what is wrong, fill gaps, then give your own complete answer.',
    NO_REVEAL,
    referencesBlock(references),
  ].join('\n\n');
}

export function synthesisBrief(references: readonly Reference[]): string {
  return [
    'Several candidate answers to this conversation follow. Write the single best final answer for the user: merge what is correct, resolve disagreements by reasoning, drop errors, and follow every instruction and output format above.',
    NO_REVEAL,
    referencesBlock(references),
  ].join('\n\n');
}

export const JUDGE_KEYS = ['consensus', 'contradictions', 'unique_insights', 'blind_spots'] as const;
export type JudgeAnalysis = Readonly<Record<(typeof JUDGE_KEYS)[number], readonly string[]>>;

export function judgeMessages(request: ChatCompletionRequest, references: readonly Reference[]): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You compare candidate answers to a conversation. Reply with only a JSON object with four arrays of short strings: ' +
        '{"consensus": [points the answers agree on], "contradictions": [points where they disagree, and which side is right], ' +
        '"unique_insights": [correct points only one answer makes], "blind_spots": [what every answer missed or got wrong]}. Refer to answers by reference number.',
    },
    { role: 'user', content: `Conversation:\n${conversationText(request)}\n\nCandidate answers:\n\n${referencesBlock(references)}` },
  ];
}

export function fusionFinalBrief(analysis: JudgeAnalysis, references: readonly Reference[]): string {
  const section = (title: string, items: readonly string[]): string => `${title}:\n${items.length ? items.map((s) => `- ${s}`).join('\n') : '- (none)'}`;
  return [
    'Candidate answers to this conversation were compared. Use the analysis and the references to write the single best final answer for the user, following every instruction and output format above.',
    NO_REVEAL,
    section('Consensus', analysis.consensus),
    section('Contradictions', analysis.contradictions),
    section('Unique insights', analysis.unique_insights),
    section('Blind spots', analysis.blind_spots),
    referencesBlock(references),
  ].join('\n\n');
}

export function graderMessages(request: ChatCompletionRequest, answer: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You grade an answer to a conversation for correctness, completeness and instruction following. ' +
        'Reply with only a JSON object: {"score": a number from 0 (wrong) to 1 (certainly right), "reason": "one sentence"}.',
    },
    { role: 'user', content: `Conversation:\n${conversationText(request)}\n\nAnswer to grade:\n${answer}` },
  ];
}

export interface WorkerDescription {
  readonly id: string;
  /** e.g. "strong at math, code; relative cost 3". */
  readonly profile: string;
}

export function plannerMessages(request: ChatCompletionRequest, workers: readonly WorkerDescription[], maxSteps: number, maxParallel: number): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        `You plan how a team of workers solves a request. Steps run in order; the roles inside a step run in parallel and see the outputs of earlier steps. ` +
        `Use at most ${maxSteps} steps and at most ${maxParallel} roles per step. Workers:\n${workers.map((w) => `- ${w.id}: ${w.profile}`).join('\n')}\n` +
        'Reply with only a JSON object: {"steps": [[{"role": "short role name", "worker": "worker id", "instruction": "what this role must produce"}]]}. ' +
        'A final writer combines the outputs afterwards; do not plan that step.',
    },
    { role: 'user', content: `Request to plan for:\n${conversationText(request)}` },
  ];
}

export function roleBrief(role: string, instruction: string, references: readonly Reference[]): string {
  const parts = [`You are the ${role} in a team working on this conversation. Your task: ${instruction}`, 'Produce only your part; a final writer will combine the team\'s work.'];
  if (references.length > 0) parts.push(`Outputs of earlier steps:\n\n${referencesBlock(references)}`);
  return parts.join('\n\n');
}

export function verifierMessages(request: ChatCompletionRequest, references: readonly Reference[]): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You check a team\'s work on a conversation for errors and gaps. Reply with only a JSON object: ' +
        '{"ok": true or false, "issues": ["each concrete problem that must be fixed"]}.',
    },
    { role: 'user', content: `Conversation:\n${conversationText(request)}\n\nTeam outputs:\n\n${referencesBlock(references)}` },
  ];
}

export function repairBrief(references: readonly Reference[], issues: readonly string[]): string {
  return [
    'A reviewer found problems in the team\'s work on this conversation. Produce a corrected, complete version that fixes every issue.',
    `Issues:\n${issues.map((issue) => `- ${issue}`).join('\n')}`,
    `Team outputs:\n\n${referencesBlock(references)}`,
  ].join('\n\n');
}

export function workflowFinalBrief(references: readonly Reference[]): string {
  return [
    'A team prepared the material below for this conversation. Write the final answer for the user from it, following every instruction and output format above.',
    NO_REVEAL,
    referencesBlock(references),
  ].join('\n\n');
}
