/**
 * `npm run bench`: runs the bench parts (see args.ts), prints each table, and records the results in
 * bench/results/latest.json plus a dated copy; `--compare FILE` prints every figure's ratio to an earlier file.
 * Never part of `npm test`. Exit codes: 0 done, 1 a bench failed, 2 bad arguments or results file.
 */
import path from 'node:path';
import { run as runClassify } from './classify.js';
import { parseArgs, USAGE, type BenchArgs, type PartName } from './args.js';
import { compareResults, formatComparison } from './compare.js';
import { run as runE2e } from './e2e/index.js';
import { run as runExtproc } from './extproc/index.js';
import { BenchUsageError } from './lib/errors.js';
import { describeMachine, machineLine } from './lib/machine.js';
import type { BenchResult, PartOptions } from './lib/result.js';
import { run as runProfile } from './profile/index.js';
import { run as runRecipes } from './recipes/index.js';
import {
  datedFile,
  emptyResults,
  LATEST_FILE,
  mergeResults,
  QUICK_FILE,
  readResults,
  writeResults,
  type PartRecord,
  type ResultsFile,
} from './results.js';

const PARTS: Readonly<Record<PartName, (options: PartOptions) => Promise<BenchResult>>> = {
  extproc: runExtproc,
  recipes: runRecipes,
  e2e: runE2e,
  classify: () => runClassify(),
  profile: runProfile,
};

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function runParts(args: BenchArgs): Promise<ResultsFile | undefined> {
  if (args.parts.length === 0) return undefined;
  const machine = describeMachine();
  log(`bench: ${args.parts.join(', ')}${args.quick ? ' (quick)' : ''} on ${machineLine(machine)}`);
  const fresh: Record<string, PartRecord> = {};
  const started = performance.now();
  for (const name of args.parts) {
    const partStarted = performance.now();
    const result = await PARTS[name]({ quick: args.quick, log });
    const durationMs = performance.now() - partStarted;
    fresh[name] = { date: new Date().toISOString(), durationMs: Math.round(durationMs), machine, figures: result.figures, table: result.table, notes: result.notes ?? [] };
    process.stdout.write(`\n## ${name} (${(durationMs / 1000).toFixed(0)} s)\n\n${result.table}\n`);
    if (result.notes?.length) process.stdout.write(`\n${result.notes.map((n) => `- ${n}`).join('\n')}\n`);
  }
  log(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  // Quick runs are smoke tests: they never replace the committed figures.
  const target = args.quick ? QUICK_FILE : LATEST_FILE;
  const previous = await readResults(target).catch(() => emptyResults());
  const merged = mergeResults(previous, fresh);
  await writeResults(target, merged);
  const thisRun = mergeResults(emptyResults(), fresh);
  if (!args.quick) await writeResults(datedFile(thisRun.date), thisRun);
  log(`bench: results in ${path.relative(process.cwd(), target)}`);
  return thisRun;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const produced = await runParts(args);
  if (args.compare !== undefined) {
    const before = await readResults(args.compare);
    const afterLabel = args.current ?? (produced ? 'this run' : path.relative(process.cwd(), LATEST_FILE));
    const after = args.current !== undefined ? await readResults(args.current) : (produced ?? (await readResults(LATEST_FILE)));
    process.stdout.write(`\n## compare\n\n${formatComparison(compareResults(before, after), { before: args.compare, after: afterLabel })}\n`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? `bench: ${error.message}` : `bench: ${String(error)}`);
    if (!(error instanceof BenchUsageError) && error instanceof Error && error.stack) log(error.stack);
    process.exit(error instanceof BenchUsageError ? 2 : 1);
  },
);
