/**
 * Tells the server when its config file's content changed, so it can reload. Works for the three ways a
 * file is replaced: written in place, renamed over (editors, `kubectl cp`), and Kubernetes' ConfigMap swap,
 * where `config.yaml -> ..data/config.yaml` and `..data` is a symlink atomically renamed to a new timestamped
 * directory. fs.watch on the file itself misses that swap (it watches the old inode), so this watches the
 * directory, re-reads the path through its symlinks, and compares a content hash. A timer poll backs it up
 * on filesystems where directory events are unreliable (network mounts, some overlays).
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface WatchOptions {
  /** Quiet time after the last directory event before the file is re-read (default 250 ms). */
  readonly debounceMs?: number;
  /** Re-read this often regardless of events; 0 disables polling (default 2000 ms). */
  readonly pollMs?: number;
  /** Watch the directory for events (default true); false leaves polling only. */
  readonly fsWatch?: boolean;
  /** Told about watcher failures and exceptions thrown by onChange; watching goes on. */
  readonly onError?: (error: unknown) => void;
}

export interface ConfigWatcher {
  close(): void;
}

export const DEFAULT_DEBOUNCE_MS = 250;
export const DEFAULT_POLL_MS = 2_000;

/**
 * Calls `onChange` once per observed content change of `file` (bursts of events coalesce). A file that is
 * briefly missing during a swap is not a change; when it reappears with new content, that is.
 */
export function watchConfigFile(file: string, onChange: () => void, options: WatchOptions = {}): ConfigWatcher {
  const target = path.resolve(file);
  const debounceMs = Math.max(0, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  const pollMs = Math.max(0, options.pollMs ?? DEFAULT_POLL_MS);
  const report = (error: unknown): void => options.onError?.(error);

  let closed = false;
  let last = fingerprintSync(target);
  let checking = false;
  let recheck = false;
  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const check = async (): Promise<void> => {
    if (checking) {
      recheck = true;
      return;
    }
    checking = true;
    try {
      do {
        recheck = false;
        const current = await fingerprint(target);
        if (closed) return;
        if (current === undefined || current === last) continue;
        last = current;
        try {
          onChange();
        } catch (error) {
          report(error);
        }
      } while (recheck && !closed);
    } finally {
      checking = false;
    }
  };

  const schedule = (): void => {
    if (closed) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void check(), debounceMs);
    debounce.unref();
  };

  if (options.fsWatch !== false) {
    try {
      // Any entry of the directory may be the one that changed (..data, a temp file renamed over ours).
      watcher = watch(path.dirname(target), { persistent: false }, schedule);
      watcher.on('error', (error) => {
        report(error);
        watcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      report(error);
    }
  }
  const poll = pollMs > 0 ? setInterval(() => void check(), pollMs) : undefined;
  poll?.unref();

  return {
    close(): void {
      closed = true;
      clearTimeout(debounce);
      clearInterval(poll);
      watcher?.close();
      watcher = undefined;
    },
  };
}

/** SHA-256 of the content reached through every symlink; undefined while the file is missing or unreadable. */
async function fingerprint(file: string): Promise<string | undefined> {
  try {
    return digest(await readFile(file));
  } catch {
    return undefined;
  }
}

function fingerprintSync(file: string): string | undefined {
  try {
    return digest(readFileSync(file));
  } catch {
    return undefined;
  }
}

function digest(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
