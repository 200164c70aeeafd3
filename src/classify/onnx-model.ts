/**
 * The ONNX session of a text model and what its output means. Two kinds of Hugging Face export:
 * - sequence-classification: a `logits` output [batch, labels]; rows come back as logits;
 * - embedding (feature extraction): `last_hidden_state`/`token_embeddings` [batch, seq, hidden], mean-pooled
 *   over real tokens, or an already pooled `sentence_embedding` [batch, hidden]; rows come back L2-normalised.
 * The kind comes from the session's output names, cross-checked with config.json `architectures`.
 */
import path from 'node:path';
import ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';
import { ClassifierLoadError } from './errors.js';
import { batchFeeds, isSupportedInput, type SupportedInput } from './feeds.js';
import type { ModelFiles } from './model-files.js';
import { TokenEncoder } from './token-encoder.js';
import { l2Normalize } from './vector.js';
import { createWorkerSession, type SessionLike } from './worker-session.js';

export type ModelKind = 'sequence-classification' | 'embedding';

export interface OnnxModelOptions {
  readonly maxTokens: number;
  readonly threads: { readonly intraOp: number; readonly interOp: number };
  /** Run the session in a worker thread (see worker-session.ts). */
  readonly worker?: boolean;
}

export interface OnnxTextModel {
  readonly kind: ModelKind;
  readonly dir: string;
  /** id2label order for sequence classifiers; empty for embedding models. */
  readonly labels: readonly string[];
  readonly encoder: TokenEncoder;
  /** The inputs fed on every run: exactly those the model declares. */
  readonly inputNames: readonly SupportedInput[];
  /**
   * Runs one padded batch of token id rows; one result row per input row, in order: logits for a sequence
   * classifier, the L2-normalised pooled embedding for an embedding model.
   */
  infer(rows: readonly (readonly number[])[]): Promise<Float32Array[]>;
  release(): Promise<void>;
}

const TOKEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'];

type OutputPlan = { name: string; pooling: 'none' | 'mean' | 'pooled' };

