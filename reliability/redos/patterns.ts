/**
 * Classic catastrophic-backtracking patterns and the inputs that trigger them on a backtracking engine. On RE2
 * (re2js) every one of them runs in time linear in the input.
 */

export interface EvilPattern {
  readonly source: string;
  /** An input of `n` characters that makes a backtracking engine explore exponentially many paths. */
  readonly attack: (n: number) => string;
}

export const EVIL_PATTERNS: readonly EvilPattern[] = [
  { source: '(a+)+$', attack: (n) => `${'a'.repeat(n)}!` },
  { source: '(a|aa)+$', attack: (n) => `${'a'.repeat(n)}!` },
  { source: '(a|a?)+$', attack: (n) => `${'a'.repeat(n)}!` },
  { source: '(\\w+\\s?)+$', attack: (n) => `${'word '.repeat(Math.ceil(n / 5)).slice(0, n)}!` },
  { source: '(.*a){12}', attack: (n) => 'a'.repeat(n) },
  { source: '^(([a-z])+.)+[A-Z]([a-z])+$', attack: (n) => `${'aaaa.'.repeat(Math.ceil(n / 5)).slice(0, n)}!` },
  { source: '(x+x+)+y', attack: (n) => 'x'.repeat(n) },
];

/** The same patterns as a YAML keyword set (single-quoted strings keep backslashes as they are). */
export function evilKeywordYaml(name = 'evil'): string {
  return `    ${name}: { regex: [${EVIL_PATTERNS.map((p) => `'${p.source}'`).join(', ')}] }`;
}
