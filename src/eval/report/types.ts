/** The eval report as written to report.json; markdown and HTML render the same object. */
import type { TargetStats } from '../aggregate.js';
import type { CheckResult } from '../checks.js';

export interface SimulationSummary {
  readonly seed: number;
  readonly correlation: number;
  readonly confidence: { readonly correctMean: number; readonly gap: number; readonly sd: number };
  /** Φ(gap / (sd·√2)): the AUROC of confidence for telling right answers from wrong ones. */
  readonly impliedAuroc: number;
  readonly graderNoise: number;
  readonly models: Readonly<Record<string, { readonly accuracy: Readonly<Record<string, number>>; readonly latencyMs: number }>>;
}

export interface EvalReport {
  readonly generatedAt: string;
  readonly mode: 'simulation' | 'real';
  /** The config or eval file. */
  readonly config: string;
  readonly dataset: { readonly file: string; readonly items: number; readonly categories: Readonly<Record<string, number>> };
  readonly simulation: SimulationSummary | undefined;
  readonly judge: string | undefined;
  readonly caveats: readonly string[];
  readonly targets: readonly TargetStats[];
  readonly checks: readonly CheckResult[];
}

export interface SweepPoint {
  readonly correlation: number;
  readonly targets: readonly { readonly target: string; readonly accuracy: number; readonly low: number; readonly high: number; readonly costPerItem: number }[];
  /** Best single baseline (e.g. the best mid model) at this ρ. */
  readonly bestBaseline: { readonly target: string; readonly accuracy: number };
}

export interface SweepReport {
  readonly generatedAt: string;
  readonly config: string;
  readonly items: number;
  readonly baselines: readonly string[];
  readonly ensembles: readonly string[];
  readonly points: readonly SweepPoint[];
  readonly caveats: readonly string[];
}
