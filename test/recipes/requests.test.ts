import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { derivedRequest, finalRequest, internalRequest, withSystemBrief } from '../../src/recipes/requests.js';

const CLIENT: ChatCompletionRequest = {
  model: 'consilium/fusion',
  messages: [{ role: 'user', content: 'hi' }],
  stream: true,
  stream_options: { include_usage: true },
  n: 2,
  temperature: 0.2,
  tools: [{ type: 'function', function: { name: 'f' } }],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  response_format: { type: 'json_object' },
  user: 'u-1',
};

describe('derivedRequest', () => {
  it('drops tools, streaming and n, caps the completion and keeps the rest', () => {
    const out = derivedRequest(CLIENT, 'small', { cap: 64 });
    expect(out).toMatchObject({ model: 'small', stream: false, max_tokens: 64, temperature: 0.2, response_format: { type: 'json_object' }, user: 'u-1' });
    for (const key of ['tools', 'tool_choice', 'parallel_tool_calls', 'stream_options', 'n']) expect(out).not.toHaveProperty(key);
  });
  it('keeps the client cap, tools on request, and asks for logprobs', () => {
    const out = derivedRequest({ ...CLIENT, max_completion_tokens: 10, top_logprobs: 7 }, 'small', { cap: 64, keepTools: true, logprobs: { top: 3 } });
    expect(out.max_tokens).toBeUndefined();
    expect(out.max_completion_tokens).toBe(10);
    expect(out.tools).toEqual(CLIENT.tools);
    expect(out).toMatchObject({ logprobs: true, top_logprobs: 7 });
  });
});

describe('finalRequest', () => {
  it('keeps the output contract and streams only for a tail-call', () => {
    const tail = finalRequest(CLIENT, 'big', 'BRIEF', 128, true);
    expect(tail).toMatchObject({ model: 'big', stream: true, stream_options: { include_usage: true }, tools: CLIENT.tools, tool_choice: 'auto', max_tokens: 128 });
    expect(tail.messages[0]).toEqual({ role: 'system', content: 'BRIEF' });
    const own = finalRequest(CLIENT, 'big', undefined, 128, false);
    expect(own.stream).toBe(false);
    expect(own).not.toHaveProperty('stream_options');
    expect(own).not.toHaveProperty('n');
    expect(tail.n).toBe(2);
    expect(own.messages).toBe(CLIENT.messages);
  });
});

describe('withSystemBrief', () => {
  it('appends to a leading system message, as text or as a text part', () => {
    expect(withSystemBrief([{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'q' }], 'B')[0]).toEqual({ role: 'system', content: 'Be terse.\n\nB' });
    const parts = withSystemBrief([{ role: 'developer', content: [{ type: 'text', text: 'Rules' }] }], 'B')[0];
    expect(parts?.content).toEqual([{ type: 'text', text: 'Rules' }, { type: 'text', text: '\n\nB' }]);
  });
});

describe('internalRequest', () => {
  it('is deterministic, capped and carries only our prompt', () => {
    expect(internalRequest('judge', [{ role: 'user', content: 'x' }], 50)).toEqual({ model: 'judge', messages: [{ role: 'user', content: 'x' }], stream: false, temperature: 0, max_tokens: 50 });
  });
});
