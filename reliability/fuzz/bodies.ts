/**
 * Hostile request bodies for the fuzzer, as fast-check arbitraries: valid chat requests to mutate from, and
 * truncated JSON, deep nesting, wrong types, unicode edge cases, invalid UTF-8, zero bytes, bodies at and just
 * past max_body_bytes, non-object JSON and random bytes.
 */
import fc from 'fast-check';
import { FUZZ_MAX_BODY_BYTES } from './target.js';

export const MODELS = [
  'small',
  'big',
  'consilium/auto',
  'consilium/fusion',
  'consilium/confidence',
  'consilium/remom',
  'consilium/workflows',
  'MoM',
  'vllm-sr/auto',
  'nope',
  '',
  'consilium/',
  'consilium/../small',
] as const;

/** Strings that have broken parsers, header writers and tokenizers before. */
const UNICODE_EDGES = [
  '\uFEFFhello',
  'nul\u0000byte',
  '\uD800 lone high surrogate',
  'lone low \uDC00',
  '\u202Eright-to-left override',
  '👩‍👩‍👧‍👦 family',
  'e' + '\u0301'.repeat(500),
  '\uFFFF\uFFFE noncharacters',
  'line\u2028separator\u2029',
  'tab\tand\r\nCRLF',
  'ﷺ'.repeat(200),
  '\u{10FFFF}',
  'python function stack trace',
  'a'.repeat(3000) + '!',
  'x'.repeat(2000) + 'y',
  'word '.repeat(400),
];

const content = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE_EDGES) },
);

const message = fc.record({
  role: fc.constantFrom('user', 'system', 'assistant', 'developer', 'tool'),
  content,
});

export interface ChatShape {
  readonly model: string;
  readonly messages: readonly { role: string; content: string }[];
  readonly stream: boolean;
  readonly extra: Readonly<Record<string, unknown>>;
}

export const chatShape: fc.Arbitrary<ChatShape> = fc.record({
  model: fc.constantFrom(...MODELS),
  messages: fc.array(message, { minLength: 1, maxLength: 6 }),
  stream: fc.boolean(),
  extra: fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ stream_options: { include_usage: true } }) },
    { weight: 1, arbitrary: fc.constant({ max_tokens: 64, temperature: 0.2 }) },
    { weight: 1, arbitrary: fc.constant({ tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }) },
    { weight: 1, arbitrary: fc.constant({ response_format: { type: 'json_object' } }) },
  ),
});

export function chatJson(shape: ChatShape): Record<string, unknown> {
  return { model: shape.model, messages: shape.messages, ...(shape.stream ? { stream: true } : {}), ...shape.extra };
}

/** Replaces one field the server reads with a value of the wrong type or range. */
const wrongField = fc.constantFrom<[string, unknown]>(
  ['model', 123],
  ['model', null],
  ['model', ['small']],
  ['messages', 'hello'],
  ['messages', {}],
  ['messages', []],
  ['messages', [1, 2]],
  ['messages', [{ role: 'wizard', content: 'x' }]],
  ['messages', [{ role: 'user', content: { text: 'x' } }]],
  ['messages', [{ role: 'user', content: [{ text: 'no type' }] }]],
  ['messages', [{ role: 'user', content: [{ type: 'text', text: 42 }] }]],
  ['messages', [{ role: 'user', content: 'x', tool_calls: 'nope' }]],
  ['stream', 'yes'],
  ['stream_options', []],
  ['max_tokens', -5],
  ['max_tokens', 1e300],
  ['max_tokens', 1.5],
  ['n', 1e9],
  ['temperature', 'hot'],
  ['tools', 'all of them'],
  ['tools', [{}]],
  ['response_format', { type: 'xml' }],
  ['logprobs', 1],
  ['top_logprobs', 99],
);

function nested(depth: number, open: string, close: string, leaf: string): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

const deepBody = fc.record({ depth: fc.constantFrom(64, 1_000, 10_000, 30_000), where: fc.nat({ max: 3 }) }).map(({ depth, where }) => {
  const deep = nested(depth, '[', ']', '1');
  const messages = '[{"role":"user","content":"hi"}]';
  switch (where) {
    case 0:
      return `{"model":"small","messages":${messages},"metadata":${deep}}`;
    case 1:
      return `{"model":"consilium/fusion","messages":${messages},"tools":[{"type":"function","function":${nested(depth, '{"a":', '}', '1')}}]}`;
    case 2:
      return `{"model":"consilium/auto","messages":[{"role":"user","content":"hi","tool_calls":${deep}}]}`;
    default:
      return nested(depth, '{"x":', '}', '1');
  }
});

