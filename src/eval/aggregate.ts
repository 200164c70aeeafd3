/**
 * From per-item results to per-target statistics: accuracy with its 95% Wilson interval (a failed request
 * counts as a wrong answer), cost, calls and tokens per item, p50/p99 latency of answered requests,
 * failures, the cascade's escalation rate and the recipes' fallback rate, what auto picked, the per-category
 * breakdown, and each target's place relative to the cost-vs-accuracy Pareto frontier.
 */
import type { ConsiliumConfig } from '../config/types.js';
import type { ItemResult } from './results.js';
import { mean, paretoFrontier, percentile, wilson, type Interval } from './stats.js';

export interface Accuracy {
  readonly n: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly ci: Interval;
}

export interface TargetStats extends Accuracy {
  readonly target: string;
  /** `model`, or the recipe type a virtual model runs (`auto` for auto profiles and aliases of it). */
  readonly kind: string;
  readonly failures: number;
  readonly costPerItem: number;
  readonly callsPerItem: number;
  readonly tokensPerItem: number;
  readonly latencyP50Ms: number | undefined;
  readonly latencyP99Ms: number | undefined;
  /** Confidence cascades: share of answered items that climbed past the first rung. */
  readonly escalationRate: number | undefined;
  /** Recipes: share of answered items where the recipe took a fallback. */
  readonly fallbackRate: number | undefined;
  /** Auto: how often it chose each recipe or model. */
  readonly picks: Readonly<Record<string, number>> | undefined;
  readonly byCategory: Readonly<Record<string, Accuracy>>;
  readonly onFrontier: boolean;
  /** Best accuracy among targets costing no more, minus this one's (0 on the frontier). */
  readonly frontierGap: number;
}

export function accuracyOf(results: readonly ItemResult[]): Accuracy {
  const correct = results.filter((r) => r.correct).length;
  const n = results.length;
  return { n, correct, accuracy: n === 0 ? 0 : correct / n, ci: wilson(correct, n) };
}

export function targetKind(config: ConsiliumConfig, target: string): string {
  if (config.models.has(target)) return 'model';
  const canonical = config.virtualModels.aliases.get(target) ?? target;
  if (config.virtualModels.autoProfiles.has(canonical)) return 'auto';
  const recipe = canonical.startsWith('consilium/') ? config.recipes.get(canonical.slice('consilium/'.length)) : undefined;
  return recipe?.type ?? 'virtual';
}

export function aggregate(results: readonly ItemResult[], targets: readonly string[], config: ConsiliumConfig): TargetStats[] {
  const partial = targets.map((target) => summarize(target, results.filter((r) => r.target === target), config));
  const points = partial.map((s) => ({ cost: s.costPerItem, accuracy: s.accuracy }));
  const frontier = paretoFrontier(points);
  return partial.map((s, i) => {
    const best = Math.max(...points.filter((p) => p.cost <= s.costPerItem).map((p) => p.accuracy));
    return { ...s, onFrontier: frontier.has(i), frontierGap: Math.max(0, best - s.accuracy) };
  });
}

function summarize(target: string, results: readonly ItemResult[], config: ConsiliumConfig): Omit<TargetStats, 'onFrontier' | 'frontierGap'> {
  const kind = targetKind(config, target);
  const answered = results.filter((r) => r.ok);
  const latencies = answered.map((r) => r.latencyMs);
  const categories = [...new Set(results.map((r) => r.category))].sort();
  const isRecipe = kind !== 'model';
  const cascades = answered.filter((r) => r.recipe !== undefined && config.recipes.get(r.recipe)?.type === 'confidence');
  const picks: Record<string, number> = {};
  if (kind === 'auto') {
    for (const r of answered) {
      // Auto reports the recipe it ran; when it chose one model, the recipe header names auto itself.
      const single = r.recipe === undefined || r.recipe === 'single' || config.recipes.get(r.recipe)?.type === 'auto';
      const pick = single ? (r.model ?? 'unknown') : r.recipe;
      picks[pick] = (picks[pick] ?? 0) + 1;
    }
  }
  return {
    target,
    kind,
    ...accuracyOf(results),
    failures: results.length - answered.length,
    costPerItem: mean(results.map((r) => r.costUsd)),
    callsPerItem: mean(results.map((r) => r.calls)),
    tokensPerItem: mean(results.map((r) => r.tokens)),
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    escalationRate: cascades.length > 0 ? cascades.filter((r) => r.escalated).length / cascades.length : undefined,
    fallbackRate: isRecipe && answered.length > 0 ? answered.filter((r) => r.fallback).length / answered.length : undefined,
    picks: kind === 'auto' ? picks : undefined,
    byCategory: Object.fromEntries(categories.map((c) => [c, accuracyOf(results.filter((r) => r.category === c))])),
  };
}
