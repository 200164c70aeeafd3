/**
 * protoc-gen-validate rules, as protobufjs exposes them (`field.parsedOptions` → `(validate.rules)`), applied
 * to values the checker has already type-checked. Covers the rule kinds Envoy's API uses: message required,
 * string lengths/sets/header regexes, numeric and duration bounds, enum defined_only, repeated and map counts.
 */
import { isIP } from 'node:net';
import type { Enum, Field, OneOf, ReflectionObject, Type } from 'protobufjs';

/** One field's `(validate.rules)` object, e.g. `{ string: { min_len: 1 } }` or `{ repeated: { items: {...} } }`. */
export type Rules = Readonly<Record<string, unknown>>;
type Report = (message: string) => void;

function optionObjects(obj: ReflectionObject | OneOf, key: string): Record<string, unknown>[] {
  const parsed = (obj as { parsedOptions?: Record<string, unknown>[] | null }).parsedOptions ?? [];
  return parsed.flatMap((entry) => (entry && typeof entry === 'object' && key in entry ? [entry[key] as Record<string, unknown>] : []));
}

export function fieldRules(field: Field): Rules | undefined {
  const parts = optionObjects(field, '(validate.rules)');
  return parts.length === 0 ? undefined : Object.assign({}, ...parts);
}

export function oneofRequired(oneof: OneOf): boolean {
  return oneof.options?.['(validate.required)'] === true;
}

export function rulesDisabled(type: Type): boolean {
  return type.options?.['(validate.disabled)'] === true || type.options?.['(validate.ignored)'] === true;
}

/** The rules for one kind (`string`, `uint32`, `duration`, ...), or undefined. */
export function kind(rules: Rules | undefined, name: string): Readonly<Record<string, unknown>> | undefined {
  const r = rules?.[name];
  return r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined);

export function checkNumber(value: number, r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (!r) return;
  const c = num(r.const);
  if (c !== undefined && value !== c) report(`must equal ${c}`);
  const inSet = list(r.in).map(num);
  if (inSet.length > 0 && !inSet.includes(value)) report(`must be one of ${inSet.join(', ')}`);
  if (list(r.not_in).map(num).includes(value)) report(`must not be ${value}`);
  checkRange(value, { gt: num(r.gt), gte: num(r.gte), lt: num(r.lt), lte: num(r.lte) }, String, report);
}

interface Bounds<T> {
  gt?: T | undefined;
  gte?: T | undefined;
  lt?: T | undefined;
  lte?: T | undefined;
}

/** PGV range semantics, including the exclusive form where the upper bound is below the lower one. */
function checkRange<T extends number | bigint>(value: T, b: Bounds<T>, show: (v: T) => string, report: Report): void {
  const low = b.gt ?? b.gte;
  const high = b.lt ?? b.lte;
  const aboveLow = low === undefined || (b.gt !== undefined ? value > b.gt : value >= (b.gte as T));
  const belowHigh = high === undefined || (b.lt !== undefined ? value < b.lt : value <= (b.lte as T));
  const lowText = b.gt !== undefined ? `> ${show(b.gt)}` : b.gte !== undefined ? `>= ${show(b.gte)}` : '';
  const highText = b.lt !== undefined ? `< ${show(b.lt)}` : b.lte !== undefined ? `<= ${show(b.lte)}` : '';
  if (low !== undefined && high !== undefined && high < low) {
    if (!aboveLow && !belowHigh) report(`must be ${lowText} or ${highText}`);
    return;
  }
  if (!aboveLow || !belowHigh) report(`must be ${[lowText, highText].filter(Boolean).join(' and ')}`);
}

const HEADER_NAME_STRICT = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/;
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
const HEADER_LAX = /^[^\u0000\u000A\u000D]*$/;
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*\.?$/;

