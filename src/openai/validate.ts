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

/**
 * Deepest nesting a request body may have. JSON.parse copes with any depth, but every recursive step after it
 * (JSON.stringify when the body is forwarded, schema checks, token estimates) overflows the stack somewhere
 * past a few thousand levels; real requests (JSON schemas included) stay far below this.
 */
export const MAX_JSON_DEPTH = 128;

/** Parses JSON bytes into an object, or throws RequestError invalid_json (invalid_request when nested too deep). */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RequestError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new RequestError('invalid_request', `request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RequestError('invalid_request', 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Deepest bracket nesting of valid JSON text, in one pass that skips strings (no recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
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
