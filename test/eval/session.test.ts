/**
 * End to end through the serving path: the simulated panel, Consilium's ext_proc server and the dev gateway,
 * on a 40-item subset of the bundled dataset. Per-item outcomes are checked against the simulation's own
 * rules, so a reply mangled anywhere on the path (or a recipe mis-wired) fails.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TargetStats } from '../../src/eval/aggregate.js';
import { loadDataset, sampleItems, type EvalItem } from '../../src/eval/dataset.js';
import { confidence, ownAnswer } from '../../src/eval/sim/draws.js';
import { evaluate, sweep, type EvaluateResult } from '../../src/eval/session.js';
import { readEvalFile } from '../../src/eval/setup.js';
import type { SimParams } from '../../src/eval/sim/params.js';
import { plurality } from '../../src/eval/sim/responder.js';
import { answerIsCorrect } from '../../src/eval/sim/draws.js';
import { silentLogger } from '../../src/observability/logger.js';
import { BUNDLED_DATASET, testEvalFile } from './fixtures.js';

const TARGETS = ['cheap', 'strong', 'mid-a', 'mid-b', 'mid-c', 'consilium/cascade', 'consilium/ratings'];
const LIMIT = 40;
let dir: string;
let evalFile: string;
let params: SimParams;
let items: EvalItem[];
let first: EvaluateResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'consilium-eval-e2e-'));
  evalFile = await testEvalFile(dir);
  params = (await readEvalFile(evalFile)).simulation as SimParams;
  items = sampleItems(await loadDataset(BUNDLED_DATASET), LIMIT);
  first = await evaluate({ configFile: evalFile, targets: TARGETS, outDir: path.join(dir, 'out'), concurrency: 8, limit: LIMIT, logger: silentLogger(), progress: false });
}, 120_000);

const stats = (target: string): TargetStats => first.report.targets.find((t) => t.target === target) as TargetStats;
const resultsOf = async (target: string): Promise<Map<string, { correct: boolean; escalated: boolean; calls: number }>> => {
  const lines = (await readFile(path.join(dir, 'out', 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  return new Map(lines.filter((r) => r.target === target).map((r) => [r.item, r]));
};
const model = (name: string) => params.models.get(name)!;

describe('consilium eval on the bundled simulation (40 items)', () => {
  it('answers every item for every target', () => {
    expect(first.sent).toBe(LIMIT * TARGETS.length);
    expect(first.report.targets.map((t) => [t.target, t.n, t.failures])).toEqual(TARGETS.map((t) => [t, LIMIT, 0]));
    expect(first.report.mode).toBe('simulation');
  });

  it('scores single models exactly as the simulation drew their answers', async () => {
    for (const name of ['cheap', 'strong', 'mid-a']) {
      const results = await resultsOf(name);
      for (const i of items) expect(results.get(i.id)?.correct, `${name} ${i.id}`).toBe(ownAnswer(params, model(name), i).correct);
    }
  });

  it('runs the cascade by its threshold: cheap when confident, else strong', async () => {
    const results = await resultsOf('consilium/cascade');
    for (const i of items) {
      const cheap = ownAnswer(params, model('cheap'), i);
      const escalate = confidence(params, cheap.correct, 'answer', 'cheap', i.id, cheap.answer) < 0.735;
      expect(results.get(i.id)?.escalated, i.id).toBe(escalate);
      expect(results.get(i.id)?.calls, i.id).toBe(escalate ? 2 : 1);
      expect(results.get(i.id)?.correct, i.id).toBe(escalate ? ownAnswer(params, model('strong'), i).correct : cheap.correct);
    }
    expect(stats('consilium/cascade').escalationRate).toBeGreaterThan(0);
  });

  it('votes with ratings over the three mids, and pays for three calls', async () => {
    const results = await resultsOf('consilium/ratings');
    for (const i of items) {
      const answers = ['mid-a', 'mid-b', 'mid-c'].map((m) => ownAnswer(params, model(m), i));
      const expected = answerIsCorrect(i, plurality(i, answers.map((a) => `Answer: ${a.answer}`), answers[0]!));
      expect(results.get(i.id)?.correct, i.id).toBe(expected);
    }
    const mids = stats('mid-a').costPerItem + stats('mid-b').costPerItem + stats('mid-c').costPerItem;
    expect(stats('consilium/ratings').callsPerItem).toBe(3);
    expect(stats('consilium/ratings').costPerItem / mids).toBeGreaterThan(0.98);
    expect(stats('consilium/ratings').costPerItem / mids).toBeLessThan(1.02);
  });

  it('orders costs by price and writes the three report files', async () => {
    expect(stats('cheap').costPerItem).toBeLessThan(stats('consilium/cascade').costPerItem);
    expect(stats('consilium/cascade').costPerItem).toBeLessThan(stats('strong').costPerItem);
    expect(stats('strong').costPerItem / stats('cheap').costPerItem).toBeCloseTo(15, 0);
    const html = await readFile(first.files.html, 'utf8');
    expect(html.match(/<circle class="point/g)).toHaveLength(TARGETS.length);
    expect(JSON.parse(await readFile(first.files.json, 'utf8')).targets).toHaveLength(TARGETS.length);
    expect(await readFile(first.files.markdown, 'utf8')).toContain('| `consilium/cascade` | confidence |');
  });

  it('resumes: a second run sends nothing and reports the same numbers', async () => {
    const again = await evaluate({ configFile: evalFile, targets: TARGETS, outDir: path.join(dir, 'out'), concurrency: 8, limit: LIMIT, logger: silentLogger(), progress: false });
    expect(again).toMatchObject({ sent: 0, skipped: LIMIT * TARGETS.length });
    expect(again.report.targets.map((t) => [t.target, t.correct, t.costPerItem])).toEqual(first.report.targets.map((t) => [t.target, t.correct, t.costPerItem]));
  }, 60_000);
});

describe('the ρ sweep', () => {
  it('keeps single models fixed while rising correlation can only hurt the vote', async () => {
    const result = await sweep({
      configFile: evalFile,
      targets: ['mid-a', 'mid-b', 'mid-c', 'consilium/ratings'],
      correlations: [0, 1],
      outDir: path.join(dir, 'sweep'),
      concurrency: 8,
      limit: LIMIT,
      logger: silentLogger(),
      progress: false,
    });
    const [low, high] = result.sweep.points;
    const accuracyOf = (p: typeof low, t: string): number => p?.targets.find((x) => x.target === t)?.accuracy as number;
    for (const m of ['mid-a', 'mid-b', 'mid-c']) expect(accuracyOf(high, m)).toBe(accuracyOf(low, m));
    expect(accuracyOf(high, 'consilium/ratings')).toBeLessThanOrEqual(accuracyOf(low, 'consilium/ratings'));
    expect(result.sweep.baselines).toEqual(['mid-a', 'mid-b', 'mid-c']);
    expect(result.sweep.ensembles).toEqual(['consilium/ratings']);
    expect(await readFile(result.files.html, 'utf8')).toContain('id="rho-sweep-plot"');
  }, 120_000);
});

describe('free-form items', () => {
  it('are graded by the judge model, whose calls no target pays for', async () => {
    const freeDir = await mkdtemp(path.join(tmpdir(), 'consilium-eval-free-'));
    const file = await testEvalFile(freeDir, (text) =>
      text
        .replace(/^ {4}mid-c: +\{ accuracy.*$/m, (line) => `${line}\n    referee: { accuracy: 1, latency_ms: 5 }`)
        .replace(/^ {4}mid-c: +\{ pricing.*$/m, (line) => `${line}\n    referee: { pricing: { input: 50, output: 50 } }`),
    );
    const dataset = path.join(freeDir, 'free.jsonl');
    const cities = ['Paris', 'Rome', 'Madrid', 'Lisbon', 'Vienna', 'Prague'];
    await writeFile(
      dataset,
      cities.map((city, i) => JSON.stringify({ id: `f${i}`, prompt: `Name capital number ${i}. End with Answer: <city>.`, answer: city, answer_type: 'free', category: 'geo', sim: { trap: 'Berlin', wrong: ['Berlin', 'Oslo'] } })).join('\n'),
    );
    const result = await evaluate({ configFile: file, datasetFile: dataset, targets: ['cheap', 'strong'], judge: 'referee', outDir: path.join(freeDir, 'out'), concurrency: 4, logger: silentLogger(), progress: false });
    const freeItems = await loadDataset(dataset);
    const freeParams = (await readEvalFile(file)).simulation as SimParams;
    for (const name of ['cheap', 'strong']) {
      const s = result.report.targets.find((t) => t.target === name) as TargetStats;
      expect(s.correct, name).toBe(freeItems.filter((i) => ownAnswer(freeParams, freeParams.models.get(name)!, i).correct).length);
      expect(s.callsPerItem).toBe(1);
      expect(s.failures).toBe(0);
    }
    const strong = result.report.targets.find((t) => t.target === 'strong') as TargetStats;
    const cheap = result.report.targets.find((t) => t.target === 'cheap') as TargetStats;
    expect(strong.costPerItem / cheap.costPerItem).toBeCloseTo(15, 0);
    expect(result.report.judge).toBe('referee');
    expect(result.report.caveats.some((c) => c.includes('graded by the judge model referee'))).toBe(true);
  }, 60_000);
});

describe('real endpoints', () => {
  it('runs a plain Consilium config against OpenAI-compatible backends, keys from the env', async () => {
    const { startSimBackend } = await import('../../src/dev/sim-backend.js');
    const backend = await startSimBackend({ name: 'upstream', respond: ({ body }) => ({ content: body.model === 'provider-big' ? 'Answer: 4' : 'Answer: 5' }) });
    const realDir = await mkdtemp(path.join(tmpdir(), 'consilium-eval-real-'));
    process.env.EVAL_TEST_BIG_KEY = 'sk-eval-test';
    try {
      const config = path.join(realDir, 'consilium.yaml');
      await writeFile(
        config,
        `models:
  small: { model: provider-small, base_url: ${backend.baseURL}, pricing: { input: 1, output: 1 } }
  big: { model: provider-big, base_url: ${backend.baseURL}, api_key_env: EVAL_TEST_BIG_KEY, pricing: { input: 10, output: 10 } }
decisions: [{ name: default, default: true, model: small }]
`,
      );
      const dataset = path.join(realDir, 'd.jsonl');
      await writeFile(dataset, [1, 2, 3].map((i) => JSON.stringify({ id: i, prompt: `What is 2+2? (${i})`, answer: 4, answer_type: 'number' })).join('\n'));
      const result = await evaluate({ configFile: config, datasetFile: dataset, outDir: path.join(realDir, 'out'), concurrency: 2, logger: silentLogger(), progress: false });
      expect(result.report.mode).toBe('real');
      expect(result.report.targets.map((t) => [t.target, t.accuracy])).toEqual([
        ['small', 0],
        ['big', 1],
      ]);
      expect(result.report.caveats).toEqual(['Measured on 3 items of this dataset only; intervals are 95% Wilson intervals.']);
      const bigCalls = backend.requests().filter((r) => (r.body as { model?: string }).model === 'provider-big');
      expect(bigCalls).toHaveLength(3);
      expect(bigCalls.every((r) => r.headers.authorization === 'Bearer sk-eval-test')).toBe(true);
    } finally {
      delete process.env.EVAL_TEST_BIG_KEY;
      await backend.close();
    }
  }, 60_000);
});
