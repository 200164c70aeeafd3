/**
 * The classifier factory: config → a ready Classifier. Reads the model directory, opens the ONNX session (with
 * its warm-up run), embeds the label examples for encoder models, and puts micro-batching in front of the
 * session. Tokenizing happens per request before queuing, so a batch run only pads and runs.
 */
import type { ClassifierConfig } from '../config/types.js';
import type { Logger } from '../observability/logger.js';
import { MicroBatcher } from './batcher.js';
import { EmbeddingIndex, type LabelledVector } from './embedding-index.js';
import { ClassifierLoadError } from './errors.js';
import { readModelFiles } from './model-files.js';
import { openOnnxModel, type ModelKind, type OnnxTextModel } from './onnx-model.js';
import { resolveModelDir } from './paths.js';
import { classification, softmax } from './scoring.js';
import type { Classification, Classifier } from './types.js';

export interface LoadClassifierOptions {
  /** Called after every inference run with its batch size and duration in ms (metrics, tests). */
  readonly onBatch?: (size: number, ms: number) => void;
  readonly logger?: Logger;
}

export interface OnnxClassifier extends Classifier {
  readonly kind: ModelKind;
  /** Absolute model directory in use. */
  readonly modelDir: string;
  /** The token ids the model sees for `text`: special tokens included, truncated to maxTokens. */
  tokenize(text: string): readonly number[];
}

export async function loadClassifier(config: ClassifierConfig, options: LoadClassifierOptions = {}): Promise<OnnxClassifier> {
  const started = performance.now();
  const modelDir = resolveModelDir(config.modelDir);
  const files = await readModelFiles(modelDir);
  const model = await openOnnxModel(files, { maxTokens: config.maxTokens, threads: config.threads, worker: config.worker });
  let scorer: (row: Float32Array) => number[];
  let labels: readonly string[];
  let batcher: MicroBatcher<readonly number[], Float32Array>;
  try {
    if (model.kind === 'sequence-classification') {
      labels = model.labels;
      scorer = softmax;
    } else {
      const index = await buildEmbeddingIndex(model, config);
      labels = index.labels;
      scorer = (row) => index.scores(row);
    }
    batcher = new MicroBatcher((rows) => model.infer(rows), { maxSize: config.batch.maxSize, windowMs: config.batch.windowMs, onBatch: options.onBatch });
  } catch (error) {
    await model.release();
    throw error;
  }
  options.logger?.info(
    { modelDir, kind: model.kind, labels, inputs: model.inputNames, loadMs: Math.round(performance.now() - started) },
    'classifier loaded',
  );

  let closing: Promise<void> | undefined;
  return {
    kind: model.kind,
    modelDir,
    labels,
    tokenize: (text) => model.encoder.encode(text),
    async classify(text: string): Promise<Classification> {
      const row = await batcher.submit(model.encoder.encode(text));
      return classification(labels, scorer(row), config.threshold);
    },
    close(): Promise<void> {
      closing ??= batcher.close().then(() => model.release());
      return closing;
    },
  };
}

/** Embeds every example utterance (in batches of batch.maxSize) into the label index. */
async function buildEmbeddingIndex(model: OnnxTextModel, config: ClassifierConfig): Promise<EmbeddingIndex> {
  const entries = Object.entries(config.examples).filter(([, utterances]) => utterances.length > 0);
  if (entries.length === 0) {
    throw new ClassifierLoadError(model.dir, 'encoder (feature-extraction) model needs label examples in classifier.examples');
  }
  const pending = entries.flatMap(([label, utterances]) => utterances.map((text) => ({ label, ids: model.encoder.encode(text) })));
  const examples: LabelledVector[] = [];
  for (let start = 0; start < pending.length; start += config.batch.maxSize) {
    const chunk = pending.slice(start, start + config.batch.maxSize);
    const vectors = await model.infer(chunk.map((p) => p.ids));
    chunk.forEach((p, i) => examples.push({ label: p.label, vector: vectors[i] as Float32Array }));
  }
  return new EmbeddingIndex(
    entries.map(([label]) => label),
    examples,
    config.knn,
  );
}
