/**
 * `consilium envoy --check`: validates an Envoy bootstrap against Envoy's own v3 protos (every key, type and
 * validate rule, `@type`s resolved), then cross-references names. No Envoy binary runs here; this is the
 * closest offline equivalent of `envoy --mode validate`. Accepts a bootstrap, or a ConfigMap carrying one.
 */
import { parseAllDocuments } from 'yaml';
import type { CheckIssue, PathSegment } from './check-issue.js';
import { formatPath } from './check-issue.js';
import { checkReferences, type RefOptions } from './check-refs.js';
import { isPlainObject } from './check-values.js';
import { ProtoWalker } from './check-walk.js';
import { envoyProtoRegistry } from './proto-registry.js';

export const BOOTSTRAP_TYPE = 'envoy.config.bootstrap.v3.Bootstrap';

export type CheckOptions = RefOptions;

/** Every problem in a parsed bootstrap; empty when Envoy's protos accept it and every reference resolves. */
export function checkBootstrap(doc: unknown, options: CheckOptions = {}): CheckIssue[] {
  return checkAt(doc, [], options);
}

function checkAt(doc: unknown, prefix: readonly PathSegment[], options: CheckOptions): CheckIssue[] {
  if (!isPlainObject(doc)) return [{ path: formatPath(prefix), kind: 'parse', message: 'a bootstrap must be a YAML mapping' }];
  const registry = envoyProtoRegistry();
  const type = registry.message(BOOTSTRAP_TYPE);
  if (!type) throw new Error(`${BOOTSTRAP_TYPE} is missing from the loaded protos`);
  const walker = new ProtoWalker(registry);
  walker.value(type, doc, prefix);
  return [...walker.issues, ...checkReferences(walker.visits, options)];
}

/**
 * Checks YAML text: a bootstrap, or a Kubernetes ConfigMap whose `*.yaml` data keys hold bootstraps (issue
 * paths then start with `data["envoy.yaml"]`).
 */
export function checkBootstrapText(text: string, options: CheckOptions = {}): CheckIssue[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  if (docs.length === 0) return [{ path: '<root>', kind: 'parse', message: 'the file holds no YAML document' }];
  const issues: CheckIssue[] = [];
  docs.forEach((doc, i) => {
    const errors = doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : `document ${i + 1}`, kind: 'parse' as const, message: e.message.split('\n')[0] ?? e.message }));
    if (errors.length > 0) {
      issues.push(...errors);
      return;
    }
    const value: unknown = doc.toJS();
    issues.push(...(isConfigMap(value) ? checkConfigMap(value, options) : checkBootstrap(value, options)));
  });
  return issues;
}

function isConfigMap(value: unknown): value is { data?: unknown } {
  return isPlainObject(value) && value.kind === 'ConfigMap' && value.apiVersion === 'v1';
}

function checkConfigMap(value: { data?: unknown }, options: CheckOptions): CheckIssue[] {
  const data = value.data;
  const entries = isPlainObject(data) ? Object.entries(data).filter(([key]) => /\.ya?ml$/.test(key)) : [];
  if (entries.length === 0) return [{ path: 'data', kind: 'parse', message: 'the ConfigMap holds no *.yaml key with a bootstrap' }];
  return entries.flatMap(([key, text]) => {
    const at: PathSegment[] = ['data', key];
    if (typeof text !== 'string') return [{ path: formatPath(at), kind: 'parse' as const, message: 'expected the bootstrap as a string' }];
    return checkBootstrapText(text, options).map((issue) => ({ ...issue, path: `${formatPath(at)}.${issue.path}` }));
  });
}
