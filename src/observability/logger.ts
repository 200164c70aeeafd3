/**
 * The root pino logger. Secrets are redacted by path; prompts are logged only at debug level by callers.
 * Streams take a child logger carrying their request_id.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["proxy-authorization"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  'apiKey',
  'api_key',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
];

export interface LoggerOptions {
  readonly level?: string;
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.CONSILIUM_LOG_LEVEL ?? 'info';
  return pino(
    {
      name: 'consilium',
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

/**
 * The logger for the one line per request. That line is built from Consilium's own fields only (ids, names,
 * counts; never headers, bodies or keys), so it skips redaction, which costs ~11 µs a line with wildcard paths:
 * most of the logging cost on the hot path. Everything else keeps the root logger's redaction.
 */
export function accessLogger(root: Logger): Logger {
  return root.child({}, { redact: [] });
}

/** A logger that drops everything; for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
