/**
 * Valid Envoy conversations to mutate from: the phase sequences Envoy really sends for each API path and
 * plan kind (route, tail-call, recipe answer, direct answers), headers in raw_value bytes as recent Envoy sends.
 */
import type { HeaderValue, ProcessingRequest } from '../../src/extproc/messages.js';

export function headerList(entries: Readonly<Record<string, string>>): HeaderValue[] {
  return Object.entries(entries).map(([key, value]) => ({ key, raw_value: Buffer.from(value) }));
}

export function requestHeadersMessage(headers: HeaderValue[], endOfStream = false): ProcessingRequest {
  return { request: 'request_headers', request_headers: { headers: { headers }, end_of_stream: endOfStream } };
}

export function requestBodyMessage(body: Buffer, endOfStream = true): ProcessingRequest {
  return { request: 'request_body', request_body: { body, end_of_stream: endOfStream } };
}

export function responseHeadersMessage(status: number, contentType: string, endOfStream = false): ProcessingRequest {
  return {
    request: 'response_headers',
    response_headers: { headers: { headers: headerList({ ':status': String(status), 'content-type': contentType }) }, end_of_stream: endOfStream },
  };
}

export function responseBodyMessage(body: Buffer, endOfStream: boolean): ProcessingRequest {
  return { request: 'response_body', response_body: { body, end_of_stream: endOfStream } };
}

export const trailersMessage = (phase: 'request_trailers' | 'response_trailers'): ProcessingRequest => ({
  request: phase,
  [phase]: { trailers: { headers: headerList({ 'x-trailer': '1' }) } },
});

export function clientHeaders(method: string, path: string, extra: Readonly<Record<string, string>> = {}): HeaderValue[] {
  return headerList({ ':method': method, ':path': path, ':authority': 'gateway', ':scheme': 'http', 'content-type': 'application/json', ...extra });
}

/** What Envoy sends for one POST whose body the processor routes, with the upstream's answer phases after it. */
export function routedExchange(path: string, body: Buffer, answer: { chunks: Buffer[]; sse: boolean }, requestId: string): ProcessingRequest[] {
  const messages: ProcessingRequest[] = [
    requestHeadersMessage(clientHeaders('POST', path, { 'content-length': String(body.length), 'x-request-id': requestId })),
    requestBodyMessage(body),
    responseHeadersMessage(200, answer.sse ? 'text/event-stream' : 'application/json'),
  ];
  answer.chunks.forEach((chunk, i) => messages.push(responseBodyMessage(chunk, i === answer.chunks.length - 1)));
  return messages;
}

export type SeedKind = 'chat' | 'completions' | 'embeddings' | 'models' | 'unknown_path' | 'wrong_method' | 'with_trailers';

export const SEED_KINDS: readonly SeedKind[] = ['chat', 'chat', 'chat', 'chat', 'completions', 'embeddings', 'models', 'unknown_path', 'wrong_method', 'with_trailers'];

/** A seed conversation. `body` and `answer` come from the body arbitraries; the seed decides the path and phases. */
export function seedMessages(kind: SeedKind, body: Buffer, answer: { chunks: Buffer[]; sse: boolean }, requestId: string): ProcessingRequest[] {
  switch (kind) {
    case 'chat':
      return routedExchange('/v1/chat/completions', body, answer, requestId);
    case 'completions':
      return routedExchange('/v1/completions', Buffer.from(JSON.stringify({ model: 'small', prompt: body.toString('utf8').slice(0, 200) })), answer, requestId);
    case 'embeddings':
      return routedExchange('/v1/embeddings?x=1', Buffer.from(JSON.stringify({ model: 'big', input: ['a', 'b'] })), { chunks: [Buffer.from('{"data":[]}')], sse: false }, requestId);
    case 'models':
      return [requestHeadersMessage(clientHeaders('GET', '/v1/models', { 'x-request-id': requestId }), true)];
    case 'unknown_path':
      return [requestHeadersMessage(clientHeaders('POST', '/v1/unknown', { 'x-request-id': requestId })), requestBodyMessage(body)];
    case 'wrong_method':
      return [requestHeadersMessage(clientHeaders('DELETE', '/v1/chat/completions', { 'x-request-id': requestId }), true)];
    case 'with_trailers': {
      const [headers, reqBody, ...rest] = routedExchange('/v1/chat/completions', body, answer, requestId);
      return [headers!, reqBody!, trailersMessage('request_trailers'), ...rest, trailersMessage('response_trailers')];
    }
  }
}
