import { describe, expect, it } from 'vitest';
import { InvalidAnswer, parseAnswer, upstreamErrorMessage } from '../../src/backends/parse.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';

const request: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'Tell me a story about a fox.' }] };

function body(choice: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'p', choices: [{ index: 0, ...choice }], ...extra });
}

describe('parseAnswer', () => {
  it('takes content, finish reason and usage from the first choice', () => {
    const parsed = parseAnswer(
      body({ message: { role: 'assistant', content: 'hi' }, finish_reason: 'length' }, { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
      request,
    );
    expect(parsed).toMatchObject({ content: 'hi', finishReason: 'length', toolCalls: [], logprobs: null, usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } });
  });

  it('derives total_tokens when the backend leaves it out', () => {
    const parsed = parseAnswer(body({ message: { content: 'x' } }, { usage: { prompt_tokens: 5, completion_tokens: 2 } }), request);
    expect(parsed).toMatchObject({ usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } });
  });

  it('treats a missing content as null and a missing top_logprobs as empty', () => {
    const parsed = parseAnswer(body({ message: {}, logprobs: { content: [{ token: 'a', logprob: -1 }] } }), request);
    expect(parsed).toMatchObject({ content: null, logprobs: [{ token: 'a', logprob: -1, top_logprobs: [] }] });
  });

  it('gives tool calls without an id one, and serialises object arguments', () => {
    const parsed = parseAnswer(body({ message: { content: null, tool_calls: [{ type: 'function', function: { name: 'f', arguments: { a: 1 } } }] } }), request);
    expect(parsed).toMatchObject({ toolCalls: [{ id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] });
  });

  it.each([
    ['not JSON', 'nope'],
    ['an array', '[]'],
    ['no choices', JSON.stringify({ id: 'x' })],
    ['empty choices', JSON.stringify({ choices: [] })],
    ['no message', JSON.stringify({ choices: [{ index: 0 }] })],
    ['numeric content', body({ message: { content: 42 } })],
    ['tool call without a name', body({ message: { tool_calls: [{ function: {} }] } })],
    ['malformed logprobs', body({ message: { content: 'a' }, logprobs: { content: [{ token: 'a' }] } })],
    ['malformed top_logprobs', body({ message: { content: 'a' }, logprobs: { content: [{ token: 'a', logprob: -1, top_logprobs: [{ token: 'b' }] }] } })],
  ])('rejects %s', (_label, text) => {
    expect(parseAnswer(text, request)).toBeInstanceOf(InvalidAnswer);
  });
});

describe('upstreamErrorMessage', () => {
  it.each([
    ['OpenAI shape', JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } }), 'model overloaded'],
    ['vLLM shape', JSON.stringify({ object: 'error', message: 'max_tokens too large', code: 400 }), 'max_tokens too large'],
    ['FastAPI shape', JSON.stringify({ detail: 'Not Found' }), 'Not Found'],
    ['string error', JSON.stringify({ error: 'quota exceeded' }), 'quota exceeded'],
    ['plain text', 'upstream connect error\r\n', 'upstream connect error'],
    ['empty body', '', '(empty body)'],
  ])('reads the %s', (_label, text, expected) => {
    expect(upstreamErrorMessage(text, undefined)).toBe(expected);
  });

  it('scrubs the key, bearer tokens and sk- keys', () => {
    const message = upstreamErrorMessage(
      JSON.stringify({ error: { message: 'bad key my-custom-key-123; header Bearer abc.def; other sk-live_ABCDEFGH' } }),
      'my-custom-key-123',
    );
    expect(message).not.toMatch(/my-custom-key-123|abc\.def|sk-live_ABCDEFGH/);
    expect(message).toContain('[redacted]');
  });

  it('bounds the length', () => {
    expect(upstreamErrorMessage('x'.repeat(5_000), undefined).length).toBeLessThanOrEqual(300);
  });
});
