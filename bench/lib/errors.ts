/**
 * Errors of the benchmark runner itself. They never reach an HTTP client (the bench is a script), so they are
 * not RouterErrors: run.ts maps BenchUsageError to exit code 2 (bad arguments, unreadable results file) and
 * anything else to 1.
 */

/** The command line or a file named on it is wrong; the message says which. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/** A bench could not run to the end: a child process died, a server did not start, answers were wrong. */
export class BenchRunError extends Error {
  override readonly name = 'BenchRunError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}
