/** What the bootstrap checker reports: one problem, where it is (a YAML path), and what kind it is. */

export type IssueKind =
  /** The file is not YAML, or not a mapping. */
  | 'parse'
  /** A key the proto message does not define (a typo, or a field of another message). */
  | 'unknown_field'
  /** A value of the wrong JSON type for its proto field (string vs number, list vs single, bad Duration...). */
  | 'type'
  /** An `@type` that names no message in Envoy's v3 API. */
  | 'unknown_type'
  /** A protoc-gen-validate rule, a oneof or a presence constraint is violated. */
  | 'rule'
  /** A field the proto marks deprecated. */
  | 'deprecated'
  /** A name that points nowhere (a cluster, a filter), or a cluster that cannot serve its role. */
  | 'reference';

export interface CheckIssue {
  /** e.g. `static_resources.clusters[0].load_assignment.endpoints[0]`. */
  readonly path: string;
  readonly kind: IssueKind;
  readonly message: string;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || '<root>';
}

export function formatIssue(issue: CheckIssue): string {
  return `${issue.path}: ${issue.message} [${issue.kind}]`;
}
