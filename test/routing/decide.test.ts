import { describe, expect, it, vi } from 'vitest';
import type { Classification } from '../../src/classify/types.js';
import { decide } from '../../src/routing/decide.js';
import { resolveModel, listModelNames } from '../../src/routing/models.js';
import { RequestSignals } from '../../src/routing/signals.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { baseYaml, testConfig } from '../support/config.js';

const config = testConfig(
  baseYaml().replace(
    'decisions:\n',
    `decisions:
  - name: math-hard
    priority: 30
    when: { all: [{ category: [math, reasoning], min_confidence: 0.7 }, { tokens: { gte: 20 } }] }
    model: big
  - name: json-out
    priority: 20
    when: { all: [{ response_format: true }, { not: { stream: true } }] }
    model: big
  - name: tools-deep
    priority: 15
    when: { all: [{ tools: true }, { depth: { gte: 2 } }, { messages: { lte: 10 } }] }
    model: big
  - name: capped
    priority: 12
    when: { max_tokens: { lt: 50 } }
    model: small
`,
  ),
);

function chat(content: string | { type: 'text'; text: string }[], extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: 'consilium/auto', messages: [{ role: 'user', content }], ...extra };
}

function signals(request: ChatCompletionRequest, classification?: Classification) {
  const provider = vi.fn(async () => classification);
  return { s: new RequestSignals(request, config.signals.keywords, provider), provider };
}

const math = (p: number): Classification => ({ label: 'math', probability: p, top: [{ label: 'math', probability: p }] });

describe('decide', () => {
  it('routes by keyword without calling the classifier when a higher rule cannot match first', async () => {
    const cheap = testConfig();
    const provider = vi.fn(async () => math(0.9));
    const s = new RequestSignals(chat('my python function fails'), cheap.signals.keywords, provider);
    const result = await decide(cheap.decisions, s);
    expect(result.decision.name).toBe('code');
    expect(provider).not.toHaveBeenCalled();
  });

  it('matches a category above its confidence threshold combined with a token range', async () => {
    const long = 'Prove that the sum of the first n odd numbers equals n squared, step by step please.';
    expect((await decide(config.decisions, signals(chat(long), math(0.8)).s)).decision.name).toBe('math-hard');
    expect((await decide(config.decisions, signals(chat(long), math(0.6)).s)).decision.name).toBe('default');
    expect((await decide(config.decisions, signals(chat('2+2?'), math(0.99)).s)).decision.name).toBe('default');
  });

  it('computes the classification at most once per request', async () => {
    const { s, provider } = signals(chat('Prove it for all n, with every step written out in full detail'), math(0.5));
    await decide(config.decisions, s);
    await s.classification();
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('treats a failed classification as no category (falls through to other rules)', async () => {
    const s = new RequestSignals(chat('Prove it for all n, with every step written out in full detail'), config.signals.keywords, async () => undefined);
    expect((await decide(config.decisions, s)).decision.name).toBe('default');
  });

  it('evaluates request shape: response_format, not/stream, tools with depth and message count, max_tokens', async () => {
    const json = chat('list three colours', { response_format: { type: 'json_object' } });
    expect((await decide(config.decisions, signals(json).s)).decision.name).toBe('json-out');
    expect((await decide(config.decisions, signals({ ...json, stream: true }).s)).decision.name).toBe('default');
    const conversation: ChatCompletionRequest = {
      model: 'consilium/auto',
      tools: [{ type: 'function', function: { name: 'f' } }],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'call f' },
      ],
    };
    expect((await decide(config.decisions, signals(conversation).s)).decision.name).toBe('tools-deep');
    expect((await decide(config.decisions, signals(chat('hi', { max_tokens: 10 })).s)).decision.name).toBe('capped');
    expect((await decide(config.decisions, signals(chat('hi', { max_completion_tokens: 100, max_tokens: 10 })).s)).decision.name).toBe('default');
  });

  it('reads array-form content and system prompts for keywords', async () => {
    const parts = chat([{ type: 'text', text: 'see this' }, { type: 'text', text: 'stack trace' }]);
    expect((await decide(config.decisions, signals(parts).s)).decision.name).toBe('code');
    const system: ChatCompletionRequest = { model: 'm', messages: [{ role: 'system', content: 'You write python' }, { role: 'user', content: 'go' }] };
    expect((await decide(config.decisions, signals(system).s)).decision.name).toBe('code');
    const assistantOnly: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'python' }] };
    expect((await decide(config.decisions, signals(assistantOnly).s)).decision.name).toBe('default');
  });
});

describe('model resolution', () => {
  it('resolves configured, auto, aliases, unknown', () => {
    expect(resolveModel(config, 'small')).toMatchObject({ kind: 'model', model: { name: 'small' } });
    expect(resolveModel(config, 'consilium/auto')).toEqual({ kind: 'auto', virtualModel: 'consilium/auto', preference: 'balanced' });
    expect(resolveModel(config, 'MoM')).toMatchObject({ kind: 'auto' });
    expect(resolveModel(config, 'vllm-sr/auto')).toMatchObject({ kind: 'auto' });
    expect(resolveModel(config, 'consilium/fusion')).toEqual({ kind: 'unknown' });
    expect(resolveModel(config, 'gpt-5')).toEqual({ kind: 'unknown' });
  });

  it('lists every name a client may send', () => {
    expect(listModelNames(config).map((m) => m.id).sort()).toEqual(['MoM', 'auto', 'big', 'consilium/auto', 'small', 'vllm-sr/auto']);
  });
});
