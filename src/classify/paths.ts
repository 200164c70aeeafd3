/**
 * Which model directory the classifier opens. The default model ships inside the package, so it is resolved
 * from the package root (src/config/paths.ts), never from the working directory.
 */
import path from 'node:path';
import { DEFAULT_CLASSIFIER_DIR } from '../config/paths.js';

/** The shipped intent model, used whenever the config names no model directory. */
export const DEFAULT_MODEL_DIR = DEFAULT_CLASSIFIER_DIR;

/** The model directory a config names: empty means the default; relative paths resolve against the cwd. */
export function resolveModelDir(configured: string | undefined): string {
  return configured === undefined || configured.trim() === '' ? DEFAULT_MODEL_DIR : path.resolve(configured);
}
