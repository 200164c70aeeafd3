/**
 * The typed error hierarchy. Every error a client can see has a stable code in CATALOG with its HTTP
 * status and OpenAI error `type`; anything else surfaces as a generic 500 whose details stay in the log.
 */

export interface CatalogEntry {
  readonly status: number;
  readonly type: 'invalid_request_error' | 'not_found_error' | 'rate_limit_error' | 'server_error' | 'api_error';
  readonly description: string;
}

export const CATALOG = {
  invalid_json: { status: 400, type: 'invalid_request_error', description: 'The body is not valid JSON.' },
  invalid_request: { status: 400, type: 'invalid_request_error', description: 'The body violates the OpenAI request schema.' },
  too_many_messages: { status: 400, type: 'invalid_request_error', description: 'More messages than server.max_messages.' },
  context_length_exceeded: { status: 400, type: 'invalid_request_error', description: 'The prompt token estimate exceeds server.max_prompt_tokens.' },
  model_not_found: { status: 404, type: 'not_found_error', description: 'The model is neither configured nor virtual.' },
  not_found: { status: 404, type: 'not_found_error', description: 'No such API path.' },
  method_not_allowed: { status: 405, type: 'invalid_request_error', description: 'The path does not accept this method.' },
  body_too_large: { status: 413, type: 'invalid_request_error', description: 'The body exceeds server.max_body_bytes.' },
  too_many_recipes: { status: 429, type: 'rate_limit_error', description: 'Too many recipes in flight (server.max_concurrent_recipes).' },
  recipe_not_implemented: { status: 501, type: 'server_error', description: 'The decision names a recipe type this build cannot run.' },
  recipe_failed: { status: 502, type: 'server_error', description: 'A recipe produced no answer; the message names the failed stage.' },
  backend_error: { status: 502, type: 'server_error', description: 'A backend answered with an error or an invalid response.' },
  backend_unavailable: { status: 503, type: 'server_error', description: 'No backend could be reached.' },
  draining: { status: 503, type: 'server_error', description: 'The server is shutting down; retry on another replica.' },
  timeout: { status: 504, type: 'server_error', description: 'The request deadline passed.' },
  internal_error: { status: 500, type: 'server_error', description: 'Unexpected failure; details are in the server log only.' },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof CATALOG;

/** Base of every error Consilium raises on purpose. `code` selects status and type from CATALOG. */
export class RouterError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: CatalogEntry['type'];
  /** Extra response headers, e.g. retry-after. */
  readonly headers: Readonly<Record<string, string>>;
  /** The OpenAI `param` field, when one request field is at fault. */
  readonly param: string | null;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; headers?: Record<string, string>; param?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = CATALOG[code].status;
    this.type = CATALOG[code].type;
    this.headers = Object.freeze({ ...(options.headers ?? {}) });
    this.param = options.param ?? null;
  }
}

/** The client's request is wrong (4xx). */
export class RequestError extends RouterError {}

/** A backend failed (connect, HTTP status, timeout, malformed answer, cooldown). */
export class BackendError extends RouterError {
  readonly model: string;
  readonly kind: 'connect' | 'timeout' | 'http' | 'aborted' | 'invalid_response' | 'cooldown';
  /** Upstream HTTP status when kind is 'http'. */
  readonly upstreamStatus: number | undefined;
  /** Seconds from a 429/503 retry-after header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    model: string,
    kind: BackendError['kind'],
    message: string,
    options: { cause?: unknown; upstreamStatus?: number; retryAfterSeconds?: number } = {},
  ) {
    super(kind === 'connect' || kind === 'cooldown' ? 'backend_unavailable' : kind === 'timeout' ? 'timeout' : 'backend_error', message, {
      cause: options.cause,
    });
    this.model = model;
    this.kind = kind;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A recipe could not produce any answer. The message names the failed stage. */
export class RecipeError extends RouterError {
  readonly stage: string;
  constructor(stage: string, message: string, options: { cause?: unknown } = {}) {
    super('recipe_failed', message, options);
    this.stage = stage;
  }
}

/** One problem in a config file: the exact path and the offending value. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
}

/** A config file failed to load. Not client-facing: `consilium validate` and reload print `issues`. */
export class ConfigError extends Error {
  readonly stage: 'read' | 'decode' | 'schema' | 'cross-reference' | 'build';
  readonly issues: readonly ConfigIssue[];
  constructor(stage: ConfigError['stage'], issues: readonly ConfigIssue[]) {
    super(`config ${stage} failed:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ConfigError';
    this.stage = stage;
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const value = issue.value === undefined ? '' : ` (got ${safeJson(issue.value)})`;
  return `  ${issue.path || '<root>'}: ${issue.message}${value}`;
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

/** The OpenAI error body: `{"error":{"message","type","param","code"}}`. */
export interface OpenAIErrorBody {
  readonly error: { readonly message: string; readonly type: string; readonly param: string | null; readonly code: string };
}

/** Maps any thrown value to a client-safe error. Unknown errors become internal_error with no internals. */
export function toRouterError(error: unknown): RouterError {
  if (error instanceof RouterError) return error;
  return new RouterError('internal_error', 'internal error', { cause: error });
}

export function errorBody(error: RouterError): OpenAIErrorBody {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}
