/**
 * Where a model's API key comes from. An env var (`api_key_env`) is read at every call, so rotating it takes
 * effect without a restart; a file (`api_key_file`, e.g. a mounted Kubernetes Secret) is read at load and
 * re-read on an interval (a tiny file; re-reading follows the symlink swap Kubernetes uses, and unlike a
 * stat watcher it cannot miss a change made before its first poll). The env var wins when both are set and
 * it is non-empty. Keys are trimmed (files usually end with a newline) and never logged.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ModelConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

export interface ApiKeySource {
  /** The current key, or undefined when the model has none (no Authorization header is sent). */
  current(): string | undefined;
  close(): void;
}

export interface ApiKeyOptions {
  /** How often a key file is polled for changes; 0 disables re-reading. */
  readonly filePollMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Told when a re-read fails; the previous key stays in use. */
  readonly onReloadError?: (error: unknown) => void;
}

export function apiKeySource(model: Pick<ModelConfig, 'name' | 'apiKeyEnv' | 'apiKeyFile'>, options: ApiKeyOptions): ApiKeySource {
  const env = options.env ?? process.env;
  const fromEnv = (): string | undefined => (model.apiKeyEnv === undefined ? undefined : nonEmpty(env[model.apiKeyEnv]));
  const file = model.apiKeyFile;
  if (file === undefined) return { current: fromEnv, close: () => {} };

  let fileKey = readKeyFile(model.name, file);
  let reading = false;
  const reread = (): void => {
    if (reading) return;
    reading = true;
    readFile(file, 'utf8')
      .then((text) => {
        // An empty read is a writer mid-rewrite, not a revoked key.
        fileKey = nonEmpty(text) ?? fileKey;
      })
      .catch((error: unknown) => options.onReloadError?.(error))
      .finally(() => {
        reading = false;
      });
  };
  const timer = options.filePollMs > 0 ? setInterval(reread, options.filePollMs).unref() : undefined;
  return {
    current: () => fromEnv() ?? fileKey,
    close: () => clearInterval(timer),
  };
}

function readKeyFile(modelName: string, file: string): string | undefined {
  try {
    return nonEmpty(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConfigError('read', [{ path: `models.${modelName}.api_key_file`, message: `cannot read the key file (${reason})`, value: file }]);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
