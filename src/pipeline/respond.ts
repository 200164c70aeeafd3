/** Builders for direct answers: errors, JSON and SSE bodies. */
import { errorBody, type RouterError } from '../errors/index.js';
import { completionToSse } from '../openai/sse.js';
import type { ChatCompletion } from '../openai/types.js';
import type { RespondPlan, ResponseMeta } from './types.js';

export function errorPlan(error: RouterError, meta: ResponseMeta): RespondPlan {
  return {
    kind: 'respond',
    status: error.status,
    headers: { 'content-type': 'application/json', ...error.headers },
    body: Buffer.from(JSON.stringify(errorBody(error))),
    meta,
    errorCode: error.code,
  };
}

export function jsonPlan(status: number, value: unknown, meta: ResponseMeta): RespondPlan {
  return { kind: 'respond', status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)), meta };
}

export function completionPlan(completion: ChatCompletion, stream: boolean, includeUsage: boolean, meta: ResponseMeta): RespondPlan {
  if (!stream) return jsonPlan(200, completion, meta);
  return {
    kind: 'respond',
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    body: Buffer.from(completionToSse(completion, includeUsage)),
    meta,
  };
}
