/** Classifier configs over the cached random BERTs (generated on first use under .cache/random-bert/). */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CLASSIFIER_CONFIG } from '../../src/classify/defaults.js';
import type { ClassifierConfig } from '../../src/config/types.js';
import { GraphBuilder } from '../../src/dev/onnx/graph.js';
import { ensureRandomBert } from '../../src/dev/random-bert.js';

/** Sequence classifier: 2 layers × 128 hidden, BERT inputs including token_type_ids, labels code/math/creative/chat. */
export const smallClassifier = (): Promise<string> => ensureRandomBert('small');
/** Feature-extraction encoder (last_hidden_state), without a token_type_ids input (DistilBERT-style). */
export const smallEncoder = (): Promise<string> => ensureRandomBert('small', { head: 'encoder', tokenTypeIds: false });

export function classifierConfig(modelDir: string, overrides: Partial<ClassifierConfig> = {}): ClassifierConfig {
  return { ...DEFAULT_CLASSIFIER_CONFIG, modelDir, ...overrides };
}

/** Texts of very different token lengths, so batches need real padding. */
export const VARIED_TEXTS: readonly string[] = [
  'hi',
  'Write a Python function that reverses a linked list in place.',
  'What is the integral of x squared from zero to three?',
  'Compose a short poem about autumn leaves falling on a quiet river, with a melancholy tone and vivid imagery.',
  'ok',
  `Explain ${'the difference between processes and threads '.repeat(6)}in detail.`,
  'Translate "good morning" to French.',
  '2 + 2 = ?',
];

/** Width of the hand-built models' embeddings. */
export const WIDTH = 4;
const VOCAB = 30_522;
/** The hand-built models' embedding row for a token id: deterministic, so tests can compute expected outputs. */
export const tokenRow = (id: number): number[] => [Math.sin(id), Math.cos(id), (id % 3) - 1, 0.5];

/** Builds the rest of a hand-built graph from the embedded tokens [batch, seq, WIDTH] and the attention mask. */
export type HandBuiltGraph = (g: GraphBuilder, embedded: string, mask: string, inputIds: string) => void;

/**
 * A model directory with the small random model's tokenizer and a tiny hand-built graph: input_ids and
 * attention_mask (plus `extraInput`), a token embedding table of tokenRow values, and whatever `build` adds.
 */
export async function handBuiltModel(
  dir: string,
  tokenizerSource: string,
  build: HandBuiltGraph,
  options: { extraInput?: string | undefined; config?: object } = {},
): Promise<string> {
  const g = new GraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'seq']);
  if (options.extraInput) g.input(options.extraInput, 'int64', ['batch', 'seq']);
  const table = new Float32Array(VOCAB * WIDTH);
  for (let id = 0; id < VOCAB; id++) table.set(tokenRow(id), id * WIDTH);
  build(g, g.node('Gather', [g.weight('embeddings', [VOCAB, WIDTH], table), ids]), mask, ids);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'model.onnx'), g.toBytes(path.basename(dir), 17));
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(options.config ?? { architectures: ['CustomModel'] }));
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) await symlink(path.join(tokenizerSource, file), path.join(dir, file));
  return dir;
}
