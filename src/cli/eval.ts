/**
 * `consilium eval`: measures what each target (a model or a recipe) buys in accuracy, cost and latency, by
 * sending every dataset item through the gateway and ext_proc server. With no arguments it runs the bundled
 * simulation into eval-out/. Exit codes: 0 done (a missed check is reported, not an error), 1 runtime
 * failure, 2 usage, config or dataset error.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors/index.js';
import { EvalInputError } from '../eval/errors.js';
import { datasetText, generateDataset } from '../eval/generate/index.js';
import { targetTable } from '../eval/report/markdown.js';
import { renderSweepMarkdown } from '../eval/report/markdown.js';
import { evaluate, sweep, type SessionOptions } from '../eval/session.js';
import { createLogger } from '../observability/logger.js';
import { parse, UsageError, withUsage } from './args.js';
import { describeStartupError, isStartupError } from './startup-errors.js';

const USAGE = `usage: consilium eval [--config FILE] [--dataset FILE.jsonl] [--targets a,b,c] [--out DIR]
                      [--concurrency N] [--limit N] [--judge MODEL] [--rho X] [--fresh] [--json]
       consilium eval --rho-sweep [--rhos 0,0.25,0.5,0.75,1] [--targets a,b,c] [--out DIR] ...
       consilium eval --generate-dataset FILE.jsonl

  --config FILE      an eval file (consilium: + simulation:) or a plain Consilium config for real
                     endpoints (keys from the env); default: the bundled simulation config/eval.sim.yaml
  --dataset FILE     JSONL items {id, messages | prompt, answer?, answer_type, category?}
  --targets LIST     models and virtual models (consilium/<recipe>, consilium/auto) to compare
  --out DIR          results.jsonl and report.{json,md,html} (default eval-out); re-running resumes
  --concurrency N    requests in flight (default 16)
  --limit N          a balanced subset of N items
  --judge MODEL      configured model that grades free-form answers (never a target)
  --rho X            override the simulation's correlation of wrong answers
  --rho-sweep        run the sweep targets at several ρ and compare ensembles with the best single model
  --fresh            discard earlier results in --out
  --json             stdout: one JSON object per target (JSON Lines); human output goes to stderr
`;

const OPTIONS = {
  config: { type: 'string' },
  dataset: { type: 'string' },
  targets: { type: 'string' },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  limit: { type: 'string' },
  judge: { type: 'string' },
  rho: { type: 'string' },
  'rho-sweep': { type: 'boolean' },
  rhos: { type: 'string' },
  fresh: { type: 'boolean' },
  json: { type: 'boolean' },
  'generate-dataset': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInt(name: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer (got ${value})`);
  return n;
}

function probability(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--${name} values must be numbers in [0, 1] (got ${value})`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError('an empty list');
  return items;
}

export function run(argv: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(argv, OPTIONS);
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (values['generate-dataset'] !== undefined) {
      const file = path.resolve(values['generate-dataset']);
      await mkdir(path.dirname(file), { recursive: true });
      const items = generateDataset();
      await writeFile(file, datasetText(items));
      process.stderr.write(`wrote ${items.length} items to ${file}\n`);
      return 0;
    }
    if (values.rhos !== undefined && !values['rho-sweep']) throw new UsageError('--rhos needs --rho-sweep');
    const options: SessionOptions = {
      ...(values.config !== undefined ? { configFile: values.config } : {}),
      ...(values.dataset !== undefined ? { datasetFile: values.dataset } : {}),
      ...(values.targets !== undefined ? { targets: list(values.targets) } : {}),
      ...(values.judge !== undefined ? { judge: values.judge } : {}),
      ...(values.rho !== undefined ? { correlation: probability('rho', values.rho) } : {}),
      ...(values.limit !== undefined ? { limit: positiveInt('limit', values.limit, undefined) } : {}),
      outDir: path.resolve(values.out ?? 'eval-out'),
      concurrency: positiveInt('concurrency', values.concurrency, 16) as number,
      fresh: values.fresh === true,
      logger: createLogger({ level: process.env.CONSILIUM_LOG_LEVEL ?? 'error' }),
    };
    try {
      if (values['rho-sweep']) {
        const correlations = list(values.rhos)?.map((r) => probability('rhos', r));
        const result = await sweep({ ...options, ...(correlations ? { correlations } : {}) });
        if (values.json) for (const point of result.sweep.points) process.stdout.write(`${JSON.stringify(point)}\n`);
        else process.stdout.write(renderSweepMarkdown(result.sweep));
        process.stderr.write(`wrote ${result.files.markdown}, ${result.files.html} and ${result.files.json}\n`);
        return 0;
      }
      const result = await evaluate(options);
      if (values.json) for (const target of result.report.targets) process.stdout.write(`${JSON.stringify(target)}\n`);
      else process.stdout.write(`${targetTable(result.report)}\n`);
      const log = (text: string): boolean => process.stderr.write(`${text}\n`);
      for (const caveat of result.report.caveats) log(`caveat: ${caveat}`);
      for (const check of result.report.checks) log(`check ${check.passed === undefined ? 'not run' : check.passed ? 'met' : 'MISSED'}: ${check.name}: ${check.detail}`);
      log(`${result.sent} requests sent, ${result.skipped} reused from ${path.join(options.outDir, 'results.jsonl')}`);
      log(`wrote ${result.files.html}, ${result.files.markdown} and ${result.files.json}`);
      return 0;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (error instanceof EvalInputError || error instanceof ConfigError || isStartupError(error) || isStartupError(cause)) {
        process.stderr.write(`consilium eval: ${error instanceof ConfigError ? error.message : describeStartupError(isStartupError(cause) ? cause : error)}\n`);
        return 2;
      }
      throw error;
    }
  });
}
