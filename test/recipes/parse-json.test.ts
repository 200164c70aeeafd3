import { describe, expect, it } from 'vitest';
import { extractJsonObject, removeTrailingCommas, stringList } from '../../src/recipes/parse-json.js';

describe('extractJsonObject', () => {
  it.each([
    ['plain', '{"a": 1}', { a: 1 }],
    ['a fenced block', 'Here:\n```json\n{"a": [1, 2]}\n```', { a: [1, 2] }],
    ['a fence without a language', '```\n{"a": true}\n```', { a: true }],
    ['leading and trailing prose', 'Sure! The result is {"a": "x"} as requested.', { a: 'x' }],
    ['trailing commas', '{"a": [1, 2,], "b": {"c": 3,},}', { a: [1, 2], b: { c: 3 } }],
    ['braces inside strings', '{"a": "a } brace { inside"}', { a: 'a } brace { inside' }],
    ['an earlier non-JSON brace', 'use {braces} like {"a": 2}', { a: 2 }],
  ])('reads %s', (_, text, expected) => {
    expect(extractJsonObject(text)).toEqual(expected);
  });

  it.each([['no object', 'just words'], ['an array', '[1, 2]'], ['unbalanced', '{"a": 1'], ['empty', ''], ['null', null]])('returns undefined for %s', (_, text) => {
    expect(extractJsonObject(text)).toBeUndefined();
  });
});

describe('removeTrailingCommas', () => {
  it('keeps commas inside strings', () => {
    expect(removeTrailingCommas('{"a": "x,}",}')).toBe('{"a": "x,}"}');
  });
});

describe('stringList', () => {
  it('accepts a string, a list, or other values as JSON text, dropping blanks', () => {
    expect(stringList('one')).toEqual(['one']);
    expect(stringList(['a', ' ', { b: 1 }])).toEqual(['a', '{"b":1}']);
    expect(stringList(undefined)).toEqual([]);
  });
});
