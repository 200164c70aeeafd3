/**
 * A simulated backend answer for each role a recipe asks a model to play: the demo's valid JSON for judge,
 * grader, planner and verifier prompts, and a short plain answer otherwise. `logprob` sets the answer's mean
 * token logprob.
 */
import { demoResponder } from '../../src/dev/demo-responder.js';
import type { Responder } from '../../src/dev/sim-backend.js';

/** `label` is what plain answers say ("answer from <label>"); keep it free of model names for leak checks. */
export function roleResponder(label: string, options: { logprob?: number; answer?: string } = {}): Responder {
  const structured = demoResponder(label);
  return async (request) => {
    const role = await structured(request);
    if (role.content !== undefined) return role;
    return { content: options.answer ?? `answer from ${label}`, ...(options.logprob === undefined ? {} : { logprobs: options.logprob }) };
  };
}
