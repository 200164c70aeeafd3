/**
 * What the ext_proc bench sends: OpenAI chat bodies of an exact byte size, and the three messages of one
 * exchange exactly as Envoy sends them (header values in raw_value bytes only, the buffered body in one
 * message with end_of_stream, then the upstream's response headers).
 */
import type { HeaderValue, ProcessingRequest } from '../../src/extproc/messages.js';

/** Plain prose that matches none of the bench configs' keyword sets. */
const WORDS = (
  'the quiet river bends past old stone walls where morning light falls on fields of barley and a slow cart ' +
  'carries apples toward the market square while children count clouds above the orchard and the baker ' +
  'opens shutters to let warm air drift along narrow lanes lined with ivy and painted doors'
).split(' ');

export interface ChatBodyOptions {
  readonly model: string;
  /** Exact size of the serialized JSON body. */
  readonly bytes: number;
  /** A word placed in the middle of the user message (so a scanner must read half the text to find it). */
  readonly keyword?: string;
}

/** A chat completion request whose JSON is exactly `bytes` long (ASCII prose, nothing to escape). */
export function chatBody(options: ChatBodyOptions): Buffer {
  const shell = (content: string): string =>
    JSON.stringify({
      model: options.model,
      messages: [
        { role: 'system', content: 'You are a helpful assistant. Answer briefly.' },
        { role: 'user', content },
      ],
      max_tokens: 256,
    });
  const room = options.bytes - shell('').length;
  if (room < 32) throw new RangeError(`a ${options.bytes}-byte body leaves no room for a message`);
  let text = '';
  for (let i = 0; text.length < room; i++) text += `${WORDS[(i * 7) % WORDS.length]} `;
  if (options.keyword) {
    const middle = text.indexOf(' ', Math.floor(room / 2)) + 1;
    text = `${text.slice(0, middle)}${options.keyword} ${text.slice(middle)}`;
  }
  const body = Buffer.from(shell(text.slice(0, room)));
  if (body.length !== options.bytes) throw new RangeError(`built a ${body.length}-byte body, wanted ${options.bytes}`);
  return body;
}

function headerList(headers: Readonly<Record<string, string>>): { headers: HeaderValue[] } {
  return { headers: Object.entries(headers).map(([key, value]) => ({ key, raw_value: Buffer.from(value) })) };
}

/** request_headers → request_body (buffered) → response_headers, as Envoy sends them for one chat request. */
export function exchangeMessages(body: Buffer, path = '/v1/chat/completions'): ProcessingRequest[] {
  return [
    {
      request: 'request_headers',
      request_headers: {
        headers: headerList({
          ':authority': 'llm.example.internal',
          ':path': path,
          ':method': 'POST',
          ':scheme': 'http',
          'content-type': 'application/json',
          'content-length': String(body.length),
          authorization: 'Bearer sk-client-key-that-consilium-replaces',
          'user-agent': 'OpenAI/Python 1.54.0',
          accept: 'application/json',
          'x-forwarded-proto': 'http',
          'x-request-id': '6f1d1a52-5a1c-4c55-9d2e-3f8f0c2b7a91',
        }),
        end_of_stream: false,
      },
    },
    { request: 'request_body', request_body: { body, end_of_stream: true } },
    {
      request: 'response_headers',
      response_headers: {
        headers: headerList({
          ':status': '200',
          'content-type': 'application/json',
          'content-length': '412',
          date: 'Mon, 01 Jan 2024 00:00:00 GMT',
          server: 'uvicorn',
          'x-request-id': '6f1d1a52-5a1c-4c55-9d2e-3f8f0c2b7a91',
        }),
        end_of_stream: false,
      },
    },
  ];
}
