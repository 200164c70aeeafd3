/**
 * The classifier settings a config gets when it leaves them out, for `consilium classify` without --config.
 * Values come from the config schema's defaults, so the two cannot drift apart.
 */
import { ClassifierSchema } from '../config/schema.js';
import type { ClassifierConfig } from '../config/types.js';
import { DEFAULT_MODEL_DIR } from './paths.js';

const raw = ClassifierSchema.parse({});

export const DEFAULT_CLASSIFIER_CONFIG: ClassifierConfig = Object.freeze({
  modelDir: DEFAULT_MODEL_DIR,
  maxTokens: raw.max_tokens,
  threshold: raw.threshold,
  batch: Object.freeze({ maxSize: raw.batch.max_size, windowMs: raw.batch.window_ms }),
  threads: Object.freeze({ intraOp: raw.threads.intra_op, interOp: raw.threads.inter_op }),
  worker: raw.worker,
  examples: Object.freeze({}),
  knn: raw.knn,
  includeSystemPrompt: raw.include_system_prompt,
});
