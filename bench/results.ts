/**
 * Results files. `bench/results/latest.json` (committed) holds the newest record of every part: a run that
 * measures some parts replaces those and keeps the others. Every run also writes a dated copy (git-ignored).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError } from './lib/errors.js';
import type { Machine } from './lib/machine.js';

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
export const LATEST_FILE = path.join(RESULTS_DIR, 'latest.json');
export const QUICK_FILE = path.join(RESULTS_DIR, 'quick.json');

export interface PartRecord {
  /** ISO time the part finished. */
  readonly date: string;
  readonly durationMs: number;
  readonly machine: Machine;
  readonly figures: Readonly<Record<string, number>>;
  readonly table: string;
  readonly notes: readonly string[];
}

export interface ResultsFile {
  readonly schema: 1;
  /** ISO time of the newest part. */
  readonly date: string;
  readonly parts: Readonly<Record<string, PartRecord>>;
}

export function emptyResults(): ResultsFile {
  return { schema: 1, date: '', parts: {} };
}

export async function readResults(file: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BenchUsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BenchUsageError(`${file} is not JSON`);
  }
  return asResults(data, file);
}

/** Checks the shape far enough that a comparison cannot misread it. */
export function asResults(data: unknown, source: string): ResultsFile {
  const record = data as Partial<ResultsFile> | null;
  if (!record || typeof record !== 'object' || record.schema !== 1 || typeof record.parts !== 'object' || record.parts === null) {
    throw new BenchUsageError(`${source} is not a bench results file (schema 1)`);
  }
  for (const [name, part] of Object.entries(record.parts)) {
    if (!part || typeof part.figures !== 'object' || part.figures === null) throw new BenchUsageError(`${source}: part ${name} has no figures`);
    for (const [key, value] of Object.entries(part.figures)) {
      if (typeof value !== 'number' && value !== null) throw new BenchUsageError(`${source}: ${name}.${key} is not a number`);
    }
  }
  return record as ResultsFile;
}

/** `previous` with the parts in `fresh` replaced. */
export function mergeResults(previous: ResultsFile, fresh: Readonly<Record<string, PartRecord>>): ResultsFile {
  const parts = { ...previous.parts, ...fresh };
  const date = Object.values(parts)
    .map((p) => p.date)
    .sort()
    .at(-1);
  return { schema: 1, date: date ?? '', parts };
}

/** JSON has no NaN or Infinity: such figures are written as null and read back as missing. */
function serialize(results: ResultsFile): string {
  return `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

export async function writeResults(file: string, results: ResultsFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const staging = `${file}.tmp-${process.pid}`;
  await writeFile(staging, serialize(results));
  await rename(staging, file);
}

/** `bench/results/<date>.json` for a run finished at `date`. */
export function datedFile(date: string): string {
  return path.join(RESULTS_DIR, `${date.replace(/[:.]/g, '-')}.json`);
}
