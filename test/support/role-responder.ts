/**
 * A simulated backend answer for each role a recipe asks a model to play: valid JSON for judge, grader, planner
 * and verifier prompts, and a short plain answer otherwise. `logprob` sets the answer's mean token logprob.
 */
import type { ChatMessage } from '../../src/openai/types.js';
import type { Responder } from '../../src/dev/sim-backend.js';
import { detectRole } from '../../src/eval/sim/roles.js';

/** `label` is what plain answers say ("answer from <label>"); keep it free of model names for leak checks. */
export function roleResponder(label: string, options: { logprob?: number; answer?: string } = {}): Responder {
  return ({ body }) => {
    const messages = body.messages as ChatMessage[];
    switch (detectRole(messages)) {
      case 'fusion_judge':
        return { content: JSON.stringify({ consensus: ['both agree'], contradictions: [], unique_insights: ['ref 2 adds detail'], blind_spots: [] }) };
      case 'grader':
        return { content: '{"score": 0.9, "reason": "looks right"}' };
      case 'planner':
        return { content: JSON.stringify({ steps: [[{ role: 'researcher', worker: 'W1', instruction: 'collect facts' }], [{ role: 'writer', worker: 'W2', instruction: 'draft' }]] }) };
      case 'verifier':
        return { content: '{"ok": true, "issues": []}' };
      default:
        return { content: options.answer ?? `answer from ${label}`, ...(options.logprob === undefined ? {} : { logprobs: options.logprob }) };
    }
  };
}
