import { describe, expect, it } from 'vitest';
import { attemptHeaders, chatCompletionsPath, providerBody } from '../../src/backends/wire.js';

describe('wire', () => {
  it.each([
    ['/v1', '/v1/chat/completions'],
    ['/v1/', '/v1/chat/completions'],
    ['', '/chat/completions'],
    ['/openai/deployments/x', '/openai/deployments/x/chat/completions'],
  ])('path for base %j', (basePath, expected) => {
    expect(chatCompletionsPath({ basePath })).toBe(expected);
  });

  it('rewrites model, forces stream off, drops stream_options and keeps unknown fields', () => {
    const body = JSON.parse(
      providerBody({ providerModel: 'meta/llama' }, { model: 'consilium/auto', messages: [], stream: true, stream_options: { include_usage: true }, seed: 7 }),
    );
    expect(body).toEqual({ model: 'meta/llama', messages: [], stream: false, seed: 7 });
  });

  it('sets only the headers that have values', () => {
    expect(attemptHeaders({ apiKey: undefined, requestId: undefined, traceparent: undefined })).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(attemptHeaders({ apiKey: 'k', requestId: 'r', traceparent: 't' })).toMatchObject({ authorization: 'Bearer k', 'x-request-id': 'r', traceparent: 't' });
  });
});
