/**
 * Runs every fault scenario against every recipe and single routing through the gateway, and measures success,
 * fallback use, latency and deadline overshoot per target, plus the proof that abandoned backend calls were
 * closed: after each scenario no proxied request may still be open, and every hung request must have been
 * closed by its client (Consilium or the gateway).
 */
import { Agent } from 'undici';
import { percentile, rate } from '../stats.js';
import { ask, type Answer } from './client.js';
import { FAULT_SCENARIOS, type FaultScenario } from './scenarios.js';
import { MODELS, RECIPE_DEADLINE_MS, RECIPES, startFaultStack, type FaultStack } from './stack.js';

export const TARGETS = ['single', ...RECIPES] as const;

/**
 * Rows of the report: auto is split by what it did, because an easy request is handed to one model as a plain
 * Route (Envoy calls it, with no in-process retry or fallback, like single routing).
 */
export const ROWS = ['single', ...RECIPES.filter((r) => r !== 'auto'), 'auto→recipe', 'auto→route'] as const;

function rowOf(answer: Answer): string {
  if (answer.target !== 'auto') return answer.target;
  return answer.calls === 0 ? 'auto→route' : 'auto→recipe';
}

/** Rows that run in-process (and so must answer despite faults): every recipe row but auto's routes. */
export function isRecipeRow(row: string): boolean {
  return row !== 'single' && row !== 'auto→route';
}

export interface TargetStats {
  readonly target: string;
  readonly requests: number;
  readonly successRate: number;
  readonly fallbackRate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Recipe answers later than deadline_ms + 100 ms. */
  readonly overDeadline: number;
  /** A few distinct problems seen, for the report. */
  readonly problems: readonly string[];
}

export interface ScenarioStats {
  readonly scenario: FaultScenario;
  readonly targets: readonly TargetStats[];
  /** Backend requests the proxies saw, and how many got the injected fault. */
  readonly backendRequests: number;
  readonly injected: number;
  /** Requests the client closed before the answer ended (aborted calls). */
  readonly closedByClient: number;
  /** Hung requests, and how many of those were closed by the client. */
  readonly hung: number;
  readonly hungClosed: number;
  /** The longest a hung request stayed open. */
  readonly hungMaxOpenMs: number;
  /** Proxied requests still open after the scenario ended (must be 0). */
  readonly leftOpen: number;
}

export interface CancelCheck {
  /** Backend calls in flight when the client went away. */
  readonly inFlight: number;
  /** Of those, closed by Consilium within the window. */
  readonly closed: number;
  /** Longest time from the client's cancel to a backend call's close. */
  readonly maxCloseMs: number;
}

export interface FaultsResult {
  readonly scenarios: readonly ScenarioStats[];
  readonly cancel: CancelCheck;
  readonly deadlineMs: number;
  readonly concurrency: number;
}

export interface FaultsOptions {
  /** Requests per target per scenario. */
  readonly perTarget: number;
  readonly concurrency: number;
  readonly scenarios?: readonly FaultScenario[];
  /** Skip the client-cancel check (default: run it). */
  readonly skipCancelCheck?: boolean;
  /** Targets to run (default: single routing and every recipe). */
  readonly targets?: readonly string[];
  readonly onScenario?: (stats: ScenarioStats) => void;
}

