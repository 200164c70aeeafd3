/** Assembles the report objects from a session's statistics, with the caveats a reader must see first. */
import path from 'node:path';
import type { ConsiliumConfig } from '../../config/types.js';
import type { TargetStats } from '../aggregate.js';
import type { CheckResult } from '../checks.js';
import type { EvalItem } from '../dataset.js';
import type { EvalFile } from '../setup.js';
import { impliedAuroc, type SimParams } from '../sim/params.js';
import type { EvalReport, SimulationSummary, SweepReport } from './types.js';

export const SIMULATION_CAVEAT =
  'This is a simulated run. It measures the recipes\' mechanics (how they vote, escalate, synthesise and spend) on a simulated panel whose rules are fixed in advance; it says nothing about the quality of any real model.';

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

export function simulationSummary(params: SimParams): SimulationSummary {
  return {
    seed: params.seed,
    correlation: params.correlation,
    confidence: { ...params.confidence },
    impliedAuroc: impliedAuroc(params.confidence),
    graderNoise: params.graderNoise,
    models: Object.fromEntries([...params.models].map(([name, m]) => [name, { accuracy: { ...m.accuracy }, latencyMs: m.latencyMs }])),
  };
}

export interface ReportInput {
  readonly file: EvalFile;
  readonly datasetFile: string;
  readonly items: readonly EvalItem[];
  readonly stats: readonly TargetStats[];
  readonly checks: readonly CheckResult[];
  readonly params: SimParams | undefined;
  readonly judge: string | undefined;
  readonly failures: number;
  readonly now?: Date;
}

export function buildReport(input: ReportInput): EvalReport {
  const categories: Record<string, number> = {};
  for (const item of input.items) categories[item.category] = (categories[item.category] ?? 0) + 1;
  const free = input.items.filter((i) => i.answerType === 'free').length;
  const caveats: string[] = [];
  if (input.params) caveats.push(SIMULATION_CAVEAT);
  if (free > 0) {
    caveats.push(
      `${free} free-form items were graded by the judge model ${input.judge} with a fixed rubric: their scores are only as reliable as that judge. Judge calls are not counted in any target's cost.`,
    );
  }
  if (input.failures > 0) caveats.push(`${input.failures} requests failed; each counts as a wrong answer. Re-running retries them.`);
  if (!input.params) caveats.push(`Measured on ${input.items.length} items of this dataset only; intervals are 95% Wilson intervals.`);
  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    mode: input.params ? 'simulation' : 'real',
    config: display(input.file.source),
    dataset: { file: display(input.datasetFile), items: input.items.length, categories },
    simulation: input.params ? simulationSummary(input.params) : undefined,
    judge: input.judge,
    caveats,
    targets: input.stats,
    checks: input.checks,
  };
}

export interface SweepInput {
  readonly file: EvalFile;
  readonly items: number;
  readonly config: ConsiliumConfig;
  readonly targets: readonly string[];
  readonly points: readonly { readonly correlation: number; readonly stats: readonly TargetStats[] }[];
  readonly now?: Date;
}

export function buildSweepReport(input: SweepInput): SweepReport {
  const baselines = input.targets.filter((t) => input.config.models.has(t));
  const ensembles = input.targets.filter((t) => !input.config.models.has(t));
  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    config: display(input.file.source),
    items: input.items,
    baselines,
    ensembles,
    points: input.points.map((p) => {
      const base = p.stats.filter((s) => baselines.includes(s.target));
      const best = base.reduce<TargetStats | undefined>((a, b) => (a === undefined || b.accuracy > a.accuracy ? b : a), undefined);
      return {
        correlation: p.correlation,
        targets: p.stats.map((s) => ({ target: s.target, accuracy: s.accuracy, low: s.ci.low, high: s.ci.high, costPerItem: s.costPerItem })),
        bestBaseline: { target: best?.target ?? '–', accuracy: best?.accuracy ?? 0 },
      };
    }),
    caveats: [SIMULATION_CAVEAT, 'ρ is the probability that a wrong answer is the item\'s shared trap; whether a model is right does not depend on ρ, so every point sees the same right/wrong pattern.'],
  };
}
