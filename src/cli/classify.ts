/**
 * `consilium classify`: runs the intent classifier on one text or a JSONL file of texts.
 * With --json, stdout carries one JSON object per input, in input order; human summaries (accuracy and the
 * confusion matrix when the file has labels) go to stderr. Exit codes: 0 success, 1 a classification failed,
 * 2 usage, config, input file or model problem.
 */
import { readFile } from 'node:fs/promises';
import { confusionReport, type LabelledText } from '../classify/confusion.js';
import { ClassifierLoadError } from '../classify/errors.js';
import { DEFAULT_CLASSIFIER_CONFIG } from '../classify/defaults.js';
import { loadClassifier, type OnnxClassifier } from '../classify/load.js';
import type { Classification } from '../classify/types.js';
import { loadConfigFile } from '../config/load.js';
import type { ClassifierConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import { parse, UsageError, withUsage } from './args.js';

const USAGE = `usage: consilium classify [--config FILE] [--json] "text"
       consilium classify [--config FILE] [--json] --file prompts.jsonl

  --config FILE  use the classifier section of a Consilium config (default: the shipped model)
  --file FILE    classify each {"text", "label"?} line; with labels, accuracy and confusion go to stderr
  --json         one JSON object per input on stdout: {"label","probability","top","latency_ms"}
`;

/** Where the command writes; tests pass collectors. */
export interface CommandIO {
  readonly stdout: { write(text: string, callback?: () => void): boolean };
  readonly stderr: { write(text: string): boolean };
}

interface Result {
  readonly classification: Classification;
  readonly latencyMs: number;
}

/** Inputs in flight at once in --file mode: enough to fill batches, bounded so memory stays flat. */
const FILE_CONCURRENCY = 64;

export function run(argv: string[], io: CommandIO = process): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parse(
      argv,
      { config: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      true,
    );
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const text = positionals.join(' ');
    if (values.file === undefined && positionals.length === 0) throw new UsageError('give a text to classify, or --file');
    if (values.file !== undefined && positionals.length > 0) throw new UsageError('give either a text or --file, not both');

    const fail = (message: string, code: number) => {
      io.stderr.write(`consilium classify: ${message}\n`);
      return code;
    };
    let settings: ClassifierConfig = DEFAULT_CLASSIFIER_CONFIG;
    let inputs: readonly LabelledText[] = [{ text, label: undefined }];
    try {
      if (values.config !== undefined) settings = (await loadConfigFile(values.config)).classifier;
      if (values.file !== undefined) inputs = parseLabelledTexts(values.file, await readInputFile(values.file));
    } catch (error) {
      if (error instanceof ConfigError || error instanceof UsageError) return fail(error.message, 2);
      throw error;
    }

    let classifier: OnnxClassifier;
    try {
      classifier = await loadClassifier(settings);
    } catch (error) {
      if (error instanceof ClassifierLoadError) return fail(error.message, 2);
      throw error;
    }
    try {
      const json = values.json === true;
      const results = await classifyInOrder(classifier, inputs, (result, input) => write(io, json ? jsonLine(result) : humanLine(result, input, values.file !== undefined)));
      if (inputs.some((input) => input.label !== undefined)) io.stderr.write(confusionReport(inputs, results.map((r) => r.classification.label), classifier.labels));
      return 0;
    } catch (error) {
      return fail(`classification failed: ${error instanceof Error ? error.message : String(error)}`, 1);
    } finally {
      await classifier.close();
    }
  });
}

/** Parses JSON Lines of {"text", "label"?}; blank lines are skipped; a bad line is a UsageError naming it. */
function parseLabelledTexts(file: string, content: string): LabelledText[] {
  const inputs: LabelledText[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(`${where}: not valid JSON`);
    }
    const { text, label } = (typeof value === 'object' && value !== null ? value : {}) as { text?: unknown; label?: unknown };
    if (typeof text !== 'string') throw new UsageError(`${where}: expected an object with a string "text"`);
    if (label !== undefined && label !== null && typeof label !== 'string') throw new UsageError(`${where}: "label" must be a string`);
    inputs.push({ text, label: typeof label === 'string' ? label : undefined });
  });
  if (inputs.length === 0) throw new UsageError(`${file}: no inputs`);
  return inputs;
}

async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Classifies with up to FILE_CONCURRENCY in flight; `emit` sees results strictly in input order. */
async function classifyInOrder(
  classifier: OnnxClassifier,
  inputs: readonly LabelledText[],
  emit: (result: Result, input: LabelledText) => Promise<void>,
): Promise<Result[]> {
  const results: Result[] = new Array<Result>(inputs.length);
  let next = 0;
  let emitted = 0;
  let emitting: Promise<void> = Promise.resolve();
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      const input = inputs[index] as LabelledText;
      const started = performance.now();
      const classification = await classifier.classify(input.text);
      results[index] = { classification, latencyMs: performance.now() - started };
      while (emitted < inputs.length && results[emitted] !== undefined) {
        const ready = emitted++;
        emitting = emitting.then(() => emit(results[ready] as Result, inputs[ready] as LabelledText));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILE_CONCURRENCY, inputs.length) }, worker));
  await emitting;
  return results;
}

function jsonLine(result: Result): string {
  const { label, probability, top } = result.classification;
  return `${JSON.stringify({ label, probability, top: top.map((t) => ({ label: t.label, probability: t.probability })), latency_ms: round3(result.latencyMs) })}\n`;
}

function humanLine(result: Result, input: LabelledText, withText: boolean): string {
  const { label, probability, top } = result.classification;
  const others = top
    .filter((t) => t.label !== label)
    .slice(0, 3)
    .map((t) => `${t.label} ${t.probability.toFixed(3)}`)
    .join(', ');
  const preview = withText ? `  ${JSON.stringify(input.text.length > 60 ? `${input.text.slice(0, 57)}...` : input.text)}` : '';
  return `${label} ${probability.toFixed(3)}${others ? ` (${others})` : ''} ${result.latencyMs.toFixed(2)} ms${preview}\n`;
}

function write(io: CommandIO, text: string): Promise<void> {
  return new Promise((resolve) => io.stdout.write(text, resolve));
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
