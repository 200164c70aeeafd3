/**
 * The bundled synthetic dataset: arithmetic, unit conversions, logic and multiple choice over generated facts,
 * every item with a known answer and the wrong options the simulated panels draw from. Items are interleaved
 * by category so any prefix (or `--limit`) is balanced. `consilium eval --generate-dataset FILE` writes it;
 * data/eval/sim.jsonl is that output for the default seed, and a test checks the two still agree.
 */
import type { EvalItem } from '../dataset.js';
import { toLine } from '../dataset.js';
import { arithmeticItem } from './arithmetic.js';
import { rngFor, type GeneratedItem, type Rng } from './draw.js';
import { factsItem } from './facts.js';
import { logicItem } from './logic.js';
import { unitItem } from './units.js';

export const DEFAULT_DATASET_SEED = 20_240_601;

/** Items per category in the bundled dataset (550 in all). */
export const DEFAULT_COUNTS: Readonly<Record<string, number>> = Object.freeze({ arithmetic: 150, units: 130, logic: 120, facts: 150 });

const GENERATORS: Readonly<Record<string, (rng: Rng) => GeneratedItem>> = {
  arithmetic: arithmeticItem,
  units: unitItem,
  logic: logicItem,
  facts: factsItem,
};

export interface GenerateOptions {
  readonly seed?: number;
  readonly counts?: Readonly<Record<string, number>>;
}

export function generateDataset(options: GenerateOptions = {}): EvalItem[] {
  const seed = options.seed ?? DEFAULT_DATASET_SEED;
  const counts = options.counts ?? DEFAULT_COUNTS;
  const prompts = new Set<string>();
  const perCategory = Object.entries(counts).map(([category, count]) => {
    const make = GENERATORS[category];
    if (!make) throw new RangeError(`no generator for category ${category}`);
    const rng = rngFor(seed, category);
    const items: EvalItem[] = [];
    // Prompts must be unique: the simulated panels find an item by its prompt.
    for (let attempts = 0; items.length < count; attempts++) {
      if (attempts > count * 20) throw new RangeError(`category ${category}: cannot draw ${count} distinct items`);
      const generated = make(rng);
      if (prompts.has(generated.prompt)) continue;
      prompts.add(generated.prompt);
      items.push(toEvalItem(`${category}-${String(items.length + 1).padStart(3, '0')}`, category, generated));
    }
    return items;
  });
  const out: EvalItem[] = [];
  const longest = Math.max(...perCategory.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (const list of perCategory) if (list[i]) out.push(list[i] as EvalItem);
  return out;
}

function toEvalItem(id: string, category: string, generated: GeneratedItem): EvalItem {
  return {
    id,
    messages: [{ role: 'user', content: generated.prompt }],
    answer: generated.answer,
    answerType: generated.answerType,
    category,
    tolerance: generated.tolerance,
    sim: { trap: generated.trap, wrong: [generated.trap, ...generated.wrong] },
  };
}

/** The dataset as JSONL text, one item per line. */
export function datasetText(items: readonly EvalItem[]): string {
  return `${items.map((item) => JSON.stringify(toLine(item))).join('\n')}\n`;
}
