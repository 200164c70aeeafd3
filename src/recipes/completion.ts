/**
 * Turns the completion a recipe settled on into the chat.completion the client receives: one choice, the
 * producing model's config name, usage summed over the whole run, and logprobs only as far as the client
 * asked for them (a cascade requests them for scoring; the client may not want them).
 */
import type { Completion } from '../backends/types.js';
import type { ChatChoice, ChatCompletion, ChatCompletionRequest, TokenLogprob, Usage } from '../openai/types.js';

export function completionFor(completion: Completion, client: ChatCompletionRequest, usage: Usage, requestId: string): ChatCompletion {
  const raw = completion.raw;
  const message: ChatChoice['message'] = {
    role: 'assistant',
    content: completion.content,
    ...(completion.toolCalls.length > 0 ? { tool_calls: completion.toolCalls } : {}),
  };
  return {
    id: raw.id || `chatcmpl-${requestId}`,
    object: 'chat.completion',
    created: raw.created || Math.floor(Date.now() / 1000),
    model: completion.model,
    choices: [{ index: 0, message, finish_reason: completion.finishReason ?? 'stop', logprobs: clientLogprobs(completion.logprobs, client) }],
    usage,
    ...(raw.system_fingerprint ? { system_fingerprint: raw.system_fingerprint } : {}),
  };
}

function clientLogprobs(tokens: readonly TokenLogprob[] | null, client: ChatCompletionRequest): ChatChoice['logprobs'] {
  if (client.logprobs !== true || !tokens) return null;
  const top = client.top_logprobs ?? 0;
  return { content: tokens.map((t) => ({ token: t.token, logprob: t.logprob, top_logprobs: t.top_logprobs.slice(0, top) })) };
}
