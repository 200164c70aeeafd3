/**
 * Classifier benchmark: latency (p50/p99) at concurrency 1, 8 and 32, and throughput with and without
 * micro-batching, on 128-token inputs, for the shipped default model (when present) and a random BERT of the
 * all-MiniLM-L6 shape. Every figure sits beside its floor, measured in the same run on the same inputs:
 * tokenization plus a bare `session.run` (no batcher, no scoring), so the ratio is the classifier's overhead.
 * Run: `npm run bench -- classify`, or `npx tsx bench/classify.ts` alone.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import ort from 'onnxruntime-node';
import { DEFAULT_CLASSIFIER_CONFIG } from '../src/classify/defaults.js';
import { loadClassifier, type OnnxClassifier } from '../src/classify/load.js';
import { readModelFiles, type ModelFiles } from '../src/classify/model-files.js';
import { sessionOptions } from '../src/classify/onnx-model.js';
import { DEFAULT_MODEL_DIR } from '../src/classify/paths.js';
import type { ClassifierConfig } from '../src/config/types.js';
import { ensureRandomBert } from '../src/dev/random-bert.js';
import type { BenchResult, PartOptions } from './lib/result.js';
import { mean, median, percentile } from './lib/stats.js';
import { fixed, formatTable, times } from './lib/table.js';

export type { BenchResult };

const INPUT_TOKENS = 128;
/** Rough wall-time budget per measured scenario; counts are derived from the floor's speed. */
const SCENARIO_BUDGET_MS = 2_500;
const QUICK_BUDGET_MS = 400;

interface Row {
  readonly model: string;
  readonly scenario: string;
  readonly p50?: number;
  readonly p99?: number;
  readonly floorP50?: number;
  readonly perSecond?: number;
  readonly floorPerSecond?: number;
}

export async function run(options: PartOptions = { quick: false, log: (line) => process.stderr.write(`${line}\n`) }): Promise<BenchResult> {
  const minilm = await ensureRandomBert('minilm');
  const minilmInt8 = await ensureRandomBert('minilm', { precision: 'int8' });
  const targets: Target[] = [];
  const notes = [
    `${INPUT_TOKENS}-token inputs; floor = tokenize + bare session.run (batch of 1, or padded batches for the batched floor), measured in the same run.`,
    'p50/p99 at concurrency 8 and 32 include queueing behind earlier batches: their ratio to the single-run floor is not overhead.',
  ];
  // Each model with the config default (one intra-op thread) and with both cores: the second only helps when the
  // other core is idle.
  if (await exists(path.join(DEFAULT_MODEL_DIR, 'model.onnx'))) {
    // -inline: inference on the calling thread (`classifier.worker: false`), which shows what the worker-thread
    // hop of the default costs.
    targets.push(
      { name: 'default', dir: DEFAULT_MODEL_DIR, intraOp: 1 },
      { name: 'default-inline', dir: DEFAULT_MODEL_DIR, intraOp: 1, worker: false },
      { name: 'default-2threads', dir: DEFAULT_MODEL_DIR, intraOp: 2 },
    );
  } else notes.push(`default model absent (${path.relative(process.cwd(), DEFAULT_MODEL_DIR)}/model.onnx): only the MiniLM shape was measured.`);
  // int8: the same shape with dynamically quantized dense layers, how a MiniLM-class model is usually served on CPU.
  targets.push({ name: 'minilm', dir: minilm, intraOp: 1 }, { name: 'minilm-2threads', dir: minilm, intraOp: 2 }, { name: 'minilm-int8', dir: minilmInt8, intraOp: 1 });

  const rows: Row[] = [];
  const figures: Record<string, number> = { 'default.present': targets.some((t) => t.name === 'default') ? 1 : 0 };
  const budgetMs = options.quick ? QUICK_BUDGET_MS : SCENARIO_BUDGET_MS;
  for (const target of targets) {
    options.log(`classify: ${target.name} (${target.intraOp} intra-op thread${target.intraOp > 1 ? 's' : ''})`);
    rows.push(...(await benchModel(target, budgetMs, figures)));
  }
  return { name: 'classify', table: table(rows), figures, notes };
}

interface Target {
  readonly name: string;
  readonly dir: string;
  readonly intraOp: number;
  /** Inference in a worker thread (the config default) or on the calling thread. */
  readonly worker?: boolean;
}

