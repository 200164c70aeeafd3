/**
 * Validates client request bodies. Unknown fields pass through untouched (backends may support more of the API
 * than we read); the fields Consilium reads must have the right types.
 */
import { z } from 'zod';
import { RequestError } from '../errors/index.js';
import type { ChatCompletionRequest } from './types.js';

const ContentPartSchema = z.looseObject({ type: z.string() });
const MessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(ContentPartSchema), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(z.looseObject({})).optional(),
  tool_call_id: z.string().optional(),
});

const ChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(MessageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  response_format: z
    .looseObject({ type: z.enum(['text', 'json_object', 'json_schema']), json_schema: z.looseObject({}).optional() })
    .optional(),
});

const ModelOnlySchema = z.looseObject({ model: z.string().min(1) });

/** Parses JSON bytes into an object, or throws RequestError invalid_json. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new RequestError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RequestError('invalid_request', 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function validateChatRequest(value: Record<string, unknown>): ChatCompletionRequest {
  return check(ChatRequestSchema, value) as unknown as ChatCompletionRequest;
}

/** /v1/completions and /v1/embeddings: Consilium only needs the model name. */
export function validateModelRequest(value: Record<string, unknown>): { readonly model: string } {
  return check(ModelOnlySchema, value);
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
  const what = issue.code === 'invalid_type' && issue.message.includes('undefined') ? `missing required parameter '${param}'` : `invalid '${param || 'body'}': ${issue.message}`;
  throw new RequestError('invalid_request', what, param ? { param } : {});
}
