import { describe, expect, it } from 'vitest';
import type { HeaderMutation, HeaderValueOption } from '../../../src/extproc/messages.js';
import { HeaderList } from '../../../src/dev/gateway/header-list.js';
import { GatewayFailure } from '../../../src/dev/gateway/local-reply.js';
import { applyHeaderMutation, checkContentLength, checkHeader, mutatedBody, type MutationContext } from '../../../src/dev/gateway/mutations.js';

const ctx: MutationContext = { rules: {}, append: 'append_action', skipContentLength: false };

function headers(): HeaderList {
  return new HeaderList([
    [':authority', 'api.example'],
    [':path', '/v1/chat/completions'],
    [':method', 'POST'],
    [':scheme', 'http'],
    ['x-tag', 'a'],
    ['content-length', '10'],
  ]);
}

function set(key: string, value: string, extra: Partial<HeaderValueOption> = {}): HeaderMutation {
  return { set_headers: [{ header: { key, raw_value: Buffer.from(value) }, ...extra }] };
}

describe('header mutations', () => {
  it.each([
    ['unset append_action appends', {}, ['a', 'b']],
    ['APPEND_IF_EXISTS_OR_ADD appends', { append_action: 'APPEND_IF_EXISTS_OR_ADD' }, ['a', 'b']],
    ['OVERWRITE_IF_EXISTS_OR_ADD replaces', { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }, ['b']],
    ['ADD_IF_ABSENT leaves an existing header', { append_action: 'ADD_IF_ABSENT' }, ['a']],
    ['OVERWRITE_IF_EXISTS replaces an existing header', { append_action: 'OVERWRITE_IF_EXISTS' }, ['b']],
    ['append: false (deprecated BoolValue) replaces', { append: { value: false } }, ['b']],
    ['append: true appends', { append: { value: true } }, ['a', 'b']],
  ] as const)('%s', (_name, extra, expected) => {
    const list = headers();
    applyHeaderMutation(list, set('x-tag', 'b', extra as Partial<HeaderValueOption>), ctx);
    expect(list.getAll('x-tag')).toEqual(expected);
  });

  it('ignores append_action under the envoy_legacy semantics: unset append replaces', () => {
    const list = headers();
    applyHeaderMutation(list, set('x-tag', 'b'), { ...ctx, append: 'envoy_legacy' });
    expect(list.getAll('x-tag')).toEqual(['b']);
    applyHeaderMutation(list, set('x-new', 'n', { append_action: 'ADD_IF_ABSENT' }), { ...ctx, append: 'envoy_legacy' });
    expect(list.get('x-new')).toBe('n');
  });

  it('does not add OVERWRITE_IF_EXISTS headers that are absent, and adds ADD_IF_ABSENT ones', () => {
    const list = headers();
    applyHeaderMutation(list, set('x-absent', 'v', { append_action: 'OVERWRITE_IF_EXISTS' }), ctx);
    expect(list.has('x-absent')).toBe(false);
    applyHeaderMutation(list, set('x-absent', 'v', { append_action: 'ADD_IF_ABSENT' }), ctx);
    expect(list.get('x-absent')).toBe('v');
  });

  it('reads raw_value, falls back to value, and rejects both set at once', () => {
    const list = headers();
    applyHeaderMutation(list, { set_headers: [{ header: { key: 'x-raw', raw_value: Buffer.from('raw'), value: '' } }, { header: { key: 'x-plain', value: 'plain' } }] }, ctx);
    expect(list.get('x-raw')).toBe('raw');
    expect(list.get('x-plain')).toBe('plain');
    expect(() => applyHeaderMutation(list, { set_headers: [{ header: { key: 'x-both', raw_value: Buffer.from('a'), value: 'b' } }] }, ctx)).toThrow(GatewayFailure);
  });

  it('ignores the routing headers and x-envoy-* by default but lets :path change', () => {
    const list = headers();
    const outcome = applyHeaderMutation(
      list,
      {
        set_headers: [
          ...set(':authority', 'evil.example').set_headers!,
          ...set('host', 'evil.example').set_headers!,
          ...set(':method', 'DELETE').set_headers!,
          ...set(':scheme', 'https').set_headers!,
          ...set('x-envoy-retry-on', '5xx').set_headers!,
          ...set(':path', '/openai/v1/chat/completions', { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }).set_headers!,
        ],
        remove_headers: [':path', 'host'],
      },
      ctx,
    );
    expect(list.get(':authority')).toBe('api.example');
    expect(list.has('host')).toBe(false);
    expect(list.get(':method')).toBe('POST');
    expect(list.get(':scheme')).toBe('http');
    expect(list.has('x-envoy-retry-on')).toBe(false);
    expect(list.get(':path')).toBe('/openai/v1/chat/completions');
    expect(outcome.ignored).toEqual([':path', 'host', ':authority', 'host', ':method', ':scheme', 'x-envoy-retry-on']);
  });

  it('fails instead of ignoring with disallow_is_error, and honours allow_all_routing', () => {
    expect(() => applyHeaderMutation(headers(), set(':authority', 'x'), { ...ctx, rules: { disallowIsError: true } })).toThrow(GatewayFailure);
    const list = headers();
    applyHeaderMutation(list, set(':authority', 'x', { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }), { ...ctx, rules: { allowAllRouting: true } });
    expect(list.get(':authority')).toBe('x');
    expect(checkHeader({}, 'remove', ':authority')).toBe('ignore');
  });

  it('rejects invalid names and values and an invalid :status', () => {
    expect(() => applyHeaderMutation(headers(), set('bad name', 'v'), ctx)).toThrow(GatewayFailure);
    expect(() => applyHeaderMutation(headers(), set('x-ok', 'line\r\nbreak'), ctx)).toThrow(GatewayFailure);
    expect(() => applyHeaderMutation(headers(), { remove_headers: ['bad name'] }, ctx)).toThrow(GatewayFailure);
    const list = new HeaderList([[':status', '200']]);
    expect(() => applyHeaderMutation(list, set(':status', '99', { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }), ctx)).toThrow(GatewayFailure);
    applyHeaderMutation(list, set(':status', '201', { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }), ctx);
    expect(list.get(':status')).toBe('201');
  });

  it('skips content-length writes where Envoy owns it', () => {
    const list = headers();
    applyHeaderMutation(list, set('content-length', '99', { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }), { ...ctx, skipContentLength: true });
    expect(list.get('content-length')).toBe('10');
  });
});

describe('body mutations and content-length', () => {
  const body = Buffer.from('0123456789');
  it('replaces, clears or keeps the body', () => {
    expect(mutatedBody(body, { mutation: 'body', body: Buffer.from('new') }).toString()).toBe('new');
    expect(mutatedBody(body, { mutation: 'clear_body', clear_body: true })).toHaveLength(0);
    expect(mutatedBody(body, undefined)).toBe(body);
    expect(mutatedBody(body, {})).toBe(body);
  });

  it('rejects a content-length that differs from the mutated body, with a 500 reply', () => {
    const list = headers();
    let thrown: unknown;
    try {
      checkContentLength(list, { mutation: 'body', body: Buffer.from('longer body') });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayFailure);
    expect((thrown as GatewayFailure).reply.status).toBe(500);
    expect(() => checkContentLength(list, { mutation: 'body', body: Buffer.from('0123456789') })).not.toThrow();
    expect(() => checkContentLength(list, { mutation: 'clear_body', clear_body: true })).toThrow(GatewayFailure);
    list.remove('content-length');
    expect(() => checkContentLength(list, { mutation: 'body', body: Buffer.from('anything') })).not.toThrow();
  });
});