export async function openOnnxModel(files: ModelFiles, options: OnnxModelOptions): Promise<OnnxTextModel> {
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
  } catch (error) {
    throw new ClassifierLoadError(path.join(files.dir, 'tokenizer.json'), `tokenizer.json cannot be loaded: ${(error as Error).message}`, { cause: error });
  }
  const padToken = typeof files.tokenizerConfig.pad_token === 'string' ? files.tokenizerConfig.pad_token : '[PAD]';
  // Position embeddings end at the model's max length: longer inputs would fail inside the graph.
  const maxTokens = Math.min(options.maxTokens, files.maxLength ?? Infinity);
  const encoder = new TokenEncoder(tokenizer, maxTokens, padToken);

  let session: SessionLike;
  try {
    session = options.worker
      ? await createWorkerSession(files.modelPath, sessionOptions(options.threads))
      : await ort.InferenceSession.create(files.modelPath, sessionOptions(options.threads));
  } catch (error) {
    throw new ClassifierLoadError(files.modelPath, `ONNX model failed to load: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await bindSession(session, files, encoder);
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** Session options for a classifier: all graph optimisations, sequential execution, the configured threads. */
export function sessionOptions(threads: OnnxModelOptions['threads']): ort.InferenceSession.SessionOptions {
  return { intraOpNumThreads: threads.intraOp, interOpNumThreads: threads.interOp, executionMode: 'sequential', graphOptimizationLevel: 'all' };
}

/** Checks inputs and outputs, runs the warm-up, and wraps the session as an OnnxTextModel. */
async function bindSession(session: SessionLike, files: ModelFiles, encoder: TokenEncoder): Promise<OnnxTextModel> {
  const unsupported = session.inputNames.filter((name) => !isSupportedInput(name));
  if (unsupported.length > 0 || !session.inputNames.includes('input_ids')) {
    throw new ClassifierLoadError(files.modelPath, `model inputs [${session.inputNames.join(', ')}] are not input_ids/attention_mask/token_type_ids`);
  }
  const inputNames = session.inputNames.filter(isSupportedInput);
  const output = planOutput(session, files);
  const kind: ModelKind = output.pooling === 'none' ? 'sequence-classification' : 'embedding';
  const labels = kind === 'sequence-classification' ? (files.labels ?? []) : [];
  if (kind === 'sequence-classification' && labels.length === 0) {
    throw new ClassifierLoadError(path.join(files.dir, 'config.json'), 'sequence-classification model needs id2label in config.json');
  }

  const infer = async (rows: readonly (readonly number[])[]): Promise<Float32Array[]> => {
    const results = await session.run(batchFeeds(rows, inputNames, encoder.padId), [output.name]);
    const tensor = results[output.name];
    if (tensor === undefined) throw new Error(`model returned no ${output.name}`);
    return splitRows(tensor, rows, output.pooling);
  };

  // Warm-up: the first run pays for allocations and kernel selection; also proves output and labels agree.
  const [probe] = await infer([encoder.encode('warm up')]).catch((error: unknown) => {
    throw new ClassifierLoadError(files.modelPath, `ONNX model failed its warm-up run: ${(error as Error).message}`, { cause: error });
  });
  if (kind === 'sequence-classification' && probe?.length !== labels.length) {
    throw new ClassifierLoadError(files.modelPath, `model outputs ${probe?.length} logits but config.json id2label has ${labels.length} labels`);
  }

  return {
    kind,
    dir: files.dir,
    labels,
    encoder,
    inputNames,
    infer,
    release: () => session.release(),
  };
}

function planOutput(session: SessionLike, files: ModelFiles): OutputPlan {
  const names = session.outputNames;
  const declaresClassifier = files.architectures.some((a) => a.endsWith('ForSequenceClassification'));
  if (names.includes('logits')) return { name: 'logits', pooling: 'none' };
  if (declaresClassifier) throw new ClassifierLoadError(files.modelPath, `config.json says ${files.architectures.join(', ')} but the model has no logits output`);
  if (names.includes('sentence_embedding')) return { name: 'sentence_embedding', pooling: 'pooled' };
  const tokenOutput = TOKEN_OUTPUTS.find((name) => names.includes(name)) ?? names[0];
  if (tokenOutput === undefined) throw new ClassifierLoadError(files.modelPath, 'model has no outputs');
  const rank = outputRank(session, tokenOutput);
  if (rank !== undefined && rank !== 3) {
    throw new ClassifierLoadError(files.modelPath, `output ${tokenOutput} has rank ${rank}; expected logits, sentence_embedding, or [batch, seq, hidden]`);
  }
  return { name: tokenOutput, pooling: 'mean' };
}

function outputRank(session: SessionLike, name: string): number | undefined {
  const meta = session.outputMetadata.find((m) => m.name === name);
  return meta?.isTensor ? meta.shape.length : undefined;
}

function splitRows(tensor: ort.Tensor, rows: readonly (readonly number[])[], pooling: OutputPlan['pooling']): Float32Array[] {
  if (tensor.type !== 'float32') throw new Error(`model output is ${tensor.type}, expected float32`);
  const data = tensor.data as Float32Array;
  if (pooling !== 'mean') {
    const width = data.length / rows.length;
    return rows.map((_, r) => {
      const row = data.slice(r * width, (r + 1) * width);
      return pooling === 'pooled' ? l2Normalize(row) : row;
    });
  }
  const [, seq = 0, hidden = 0] = tensor.dims;
  return rows.map((row, r) => {
    const pooled = new Float32Array(hidden);
    // Padding sits after the row's real tokens (mask 1 exactly for t < row.length); the mean's 1/n cancels
    // in the normalisation, so a sum suffices.
    for (let t = 0; t < row.length; t++) {
      const offset = (r * seq + t) * hidden;
      for (let h = 0; h < hidden; h++) pooled[h] = (pooled[h] as number) + (data[offset + h] as number);
    }
    return l2Normalize(pooled);
  });
}
