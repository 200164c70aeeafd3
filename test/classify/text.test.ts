import { describe, expect, it } from 'vitest';
import { classificationText } from '../../src/classify/text.js';
import type { ChatCompletionRequest, ChatMessage } from '../../src/openai/types.js';

const request = (...messages: ChatMessage[]): ChatCompletionRequest => ({ model: 'consilium/auto', messages });

describe('classificationText', () => {
  it('takes the last user message', () => {
    const r = request({ role: 'user', content: 'first question' }, { role: 'assistant', content: 'an answer' }, { role: 'user', content: 'second question' });
    expect(classificationText(r, false)).toBe('second question');
  });

  it('joins the text parts of array-form content and ignores other parts', () => {
    const r = request({
      role: 'user',
      content: [
        { type: 'text', text: 'describe this image' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        { type: 'text', text: 'in one sentence' },
      ],
    });
    expect(classificationText(r, false)).toBe('describe this image\nin one sentence');
  });

  it('uses the last user message when the conversation ends with assistant and tool messages', () => {
    const r = request(
      { role: 'user', content: 'what is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', content: '{"temp": 21}', tool_call_id: 'c1' },
    );
    expect(classificationText(r, false)).toBe('what is the weather in Paris?');
  });

  it('prepends system and developer prompts with a newline when asked', () => {
    const r = request({ role: 'system', content: 'You are a math tutor.' }, { role: 'developer', content: 'Be terse.' }, { role: 'user', content: 'solve x^2 = 4' });
    expect(classificationText(r, true)).toBe('You are a math tutor.\nBe terse.\nsolve x^2 = 4');
    expect(classificationText(r, false)).toBe('solve x^2 = 4');
  });

  it('reads array-form system content too', () => {
    const r = request({ role: 'system', content: [{ type: 'text', text: 'You write SQL.' }] }, { role: 'user', content: 'top 5 customers' });
    expect(classificationText(r, true)).toBe('You write SQL.\ntop 5 customers');
  });

  it('is empty without a user message, or only the system prompt when it is included', () => {
    const r = request({ role: 'system', content: 'You are helpful.' }, { role: 'assistant', content: 'Hello!' });
    expect(classificationText(r, false)).toBe('');
    expect(classificationText(r, true)).toBe('You are helpful.');
  });

  it('does not add a separator when the system prompt is absent', () => {
    expect(classificationText(request({ role: 'user', content: 'plain' }), true)).toBe('plain');
  });
});
