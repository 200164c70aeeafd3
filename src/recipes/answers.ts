/**
 * Answer normalisation for voting and agreement. A short answer (multiple-choice letter, number, yes/no,
 * JSON value) reduces to a canonical key so differently worded answers vote together; free text compares by
 * token-set Jaccard similarity.
 */

export type ShortAnswerKind = 'choice' | 'number' | 'boolean' | 'json';

export interface ShortAnswer {
  readonly kind: ShortAnswerKind;
  /** Canonical form: `B`, `42`, `yes`, sorted-key JSON. */
  readonly key: string;
}

/** Longest free text still read as a bare answer when no "answer:" marker is present. */
const BARE_ANSWER_MAX_CHARS = 40;

/**
 * The canonical short answer in `text`, if it has one. `json` says the request asked for JSON, so the whole
 * answer is a JSON value. Looks for \boxed{...}, then the last "answer: ..." / "answer is ..." line, then
 * the bare text when it is short.
 */
export function shortAnswer(text: string | null, json = false): ShortAnswer | undefined {
  if (text === null) return undefined;
  const trimmed = text.trim();
  if (json || /^[[{]/.test(trimmed)) {
    const key = canonicalJson(trimmed);
    if (key !== undefined) return { kind: 'json', key };
    if (json) return undefined;
  }
  const candidate = markedAnswer(trimmed) ?? (trimmed.length <= BARE_ANSWER_MAX_CHARS ? trimmed : undefined);
  return candidate === undefined ? undefined : classify(candidate);
}

function markedAnswer(text: string): string | undefined {
  const boxed = [...text.matchAll(/\\boxed\{([^{}]+)\}/g)].pop();
  if (boxed?.[1]) return boxed[1];
  const lines = [...text.matchAll(/(?:final answer|answer)\s*(?:is|:|=)\s*(.+)$/gim)];
  return lines.pop()?.[1];
}

function classify(raw: string): ShortAnswer | undefined {
  const text = raw.replace(/[*_`]/g, '').trim().replace(/[.!。]+$/, '').trim();
  const choice = text.match(/^([A-Ea-e])$/) ?? text.match(/^\(([A-Ea-e])\)/) ?? text.match(/^([A-E])[.):](?:\s|$)/) ?? text.match(/^(?:option|choice)\s+\(?([A-E])\b/i);
  if (choice?.[1]) return { kind: 'choice', key: choice[1].toUpperCase() };
  const yesNo = text.match(/^(yes|no|true|false)\b/i);
  if (yesNo?.[1]) return { kind: 'boolean', key: /^(yes|true)$/i.test(yesNo[1]) ? 'yes' : 'no' };
  const number = text.match(/^[-+]?\$?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*%?(?:\s+[A-Za-z]+)?$/);
  if (number?.[1]) {
    const sign = text.startsWith('-') ? -1 : 1;
    const value = sign * Number(number[1].replace(/,/g, ''));
    if (Number.isFinite(value)) return { kind: 'number', key: String(value) };
  }
  return undefined;
}

/** JSON text re-serialised with sorted keys, or undefined when it does not parse. */
export function canonicalJson(text: string): string | undefined {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return undefined;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Lower-cased word tokens. */
export function tokenSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of two texts' token sets, in [0, 1]. Two empty texts are identical. */
export function jaccard(a: string, b: string): number {
  const sa = tokenSet(a);
  const sb = tokenSet(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const token of sa) if (sb.has(token)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** Each text's mean similarity to the others, in [0, 1]; a lone text agrees with itself (1). */
export function agreement(texts: readonly string[]): number[] {
  if (texts.length < 2) return texts.map(() => 1);
  return texts.map((text, i) => {
    let sum = 0;
    texts.forEach((other, j) => {
      if (i !== j) sum += jaccard(text, other);
    });
    return sum / (texts.length - 1);
  });
}
