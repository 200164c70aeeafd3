/**
 * How the demo's simulated backends answer: the sim's default echo for ordinary prompts, and valid JSON for the
 * structured roles recipes ask models to play (fusion judge, self-verify grader, workflows planner and
 * verifier), so `consilium/fusion` and friends take their real path in the demo instead of a fallback.
 * Roles are recognised with the eval simulation's detector, which reads the recipes' own prompt builders.
 */
import { detectRole, plannerOffer, allText } from '../eval/sim/roles.js';
import type { ChatMessage } from '../openai/types.js';
import type { Responder } from './sim-backend.js';

export function demoResponder(name: string): Responder {
  return ({ body }) => {
    const messages = (body.messages ?? []) as ChatMessage[];
    switch (detectRole(messages)) {
      case 'fusion_judge':
        return {
          content: JSON.stringify({
            consensus: ['Reference 1 and Reference 2 give the same core answer.'],
            contradictions: [],
            unique_insights: ['Reference 2 adds a safety caveat.'],
            blind_spots: [],
          }),
        };
      case 'grader':
        return { content: JSON.stringify({ score: 0.82, reason: `${name} finds the answer consistent` }) };
      case 'verifier':
        return { content: '{"ok": true, "issues": []}' };
      case 'planner': {
        const [first = 'W1', second = first] = plannerOffer(allText(messages)).workers;
        return {
          content: JSON.stringify({
            steps: [
              [{ role: 'researcher', worker: first, instruction: 'List the facts the answer needs.' }],
              [{ role: 'writer', worker: second, instruction: 'Draft the answer from those facts.' }],
            ],
          }),
        };
      }
      default:
        return {};
    }
  };
}
