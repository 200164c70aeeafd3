/** Errors that mean "this configuration cannot start" (exit 2) rather than a runtime failure (exit 1). */
import { ClassifierLoadError } from '../classify/errors.js';
import { ConfigError } from '../errors/index.js';

export function isStartupError(error: unknown): boolean {
  return error instanceof ConfigError || error instanceof ClassifierLoadError || (error as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
}

export function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