/** Valid JSON padded to exactly `size` bytes. */
function paddedTo(size: number, model: string): Buffer {
  const head = `{"model":"${model}","messages":[{"role":"user","content":"`;
  const tail = '"}]}';
  return Buffer.from(head + 'p'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
}

function withInvalidUtf8(json: string, bytes: Uint8Array): Buffer {
  const at = json.indexOf('"content":"');
  if (at < 0) return Buffer.from(json);
  const cut = at + '"content":"'.length;
  return Buffer.concat([Buffer.from(json.slice(0, cut)), Buffer.from(bytes), Buffer.from(json.slice(cut))]);
}

const invalidUtf8 = fc.constantFrom(
  Uint8Array.of(0xff),
  Uint8Array.of(0xc3),
  Uint8Array.of(0xe2, 0x82),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0x80, 0x80, 0x80),
);

/** A request body: mostly valid chat requests (so the pipeline runs), the rest hostile. */
export const requestBodyBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 6, arbitrary: chatShape.map((shape) => Buffer.from(JSON.stringify(chatJson(shape)))) },
  {
    weight: 2,
    arbitrary: fc.tuple(chatShape, fc.double({ min: 0, max: 1, noNaN: true })).map(([shape, at]) => {
      const text = JSON.stringify(chatJson(shape));
      return Buffer.from(text.slice(0, Math.floor(text.length * at)));
    }),
  },
  { weight: 2, arbitrary: deepBody.map((text) => Buffer.from(text)) },
  {
    weight: 2,
    arbitrary: fc.tuple(chatShape, wrongField).map(([shape, [key, value]]) => Buffer.from(JSON.stringify({ ...chatJson(shape), [key]: value }))),
  },
  { weight: 2, arbitrary: fc.tuple(chatShape, invalidUtf8).map(([shape, bytes]) => withInvalidUtf8(JSON.stringify(chatJson(shape)), bytes)) },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(FUZZ_MAX_BODY_BYTES - 1, FUZZ_MAX_BODY_BYTES, FUZZ_MAX_BODY_BYTES + 1, 4 * FUZZ_MAX_BODY_BYTES), fc.constantFrom('small', 'consilium/fusion'))
      .map(([size, model]) => paddedTo(size, model)),
  },
  { weight: 1, arbitrary: fc.constantFrom('[]', 'null', '1', '"str"', '{}', '\uFEFF{}', '{"model":"small","messages":[{"role":"user","content":"x"}]}garbage').map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(51, 200).map((count) =>
      Buffer.from(JSON.stringify({ model: 'consilium/auto', messages: Array.from({ length: count }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: 'm' })) })),
    ),
  },
  { weight: 1, arbitrary: fc.constant(Buffer.from(JSON.stringify({ model: 'small', messages: [{ role: 'user', content: 'w '.repeat(12_000) }] }))) },
);

/** A routed response body: JSON with usage, SSE pieces cut at arbitrary bytes (mid-UTF-8 included), or junk. */
export const responseBodyChunks: fc.Arbitrary<{ chunks: Buffer[]; sse: boolean }> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(fc.array(content, { minLength: 1, maxLength: 6 }), fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), fc.boolean()).map(([pieces, cuts, usage]) => {
      const events = pieces.map((text) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text } }] })}\n\n`);
      if (usage) events.push(`data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`);
      events.push('data: [DONE]\n\n');
      const whole = Buffer.from(events.join(''));
      const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
      const chunks: Buffer[] = [];
      let from = 0;
      for (const point of points) {
        chunks.push(whole.subarray(from, point));
        from = point;
      }
      chunks.push(whole.subarray(from));
      return { chunks, sse: true };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"id":"x","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}',
      '{"usage":{"prompt_tokens":"many"}}',
      '{"usage":null}',
      'not json',
      '',
    ).map((text) => ({ chunks: [Buffer.from(text)], sse: false })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ chunks: [Buffer.from(bytes)], sse: true })) },
);
