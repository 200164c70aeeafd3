/**
 * Reads a Hugging Face ONNX export directory: model.onnx (or onnx/model.onnx), tokenizer.json,
 * tokenizer_config.json when present, and config.json (architectures, id2label). Every problem becomes a
 * ClassifierLoadError naming the file and what is wrong with it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ClassifierLoadError } from './errors.js';

export interface ModelFiles {
  readonly dir: string;
  readonly modelPath: string;
  /** config.json `architectures`, e.g. ["BertForSequenceClassification"]; empty when absent. */
  readonly architectures: readonly string[];
  /** config.json `id2label` in id order; undefined when the config has none. */
  readonly labels: readonly string[] | undefined;
  /**
   * Longest input the model accepts, from config.json max_position_embeddings and tokenizer_config.json
   * model_max_length (whichever is smaller; undefined when neither is a usable number).
   */
  readonly maxLength: number | undefined;
  readonly tokenizerJson: Record<string, unknown>;
  readonly tokenizerConfig: Record<string, unknown>;
}

const MODEL_CANDIDATES = ['model.onnx', path.join('onnx', 'model.onnx')];

export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const dirStat = await stat(dir).catch(() => undefined);
  if (dirStat === undefined) throw new ClassifierLoadError(dir, 'classifier model directory does not exist');
  if (!dirStat.isDirectory()) throw new ClassifierLoadError(dir, 'classifier model path is not a directory');

  const modelPath = await firstExisting(MODEL_CANDIDATES.map((name) => path.join(dir, name)));
  if (modelPath === undefined) throw new ClassifierLoadError(dir, 'classifier model directory has no model.onnx or onnx/model.onnx');

  const tokenizerJson = await readJsonObject(path.join(dir, 'tokenizer.json'));
  const tokenizerConfig = (await readJsonObject(path.join(dir, 'tokenizer_config.json'), { optional: true })) ?? {};
  const configPath = path.join(dir, 'config.json');
  const config = await readJsonObject(configPath);
  return {
    dir,
    modelPath,
    architectures: parseArchitectures(configPath, config.architectures),
    labels: parseId2Label(configPath, config.id2label),
    maxLength: smallestLimit(config.max_position_embeddings, tokenizerConfig.model_max_length),
    tokenizerJson,
    tokenizerConfig,
  };
}

async function firstExisting(files: readonly string[]): Promise<string | undefined> {
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) return file;
  }
  return undefined;
}

type JsonObject = Record<string, unknown>;

/** Reads a JSON object file; an optional file that does not exist yields undefined. */
async function readJsonObject(file: string): Promise<JsonObject>;
async function readJsonObject(file: string, options: { optional: true }): Promise<JsonObject | undefined>;
async function readJsonObject(file: string, options: { optional?: boolean } = {}): Promise<JsonObject | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && options.optional === true) return undefined;
    throw new ClassifierLoadError(file, missing ? `${path.basename(file)} is missing` : `cannot read ${path.basename(file)}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ClassifierLoadError(file, `${path.basename(file)} is not valid JSON`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ClassifierLoadError(file, `${path.basename(file)} must hold a JSON object`);
  }
  return value as JsonObject;
}

function parseArchitectures(file: string, value: unknown): readonly string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ClassifierLoadError(file, 'config.json architectures must be a list of strings');
  }
  return value;
}

/** Tokenizer configs without a real limit carry a huge sentinel (1e30); only plausible lengths count. */
function smallestLimit(...values: unknown[]): number | undefined {
  const limits = values.filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 2 && v <= 1_000_000);
  return limits.length === 0 ? undefined : Math.min(...limits);
}

/** id2label must map every id 0..n-1 to a distinct, non-empty label. */
function parseId2Label(file: string, value: unknown): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ClassifierLoadError(file, 'config.json id2label must be an object of id → label');
  const entries = Object.entries(value as Record<string, unknown>);
  const labels: string[] = new Array<string>(entries.length);
  for (const [key, label] of entries) {
    const id = Number(key);
    if (!/^\d+$/.test(key) || id >= entries.length) {
      throw new ClassifierLoadError(file, `config.json id2label ids must be 0..${entries.length - 1}, got "${key}"`);
    }
    if (typeof label !== 'string' || label.trim() === '') throw new ClassifierLoadError(file, `config.json id2label["${key}"] must be a non-empty string`);
    labels[id] = label;
  }
  if (entries.length === 0) throw new ClassifierLoadError(file, 'config.json id2label is empty');
  for (let id = 0; id < labels.length; id++) {
    if (labels[id] === undefined) throw new ClassifierLoadError(file, `config.json id2label has no label for id ${id}`);
  }
  if (new Set(labels).size !== labels.length) throw new ClassifierLoadError(file, 'config.json id2label has duplicate labels');
  return labels;
}
