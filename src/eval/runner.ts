/**
 * Runs every item against every target with bounded concurrency, scoring each reply as it arrives and
 * appending it to the results file. Work already done under the same fingerprint is skipped. Items go out
 * item-major (every target sees item 1 before item 2), so an interrupted run leaves comparable partial data.
 */
import type { ConsiliumConfig } from '../config/types.js';
import type { TargetReply } from './client.js';
import type { EvalItem } from './dataset.js';
import type { Judge } from './judge.js';
import { createProgress, type ProgressSink } from './progress.js';
import { itemHash, type ItemResult, type ResultStore } from './results.js';
import { scoreReply } from './score.js';

export interface RunOptions {
  readonly items: readonly EvalItem[];
  readonly targets: readonly string[];
  readonly send: (target: string, item: EvalItem, requestId: string) => Promise<TargetReply>;
  readonly store: ResultStore;
  readonly config: ConsiliumConfig;
  readonly concurrency: number;
  /** Required when any item is free-form. */
  readonly judge?: Judge;
  readonly label?: string;
  readonly progress?: ProgressSink | false;
}

export interface RunSummary {
  /** One result per (target, item), in target-then-item order. */
  readonly results: readonly ItemResult[];
  readonly sent: number;
  readonly skipped: number;
}

export async function runEval(options: RunOptions): Promise<RunSummary> {
  const { items, targets, store } = options;
  const hashes = new Map(items.map((item) => [item.id, itemHash(item)]));
  const work: { target: string; item: EvalItem }[] = [];
  let skipped = 0;
  for (const item of items) {
    for (const target of targets) {
      if (store.done(target, item, hashes.get(item.id))) skipped++;
      else work.push({ target, item });
    }
  }
  const progress = options.progress === false ? undefined : createProgress(work.length, options.label ?? 'eval', options.progress);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const job = work[next++] as (typeof work)[number];
      const result = await runOne(options, job.target, job.item, hashes.get(job.item.id) as string);
      await store.add(result);
      progress?.tick(!result.ok);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, work.length)) }, worker));
  progress?.done();
  await store.flush();
  const results = targets.flatMap((target) => items.map((item) => store.get(target, item.id)).filter((r): r is ItemResult => r !== undefined));
  return { results, sent: work.length, skipped };
}

async function runOne(options: RunOptions, target: string, item: EvalItem, hash: string): Promise<ItemResult> {
  const requestId = `eval-${hash.slice(0, 8)}-${target.replace(/[^A-Za-z0-9_.-]/g, '_')}-${item.id}`.slice(0, 120);
  const reply = await options.send(target, item, requestId);
  let correct = false;
  let extracted: string | undefined;
  let judged = false;
  let error = reply.ok ? undefined : reply.text;
  if (reply.ok) {
    if (item.answerType === 'free') {
      if (!options.judge) throw new RangeError('free-form items need a judge');
      const verdict = await options.judge(item, reply.text);
      judged = verdict.ok;
      correct = verdict.ok && verdict.correct;
      if (!verdict.ok) error = verdict.error;
    } else {
      ({ extracted, correct } = scoreReply(item, reply.text));
    }
  }
  const recipeType = reply.recipe !== undefined ? options.config.recipes.get(reply.recipe)?.type : undefined;
  return {
    target,
    item: item.id,
    category: item.category,
    fingerprint: options.store.fingerprint,
    itemHash: hash,
    // A free answer the judge could not grade is a failure, so the next run retries it.
    ok: reply.ok && (item.answerType !== 'free' || judged),
    status: reply.status,
    correct,
    extracted,
    judged,
    error,
    reply: reply.text.length > 2000 ? `${reply.text.slice(0, 2000)}…` : reply.text,
    latencyMs: Math.round(reply.latencyMs * 10) / 10,
    costUsd: reply.costUsd,
    costSource: reply.costSource,
    calls: reply.calls,
    tokens: reply.tokens,
    recipe: reply.recipe,
    model: reply.model,
    modelsUsed: reply.modelsUsed,
    reason: reply.reason,
    escalated: recipeType === 'confidence' && reply.modelsUsed.length > 1,
    fallback: /\bfallback\b/i.test(reply.reason ?? ''),
  };
}
