/**
 * Walks a YAML/JSON value against a protobuf message type the way Envoy's proto3 JSON parser would read it:
 * unknown keys, wrong JSON types, enum names, repeated vs single, maps, the well-known types (Duration
 * strings, wrappers, Struct/Value, Any resolved by `@type`, TypedStruct), oneofs, deprecated fields, and the
 * protoc-gen-validate rules. Every message it visits is recorded, so cross-reference checks can run after.
 */
import protobuf from 'protobufjs';
import type { Enum, Field, FieldBase, MapField, Type } from 'protobufjs';
import type { CheckIssue, IssueKind, PathSegment } from './check-issue.js';
import { formatPath } from './check-issue.js';
import * as rules from './check-rules.js';
import { messageNameOf } from './names.js';
import { fullNameOf, type ProtoRegistry } from './proto-registry.js';
import { describeValue, isPlainObject, parseDuration, parseNumber, suggest, TIMESTAMP } from './check-values.js';

/** A message the walk went through, with its proto type name (for cross-reference checks). */
export interface Visit {
  readonly type: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly path: readonly PathSegment[];
}

const WRAPPERS: Readonly<Record<string, string>> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};
/** Types whose JSON form is not an object of their fields; inside an Any they sit under `value`. */
const SPECIAL_JSON = new Set([
  ...Object.keys(WRAPPERS),
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
  'google.protobuf.Any',
]);
const TYPED_STRUCTS = new Set(['xds.type.v3.TypedStruct', 'udpa.type.v1.TypedStruct']);
const PROMOTION = '(udpa.annotations.field_migrate).oneof_promotion';
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export class ProtoWalker {
  readonly issues: CheckIssue[] = [];
  readonly visits: Visit[] = [];
  private readonly fieldIndexes = new WeakMap<Type, Map<string, Field>>();

  constructor(private readonly registry: ProtoRegistry) {}

  /** Checks `value` as the JSON form of `type` (including well-known types). */
  value(type: Type, value: unknown, path: readonly PathSegment[], fieldRules?: rules.Rules): void {
    const name = fullNameOf(type);
    const wrapped = WRAPPERS[name];
    if (wrapped) return this.scalar(wrapped, value, path, fieldRules);
    switch (name) {
      case 'google.protobuf.Duration': {
        if (typeof value !== 'string') return this.issue(path, 'type', `expected a Duration string like "30s", got ${describeValue(value)}`);
        const nanos = parseDuration(value);
        if (nanos === undefined) return this.issue(path, 'type', `"${value}" is not a Duration (seconds with an "s" suffix, e.g. "1.5s")`);
        return rules.checkDuration(nanos, rules.kind(fieldRules, 'duration'), this.reporter(path));
      }
      case 'google.protobuf.Timestamp':
        if (typeof value !== 'string' || !TIMESTAMP.test(value)) this.issue(path, 'type', `expected an RFC 3339 timestamp, got ${describeValue(value)}`);
        return;
      case 'google.protobuf.FieldMask':
        if (typeof value !== 'string') this.issue(path, 'type', `expected a field mask string, got ${describeValue(value)}`);
        return;
      case 'google.protobuf.Struct':
        if (!isPlainObject(value)) this.issue(path, 'type', `expected a mapping (Struct), got ${describeValue(value)}`);
        return;
      case 'google.protobuf.ListValue':
        if (!Array.isArray(value)) this.issue(path, 'type', `expected a list (ListValue), got ${describeValue(value)}`);
        return;
      case 'google.protobuf.Value':
        return;
      case 'google.protobuf.Any':
        return this.any(value, path, fieldRules);
      default:
        return this.message(type, value, path);
    }
  }

  private message(type: Type, value: unknown, path: readonly PathSegment[]): void {
    const name = fullNameOf(type);
    if (!isPlainObject(value)) return this.issue(path, 'type', `expected a mapping (${name}), got ${describeValue(value)}`);
    const index = this.fieldIndex(type);
    const disabled = rules.rulesDisabled(type);
    const keyOf = new Map<Field, string>();
    const present = new Set<Field>();
    for (const [key, child] of Object.entries(value)) {
      const field = index.get(key);
      if (!field) {
        const hint = suggest(key, type.fieldsArray.map((f) => f.name));
        this.issue([...path, key], 'unknown_field', `unknown field "${key}" in ${name}${hint ? ` (did you mean "${hint}"?)` : ''}`);
        continue;
      }
      const other = keyOf.get(field);
      if (other !== undefined) {
        this.issue([...path, key], 'type', `"${key}" and "${other}" set the same field`);
        continue;
      }
      keyOf.set(field, key);
      if (child === null && !isValueField(field)) continue; // JSON null means unset, except for a Value
      present.add(field);
      if (field.options?.deprecated === true) this.issue([...path, key], 'deprecated', `${name}.${field.name} is deprecated`);
      this.field(field, child, [...path, key], disabled ? undefined : rules.fieldRules(field));
    }
    for (const oneof of type.oneofsArray) {
      const set = oneof.fieldsArray.filter((f) => present.has(f)).map((f) => f.name);
      if (set.length > 1) this.issue(path, 'rule', `only one of ${set.join(', ')} may be set (oneof ${oneof.name})`);
      if (set.length === 0 && !disabled && rules.oneofRequired(oneof)) {
        this.issue(path, 'rule', `one of ${oneof.fieldsArray.map((f) => f.name).join(', ')} is required (oneof ${oneof.name})`);
      }
    }
    this.checkPromotedOneofs(type, present, path);
    if (!disabled) {
      for (const field of type.fieldsArray) {
        // A oneof member's rules apply only when that member is the one set.
        if (!present.has(field) && !field.partOf && rules.requiredButAbsent(rules.fieldRules(field))) this.issue([...path, field.name], 'rule', 'is required');
      }
    }
    this.visits.push({ type: name, value, path });
  }

  /** Fields that a future API version turns into one oneof: already only one may be set. */
  private checkPromotedOneofs(type: Type, present: ReadonlySet<Field>, path: readonly PathSegment[]): void {
    const groups = new Map<string, string[]>();
    for (const field of present) {
      const group = field.options?.[PROMOTION];
      if (typeof group === 'string') groups.set(group, [...(groups.get(group) ?? []), field.name]);
    }
    for (const [group, names] of groups) {
      if (names.length > 1) this.issue(path, 'rule', `only one of ${names.join(', ')} may be set (${group})`);
    }
  }

  private field(field: Field, value: unknown, path: readonly PathSegment[], fieldRules: rules.Rules | undefined): void {
    if (field.map) return this.map(field as unknown as MapField, value, path, fieldRules);
    if (field.repeated) {
      if (!Array.isArray(value)) return this.issue(path, 'type', `expected a list, got ${describeValue(value)}`);
      const repeated = rules.kind(fieldRules, 'repeated');
      const report = this.reporter(path);
      rules.checkCount(value.length, repeated, 'items', report);
      rules.checkUnique(value, repeated, report);
      const itemRules = repeated?.items as rules.Rules | undefined;
      value.forEach((item, i) => this.single(field, item, [...path, i], itemRules));
      return;
    }
    if (Array.isArray(value)) return this.issue(path, 'type', `expected a single value, got a list`);
    this.single(field, value, path, fieldRules);
  }

  private map(field: MapField, value: unknown, path: readonly PathSegment[], fieldRules: rules.Rules | undefined): void {
    if (!isPlainObject(value)) return this.issue(path, 'type', `expected a mapping, got ${describeValue(value)}`);
    const mapRules = rules.kind(fieldRules, 'map');
    rules.checkCount(Object.keys(value).length, mapRules, 'pairs', this.reporter(path));
    const keyRules = mapRules?.keys as rules.Rules | undefined;
    const valueRules = mapRules?.values as rules.Rules | undefined;
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, key];
      if (field.keyType === 'bool' ? key !== 'true' && key !== 'false' : field.keyType !== 'string' && !/^-?\d+$/.test(key)) {
        this.issue(at, 'type', `map key "${key}" is not a ${field.keyType}`);
        continue;
      }
      if (field.keyType === 'string') rules.checkString(key, rules.kind(keyRules, 'string'), this.reporter(at));
      if (child === null) continue;
      this.single(field, child, at, valueRules);
    }
  }

  private single(field: FieldBase, value: unknown, path: readonly PathSegment[], fieldRules: rules.Rules | undefined): void {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) return this.enumValue(resolved, value, path, fieldRules);
    if (resolved instanceof protobuf.Type) return this.value(resolved, value, path, fieldRules);
    this.scalar(field.type, value, path, fieldRules);
  }

  private scalar(protoType: string, value: unknown, path: readonly PathSegment[], fieldRules: rules.Rules | undefined): void {
    const report = this.reporter(path);
    if (protoType === 'string') {
      if (typeof value !== 'string') return this.issue(path, 'type', `expected a string, got ${describeValue(value)}`);
      return rules.checkString(value, rules.kind(fieldRules, 'string'), report);
    }
    if (protoType === 'bool') {
      if (typeof value !== 'boolean') return this.issue(path, 'type', `expected true or false, got ${describeValue(value)}`);
      return rules.checkBool(value, rules.kind(fieldRules, 'bool'), report);
    }
    if (protoType === 'bytes') {
      if (typeof value !== 'string' || !BASE64.test(value)) this.issue(path, 'type', `expected base64 bytes, got ${describeValue(value)}`);
      return;
    }
    const parsed = parseNumber(protoType, value);
    if (typeof parsed === 'string') return this.issue(path, 'type', parsed);
    rules.checkNumber(parsed, rules.kind(fieldRules, protoType), report);
  }

  private enumValue(type: Enum, value: unknown, path: readonly PathSegment[], fieldRules: rules.Rules | undefined): void {
    if (fullNameOf(type) === 'google.protobuf.NullValue') {
      if (value !== null) this.issue(path, 'type', `expected null, got ${describeValue(value)}`);
      return;
    }
    let number: number;
    if (typeof value === 'string') {
      const found = type.values[value];
      if (found === undefined) {
        const names = Object.keys(type.values);
        return this.issue(path, 'type', `"${value}" is not a ${type.name} value (one of ${names.join(', ')})`);
      }
      if (type.valuesOptions?.[value]?.deprecated === true) this.issue(path, 'deprecated', `${type.name}.${value} is deprecated`);
      number = found;
    } else if (typeof value === 'number' && Number.isInteger(value)) {
      number = value;
    } else {
      return this.issue(path, 'type', `expected a ${type.name} name, got ${describeValue(value)}`);
    }
    rules.checkEnum(number, type, rules.kind(fieldRules, 'enum'), this.reporter(path));
  }

  private any(value: unknown, path: readonly PathSegment[], fieldRules: rules.Rules | undefined): void {
    if (!isPlainObject(value)) return this.issue(path, 'type', `expected a mapping with "@type", got ${describeValue(value)}`);
    const url = value['@type'];
    if (typeof url !== 'string') return this.issue([...path, '@type'], 'type', 'a typed config needs an "@type" string');
    rules.checkAnyUrl(url, rules.kind(fieldRules, 'any'), this.reporter([...path, '@type']));
    const target = url.includes('/') ? this.registry.message(messageNameOf(url)) : undefined;
    if (!target) return this.issue([...path, '@type'], 'unknown_type', `"${url}" names no message in Envoy's v3 API`);
    const targetName = fullNameOf(target);
    const { '@type': _type, ...rest } = value;
    if (SPECIAL_JSON.has(targetName)) {
      for (const key of Object.keys(rest)) if (key !== 'value') this.issue([...path, key], 'unknown_field', `unknown field "${key}" in an Any of ${targetName} (use "value")`);
      if ('value' in rest) this.value(target, rest.value, [...path, 'value']);
      return;
    }
    this.message(target, rest, path);
    if (TYPED_STRUCTS.has(targetName)) this.typedStruct(rest, path);
  }

  /** A TypedStruct carries its message as a Struct under `value`, typed by `type_url`. */
  private typedStruct(value: Readonly<Record<string, unknown>>, path: readonly PathSegment[]): void {
    const url = value.type_url;
    if (typeof url !== 'string' || !isPlainObject(value.value)) return;
    const target = url.includes('/') ? this.registry.message(messageNameOf(url)) : undefined;
    if (!target) return this.issue([...path, 'type_url'], 'unknown_type', `"${url}" names no message in Envoy's v3 API`);
    this.value(target, value.value, [...path, 'value']);
  }

  private fieldIndex(type: Type): Map<string, Field> {
    let index = this.fieldIndexes.get(type);
    if (!index) {
      index = new Map();
      for (const field of type.fieldsArray) {
        index.set(field.name, field);
        index.set(jsonName(field.name), field);
      }
      this.fieldIndexes.set(type, index);
    }
    return index;
  }

  private reporter(path: readonly PathSegment[]): (message: string) => void {
    return (message) => this.issue(path, 'rule', message);
  }

  private issue(path: readonly PathSegment[], kind: IssueKind, message: string): void {
    this.issues.push({ path: formatPath(path), kind, message });
  }
}

function isValueField(field: Field): boolean {
  return field.resolvedType instanceof protobuf.Type && fullNameOf(field.resolvedType) === 'google.protobuf.Value';
}

/** proto3's JSON name: lowerCamelCase of the field name. Envoy accepts both spellings. */
function jsonName(name: string): string {
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
