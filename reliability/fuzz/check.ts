/**
 * What counts as a valid answer from the ext_proc server. Every check returns problems as short strings whose
 * wording (numbers stripped) identifies a distinct failure, so one bug found a thousand times is listed once.
 */
import * as grpc from '@grpc/grpc-js';
import type { HeaderMutation, ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';

const RESPONSE_KINDS = ['request_headers', 'response_headers', 'request_body', 'response_body', 'request_trailers', 'response_trailers', 'immediate_response'] as const;
const HEADER_NAME = /^:?[a-z0-9!#$%&'*+.^_`|~-]+$/;
/** Envoy refuses header values with NUL, CR or LF (and fails the request). */
const BAD_VALUE_BYTES = [0x00, 0x0a, 0x0d];

/** google.protobuf enum StatusCode names → numbers, for immediate_response.status.code decoded as a string. */
const HTTP_STATUS_NAMES: Readonly<Record<string, number>> = {
  Continue: 100, OK: 200, Created: 201, Accepted: 202, NoContent: 204, MultipleChoices: 300, MovedPermanently: 301, Found: 302,
  NotModified: 304, BadRequest: 400, Unauthorized: 401, PaymentRequired: 402, Forbidden: 403, NotFound: 404, MethodNotAllowed: 405,
  NotAcceptable: 406, RequestTimeout: 408, Conflict: 409, Gone: 410, LengthRequired: 411, PreconditionFailed: 412, PayloadTooLarge: 413,
  URITooLong: 414, UnsupportedMediaType: 415, RangeNotSatisfiable: 416, ExpectationFailed: 417, MisdirectedRequest: 421,
  UnprocessableEntity: 422, TooManyRequests: 429, RequestHeaderFieldsTooLarge: 431, InternalServerError: 500, NotImplemented: 501,
  BadGateway: 502, ServiceUnavailable: 503, GatewayTimeout: 504, HTTPVersionNotSupported: 505,
};

export function httpStatusOf(code: string | number | undefined): number {
  if (typeof code === 'number') return code;
  if (code === undefined) return 0;
  return HTTP_STATUS_NAMES[code] ?? (Number(code) || 0);
}

function headerValueBytes(option: { header: { value?: string; raw_value?: Buffer | Uint8Array } }): Buffer {
  const raw = option.header.raw_value;
  return raw && raw.length > 0 ? Buffer.from(raw) : Buffer.from(option.header.value ?? '', 'utf8');
}

function checkMutation(mutation: HeaderMutation | undefined, where: string): string[] {
  const problems: string[] = [];
  for (const option of mutation?.set_headers ?? []) {
    const key = option.header.key;
    if (!HEADER_NAME.test(key)) problems.push(`${where}: invalid header name ${JSON.stringify(key.slice(0, 40))}`);
    const bytes = headerValueBytes(option);
    if (BAD_VALUE_BYTES.some((b) => bytes.includes(b))) problems.push(`${where}: header ${key} value holds NUL/CR/LF`);
    if (key === ':path' && bytes[0] !== 0x2f) problems.push(`${where}: :path does not start with /`);
  }
  for (const name of mutation?.remove_headers ?? []) {
    if (!HEADER_NAME.test(name)) problems.push(`${where}: invalid removed header name`);
  }
  return problems;
}

function setHeader(mutation: HeaderMutation | undefined, name: string): string | undefined {
  const option = mutation?.set_headers?.find((o) => o.header.key === name);
  return option ? headerValueBytes(option).toString('utf8') : undefined;
}

/** The OpenAI error shape: exactly message, type, param, code. */
export function isOpenAIError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return (
    Object.keys(e).sort().join(',') === 'code,message,param,type' &&
    typeof e.message === 'string' &&
    typeof e.type === 'string' &&
    typeof e.code === 'string' &&
    (e.param === null || typeof e.param === 'string')
  );
}

function checkImmediate(request: ProcessingRequest | undefined, response: ProcessingResponse): string[] {
  const immediate = response.immediate_response!;
  const status = httpStatusOf(immediate.status?.code as string | number | undefined);
  const problems = checkMutation(immediate.headers, 'immediate_response');
  if (status < 200 || status > 599) problems.push(`immediate_response: status ${String(immediate.status?.code)}`);
  const contentType = setHeader(immediate.headers, 'content-type') ?? '';
  const body = immediate.body ? Buffer.from(immediate.body).toString('utf8') : '';
  if (status >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (!contentType.startsWith('application/json') || !isOpenAIError(parsed)) problems.push(`immediate_response ${status}: body is not an OpenAI error`);
    // A partial request body is the one 500 by design: it means Envoy's body mode is misconfigured.
    const partialBody = request?.request === 'request_body' && request.request_body?.end_of_stream !== true;
    if (status === 500 && !partialBody) problems.push(`immediate_response 500: ${String((parsed as { error?: { code?: string } } | undefined)?.error?.code)}`);
  } else if (contentType.startsWith('text/event-stream')) {
    if (!body.endsWith('data: [DONE]\n\n')) problems.push('immediate SSE does not end with [DONE]');
    for (const line of body.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      try {
        JSON.parse(line.slice(6));
      } catch {
        problems.push('immediate SSE event is not JSON');
        break;
      }
    }
  } else {
    try {
      JSON.parse(body);
    } catch {
      problems.push(`immediate_response ${status}: ${contentType || 'no content-type'} body is not JSON`);
    }
  }
  return problems;
}

/** Checks one answer against the message it answers (undefined when that message's bytes were mutated). */
export function checkAnswer(request: ProcessingRequest | undefined, response: ProcessingResponse): string[] {
  const present = RESPONSE_KINDS.filter((kind) => response[kind] !== undefined && response[kind] !== null);
  if (present.length !== 1) return [`answer sets ${present.length} response kinds`];
  const kind = present[0]!;
  const problems: string[] = [];
  if (request?.request && kind !== 'immediate_response' && kind !== request.request) problems.push(`answered ${request.request} with ${kind}`);
  if (kind === 'immediate_response') return [...problems, ...checkImmediate(request, response)];
  if (response.mode_override && kind !== 'request_headers' && kind !== 'response_headers') problems.push(`mode_override in a ${kind} answer`);
  if (kind === 'request_trailers' || kind === 'response_trailers') return problems;
  const common = (response[kind] as { response?: { header_mutation?: HeaderMutation; body_mutation?: { body?: Buffer } } }).response;
  problems.push(...checkMutation(common?.header_mutation, kind));
  const body = common?.body_mutation?.body;
  if (kind === 'request_body' && body !== undefined) {
    const length = setHeader(common?.header_mutation, 'content-length');
    if (length !== String(Buffer.from(body).length)) problems.push('request_body: body mutation without a matching content-length');
  }
  return problems;
}

export interface StreamVerdict {
  readonly statusCode: grpc.status;
  readonly details: string;
}

/** Whether the stream's final status is one a well-behaved server may end this scenario with. */
export function checkStatus(
  verdict: StreamVerdict,
  scenario: { valid: boolean; rawMutated: boolean; oversized: boolean },
  cancelled: boolean,
): string[] {
  const { statusCode, details } = verdict;
  if (statusCode === grpc.status.OK) return [];
  if (statusCode === grpc.status.CANCELLED && cancelled) return [];
  if (scenario.valid) return [`valid conversation ended with ${grpc.status[statusCode]}: ${details}`];
  if (statusCode === grpc.status.INVALID_ARGUMENT) return [];
  if (statusCode === grpc.status.RESOURCE_EXHAUSTED && scenario.oversized) return [];
  // grpc-js's own answer to bytes that do not decode as a ProcessingRequest.
  if (statusCode === grpc.status.INTERNAL && scenario.rawMutated && /deserializ|parse/i.test(details)) return [];
  return [`stream ended with ${grpc.status[statusCode]}: ${details}`];
}

/** A failure's identity: its wording without numbers and quoted values. */
export function signature(problem: string): string {
  return problem.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 160);
}
