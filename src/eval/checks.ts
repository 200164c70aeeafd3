/**
 * Claims an eval file asks the report to verify, each stated before the run and judged on its point
 * estimates: `keeps` (a target keeps a share of a reference's accuracy at a share of its cost), `beats`
 * (every listed target is more accurate than every baseline) and `near_frontier` (a target is within a
 * given accuracy of the cost-vs-accuracy frontier). A missed claim is reported as missed, with its numbers.
 */
import { z } from 'zod';
import type { TargetStats } from './aggregate.js';
import { EvalInputError } from './errors.js';

const CheckSchema = z.strictObject({
  name: z.string().min(1),
  keeps: z
    .strictObject({
      target: z.string(),
      reference: z.string(),
      min_accuracy_ratio: z.number().positive(),
      max_cost_ratio: z.number().positive(),
    })
    .optional(),
  beats: z.strictObject({ targets: z.array(z.string()).min(1), than: z.array(z.string()).min(1) }).optional(),
  near_frontier: z.strictObject({ target: z.string(), max_gap: z.number().min(0) }).optional(),
});

export const ChecksSchema = z.array(CheckSchema.refine((c) => [c.keeps, c.beats, c.near_frontier].filter(Boolean).length === 1, 'set exactly one of keeps, beats, near_frontier'));

export type CheckSpec = z.output<typeof CheckSchema>;

export interface CheckResult {
  readonly name: string;
  /** undefined when a target the check names was not run. */
  readonly passed: boolean | undefined;
  readonly detail: string;
}

export function parseChecks(raw: unknown, where: string): CheckSpec[] {
  const parsed = ChecksSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EvalInputError(`${where}: checks.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Averages of floats land a hair off the bound they meet exactly (0.4000000000000001 ≤ 0.4). */
const EPSILON = 1e-9;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function evaluateChecks(specs: readonly CheckSpec[], stats: readonly TargetStats[]): CheckResult[] {
  const byName = new Map(stats.map((s) => [s.target, s]));
  return specs.map((spec) => {
    const missing = namesOf(spec).filter((n) => !byName.has(n));
    if (missing.length > 0) return { name: spec.name, passed: undefined, detail: `not run: ${missing.join(', ')}` };
    const get = (n: string): TargetStats => byName.get(n) as TargetStats;
    if (spec.keeps) {
      const t = get(spec.keeps.target);
      const ref = get(spec.keeps.reference);
      const accuracyRatio = ref.accuracy > 0 ? t.accuracy / ref.accuracy : 0;
      const costRatio = ref.costPerItem > 0 ? t.costPerItem / ref.costPerItem : Infinity;
      const passed = accuracyRatio >= spec.keeps.min_accuracy_ratio - EPSILON && costRatio <= spec.keeps.max_cost_ratio + EPSILON;
      return {
        name: spec.name,
        passed,
        detail: `${t.target} keeps ${pct(accuracyRatio)} of ${ref.target}'s accuracy (needs ≥ ${pct(spec.keeps.min_accuracy_ratio)}) at ${pct(costRatio)} of its cost (needs ≤ ${pct(spec.keeps.max_cost_ratio)})`,
      };
    }
    if (spec.beats) {
      const bestBaseline = spec.beats.than.map(get).reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
      const parts = spec.beats.targets.map(get).map((t) => `${t.target} ${pct(t.accuracy)} (${t.accuracy > bestBaseline.accuracy ? '+' : ''}${((t.accuracy - bestBaseline.accuracy) * 100).toFixed(1)} pts)`);
      const passed = spec.beats.targets.every((n) => get(n).accuracy > bestBaseline.accuracy);
      return { name: spec.name, passed, detail: `best baseline ${bestBaseline.target} ${pct(bestBaseline.accuracy)}; ${parts.join(', ')}` };
    }
    const spec3 = spec.near_frontier as NonNullable<CheckSpec['near_frontier']>;
    const t = get(spec3.target);
    return {
      name: spec.name,
      passed: t.frontierGap <= spec3.max_gap + EPSILON,
      detail: t.onFrontier ? `${t.target} is on the frontier` : `${t.target} is ${(t.frontierGap * 100).toFixed(1)} pts below the frontier at its cost (allowed ${(spec3.max_gap * 100).toFixed(1)})`,
    };
  });
}

function namesOf(spec: CheckSpec): string[] {
  if (spec.keeps) return [spec.keeps.target, spec.keeps.reference];
  if (spec.beats) return [...spec.beats.targets, ...spec.beats.than];
  return spec.near_frontier ? [spec.near_frontier.target] : [];
}
