/** The shipped model (models/intent-default) loads through the default path, with no config at all. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFIER_CONFIG } from '../../src/classify/defaults.js';
import { loadClassifier } from '../../src/classify/load.js';
import { DEFAULT_MODEL_DIR } from '../../src/classify/paths.js';
import { run, type CommandIO } from '../../src/cli/classify.js';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

describe('the shipped default model', () => {
  it('lives under the package root, not the working directory', () => {
    expect(DEFAULT_MODEL_DIR).toBe(path.join(PACKAGE_ROOT, 'models', 'intent-default'));
  });

  it('loads as a sequence classifier with its id2label labels, and classifies', async () => {
    const config = JSON.parse(await readFile(path.join(DEFAULT_MODEL_DIR, 'config.json'), 'utf8')) as { id2label: Record<string, string>; max_position_embeddings: number };
    const classifier = await loadClassifier({ ...DEFAULT_CLASSIFIER_CONFIG, modelDir: '', maxTokens: 4096 });
    try {
      expect(classifier.modelDir).toBe(DEFAULT_MODEL_DIR);
      expect(classifier.kind).toBe('sequence-classification');
      expect(classifier.labels).toEqual(Object.keys(config.id2label).map((id) => config.id2label[id]));
      const result = await classifier.classify('Solve for x: 3x + 5 = 20');
      expect(result.top.reduce((sum, t) => sum + t.probability, 0)).toBeCloseTo(1, 6);
      // The model's position table bounds the input, whatever the config asks for.
      expect(classifier.tokenize('word '.repeat(1000))).toHaveLength(config.max_position_embeddings);
    } finally {
      await classifier.close();
    }
  });

  it('`consilium classify --json` works without --config', async () => {
    let stdout = '';
    const io: CommandIO = {
      stdout: { write: (text, callback) => ((stdout += text), callback?.(), true) },
      stderr: { write: () => true },
    };
    expect(await run(['--json', 'Write a haiku about the sea'], io)).toBe(0);
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['label', 'probability', 'top', 'latency_ms']);
  });
});
