/**
 * Scalar parsing for the checker, following proto3's JSON mapping: integers as numbers or decimal strings
 * within their type's range, floats (or "NaN"/"Infinity"), Duration strings, and readable descriptions of a
 * value for messages. Also the "did you mean" suggestion for misspelt keys.
 */

const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

/** RFC 3339 as protobuf's Timestamp JSON uses it. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;
const MAX_DURATION_SECONDS = 315_576_000_000n;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A numeric proto field's value as a number, or a message saying why it is not one. */
export function parseNumber(protoType: string, value: unknown): number | string {
  const range = INT_RANGES[protoType];
  if (range) {
    let big: bigint;
    if (typeof value === 'number' && Number.isInteger(value)) big = BigInt(value);
    else if (typeof value === 'string' && /^-?\d+$/.test(value)) big = BigInt(value);
    else return `expected an integer (${protoType}), got ${describeValue(value)}`;
    if (big < range[0] || big > range[1]) return `${value} is out of range for ${protoType}`;
    return Number(big);
  }
  if (protoType === 'double' || protoType === 'float') {
    if (typeof value === 'number') return value;
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return `expected a number (${protoType}), got ${describeValue(value)}`;
  }
  return `unsupported field type ${protoType}`;
}

/** A protobuf JSON Duration ("1.5s", "-2s") in nanoseconds, or undefined when malformed or out of range. */
export function parseDuration(text: string): bigint | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const seconds = BigInt(m[2] as string);
  if (seconds > MAX_DURATION_SECONDS) return undefined;
  const nanos = BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  const total = seconds * 1_000_000_000n + nanos;
  return m[1] ? -total : total;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function suggest(key: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  for (const candidate of candidates) {
    const d = Math.min(distance(key, candidate), distance(snake, candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
