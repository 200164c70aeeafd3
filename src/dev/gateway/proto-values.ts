/**
 * Decoding helpers for protobuf values the gateway reads from the processor: HTTP status enums (proto-loader
 * hands them over as enum names) and google.protobuf.Struct (dynamic metadata) as plain JSON.
 */
import * as protoLoader from '@grpc/proto-loader';
import { LOADER_OPTIONS } from '../../extproc/protos.js';
import type { ProtoValue, StructValue } from '../../extproc/messages.js';

let statusCodes: ReadonlyMap<string, number> | undefined;

/** envoy.type.v3.StatusCode names → numbers, loaded once from the protos @grpc/grpc-js-xds ships. */
function statusCodeTable(): ReadonlyMap<string, number> {
  if (statusCodes) return statusCodes;
  const definition = protoLoader.loadSync('envoy/type/v3/http_status.proto', LOADER_OPTIONS);
  const enumType = definition['envoy.type.v3.StatusCode'] as { type?: { value?: { name: string; number: number }[] } } | undefined;
  statusCodes = new Map((enumType?.type?.value ?? []).map((entry) => [entry.name, entry.number]));
  return statusCodes;
}

/** An HttpStatus code as a number: an enum name, a number, or a numeric string. Undefined when unset or unknown. */
export function statusNumber(code: string | number | undefined | null): number | undefined {
  if (code === undefined || code === null) return undefined;
  if (typeof code === 'number') return code;
  if (/^\d+$/.test(code)) return Number(code);
  return statusCodeTable().get(code);
}

export function structToPlain(struct: StructValue | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(struct?.fields ?? {})) out[key] = valueToPlain(value);
  return out;
}

/**
 * google.protobuf.Value. proto-loader takes the well-known types from protobufjs's bundled definitions, whose
 * field names are camelCase (`stringValue`, `structValue`) whatever keepCase says: that is the form on the wire.
 * The snake_case form is read too, for values built in-process.
 */
function valueToPlain(value: ProtoValue | null | undefined): unknown {
  if (!value) return null;
  const v = value as Record<string, unknown>;
  const field = (camel: string, snake: string): unknown => v[camel] ?? v[snake];
  const text = field('stringValue', 'string_value');
  if (text !== undefined && text !== null) return text;
  const number = field('numberValue', 'number_value');
  if (number !== undefined && number !== null) return number;
  const bool = field('boolValue', 'bool_value');
  if (bool !== undefined && bool !== null) return bool;
  const struct = field('structValue', 'struct_value');
  if (struct) return structToPlain(struct as StructValue);
  const listValue = field('listValue', 'list_value') as { values?: ProtoValue[] } | undefined;
  if (listValue) return (listValue.values ?? []).map(valueToPlain);
  return null;
}
