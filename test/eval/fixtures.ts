/**
 * Eval test fixtures: the bundled simulation file rewritten for tests (classifier on a cached random BERT, so
 * the tests do not depend on the shipped intent model; the dataset path made absolute), and small items.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import type { EvalItem } from '../../src/eval/dataset.js';
import { ensureRandomBert } from '../../src/dev/random-bert.js';

export const BUNDLED_EVAL_FILE = path.join(PACKAGE_ROOT, 'config', 'eval.sim.yaml');
export const BUNDLED_DATASET = path.join(PACKAGE_ROOT, 'data', 'eval', 'sim.jsonl');

/** Writes `eval.sim.yaml` into `dir` with a random-BERT classifier; `edit` may rewrite the text further. */
export async function testEvalFile(dir: string, edit: (text: string) => string = (t) => t): Promise<string> {
  const modelDir = await ensureRandomBert('small');
  let text = await readFile(BUNDLED_EVAL_FILE, 'utf8');
  text = text.replace(/^dataset: .*$/m, `dataset: ${JSON.stringify(BUNDLED_DATASET)}`);
  text = text.replace(/^consilium:.*$/m, (line) => `${line}\n  classifier: { model_dir: ${JSON.stringify(modelDir)} }`);
  const file = path.join(dir, 'eval.sim.yaml');
  await writeFile(file, edit(text));
  return file;
}

export function item(partial: Partial<EvalItem> & Pick<EvalItem, 'id' | 'answerType'>): EvalItem {
  return {
    messages: [{ role: 'user', content: `question ${partial.id}` }],
    answer: undefined,
    category: 'general',
    tolerance: undefined,
    sim: undefined,
    ...partial,
  };
}
