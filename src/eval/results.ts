/**
 * The results file: one JSON line per (target, item), appended as each finishes, so an interrupted run
 * resumes where it stopped. A line counts as done only for the same run fingerprint (config, simulation
 * parameters) and the same item content; failures are retried on the next run. Later lines win.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EvalItem } from './dataset.js';
import { toLine } from './dataset.js';

export interface ItemResult {
  readonly target: string;
  readonly item: string;
  readonly category: string;
  readonly fingerprint: string;
  readonly itemHash: string;
  readonly ok: boolean;
  readonly status: number;
  readonly correct: boolean;
  /** The answer read from the reply (normalised), when one was found. */
  readonly extracted: string | undefined;
  /** Free items: whether the judge gave a verdict. */
  readonly judged: boolean;
  readonly error: string | undefined;
  readonly reply: string;
  readonly latencyMs: number;
  readonly costUsd: number;
  readonly costSource: 'header' | 'usage' | 'none';
  readonly calls: number;
  readonly tokens: number;
  readonly recipe: string | undefined;
  readonly model: string | undefined;
  readonly modelsUsed: readonly string[];
  readonly reason: string | undefined;
  /** A confidence cascade climbed past its first rung. */
  readonly escalated: boolean;
  /** The recipe said it took a fallback. */
  readonly fallback: boolean;
}

export const RESULTS_FILE = 'results.jsonl';

export function resultKey(target: string, item: string): string {
  return `${target}\u0000${item}`;
}

export function itemHash(item: EvalItem): string {
  return createHash('sha256').update(JSON.stringify(toLine(item))).digest('hex').slice(0, 16);
}

export function fingerprintOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export class ResultStore {
  private readonly results = new Map<string, ItemResult>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    readonly fingerprint: string,
  ) {}

  /** Opens (creating the directory) and reads the lines of this fingerprint; malformed lines are skipped. */
  static async open(dir: string, fingerprint: string): Promise<ResultStore> {
    await mkdir(dir, { recursive: true });
    const store = new ResultStore(path.join(dir, RESULTS_FILE), fingerprint);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    let lines;
    try {
      lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === '') continue;
        try {
          const result = JSON.parse(line) as ItemResult;
          if (result.fingerprint === this.fingerprint && typeof result.target === 'string' && typeof result.item === 'string') {
            this.results.set(resultKey(result.target, result.item), result);
          }
        } catch {
          // A line cut short by an interrupted write: that item runs again.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** A finished (successful) result for this target and item content, if any. */
  done(target: string, item: EvalItem, hash = itemHash(item)): ItemResult | undefined {
    const result = this.results.get(resultKey(target, item.id));
    return result && result.ok && result.itemHash === hash ? result : undefined;
  }

  get(target: string, item: string): ItemResult | undefined {
    return this.results.get(resultKey(target, item));
  }

  /** Records and appends one result; appends are serialised so lines never interleave. */
  add(result: ItemResult): Promise<void> {
    this.results.set(resultKey(result.target, result.item), result);
    const line = `${JSON.stringify(result)}\n`;
    this.writing = this.writing.then(() => appendFile(this.file, line, 'utf8'));
    return this.writing;
  }

  async flush(): Promise<void> {
    await this.writing;
  }
}
