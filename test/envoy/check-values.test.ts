import { describe, expect, it } from 'vitest';
import { checkDuration, checkNumber, checkString } from '../../src/envoy/check-rules.js';
import { parseDuration, parseNumber, suggest } from '../../src/envoy/check-values.js';

function collect(run: (report: (m: string) => void) => void): string[] {
  const out: string[] = [];
  run((m) => out.push(m));
  return out;
}

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000_000_000n],
    ['0.5s', 500_000_000n],
    ['1.000000001s', 1_000_000_001n],
    ['-2s', -2_000_000_000n],
    ['0s', 0n],
  ])('reads %s', (text, nanos) => expect(parseDuration(text)).toBe(nanos));

  it.each(['30', '30ms', '1m', 's', '1.5 s', '1.0000000001s', '315576000001s'])('rejects %s', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseNumber', () => {
  it('accepts integers as numbers or decimal strings, within range', () => {
    expect(parseNumber('uint32', 7)).toBe(7);
    expect(parseNumber('uint32', '4294967295')).toBe(4_294_967_295);
    expect(parseNumber('int64', '-9223372036854775808')).toBe(-9_223_372_036_854_775_808);
    expect(parseNumber('uint32', 4_294_967_296)).toMatch(/out of range/);
    expect(parseNumber('int32', 1.5)).toMatch(/expected an integer/);
    expect(parseNumber('uint64', '1e3')).toMatch(/expected an integer/);
  });

  it('accepts floats and the proto3 JSON special values', () => {
    expect(parseNumber('double', 0.25)).toBe(0.25);
    expect(parseNumber('double', 'Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumber('float', '2.5')).toBe(2.5);
    expect(parseNumber('double', true)).toMatch(/expected a number/);
  });
});

describe('validate rules', () => {
  it('applies PGV ranges, including the exclusive form where lt < gt', () => {
    expect(collect((r) => checkNumber(600, { gte: 200, lt: 600 }, r))).toEqual(['must be >= 200 and < 600']);
    expect(collect((r) => checkNumber(200, { gte: 200, lt: 600 }, r))).toEqual([]);
    // gt 10, lt 5: valid values are outside [5, 10].
    expect(collect((r) => checkNumber(7, { gt: 10, lt: 5 }, r))).toHaveLength(1);
    expect(collect((r) => checkNumber(11, { gt: 10, lt: 5 }, r))).toEqual([]);
    expect(collect((r) => checkNumber(3, { in: [1, 2] }, r))).toEqual(['must be one of 1, 2']);
  });

  it('compares durations exactly', () => {
    expect(collect((r) => checkDuration(3_600_000_000_001n, { lte: { seconds: 3600 } }, r))).toHaveLength(1);
    expect(collect((r) => checkDuration(0n, { gt: {} }, r))).toEqual(['must be > 0s']);
  });

  it('tells strict from lax header-name rules', () => {
    expect(collect((r) => checkString('x bad', { well_known_regex: 'HTTP_HEADER_NAME' }, r))).toHaveLength(1);
    expect(collect((r) => checkString('x bad', { well_known_regex: 'HTTP_HEADER_NAME', strict: false }, r))).toEqual([]);
    expect(collect((r) => checkString('x\nbad', { well_known_regex: 'HTTP_HEADER_NAME', strict: false }, r))).toHaveLength(1);
  });
});

describe('suggest', () => {
  it('offers the closest field name, also for camelCase input', () => {
    expect(suggest('stat_prefx', ['stat_prefix', 'codec_type'])).toBe('stat_prefix');
    expect(suggest('streamIdleTimout', ['stream_idle_timeout', 'request_timeout'])).toBe('stream_idle_timeout');
    expect(suggest('zzz', ['stat_prefix'])).toBeUndefined();
  });
});
