/**
 * Checks an answer against the request's response_format: json_object must parse as a JSON object;
 * json_schema must validate against a small JSON Schema subset (type, properties, required, items, enum,
 * const, additionalProperties). Keywords outside the subset are ignored, so an unusual schema can only make
 * the check more lenient, never reject a correct answer.
 */
import type { ResponseFormat } from '../openai/types.js';

type Schema = Record<string, unknown>;

/** True when `content` honours `format` (always true for text or no format). */
export function meetsResponseFormat(content: string | null, format: ResponseFormat | undefined): boolean {
  if (!format || format.type === 'text') return true;
  if (content === null) return false;
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return false;
  }
  if (format.type === 'json_object') return isPlainObject(value);
  const schema = format.json_schema?.schema;
  return isPlainObject(schema) ? validateSchema(schema, value) : isPlainObject(value);
}

/** Validates `value` against the supported subset of JSON Schema. */
export function validateSchema(schema: Schema, value: unknown): boolean {
  if ('const' in schema && !deepEqual(schema.const, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => hasType(type, value))) return false;
  }
  if (isPlainObject(value)) return validateObject(schema, value);
  if (Array.isArray(value) && isPlainObject(schema.items)) {
    const items = schema.items;
    return value.every((item) => validateSchema(items, item));
  }
  return true;
}

function validateObject(schema: Schema, value: Record<string, unknown>): boolean {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  if (Array.isArray(schema.required) && !schema.required.every((key) => typeof key !== 'string' || key in value)) return false;
  for (const [key, child] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (propertySchema !== undefined) {
      if (isPlainObject(propertySchema) && !validateSchema(propertySchema, child)) return false;
    } else if (schema.additionalProperties === false) {
      return false;
    } else if (isPlainObject(schema.additionalProperties) && !validateSchema(schema.additionalProperties, child)) {
      return false;
    }
  }
  return true;
}

function hasType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
