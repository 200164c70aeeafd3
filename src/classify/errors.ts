/**
 * Classifier errors. A load failure is a start-up problem (like ConfigError), never client-facing: it names the
 * path and what is missing or wrong. A failed inference is a RouterError, so a request that needed the label
 * gets a generic 500 while the details stay in the log.
 */
import { RouterError } from '../errors/index.js';

/** The model directory, one of its files, or the ONNX session could not be loaded. */
export class ClassifierLoadError extends Error {
  /** The directory or file at fault. */
  readonly path: string;
  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super(`${message} (${path})`, { cause: options.cause });
    this.name = 'ClassifierLoadError';
    this.path = path;
  }
}

/** An inference run failed, or the classifier was used after close(). */
export class ClassifierRunError extends RouterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('internal_error', message, options);
  }
}
