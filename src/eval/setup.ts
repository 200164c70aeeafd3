/**
 * What an eval runs against. `--config` takes either a plain Consilium config (real endpoints, keys from the
 * env) or an eval file: `{consilium: <Consilium config>, simulation?, targets?, judge?, dataset?}`. With a
 * `simulation:` section, every model without a base_url is served by the simulated panel, and this module
 * points it there once the panel's port is known. Targets are checked against the config: a configured model
 * or a virtual model; never the judge.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { loadConfigText } from '../config/load.js';
import type { ConsiliumConfig } from '../config/types.js';
import { parseChecks, type CheckSpec } from './checks.js';
import { EvalInputError } from './errors.js';
import { parseSimulation, type SimParams } from './sim/params.js';

export interface EvalFile {
  /** Absolute path of the file. */
  readonly source: string;
  /** The Consilium config as plain data (YAML parsed), before simulated base URLs are filled in. */
  readonly consilium: Readonly<Record<string, unknown>>;
  readonly simulation: SimParams | undefined;
  readonly targets: readonly string[] | undefined;
  readonly judge: string | undefined;
  /** Absolute path of the dataset the file names. */
  readonly dataset: string | undefined;
  /** Claims the report verifies. */
  readonly checks: readonly CheckSpec[];
  /** `--rho-sweep` defaults: the targets to compare (models are the baselines) and the ρ values. */
  readonly sweep: { readonly targets: readonly string[] | undefined; readonly correlations: readonly number[] | undefined };
}

const EvalFileSchema = z.strictObject({
  consilium: z.record(z.string(), z.unknown()),
  simulation: z.unknown().optional(),
  targets: z.array(z.string().min(1)).min(1).optional(),
  judge: z.string().min(1).optional(),
  dataset: z.string().min(1).optional(),
  checks: z.unknown().optional(),
  sweep: z
    .strictObject({
      targets: z.array(z.string().min(1)).min(1).optional(),
      correlations: z.array(z.number().min(0).max(1)).min(2).optional(),
    })
    .optional(),
});

export async function readEvalFile(file: string): Promise<EvalFile> {
  const source = path.resolve(file);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw new EvalInputError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseEvalFile(text, source);
}

export function parseEvalFile(text: string, source: string): EvalFile {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new EvalInputError(`${source}: ${doc.errors[0]?.message.split('\n')[0] ?? 'invalid YAML'}`);
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new EvalInputError(`${source}: expected a mapping`);
  if (!('consilium' in data)) {
    return { source, consilium: data as Record<string, unknown>, simulation: undefined, targets: undefined, judge: undefined, dataset: undefined, checks: [], sweep: { targets: undefined, correlations: undefined } };
  }
  const parsed = EvalFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue && 'keys' in issue ? ` ${(issue.keys as string[]).join(', ')}` : '';
    throw new EvalInputError(`${source}: ${issue?.path.join('.') || '<root>'}: ${issue?.message ?? 'invalid'}${keys}`);
  }
  const e = parsed.data;
  return {
    source,
    consilium: e.consilium,
    simulation: e.simulation === undefined ? undefined : parseSimulation(e.simulation),
    targets: e.targets,
    judge: e.judge,
    dataset: e.dataset === undefined ? undefined : path.resolve(path.dirname(source), e.dataset),
    checks: e.checks === undefined ? [] : parseChecks(e.checks, source),
    sweep: { targets: e.sweep?.targets, correlations: e.sweep?.correlations },
  };
}

/**
 * The Consilium config to serve, as YAML: listening on loopback ports the OS picks (an eval never takes
 * production ports) and, in a simulation, models without base_url(s) pointed at the panel under their own
 * name (the panel knows models by name). Each such model must be a simulated one.
 */
export function consiliumYaml(file: EvalFile, simBaseUrl?: string): string {
  const raw = structuredClone(file.consilium) as Record<string, unknown>;
  const server = { ...((raw.server ?? {}) as Record<string, unknown>) };
  server.listen = '127.0.0.1:0';
  server.admin = '127.0.0.1:0';
  raw.server = server;
  const models = (raw.models ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, model] of Object.entries(models)) {
    if (typeof model !== 'object' || model === null || model.base_url !== undefined || model.base_urls !== undefined) continue;
    if (!file.simulation) continue;
    if (!file.simulation.models.has(name)) throw new EvalInputError(`${file.source}: consilium.models.${name} has no base_url and is not in simulation.models`);
    if (simBaseUrl === undefined) throw new EvalInputError('the simulated panel is not running');
    model.base_url = simBaseUrl;
    model.model = name;
  }
  return stringify(raw);
}

/** The config `consiliumYaml` describes, validated (for checks before anything starts). */
export function buildConsiliumConfig(file: EvalFile, simBaseUrl?: string): ConsiliumConfig {
  return loadConfigText(consiliumYaml(file, simBaseUrl), { source: file.source, baseDir: path.dirname(file.source) });
}

/** Every name a client may send: configured models and virtual models. */
export function servableNames(config: ConsiliumConfig): Set<string> {
  return new Set([
    ...config.models.keys(),
    ...[...config.recipes.keys()].map((name) => `consilium/${name}`),
    ...config.virtualModels.aliases.keys(),
    ...config.virtualModels.autoProfiles.keys(),
  ]);
}

/** The targets to run: as given (checked), else every model and every recipe, the judge excluded. */
export function resolveTargets(config: ConsiliumConfig, requested: readonly string[] | undefined, judge: string | undefined): string[] {
  const servable = servableNames(config);
  const targets = requested ?? [...config.models.keys(), ...[...config.recipes.keys()].map((name) => `consilium/${name}`)].filter((t) => t !== judge);
  const unknown = targets.filter((t) => !servable.has(t));
  if (unknown.length > 0) throw new EvalInputError(`unknown target(s): ${unknown.join(', ')} (known: ${[...servable].join(', ')})`);
  if (judge !== undefined) {
    if (!config.models.has(judge)) throw new EvalInputError(`judge ${judge} is not a configured model`);
    if (targets.includes(judge)) throw new EvalInputError(`the judge (${judge}) cannot also be a target`);
  }
  if (new Set(targets).size !== targets.length) throw new EvalInputError('targets repeat a name');
  return [...targets];
}
