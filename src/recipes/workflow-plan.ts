/**
 * The workflows planner: asks a planner model for a JSON plan and validates it against the allowed models,
 * max_steps and max_parallel. The planner sees workers by alias (W1, W2, ...) with their rating profile and
 * relative cost, never by model name. Anything unusable yields a reason instead of a plan.
 */
import type { WorkflowRole, WorkflowsRecipeConfig } from '../config/recipes.js';
import type { ModelConfig } from '../config/types.js';
import { extractJsonObject } from './parse-json.js';
import { plannerMessages, type WorkerDescription } from './prompts.js';
import { internalRequest } from './requests.js';
import type { RecipeRun } from './run.js';

export type PlanResult = { readonly ok: true; readonly steps: readonly (readonly WorkflowRole[])[] } | { readonly ok: false; readonly why: string };

export async function planWorkflow(run: RecipeRun<WorkflowsRecipeConfig>): Promise<PlanResult> {
  const { config, ctx } = run;
  const planner = config.planner as string;
  const workers = describeWorkers(config.models, ctx.config.models);
  const request = internalRequest(planner, plannerMessages(ctx.request, workers, config.maxSteps, config.maxParallel), config.callMaxTokens);
  const result = await run.call('planner', planner, request);
  if (!result.ok) return { ok: false, why: `planner ${result.kind === 'refused' ? `refused by ${result.limit}` : result.kind}` };
  const aliases = new Map(workers.map((w, i) => [w.id, config.models[i] as string]));
  const plan = parsePlan(result.completion.content, aliases, config.maxSteps, config.maxParallel);
  if (typeof plan === 'string') {
    run.parseFailures++;
    run.score(result.trace, {}, 'parse_failure');
    return { ok: false, why: `invalid plan (${plan})` };
  }
  run.score(result.trace, { steps: plan.length, roles: plan.reduce((n, s) => n + s.length, 0) });
  return { ok: true, steps: plan };
}

/** W1..Wn with "ratings: math 9, default 7; relative cost 2.5" profiles. */
export function describeWorkers(names: readonly string[], models: ReadonlyMap<string, ModelConfig>): WorkerDescription[] {
  const prices = names.map((n) => {
    const m = models.get(n);
    return m ? m.pricing.inputPerMillion + m.pricing.outputPerMillion : 0;
  });
  const cheapest = Math.min(...prices.filter((p) => p > 0));
  return names.map((name, i) => {
    const ratings = Object.entries(models.get(name)?.ratings ?? {}).map(([k, v]) => `${k} ${v}`);
    const price = prices[i] ?? 0;
    const cost = price > 0 && Number.isFinite(cheapest) ? `relative cost ${(price / cheapest).toFixed(1)}` : 'free';
    return { id: `W${i + 1}`, profile: `${ratings.length ? `ratings: ${ratings.join(', ')}; ` : ''}${cost}` };
  });
}

/** The validated steps, or why the plan is unusable. A step may be one role object instead of a list. */
export function parsePlan(text: string | null, aliases: ReadonlyMap<string, string>, maxSteps: number, maxParallel: number): WorkflowRole[][] | string {
  const json = extractJsonObject(text);
  if (!json) return 'no JSON object';
  const steps = json.steps;
  if (!Array.isArray(steps) || steps.length === 0) return '`steps` is not a non-empty list';
  if (steps.length > maxSteps) return `${steps.length} steps exceed max_steps ${maxSteps}`;
  const out: WorkflowRole[][] = [];
  for (const [s, rawStep] of steps.entries()) {
    const roles: unknown[] = Array.isArray(rawStep) ? rawStep : [rawStep];
    if (roles.length === 0) return `step ${s + 1} is empty`;
    if (roles.length > maxParallel) return `step ${s + 1} has ${roles.length} roles, over max_parallel ${maxParallel}`;
    const step: WorkflowRole[] = [];
    for (const raw of roles) {
      if (!raw || typeof raw !== 'object') return `step ${s + 1} holds a non-object role`;
      const { role, worker, instruction } = raw as Record<string, unknown>;
      if (typeof role !== 'string' || role.trim() === '') return `step ${s + 1}: a role has no name`;
      if (typeof instruction !== 'string' || instruction.trim() === '') return `step ${s + 1}: role ${role} has no instruction`;
      const model = typeof worker === 'string' ? aliases.get(worker.trim()) : undefined;
      if (!model) return `step ${s + 1}: role ${role} names an unknown worker`;
      step.push({ role: role.trim().slice(0, 60), model, instruction: instruction.trim() });
    }
    out.push(step);
  }
  return out;
}