async function benchModel({ name, dir, intraOp, worker }: Target, budgetMs: number, figures: Record<string, number>): Promise<Row[]> {
  const settings: ClassifierConfig = {
    ...DEFAULT_CLASSIFIER_CONFIG,
    modelDir: dir,
    maxTokens: INPUT_TOKENS,
    threshold: 0,
    threads: { ...DEFAULT_CLASSIFIER_CONFIG.threads, intraOp },
    worker: worker ?? DEFAULT_CLASSIFIER_CONFIG.worker,
  };
  const files = await readModelFiles(dir);
  const floor = await Floor.open(files, settings);
  const batchSizes: number[] = [];
  const classifier = await loadClassifier(settings, { onBatch: (size) => batchSizes.push(size) });
  const texts = inputTexts(classifier, 64);

  const estimateMs = median(await floor.measure(texts.slice(0, 10)));
  const count = (min: number, max: number) => Math.round(Math.min(max, Math.max(min, budgetMs / estimateMs)));

  // Concurrency 1 and its floor, interleaved in blocks so machine noise hits both alike.
  const floorTimes: number[] = [];
  const c1Times: number[] = [];
  const c1Count = count(40, 800);
  for (let done = 0; done < c1Count; done += 20) {
    const block = pick(texts, done, 20);
    floorTimes.push(...(await floor.measure(block)));
    c1Times.push(...(await latencies(classifier, block, 1)));
  }
  const floorP50 = percentile(floorTimes, 50);
  const rows: Row[] = [
    { model: name, scenario: 'floor (tokenize + session.run)', p50: floorP50, p99: percentile(floorTimes, 99), perSecond: 1000 / mean(floorTimes) },
    { model: name, scenario: 'classify, concurrency 1', p50: percentile(c1Times, 50), p99: percentile(c1Times, 99), floorP50 },
  ];

  let batchedPerSecond = 0;
  for (const concurrency of [8, 32]) {
    batchSizes.length = 0;
    const started = performance.now();
    const times = await latencies(classifier, pick(texts, 0, count(concurrency * 4, 1_000)), concurrency);
    const perSecond = (times.length * 1000) / (performance.now() - started);
    if (concurrency === 32) batchedPerSecond = perSecond;
    figures[`${name}.c${concurrency}_mean_batch`] = mean(batchSizes);
    rows.push({ model: name, scenario: `classify, concurrency ${concurrency} (batched)`, p50: percentile(times, 50), p99: percentile(times, 99), floorP50, perSecond });
  }
  await classifier.close();

  const unbatched = await loadClassifier({ ...settings, batch: { ...settings.batch, maxSize: 1 } });
  const unbatchedStarted = performance.now();
  const unbatchedTimes = await latencies(unbatched, pick(texts, 0, count(128, 1_000)), 32);
  const unbatchedPerSecond = (unbatchedTimes.length * 1000) / (performance.now() - unbatchedStarted);
  await unbatched.close();

  const floorBatchPerSecond = await floor.batchedThroughput(texts, settings.batch.maxSize, count(32, 1_000));
  await floor.release();
  rows.push(
    { model: name, scenario: 'throughput, concurrency 32, no batching', perSecond: unbatchedPerSecond, floorPerSecond: 1000 / mean(floorTimes) },
    { model: name, scenario: `throughput, concurrency 32, batch ≤ ${settings.batch.maxSize}`, perSecond: batchedPerSecond, floorPerSecond: floorBatchPerSecond },
  );

  Object.assign(figures, {
    [`${name}.floor_p50_ms`]: floorP50,
    [`${name}.floor_p99_ms`]: percentile(floorTimes, 99),
    [`${name}.c1_p50_ms`]: rows[1]?.p50,
    [`${name}.c1_p99_ms`]: rows[1]?.p99,
    [`${name}.c1_p50_vs_floor`]: (rows[1]?.p50 ?? 0) / floorP50,
    [`${name}.c8_p50_ms`]: rows[2]?.p50,
    [`${name}.c8_p99_ms`]: rows[2]?.p99,
    [`${name}.c32_p50_ms`]: rows[3]?.p50,
    [`${name}.c32_p99_ms`]: rows[3]?.p99,
    [`${name}.unbatched_per_s`]: unbatchedPerSecond,
    [`${name}.batched_per_s`]: batchedPerSecond,
    [`${name}.floor_per_s`]: 1000 / mean(floorTimes),
    [`${name}.floor_batch_per_s`]: floorBatchPerSecond,
  });
  return rows;
}

