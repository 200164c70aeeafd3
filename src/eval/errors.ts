/**
 * Errors of `consilium eval` itself. They never reach an HTTP client (the eval is a CLI), so they are not
 * RouterErrors: the CLI maps EvalInputError to exit code 2 (bad dataset, config or flags) and anything else
 * to 1.
 */

/** The user's input is wrong: a dataset line, the eval config, a target name. The message says where. */
export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
}

/** The eval stack could not start or a run could not finish (ports, servers, the results file). */
export class EvalRunError extends Error {
  override readonly name = 'EvalRunError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}