export function checkString(value: string, r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (!r) return;
  const chars = [...value].length;
  const bytes = Buffer.byteLength(value);
  const n = (k: string): number | undefined => num(r[k]);
  if (typeof r.const === 'string' && value !== r.const) report(`must equal "${r.const}"`);
  if (n('len') !== undefined && chars !== n('len')) report(`must be ${n('len')} characters long`);
  if (n('min_len') !== undefined && chars < (n('min_len') as number)) report(n('min_len') === 1 ? 'must not be empty' : `must be at least ${n('min_len')} characters`);
  if (n('max_len') !== undefined && chars > (n('max_len') as number)) report(`must be at most ${n('max_len')} characters`);
  if (n('min_bytes') !== undefined && bytes < (n('min_bytes') as number)) report(`must be at least ${n('min_bytes')} bytes`);
  if (n('max_bytes') !== undefined && bytes > (n('max_bytes') as number)) report(`must be at most ${n('max_bytes')} bytes`);
  if (typeof r.prefix === 'string' && !value.startsWith(r.prefix)) report(`must start with "${r.prefix}"`);
  if (typeof r.suffix === 'string' && !value.endsWith(r.suffix)) report(`must end with "${r.suffix}"`);
  if (typeof r.contains === 'string' && !value.includes(r.contains)) report(`must contain "${r.contains}"`);
  if (typeof r.not_contains === 'string' && value.includes(r.not_contains)) report(`must not contain "${r.not_contains}"`);
  const inSet = list(r.in);
  if (inSet.length > 0 && !inSet.includes(value)) report(`must be one of ${inSet.join(', ')}`);
  if (list(r.not_in).includes(value)) report(`must not be "${value}"`);
  if (typeof r.pattern === 'string') {
    const re = compile(r.pattern);
    if (re && !re.test(value)) report(`must match /${r.pattern}/`);
  }
  const strict = r.strict !== false;
  if (r.well_known_regex === 'HTTP_HEADER_NAME' && !(strict ? HEADER_NAME_STRICT : HEADER_LAX).test(value)) report('must be a valid HTTP header name');
  if (r.well_known_regex === 'HTTP_HEADER_VALUE' && !(strict ? HEADER_VALUE_STRICT : HEADER_LAX).test(value)) report('must be a valid HTTP header value');
  if (r.ip === true && isIP(value) === 0) report('must be an IP address');
  if (r.ipv4 === true && isIP(value) !== 4) report('must be an IPv4 address');
  if (r.ipv6 === true && isIP(value) !== 6) report('must be an IPv6 address');
  if (r.hostname === true && !HOSTNAME.test(value)) report('must be a host name');
  if (r.address === true && isIP(value) === 0 && !HOSTNAME.test(value)) report('must be an IP address or host name');
}

/** RE2 patterns mostly parse as JS regexes; one that does not is skipped rather than misjudged. */
function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

export function checkBool(value: boolean, r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (r && typeof r.const === 'boolean' && value !== r.const) report(`must be ${r.const}`);
}

export function checkEnum(value: number, type: Enum, r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (!r) return;
  if (r.defined_only === true && !(value in type.valuesById)) report(`must be a defined value of ${type.name}`);
  const inSet = list(r.in).map(num);
  if (inSet.length > 0 && !inSet.includes(value)) report(`must be one of ${inSet.map((v) => type.valuesById[v as number] ?? v).join(', ')}`);
  if (list(r.not_in).map(num).includes(value)) report(`must not be ${type.valuesById[value] ?? value}`);
  const c = num(r.const);
  if (c !== undefined && value !== c) report(`must be ${type.valuesById[c] ?? c}`);
}

/** A Duration rule bound (`{seconds, nanos}`) in nanoseconds. */
function durationNanos(v: unknown): bigint | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const { seconds, nanos } = v as { seconds?: unknown; nanos?: unknown };
  return BigInt(num(seconds) ?? 0) * 1_000_000_000n + BigInt(num(nanos) ?? 0);
}

export function checkDuration(nanos: bigint, r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (!r) return;
  const show = (n: bigint): string => `${Number(n) / 1e9}s`;
  const c = durationNanos(r.const);
  if (c !== undefined && nanos !== c) report(`must be ${show(c)}`);
  checkRange(nanos, { gt: durationNanos(r.gt), gte: durationNanos(r.gte), lt: durationNanos(r.lt), lte: durationNanos(r.lte) }, show, report);
}

export function checkCount(count: number, r: Readonly<Record<string, unknown>> | undefined, what: 'items' | 'pairs', report: Report): void {
  if (!r) return;
  const min = num(r[`min_${what}`]);
  const max = num(r[`max_${what}`]);
  if (min !== undefined && count < min) report(min === 1 ? 'must not be empty' : `needs at least ${min} ${what}`);
  if (max !== undefined && count > max) report(`allows at most ${max} ${what}`);
}

export function checkUnique(items: readonly unknown[], r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (r?.unique !== true) return;
  const seen = new Set(items.map((i) => JSON.stringify(i)));
  if (seen.size !== items.length) report('items must be unique');
}

export function checkAnyUrl(url: string, r: Readonly<Record<string, unknown>> | undefined, report: Report): void {
  if (!r) return;
  const inSet = list(r.in);
  if (inSet.length > 0 && !inSet.includes(url)) report(`@type must be one of ${inSet.join(', ')}`);
  if (list(r.not_in).includes(url)) report(`@type must not be ${url}`);
}

/** Whether an absent field violates a presence rule (message/duration/any/timestamp `required`). */
export function requiredButAbsent(r: Rules | undefined): boolean {
  return ['message', 'duration', 'any', 'timestamp'].some((k) => kind(r, k)?.required === true);
}
