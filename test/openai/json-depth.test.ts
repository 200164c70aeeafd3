/**
 * Regression: a deeply nested request body used to pass validation and then overflow the stack when the routed
 * body was re-serialized, surfacing as a 500 internal_error. It is now a 400 invalid_request.
 */
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../src/errors/index.js';
import { jsonDepth, MAX_JSON_DEPTH, parseJsonBody } from '../../src/openai/validate.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { testConfig } from '../support/config.js';

const nest = (depth: number): string => `{"model":"small","messages":[{"role":"user","content":"hi"}],"metadata":${'['.repeat(depth)}1${']'.repeat(depth)}}`;

describe('deeply nested request bodies', () => {
  it('measures the depth of the parsed value, not brackets inside strings', () => {
    expect(jsonDepth(JSON.parse('{"a":"[[[[{{{{\\\\\\"[[["}'))).toBe(1);
    expect(jsonDepth(JSON.parse('[[1],[[2]]]'))).toBe(3);
    expect(jsonDepth(JSON.parse('{"a":{"b":[]},"c":1}'))).toBe(3);
    expect(jsonDepth('plain')).toBe(0);
    expect(jsonDepth(JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)), 128)).toBe(129);
  });

  it('accepts the limit and rejects one level more as invalid_request', () => {
    // The metadata array sits one level inside the body object.
    expect(() => parseJsonBody(Buffer.from(nest(MAX_JSON_DEPTH - 1)))).not.toThrow();
    const error = (() => {
      try {
        parseJsonBody(Buffer.from(nest(MAX_JSON_DEPTH)));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe('invalid_request');
  });

  it('a routed body nested 30,000 deep gets a 400, not a 500 from a stack overflow', async () => {
    const pipeline = new Pipeline({ config: testConfig(), backends: { complete: () => Promise.reject(new Error('unused')) }, recipeSlots: new ConcurrencyLimiter(1) });
    const plan = await pipeline.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: new Map(),
      body: Buffer.from(nest(30_000)),
      requestId: 'deep',
      signal: new AbortController().signal,
    });
    expect(plan.kind).toBe('respond');
    if (plan.kind !== 'respond') return;
    expect(plan.status).toBe(400);
    expect(JSON.parse(plan.body.toString()).error.code).toBe('invalid_request');
  });
});
