import { mkdtemp, readFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TargetReply } from '../../src/eval/client.js';
import type { EvalItem } from '../../src/eval/dataset.js';
import type { Judge } from '../../src/eval/judge.js';
import { ResultStore, RESULTS_FILE } from '../../src/eval/results.js';
import { runEval } from '../../src/eval/runner.js';
import { testConfig } from '../support/config.js';
import { item } from './fixtures.js';

const config = testConfig();
const items: EvalItem[] = [1, 2, 3, 4, 5].map((n) => item({ id: `i${n}`, answerType: 'number', answer: String(n), category: n % 2 ? 'odd' : 'even' }));

function reply(text: string, extra: Partial<TargetReply> = {}): TargetReply {
  return { ok: true, status: 200, text, latencyMs: 10, recipe: 'single', model: 'small', modelsUsed: ['small'], calls: 1, tokens: 10, costUsd: 0.001, costSource: 'usage', reason: undefined, ...extra };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'consilium-eval-run-'));
});

describe('runEval', () => {
  it('sends every item to every target, scores replies and bounds concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const sent: string[] = [];
    const store = await ResultStore.open(dir, 'fp');
    const summary = await runEval({
      items,
      targets: ['small', 'big'],
      store,
      config,
      concurrency: 3,
      progress: false,
      send: async (target, q, requestId) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        sent.push(`${target}/${q.id}`);
        expect(requestId).toContain(q.id);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        // "big" is right on every item, "small" only on odd ones.
        return reply(`Answer: ${target === 'big' || Number(q.answer) % 2 ? q.answer : 0}`);
      },
    });
    expect(summary).toMatchObject({ sent: 10, skipped: 0 });
    expect(peak).toBeLessThanOrEqual(3);
    expect(sent.slice(0, 4)).toEqual(['small/i1', 'big/i1', 'small/i2', 'big/i2']);
    expect(summary.results.filter((r) => r.target === 'big').every((r) => r.correct)).toBe(true);
    expect(summary.results.filter((r) => r.target === 'small').map((r) => r.correct)).toEqual([true, false, true, false, true]);
    const lines = (await readFile(path.join(dir, RESULTS_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(10);
  });

  it('resumes: skips finished work, retries failures, and ignores results of another fingerprint or item content', async () => {
    const first = await ResultStore.open(dir, 'fp');
    await runEval({
      items,
      targets: ['small'],
      store: first,
      config,
      concurrency: 2,
      progress: false,
      send: async (_t, q) => (q.id === 'i2' ? { ...reply('HTTP 502'), ok: false, status: 502 } : reply(`Answer: ${q.answer}`)),
    });
    await appendFile(path.join(dir, RESULTS_FILE), '{"target": "small", "item": "i3"'); // a line cut short
    const sent: string[] = [];
    const send = async (_t: string, q: EvalItem): Promise<TargetReply> => {
      sent.push(q.id);
      return reply(`Answer: ${q.answer}`);
    };
    const changed = items.map((q) => (q.id === 'i4' ? { ...q, answer: '40' } : q));
    const again = await runEval({ items: changed, targets: ['small'], store: await ResultStore.open(dir, 'fp'), config, concurrency: 2, progress: false, send });
    expect(sent.sort()).toEqual(['i2', 'i4']);
    expect(again).toMatchObject({ sent: 2, skipped: 3 });
    expect(again.results.every((r) => r.ok)).toBe(true);
    sent.length = 0;
    await runEval({ items, targets: ['small'], store: await ResultStore.open(dir, 'other'), config, concurrency: 2, progress: false, send });
    expect(sent).toHaveLength(5);
  });

  it('sends free-form replies to the judge and retries what it could not grade', async () => {
    const free = [item({ id: 'f1', answerType: 'free', answer: 'ok' }), item({ id: 'f2', answerType: 'free' })];
    const judge: Judge = async (q, text) => (q.id === 'f2' ? { ok: false, error: 'judge verdict unreadable' } : { ok: true, correct: text === 'fine' });
    const summary = await runEval({ items: free, targets: ['small'], store: await ResultStore.open(dir, 'fp'), config, concurrency: 1, progress: false, judge, send: async () => reply('fine') });
    expect(summary.results.map((r) => [r.item, r.ok, r.correct, r.judged, r.error])).toEqual([
      ['f1', true, true, true, undefined],
      ['f2', false, false, false, 'judge verdict unreadable'],
    ]);
    await expect(runEval({ items: free, targets: ['small'], store: await ResultStore.open(dir, 'fp2'), config, concurrency: 1, progress: false, send: async () => reply('x') })).rejects.toThrowError(/judge/);
  });

  it('marks cascade escalations and recipe fallbacks', async () => {
    const cascadeConfig = testConfig(`${(await import('../support/config.js')).baseYaml()}
recipes:
  cascade: { type: confidence, models: [small, big] }
`);
    const summary = await runEval({
      items: items.slice(0, 2),
      targets: ['consilium/cascade'],
      store: await ResultStore.open(dir, 'fp'),
      config: cascadeConfig,
      concurrency: 1,
      progress: false,
      send: async (_t, q) =>
        q.id === 'i1'
          ? reply('Answer: 1', { recipe: 'cascade', modelsUsed: ['small'], reason: 'confidence: rung 0 accepted' })
          : reply('Answer: 2', { recipe: 'cascade', modelsUsed: ['small', 'big'], reason: 'confidence: answered with rung 1; fallback: cascade ended early' }),
    });
    expect(summary.results.map((r) => [r.escalated, r.fallback])).toEqual([
      [false, false],
      [true, true],
    ]);
  });
});