function summarize(target: string, answers: readonly Answer[]): TargetStats {
  const latencies = answers.map((a) => a.latencyMs);
  const problems = [...new Set(answers.flatMap((a) => (a.problem ? [a.problem.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').slice(0, 140)] : [])))].slice(0, 3);
  return {
    target,
    requests: answers.length,
    successRate: rate(answers.filter((a) => a.ok).length, answers.length),
    fallbackRate: rate(answers.filter((a) => a.ok && a.fallback).length, answers.length),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    overDeadline: !isRecipeRow(target) ? 0 : answers.filter((a) => a.latencyMs > RECIPE_DEADLINE_MS + 100).length,
    problems,
  };
}

async function runScenario(faults: FaultStack, agent: Agent, scenario: FaultScenario, options: FaultsOptions): Promise<ScenarioStats> {
  for (const name of MODELS) {
    faults.stack.backends[name]!.setFaults({ errorRate: scenario.errorRate });
    faults.stack.backends[name]!.clear();
    faults.proxies[name].setFaults(scenario.proxy);
    faults.proxies[name].clear();
  }
  // Interleave targets so recipes and routing share the load, as in production.
  const targets = options.targets ?? TARGETS;
  const jobs = Array.from({ length: options.perTarget }, (_, i) => targets.map((target) => ({ target, stream: target === 'single' && i % 2 === 1, variant: i }))).flat();
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        answers.push(await ask(agent, faults.stack.gatewayUrl, job.target, { stream: job.stream, variant: job.variant }));
      }
    }),
  );
  // Stragglers (aborted calls) close asynchronously; give them a moment before counting what is still open.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const records = MODELS.flatMap((name) => [...faults.proxies[name].records()]);
  const hung = records.filter((r) => r.fault === 'hang');
  const stats: ScenarioStats = {
    scenario,
    targets: ROWS.map((row) => summarize(row, answers.filter((a) => rowOf(a) === row))),
    backendRequests: records.length,
    injected: records.filter((r) => r.fault !== 'none').length + MODELS.reduce((n, name) => n + faults.stack.backends[name]!.requests().filter((r) => r.faults.length > 0).length, 0),
    closedByClient: records.filter((r) => r.clientClosed).length,
    hung: hung.length,
    hungClosed: hung.filter((r) => r.clientClosed).length,
    hungMaxOpenMs: Math.max(0, ...hung.map((r) => (r.endedAt ?? performance.now()) - r.startedAt)),
    leftOpen: MODELS.reduce((n, name) => n + faults.proxies[name].open(), 0),
  };
  options.onScenario?.(stats);
  return stats;
}

/** A client that goes away mid-recipe: every backend call the recipe had in flight must be closed. */
async function runCancelCheck(faults: FaultStack, agent: Agent): Promise<CancelCheck> {
  for (const name of MODELS) {
    faults.stack.backends[name]!.setFaults({});
    faults.proxies[name].setFaults({ kind: 'slow_first_byte', rate: 1, delayMs: 3_000 });
    faults.proxies[name].clear();
  }
  const controllers = Array.from({ length: 6 }, () => new AbortController());
  const requests = controllers.map((controller, i) => ask(agent, faults.stack.gatewayUrl, RECIPES[i % RECIPES.length]!, { signal: controller.signal }));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cancelledAt = performance.now();
  for (const controller of controllers) controller.abort();
  await Promise.all(requests);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const records = MODELS.flatMap((name) => [...faults.proxies[name].records()]).filter((r) => r.startedAt < cancelledAt);
  const closed = records.filter((r) => r.clientClosed && r.endedAt !== undefined);
  return {
    inFlight: records.length,
    closed: closed.length,
    maxCloseMs: Math.max(0, ...closed.map((r) => r.endedAt! - cancelledAt)),
  };
}

/** Runs `body` on a fresh stack, so no scenario inherits another's cooldowns or pools. */
async function withStack<T>(concurrency: number, body: (faults: FaultStack, agent: Agent) => Promise<T>): Promise<T> {
  const faults = await startFaultStack();
  const agent = new Agent({ connections: concurrency * 2, keepAliveTimeout: 10_000 });
  try {
    return await body(faults, agent);
  } finally {
    await agent.close();
    await faults.close();
  }
}

export async function runFaults(options: FaultsOptions): Promise<FaultsResult> {
  const scenarios: ScenarioStats[] = [];
  for (const scenario of options.scenarios ?? FAULT_SCENARIOS) {
    scenarios.push(await withStack(options.concurrency, (faults, agent) => runScenario(faults, agent, scenario, options)));
  }
  const cancel = options.skipCancelCheck ? { inFlight: 0, closed: 0, maxCloseMs: 0 } : await withStack(options.concurrency, runCancelCheck);
  return { scenarios, cancel, deadlineMs: RECIPE_DEADLINE_MS, concurrency: options.concurrency };
}
