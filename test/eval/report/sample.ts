/** A small report built through the real aggregation, for the render and browser tests. */
import { aggregate } from '../../../src/eval/aggregate.js';
import { evaluateChecks, parseChecks } from '../../../src/eval/checks.js';
import { buildReport } from '../../../src/eval/report/build.js';
import type { EvalReport } from '../../../src/eval/report/types.js';
import type { ItemResult } from '../../../src/eval/results.js';
import type { EvalFile } from '../../../src/eval/setup.js';
import { parseSimulation } from '../../../src/eval/sim/params.js';
import { baseYaml, testConfig } from '../../support/config.js';
import { item } from '../fixtures.js';

export const SAMPLE_TARGETS = ['small', 'big', 'consilium/cascade', 'consilium/<odd>&"name"'];

export function sampleReport(): EvalReport {
  // The last target is not in the config: it only checks that names are escaped.
  const config = testConfig(`${baseYaml()}
recipes:
  cascade: { type: confidence, models: [small, big] }
`);
  const accuracy: Record<string, number> = { small: 0.6, big: 0.9, 'consilium/cascade': 0.85, 'consilium/<odd>&"name"': 0.7 };
  const cost: Record<string, number> = { small: 0.0001, big: 0.0015, 'consilium/cascade': 0.0005, 'consilium/<odd>&"name"': 0.0003 };
  const results: ItemResult[] = SAMPLE_TARGETS.flatMap((target) =>
    Array.from({ length: 20 }, (_, i) => ({
      target, item: `i${i}`, category: i % 2 ? 'facts' : 'units', fingerprint: 'fp', itemHash: 'h', ok: true, status: 200,
      correct: i < 20 * (accuracy[target] as number), extracted: '1', judged: false, error: undefined, reply: '', latencyMs: 10 + i,
      costUsd: cost[target] as number, costSource: 'usage' as const, calls: 1, tokens: 10, recipe: 'single', model: 'small', modelsUsed: ['small'],
      reason: undefined, escalated: false, fallback: false,
    })),
  );
  const stats = aggregate(results, SAMPLE_TARGETS, config);
  const file: EvalFile = {
    source: '/tmp/eval.yaml', consilium: {}, simulation: undefined, targets: undefined, judge: undefined, dataset: undefined, checks: [],
    sweep: { targets: undefined, correlations: undefined },
  };
  const checks = evaluateChecks(parseChecks([{ name: 'cascade keeps big', keeps: { target: 'consilium/cascade', reference: 'big', min_accuracy_ratio: 0.95, max_cost_ratio: 0.4 } }], 'x'), stats);
  return buildReport({
    file,
    datasetFile: '/tmp/d.jsonl',
    items: Array.from({ length: 20 }, (_, i) => item({ id: `i${i}`, answerType: 'free', category: i % 2 ? 'facts' : 'units' })),
    stats,
    checks,
    params: parseSimulation({ models: { small: 0.6, big: 0.9 } }),
    judge: 'judge-model',
    failures: 0,
    now: new Date('2025-01-02T03:04:05Z'),
  });
}
