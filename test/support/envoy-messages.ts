/** ProcessingRequest builders that look like what Envoy sends: header values in raw_value bytes only. */
import type { HeaderValueOption, ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';

export function requestHeaders(method: string, path: string, headers: Record<string, string> = {}, endOfStream = false): ProcessingRequest {
  const all: Record<string, string> = { ':method': method, ':path': path, ':authority': 'gateway', ':scheme': 'http', ...headers };
  return {
    request: 'request_headers',
    request_headers: {
      headers: { headers: Object.entries(all).map(([key, value]) => ({ key, raw_value: Buffer.from(value) })) },
      end_of_stream: endOfStream,
    },
  };
}

export function requestBody(body: unknown): ProcessingRequest {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { request: 'request_body', request_body: { body: bytes, end_of_stream: true } };
}

export function responseHeaders(status: number, headers: Record<string, string> = {}): ProcessingRequest {
  const all = { ':status': String(status), 'content-type': 'application/json', ...headers };
  return {
    request: 'response_headers',
    response_headers: { headers: { headers: Object.entries(all).map(([key, value]) => ({ key, raw_value: Buffer.from(value) })) } },
  };
}

/** Headers set by a mutation, decoded from raw_value (or value), with their append action. */
export function setHeaders(options: readonly HeaderValueOption[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of options ?? []) {
    const raw = option.header.raw_value;
    out[option.header.key] = raw && raw.length > 0 ? Buffer.from(raw).toString('utf8') : (option.header.value ?? '');
  }
  return out;
}

export function immediate(response: ProcessingResponse): { status: number; headers: Record<string, string>; body: any } {
  const ir = response.immediate_response;
  if (!ir) throw new Error(`expected an immediate_response, got ${JSON.stringify(Object.keys(response))}`);
  const text = ir.body ? Buffer.from(ir.body).toString('utf8') : '';
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* SSE or text */
  }
  return { status: Number(ir.status.code), headers: setHeaders(ir.headers?.set_headers), body };
}
