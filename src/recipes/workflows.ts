/**
 * Workflows: roles from the config (static) or from a planner's validated JSON plan run step by step, the
 * roles of a step in parallel (max_parallel), each seeing earlier outputs as labelled references. An
 * optional verifier may trigger ONE repair call; a finalizer writes the answer under the client's output
 * contract. An unusable plan means "solve directly" with one model; a failed finalizer falls back to the
 * best step output.
 */
import type { Completion } from '../backends/types.js';
import type { WorkflowRole, WorkflowsRecipeConfig } from '../config/recipes.js';
import { answerText } from './evidence.js';
import { fanout } from './fanout.js';
import { finalStep } from './final-step.js';
import { extractJsonObject, stringList } from './parse-json.js';
import { repairBrief, roleBrief, verifierMessages, workflowFinalBrief, type Reference } from './prompts.js';
import { derivedRequest, internalRequest, withSystemBrief } from './requests.js';
import type { RecipeRun } from './run.js';
import type { Outcome } from './types.js';
import { planWorkflow } from './workflow-plan.js';

interface StepOutput {
  readonly label: string;
  /** Step index; -1 for the repair call's revision. */
  readonly step: number;
  readonly completion: Completion;
}

/** Verifier answers are short JSON. */
const VERIFIER_MAX_TOKENS = 512;

export async function runWorkflows(run: RecipeRun<WorkflowsRecipeConfig>): Promise<Outcome> {
  const { config } = run;
  let steps: readonly (readonly WorkflowRole[])[] = config.steps;
  if (config.mode === 'planner') {
    const plan = await planWorkflow(run);
    if (!plan.ok) {
      run.useFallback(`${plan.why}: solved directly with one model`);
      return finalStep(run, { step: 'direct', model: config.directModel, brief: undefined, reason: `workflows: ${plan.why}, solved directly by ${config.directModel}`, evidence: [], evidenceLabel: 'none' });
    }
    steps = plan.steps;
  }

  const outputs: StepOutput[] = [];
  for (const [s, roles] of steps.entries()) {
    const launch = Math.min(roles.length, run.budget.callsLeft() - 1);
    if (launch < roles.length) run.budget.markStopped('max_calls');
    if (launch < 1 || run.budget.exhausted) {
      run.note(`step[${s}]`, 'skipped', { detail: `stopped by ${run.budget.stoppedBy ?? 'max_calls'}` });
      break;
    }
    const references = asReferences(outputs);
    const tasks = roles.slice(0, launch).map((role) => {
      const messages = withSystemBrief(run.ctx.request.messages, roleBrief(role.role, role.instruction, references));
      const request = derivedRequest(run.ctx.request, role.model, { cap: config.callMaxTokens, messages });
      return (signal: AbortSignal) => run.call(`step[${s}].${role.role}`, role.model, request, { signal });
    });
    const fan = await fanout(tasks, { maxConcurrent: config.maxParallel, ...(config.stepTimeoutMs !== undefined ? { timeoutMs: config.stepTimeoutMs } : {}) });
    if (fan.ended === 'timed_out') run.quorum = 'timed_out';
    fan.results.forEach((r, i) => {
      if (r?.ok && answerText(r.completion) !== '') outputs.push({ label: roles[i]?.role ?? `role ${i + 1}`, step: s, completion: r.completion });
    });
  }

  await verifyAndRepair(run, outputs);
  const repaired = outputs.find((o) => o.step === -1);
  return finalStep(run, {
    step: 'finalizer',
    model: config.finalizer,
    brief: outputs.length > 0 ? workflowFinalBrief(asReferences(outputs)) : undefined,
    reason: `workflows: ${steps.length} ${config.mode} steps, ${outputs.length} outputs${repaired ? ', repaired' : ''}, finalized by ${config.finalizer}`,
    evidence: repaired ? [repaired.completion] : lastStepOutputs(outputs),
    evidenceLabel: 'the best step output',
  });
}

/** One verifier call; when it reports issues, one repair call whose output joins the outputs as `revision`. */
async function verifyAndRepair(run: RecipeRun<WorkflowsRecipeConfig>, outputs: StepOutput[]): Promise<void> {
  const { config, ctx } = run;
  // Verify only when the verifier, a repair and the finalizer still fit.
  if (!config.verifier || outputs.length === 0 || run.budget.callsLeft() < 3) return;
  const references = asReferences(outputs);
  const cap = Math.min(VERIFIER_MAX_TOKENS, config.callMaxTokens);
  const verdict = await run.call('verifier', config.verifier, internalRequest(config.verifier, verifierMessages(ctx.request, references), cap));
  if (!verdict.ok) return;
  const json = extractJsonObject(verdict.completion.content);
  const ok = json?.ok;
  if (!json || (typeof ok !== 'boolean' && ok !== 'true' && ok !== 'false')) {
    run.parseFailures++;
    run.score(verdict.trace, {}, 'parse_failure');
    return;
  }
  const issues = stringList(json.issues);
  const passed = ok === true || ok === 'true' || issues.length === 0;
  run.score(verdict.trace, { ok: passed ? 1 : 0, issues: issues.length });
  if (passed) return;
  const messages = withSystemBrief(ctx.request.messages, repairBrief(references, issues));
  const repair = await run.call('repair', config.finalizer, derivedRequest(ctx.request, config.finalizer, { cap: config.callMaxTokens, messages }));
  if (repair.ok && answerText(repair.completion) !== '') outputs.push({ label: 'revision', step: -1, completion: repair.completion });
}

function asReferences(outputs: readonly StepOutput[]): Reference[] {
  return outputs.map((o) => ({ text: answerText(o.completion), label: o.label }));
}

/** The outputs of the last step that produced any (the most developed evidence). */
function lastStepOutputs(outputs: readonly StepOutput[]): Completion[] {
  const last = Math.max(...outputs.map((o) => o.step));
  return outputs.filter((o) => o.step === last).map((o) => o.completion);
}
