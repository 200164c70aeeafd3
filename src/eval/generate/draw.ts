/**
 * Seeded drawing helpers for the dataset generator, and the shape every category generator returns. The
 * generator is deterministic: the same seed writes the same bytes, so the bundled file can be checked.
 */
import { seededRng, type Rng } from '../../dev/sim/rng.js';
import type { AnswerType } from '../dataset.js';

export type { Rng };

/** One generated question before it gets its id. */
export interface GeneratedItem {
  readonly prompt: string;
  readonly answer: string;
  readonly answerType: Exclude<AnswerType, 'free'>;
  readonly tolerance?: number;
  /** The plausible mistake correlated models share. */
  readonly trap: string;
  /** Other wrong options (the trap is added to the list by the caller). */
  readonly wrong: readonly string[];
}

export const ANSWER_INSTRUCTION = "End your reply with a final line of the form 'Answer: <your answer>'.";

export function rngFor(seed: number, stream: string): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return seededRng(h);
}

/** An integer in [min, max]. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

/** `count` distinct elements of `list`, in random order. */
export function sample<T>(rng: Rng, list: readonly T[], count: number): T[] {
  const pool = [...list];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

/** A number as the answer text: integers plainly, decimals rounded to `places` without trailing zeros. */
export function num(value: number, places = 2): string {
  const rounded = Number(value.toFixed(places));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * Distinct wrong options: drops the answer itself, duplicates, the trap (added back by the caller) and
 * negative numbers when the answer is not negative (nobody answers a remainder with -8).
 */
export function wrongOptions(answer: string, trap: string, candidates: readonly string[]): string[] {
  const out: string[] = [];
  const negativeOk = answer.startsWith('-');
  for (const candidate of candidates) {
    if (!negativeOk && candidate.startsWith('-')) continue;
    if (candidate !== answer && candidate !== trap && !out.includes(candidate)) out.push(candidate);
  }
  return out;
}
