/** Paths inside the installed package, independent of the process's working directory. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The classifier the project trains and ships; used whenever a config names no model. */
export const DEFAULT_CLASSIFIER_DIR = path.join(PACKAGE_ROOT, 'models', 'intent-default');
