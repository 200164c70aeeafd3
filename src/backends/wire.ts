/**
 * What Consilium sends a backend: the caller's request rewritten for the provider (model id, non-streaming)
 * and the headers of every attempt (credential, correlation, trace context).
 */
import type { ModelConfig } from '../config/types.js';
import type { ChatCompletionRequest } from '../openai/types.js';

/** `POST {basePath}/chat/completions`, tolerating a trailing slash on the configured base path. */
export function chatCompletionsPath(model: Pick<ModelConfig, 'basePath'>): string {
  return `${model.basePath.replace(/\/+$/, '')}/chat/completions`;
}

/** The caller's request with `model` set to the provider's id, `stream: false` and no `stream_options`. */
export function providerBody(model: Pick<ModelConfig, 'providerModel'>, request: ChatCompletionRequest): string {
  const { stream_options: _streamOptions, ...rest } = request;
  return JSON.stringify({ ...rest, model: model.providerModel, stream: false });
}

export interface AttemptHeaderInput {
  readonly apiKey: string | undefined;
  readonly requestId: string | undefined;
  readonly traceparent: string | undefined;
}

export function attemptHeaders(input: AttemptHeaderInput): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (input.apiKey !== undefined) headers.authorization = `Bearer ${input.apiKey}`;
  if (input.requestId) headers['x-request-id'] = input.requestId;
  if (input.traceparent) headers.traceparent = input.traceparent;
  return headers;
}
