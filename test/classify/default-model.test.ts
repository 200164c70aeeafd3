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

  it('labels one unambiguous prompt per label correctly (prompts written for this test, not from data/intents)', async () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['Why does my Python list comprehension raise NameError when I reference the loop variable outside it?', 'code'],
      ['What is the integral of x squared times e to the x, from 0 to 1?', 'math'],
      ['Five houses in a row, each a different colour; the Norwegian lives next to the blue house. Who owns the fish? Walk me through the deductions.', 'reasoning'],
      ['Why do metals conduct electricity so much better than rubber does?', 'science'],
      ['Write a short poem about a lighthouse keeper who falls in love with the fog.', 'creative'],
      ['Please proofread this paragraph and make it sound more formal: we was thinking the meeting could maybe move to friday if thats ok with everyone', 'writing'],
      ['Who was the first emperor of Rome, and how long did he rule?', 'knowledge'],
      ['I have been taking 800 mg of ibuprofen three times a day for two weeks and now my stomach hurts, should I stop and see a doctor?', 'high_stakes'],
      ['haha thanks, you made my morning', 'chat'],
      ['From the text below, list every person and the company they work for as JSON.\n\nMaria Lopez (Acme Corp) met Tom Reed of Globex and Ana Silva from Initech on Tuesday.', 'extraction'],
    ];
    const classifier = await loadClassifier({ ...DEFAULT_CLASSIFIER_CONFIG, modelDir: '' });
    try {
      const got = await Promise.all(cases.map(async ([text]) => (await classifier.classify(text)).label));
      expect(got).toEqual(cases.map(([, label]) => label));
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
