/**
 * One chat request through the gateway as a client sees it: status, latency, whether the answer is a usable
 * completion (JSON, or an SSE stream that ends with [DONE]), and whether the recipe says it used its fallback.
 */
import { randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';

export interface Answer {
  readonly target: string;
  readonly ok: boolean;
  readonly status: number;
  readonly latencyMs: number;
  readonly fallback: boolean;
  readonly reason: string;
  readonly requestId: string;
  /** x-consilium-calls: backend calls Consilium made (0 when the request was routed; absent on some errors). */
  readonly calls: number | undefined;
  readonly problem?: string;
}

/** Prompts that lead auto to different situations: easy (a route), structured and hard (recipes). */
export const PROMPT_VARIANTS: readonly Readonly<Record<string, unknown>>[] = [
  { messages: [{ role: 'user', content: 'Is it safe to mix bleach and vinegar? Answer briefly.' }] },
  { messages: [{ role: 'user', content: 'List three prime numbers as JSON.' }], response_format: { type: 'json_object' } },
  { messages: [{ role: 'user', content: `Prove step by step that the sum of two odd numbers is even. ${'Consider every case carefully. '.repeat(120)}` }], max_tokens: 4096 },
];

/** `target` is 'single' (a configured model, routed by Envoy) or a recipe name. */
export async function ask(
  dispatcher: Dispatcher,
  gatewayUrl: string,
  target: string,
  options: { stream?: boolean; model?: string; signal?: AbortSignal; variant?: number } = {},
): Promise<Answer> {
  const requestId = randomUUID();
  const model = target === 'single' ? (options.model ?? 'alpha') : `consilium/${target}`;
  const started = performance.now();
  const prompt = PROMPT_VARIANTS[(options.variant ?? 0) % PROMPT_VARIANTS.length]!;
  const body = JSON.stringify({ model, ...prompt, ...(options.stream ? { stream: true } : {}) });
  try {
    const response = await request(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', authorization: 'Bearer client-key', 'x-request-id': requestId },
      body,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await response.body.text();
    const latencyMs = performance.now() - started;
    const reason = String(response.headers['x-consilium-reason'] ?? '');
    const callsHeader = response.headers['x-consilium-calls'];
    const calls = callsHeader === undefined ? undefined : Number(callsHeader);
    const problem = response.statusCode === 200 ? usableProblem(text, options.stream === true) : `HTTP ${response.statusCode}: ${text.slice(0, 160)}`;
    return { target, ok: problem === undefined, status: response.statusCode, latencyMs, fallback: reason.includes('fallback:'), reason, requestId, calls, ...(problem ? { problem } : {}) };
  } catch (error) {
    return { target, ok: false, status: 0, latencyMs: performance.now() - started, fallback: false, reason: '', requestId, calls: undefined, problem: `client error: ${(error as Error).message}` };
  }
}

/** Undefined when the body is a usable answer; otherwise what is wrong with it. */
export function usableProblem(text: string, stream: boolean): string | undefined {
  if (!stream) {
    try {
      const content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
      return typeof content === 'string' && content.length > 0 ? undefined : 'no content in the completion';
    } catch {
      return 'the completion is not JSON';
    }
  }
  const events = text.split('\n\n').filter((e) => e.startsWith('data: '));
  if (events.at(-1) !== 'data: [DONE]') return 'the stream ended without [DONE]';
  let content = '';
  for (const event of events.slice(0, -1)) {
    try {
      content += (JSON.parse(event.slice(6)) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '';
    } catch {
      return 'a stream event is not JSON';
    }
  }
  return content.length > 0 ? undefined : 'the stream carried no content';
}
