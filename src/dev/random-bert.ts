/**
 * Random BERTs of real shapes for tests and benchmarks: a Hugging Face-style ONNX export directory (model.onnx,
 * tokenizer.json, tokenizer_config.json, config.json) with seeded weights, generated in TypeScript and cached
 * under .cache/random-bert/ (git-ignored). Same options, same bytes: the cache is reused across runs and the
 * directory is published with an atomic rename, so parallel test workers never see a half-written model.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import { buildBertModel, type BertShape } from './onnx/bert-graph.js';
import { bertTokenizerFiles, loadBertUncasedVocab } from './onnx/wordpiece.js';

export type RandomBertShape = 'small' | 'minilm';

export const RANDOM_BERT_SHAPES: Readonly<Record<RandomBertShape, BertShape>> = Object.freeze({
  /** BERT-tiny-like: small enough to generate in well under a second, real vocab and tokenizer. */
  small: { layers: 2, hidden: 128, heads: 2, intermediate: 512, vocabSize: 30_522, maxPositions: 512 },
  /** all-MiniLM-L6-v2's shape. */
  minilm: { layers: 6, hidden: 384, heads: 12, intermediate: 1536, vocabSize: 30_522, maxPositions: 512 },
});

export interface RandomBertOptions {
  /** 'classifier' (default): a sequence-classification export with `logits`; 'encoder': `last_hidden_state`. */
  readonly head?: 'classifier' | 'encoder';
  /** Classifier labels in id order (default: code, math, creative, chat). */
  readonly labels?: readonly string[];
  /** Declare a token_type_ids input (default true, as BERT does). */
  readonly tokenTypeIds?: boolean;
  readonly seed?: number;
  /** 'int8': dense weights quantized to int8 with dynamic activation quantization (see bert-graph.ts). */
  readonly precision?: 'float32' | 'int8';
  /** Parent of the generated directories (default <package>/.cache/random-bert). */
  readonly cacheDir?: string;
}

export const DEFAULT_RANDOM_LABELS: readonly string[] = Object.freeze(['code', 'math', 'creative', 'chat']);
/** Bump when the generated graph or files change, so stale caches are not reused. */
const GENERATOR_VERSION = 1;
const STAMP_FILE = 'random-bert.json';

const inProcess = new Map<string, Promise<string>>();

/** Returns the directory of the requested random BERT, generating it when it is not cached yet. */
export function ensureRandomBert(shape: RandomBertShape, options: RandomBertOptions = {}): Promise<string> {
  const spec = {
    generator: GENERATOR_VERSION,
    shape,
    dims: RANDOM_BERT_SHAPES[shape],
    head: options.head ?? 'classifier',
    labels: [...(options.labels ?? DEFAULT_RANDOM_LABELS)],
    tokenTypeIds: options.tokenTypeIds ?? true,
    seed: options.seed ?? 42,
    ...(options.precision === 'int8' ? { precision: 'int8' as const } : {}),
  };
  const hash = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 10);
  const name = `${shape}${options.precision === 'int8' ? '-int8' : ''}-${spec.head}-${hash}`;
  const dir = path.join(options.cacheDir ?? path.join(PACKAGE_ROOT, '.cache', 'random-bert'), name);
  let pending = inProcess.get(dir);
  if (pending === undefined) {
    pending = materialize(dir, spec).catch((error: unknown) => {
      inProcess.delete(dir);
      throw error;
    });
    inProcess.set(dir, pending);
  }
  return pending;
}

type Spec = { shape: RandomBertShape; dims: BertShape; head: 'classifier' | 'encoder'; labels: string[]; tokenTypeIds: boolean; seed: number; precision?: 'int8' };

async function materialize(dir: string, spec: Spec): Promise<string> {
  if (await exists(path.join(dir, STAMP_FILE))) return dir;
  await mkdir(path.dirname(dir), { recursive: true });
  const staging = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(staging);
  try {
    await writeModelFiles(staging, spec);
    await writeFile(path.join(staging, STAMP_FILE), `${JSON.stringify(spec, null, 2)}\n`);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process published the same model first: theirs is byte-identical.
    if (await exists(path.join(dir, STAMP_FILE))) return dir;
    throw error;
  }
  return dir;
}

async function writeModelFiles(dir: string, spec: Spec): Promise<void> {
  const vocab = await loadBertUncasedVocab();
  if (vocab.length !== spec.dims.vocabSize) throw new Error(`vocab has ${vocab.length} entries, shape expects ${spec.dims.vocabSize}`);
  const model = buildBertModel({ shape: spec.dims, head: spec.head, numLabels: spec.labels.length, tokenTypeIds: spec.tokenTypeIds, seed: spec.seed, precision: spec.precision ?? 'float32' });
  const { tokenizerJson, tokenizerConfig } = bertTokenizerFiles(vocab, spec.dims.maxPositions);
  const config = {
    architectures: [spec.head === 'classifier' ? 'BertForSequenceClassification' : 'BertModel'],
    model_type: 'bert',
    hidden_size: spec.dims.hidden,
    num_hidden_layers: spec.dims.layers,
    num_attention_heads: spec.dims.heads,
    intermediate_size: spec.dims.intermediate,
    vocab_size: spec.dims.vocabSize,
    max_position_embeddings: spec.dims.maxPositions,
    type_vocab_size: 2,
    hidden_act: 'gelu',
    layer_norm_eps: 1e-12,
    ...(spec.precision === 'int8' ? { quantization: 'dynamic int8 (MatMulInteger), symmetric per-tensor weights' } : {}),
    ...(spec.head === 'classifier'
      ? {
          id2label: Object.fromEntries(spec.labels.map((label, id) => [String(id), label])),
          label2id: Object.fromEntries(spec.labels.map((label, id) => [label, id])),
          problem_type: 'single_label_classification',
        }
      : {}),
  };
  await Promise.all([
    writeFile(path.join(dir, 'model.onnx'), model),
    writeFile(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson)),
    writeFile(path.join(dir, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`),
    writeFile(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`),
  ]);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
