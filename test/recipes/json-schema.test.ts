import { describe, expect, it } from 'vitest';
import { meetsResponseFormat, validateSchema } from '../../src/recipes/json-schema.js';

const PERSON = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
    kind: { const: 'person' },
  },
  required: ['name'],
  additionalProperties: false,
};

describe('validateSchema', () => {
  it.each([
    [{ name: 'x' }, true],
    [{ name: 'x', age: 3, tags: ['a', 'b'], kind: 'person' }, true],
    [{ age: 3 }, false],
    [{ name: 1 }, false],
    [{ name: 'x', age: 3.5 }, false],
    [{ name: 'x', tags: ['c'] }, false],
    [{ name: 'x', extra: true }, false],
    [{ name: 'x', kind: 'robot' }, false],
    [['name'], false],
  ])('%j → %s', (value, ok) => {
    expect(validateSchema(PERSON, value)).toBe(ok);
  });

  it('accepts a list of types and schema-valued additionalProperties', () => {
    expect(validateSchema({ type: ['string', 'null'] }, null)).toBe(true);
    expect(validateSchema({ type: 'object', additionalProperties: { type: 'number' } }, { a: 1, b: 'x' })).toBe(false);
  });

  it('ignores keywords outside the subset', () => {
    expect(validateSchema({ type: 'string', pattern: '^x$' }, 'y')).toBe(true);
  });
});

describe('meetsResponseFormat', () => {
  it('requires a JSON object for json_object', () => {
    expect(meetsResponseFormat('{"a": 1}', { type: 'json_object' })).toBe(true);
    expect(meetsResponseFormat('[1]', { type: 'json_object' })).toBe(false);
    expect(meetsResponseFormat('sure: {"a": 1}', { type: 'json_object' })).toBe(false);
    expect(meetsResponseFormat(null, { type: 'json_object' })).toBe(false);
  });
  it('validates json_schema answers against the schema', () => {
    const format = { type: 'json_schema' as const, json_schema: { name: 'p', schema: PERSON } };
    expect(meetsResponseFormat('{"name": "x"}', format)).toBe(true);
    expect(meetsResponseFormat('{"nom": "x"}', format)).toBe(false);
  });
  it('accepts anything for text or no format', () => {
    expect(meetsResponseFormat('words', undefined)).toBe(true);
    expect(meetsResponseFormat('words', { type: 'text' })).toBe(true);
  });
});
