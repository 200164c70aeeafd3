/**
 * The `simulation:` section of an eval file: the seed, the correlation ρ of wrong answers, the confidence
 * distributions, the grader's noise and, per simulated model, its accuracy by category and its latency.
 * Validated strictly (unknown keys fail with their path) and frozen.
 */
import { z } from 'zod';
import { EvalInputError } from '../errors.js';

export interface ConfidenceParams {
  /** Mean logprob confidence of a correct answer. */
  readonly correctMean: number;
  /** correctMean minus the mean for a wrong answer. AUROC = Φ(gap / (sd·√2)). */
  readonly gap: number;
  /** Standard deviation of both normals. */
  readonly sd: number;
}

export interface SimModel {
  readonly name: string;
  /** Probability of a correct answer, by item category; `default` for the others. */
  readonly accuracy: Readonly<Record<string, number>>;
  /** Median delay before the answer's first byte. */
  readonly latencyMs: number;
}

export interface SimParams {
  readonly seed: number;
  /** ρ: probability that a wrong answer is the item's shared trap rather than a uniform wrong option. */
  readonly correlation: number;
  readonly confidence: ConfidenceParams;
  /** SD of the noise the self-verify grader adds to the confidence it reports. */
  readonly graderNoise: number;
  readonly models: ReadonlyMap<string, SimModel>;
}

const probability = z.number().min(0).max(1);

const SimModelSchema = z.strictObject({
  accuracy: z.union([probability, z.record(z.string().min(1), probability)]),
  latency_ms: z.number().nonnegative().default(50),
});

export const SimulationSchema = z.strictObject({
  seed: z.number().int().default(1),
  correlation: probability.default(0),
  confidence: z
    .strictObject({
      correct_mean: probability.default(0.82),
      gap: z.number().min(0).max(1).default(0.12),
      sd: z.number().positive().max(1).default(0.1),
    })
    .default({ correct_mean: 0.82, gap: 0.12, sd: 0.1 }),
  grader_noise: z.number().min(0).max(1).default(0.05),
  /** A bare number is shorthand for `{accuracy: {default: n}}`. */
  models: z.record(z.string().min(1), z.union([probability, SimModelSchema])).refine((m) => Object.keys(m).length > 0, 'at least one simulated model'),
});

export type RawSimulation = z.input<typeof SimulationSchema>;

/** Parses the raw `simulation:` value; `where` prefixes the path in error messages. */
export function parseSimulation(raw: unknown, where = 'simulation'): SimParams {
  const parsed = SimulationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EvalInputError(`${[where, ...(issue?.path ?? []).map(String)].join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  const s = parsed.data;
  const models = new Map<string, SimModel>();
  for (const [name, entry] of Object.entries(s.models)) {
    const m = typeof entry === 'number' ? { accuracy: entry, latency_ms: 50 } : entry;
    const accuracy = typeof m.accuracy === 'number' ? { default: m.accuracy } : m.accuracy;
    if (accuracy.default === undefined) throw new EvalInputError(`${where}.models.${name}.accuracy.default: required`);
    models.set(name, Object.freeze({ name, accuracy: Object.freeze({ ...accuracy }), latencyMs: m.latency_ms }));
  }
  return Object.freeze({
    seed: s.seed,
    correlation: s.correlation,
    confidence: Object.freeze({ correctMean: s.confidence.correct_mean, gap: s.confidence.gap, sd: s.confidence.sd }),
    graderNoise: s.grader_noise,
    models,
  });
}

/** The same parameters with another ρ (the sweep). */
export function withCorrelation(params: SimParams, correlation: number): SimParams {
  return Object.freeze({ ...params, correlation });
}

/** The AUROC the confidence parameters imply (before clamping to (0, 1)): Φ(gap / (sd·√2)). */
export function impliedAuroc(confidence: ConfidenceParams): number {
  return normalCdf(confidence.gap / (confidence.sd * Math.SQRT2));
}

/** Φ, the standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
