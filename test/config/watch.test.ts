import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchConfigFile, type ConfigWatcher, type WatchOptions } from '../../src/config/watch.js';

const FAST: WatchOptions = { debounceMs: 20, pollMs: 100 };
/** Long enough for a missed event to have been caught by a poll and debounced several times over. */
const SETTLE_MS = 400;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'consilium-watch-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Watched {
  readonly calls: () => number;
  /** What the watched path read when each callback fired. */
  readonly contents: string[];
  readonly errors: unknown[];
  readonly watcher: ConfigWatcher;
}

function watchFile(file: string, options: WatchOptions = FAST, onChange?: () => void): Watched {
  const contents: string[] = [];
  const errors: unknown[] = [];
  const watcher = watchConfigFile(
    file,
    () => {
      contents.push(readFileSync(file, 'utf8'));
      onChange?.();
    },
    { ...options, onError: (error) => errors.push(error) },
  );
  cleanups.push(() => watcher.close());
  return { calls: () => contents.length, contents, errors, watcher };
}

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The layout kubelet's atomic writer gives a mounted ConfigMap. */
function configMapLayout(dir: string, content: string): void {
  mkdirSync(path.join(dir, '..2026_01_01'));
  writeFileSync(path.join(dir, '..2026_01_01', 'config.yaml'), content);
  symlinkSync('..2026_01_01', path.join(dir, '..data'));
  symlinkSync('..data/config.yaml', path.join(dir, 'config.yaml'));
}

/** What kubelet does on a ConfigMap update: new timestamped dir, new ..data symlink renamed over the old one. */
function configMapSwap(dir: string, content: string): void {
  mkdirSync(path.join(dir, '..2026_01_02'));
  writeFileSync(path.join(dir, '..2026_01_02', 'config.yaml'), content);
  symlinkSync('..2026_01_02', path.join(dir, '..data_tmp'));
  renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
  rmSync(path.join(dir, '..2026_01_01'), { recursive: true });
}

describe('watchConfigFile', () => {
  it('fires on an in-place write', async () => {
    const file = path.join(tempDir(), 'config.yaml');
    writeFileSync(file, 'a: 1\n');
    const watched = watchFile(file);
    writeFileSync(file, 'a: 2\n');
    await waitFor(() => watched.calls() === 1);
    expect(watched.contents).toEqual(['a: 2\n']);
  });

  it('fires when a new file is renamed over the old one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, 'a: 1\n');
    const watched = watchFile(file, { debounceMs: 20, pollMs: 0 });
    writeFileSync(path.join(dir, '.config.yaml.tmp'), 'a: 2\n');
    renameSync(path.join(dir, '.config.yaml.tmp'), file);
    await waitFor(() => watched.calls() === 1);
    expect(watched.contents).toEqual(['a: 2\n']);
    // The watch survives the swap: the next replacement is seen too.
    writeFileSync(path.join(dir, '.config.yaml.tmp'), 'a: 3\n');
    renameSync(path.join(dir, '.config.yaml.tmp'), file);
    await waitFor(() => watched.calls() === 2);
    expect(watched.contents).toEqual(['a: 2\n', 'a: 3\n']);
  });

  it('fires on a Kubernetes ConfigMap update (..data symlink swap) and the path reads the new content', async () => {
    const dir = tempDir();
    configMapLayout(dir, 'version: 1\n');
    const file = path.join(dir, 'config.yaml');
    // Directory events only: polling off, so this proves the watch itself sees the swap.
    const watched = watchFile(file, { debounceMs: 20, pollMs: 0 });
    configMapSwap(dir, 'version: 2\n');
    await waitFor(() => watched.calls() === 1);
    expect(watched.contents).toEqual(['version: 2\n']);
    expect(readFileSync(file, 'utf8')).toBe('version: 2\n');
  });

  it('catches the ConfigMap swap by polling alone', async () => {
    const dir = tempDir();
    configMapLayout(dir, 'version: 1\n');
    const watched = watchFile(path.join(dir, 'config.yaml'), { debounceMs: 20, pollMs: 30, fsWatch: false });
    configMapSwap(dir, 'version: 2\n');
    await waitFor(() => watched.calls() === 1);
    expect(watched.contents).toEqual(['version: 2\n']);
  });

  it('coalesces a burst of writes into one call with the final content', async () => {
    const file = path.join(tempDir(), 'config.yaml');
    writeFileSync(file, 'n: 0\n');
    const watched = watchFile(file, { debounceMs: 100, pollMs: 0 });
    for (let i = 1; i <= 5; i++) writeFileSync(file, `n: ${i}\n`);
    await waitFor(() => watched.calls() === 1);
    await sleep(SETTLE_MS);
    expect(watched.contents).toEqual(['n: 5\n']);
  });

  it('ignores events that do not change the content: a rewrite with the same bytes, a sibling file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, 'a: 1\n');
    const watched = watchFile(file);
    writeFileSync(file, 'a: 1\n');
    writeFileSync(path.join(dir, 'other.yaml'), 'b: 2\n');
    await sleep(SETTLE_MS);
    expect(watched.calls()).toBe(0);
    writeFileSync(file, 'a: 9\n');
    await waitFor(() => watched.calls() === 1);
  });

  it('treats a briefly missing file as no change, and fires when it returns with new content', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, 'a: 1\n');
    const watched = watchFile(file);
    unlinkSync(file);
    await sleep(SETTLE_MS);
    expect(watched.calls()).toBe(0);
    writeFileSync(file, 'a: 2\n');
    await waitFor(() => watched.calls() === 1);
    expect(watched.contents).toEqual(['a: 2\n']);
  });

  it('fires when a file missing at start appears', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.yaml');
    const watched = watchFile(file);
    writeFileSync(file, 'a: 1\n');
    await waitFor(() => watched.calls() === 1);
  });

  it('keeps watching after the callback throws, and reports the error', async () => {
    const file = path.join(tempDir(), 'config.yaml');
    writeFileSync(file, 'a: 1\n');
    const watched = watchFile(file, FAST, () => {
      throw new Error('reload failed');
    });
    writeFileSync(file, 'a: 2\n');
    await waitFor(() => watched.calls() === 1);
    writeFileSync(file, 'a: 3\n');
    await waitFor(() => watched.calls() === 2);
    expect(watched.errors).toHaveLength(2);
  });

  it('stops after close()', async () => {
    const file = path.join(tempDir(), 'config.yaml');
    writeFileSync(file, 'a: 1\n');
    const watched = watchFile(file);
    watched.watcher.close();
    writeFileSync(file, 'a: 2\n');
    await sleep(SETTLE_MS);
    expect(watched.calls()).toBe(0);
  });
});