/** Tokenizer and session opened like the classifier's, used bare: the cost nothing can avoid. */
class Floor {
  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly session: ort.InferenceSession,
    private readonly maxTokens: number,
  ) {}

  static async open(files: ModelFiles, settings: ClassifierConfig): Promise<Floor> {
    const session = await ort.InferenceSession.create(files.modelPath, sessionOptions(settings.threads));
    return new Floor(new Tokenizer(files.tokenizerJson, files.tokenizerConfig), session, settings.maxTokens);
  }

  /** Per-text latency of tokenize + one batch-of-1 run, sequentially. */
  async measure(texts: readonly string[]): Promise<number[]> {
    const times: number[] = [];
    for (const text of texts) {
      const started = performance.now();
      await this.run([text]);
      times.push(performance.now() - started);
    }
    return times;
  }

  /** Texts per second through bare padded batches of `size`. */
  async batchedThroughput(texts: readonly string[], size: number, total: number): Promise<number> {
    const started = performance.now();
    let done = 0;
    while (done < total) {
      await this.run(pick(texts, done, size));
      done += size;
    }
    return (done * 1000) / (performance.now() - started);
  }

  release(): Promise<void> {
    return this.session.release();
  }

  private async run(texts: readonly string[]): Promise<void> {
    const rows = texts.map((text): number[] => {
      const ids = this.tokenizer.encode(text).ids;
      return ids.length <= this.maxTokens ? ids : [...ids.slice(0, this.maxTokens - 1), ids[ids.length - 1] as number];
    });
    const width = Math.max(...rows.map((r) => r.length));
    const ids = new BigInt64Array(rows.length * width);
    const mask = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => {
      for (let t = 0; t < row.length; t++) {
        ids[r * width + t] = BigInt(row[t] as number);
        mask[r * width + t] = 1n;
      }
    });
    const dims = [rows.length, width];
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.session.inputNames) {
      feeds[name] = new ort.Tensor('int64', name === 'input_ids' ? ids : name === 'attention_mask' ? mask : new BigInt64Array(ids.length), dims);
    }
    await this.session.run(feeds);
  }
}

/** Per-request latencies of classifying `texts` with `concurrency` callers, each awaiting its previous answer. */
async function latencies(classifier: OnnxClassifier, texts: readonly string[], concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const caller = async () => {
    while (next < texts.length) {
      const text = texts[next++] as string;
      const started = performance.now();
      await classifier.classify(text);
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  return times;
}

/** Distinct prose-like texts that tokenize to at least INPUT_TOKENS (so truncation makes them exactly that). */
function inputTexts(classifier: OnnxClassifier, count: number): string[] {
  const words = 'the router reads each request and picks a model for code math writing questions about databases networks proofs poems'.split(' ');
  return Array.from({ length: count }, (_, i) => {
    const text = Array.from({ length: 160 }, (_, w) => words[(i * 7 + w * (i % 5 + 1)) % words.length]).join(' ');
    const length = classifier.tokenize(text).length;
    if (length !== INPUT_TOKENS) throw new Error(`bench input has ${length} tokens, expected ${INPUT_TOKENS}`);
    return text;
  });
}

function pick(texts: readonly string[], start: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => texts[(start + i) % texts.length] as string);
}

function table(rows: readonly Row[]): string {
  const header = ['model', 'scenario', 'p50 ms', 'p99 ms', 'floor p50 ms', 'p50 / floor', 'per s', 'floor per s', 'per s / floor'];
  const body = rows.map((r) => [
    r.model,
    r.scenario,
    fixed(r.p50),
    fixed(r.p99),
    fixed(r.floorP50),
    times(r.p50 !== undefined && r.floorP50 !== undefined ? r.p50 / r.floorP50 : undefined),
    fixed(r.perSecond, 0),
    fixed(r.floorPerSecond, 0),
    times(r.perSecond !== undefined && r.floorPerSecond !== undefined ? r.perSecond / r.floorPerSecond : undefined),
  ]);
  return formatTable(header, body, { textColumns: 2 });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  process.stdout.write(`${result.table}\n\n${(result.notes ?? []).map((n) => `- ${n}`).join('\n')}\n\n${JSON.stringify(result.figures, null, 2)}\n`);
}
