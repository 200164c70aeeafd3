/**
 * Loads a config in stages: read → decode (YAML, duplicate keys fail) → schema (strict) → cross-reference and
 * build → freeze. Each failure is a ConfigError naming its stage and every problem's path and value.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import { buildConfig } from './build.js';
import { DEFAULT_CLASSIFIER_DIR } from './paths.js';
import { ConfigSchema } from './schema.js';
import type { ConsiliumConfig } from './types.js';

export interface LoadOptions {
  /** File the text came from (for messages and relative paths). */
  readonly source?: string;
  /** Base for relative paths; defaults to the source file's directory, else the cwd. */
  readonly baseDir?: string;
}

export async function loadConfigFile(file: string): Promise<ConsiliumConfig> {
  const source = path.resolve(file);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw new ConfigError('read', [{ path: '', message: `cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return loadConfigText(text, { source });
}

export function loadConfigText(text: string, options: LoadOptions = {}): ConsiliumConfig {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      'decode',
      doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '', message: e.message.split('\n')[0] ?? e.message })),
    );
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = ConfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new ConfigError('schema', parsed.error.issues.flatMap(toConfigIssues));
  const issues: ConfigIssue[] = [];
  const baseDir = options.baseDir ?? (options.source ? path.dirname(options.source) : process.cwd());
  const config = buildConfig(parsed.data, { source: options.source, baseDir, defaultModelDir: DEFAULT_CLASSIFIER_DIR }, issues);
  if (issues.length > 0) throw new ConfigError('cross-reference', issues);
  return deepFreeze(config);
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
  readonly keys?: readonly string[];
}

function toConfigIssues(issue: ZodIssueLike): ConfigIssue[] {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const input = (issue.input ?? {}) as Record<string, unknown>;
    return issue.keys.map((key) => ({
      path: at ? `${at}.${key}` : key,
      message: /^api_?key$/i.test(key) ? 'API keys cannot be config literals; use api_key_env or api_key_file' : 'unknown key',
      value: input[key],
    }));
  }
  return [{ path: at, message: issue.message, value: issue.input }];
}

export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of parts) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    const children = value instanceof Map ? [...value.values()] : value instanceof Set ? [...value] : Object.values(value);
    for (const child of children) deepFreeze(child);
  }
  return value;
}
