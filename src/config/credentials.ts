/**
 * Backend API keys. They come from an env var (read per call, so a restart-free rotation of the env of a
 * child process or a test works) or a file such as a mounted Kubernetes Secret (re-read when it changes).
 * Never from config literals, and never logged.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ModelConfig } from './types.js';

const fileCache = new Map<string, { mtimeMs: number; value: string }>();

/** The model's API key, or undefined when the model needs none (or its env var is unset). */
export function apiKeyFor(model: Pick<ModelConfig, 'apiKeyEnv' | 'apiKeyFile'>): string | undefined {
  if (model.apiKeyEnv) {
    const value = process.env[model.apiKeyEnv];
    if (value) return value.trim();
  }
  if (model.apiKeyFile) return readKeyFile(model.apiKeyFile);
  return undefined;
}

function readKeyFile(file: string): string | undefined {
  try {
    const { mtimeMs } = statSync(file);
    const cached = fileCache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.value;
    const value = readFileSync(file, 'utf8').trim();
    fileCache.set(file, { mtimeMs, value });
    return value || undefined;
  } catch {
    return undefined;
  }
}
