/**
 * Sends one item to one target through the gateway, the path that serves traffic, and reads back what the
 * report needs: the reply text, the x-consilium-* headers, usage and the client-side latency. A Route's
 * answer carries no cost header (Envoy forwarded it), so its cost is priced here from the response's usage
 * and the answering model's configured pricing.
 */
import { Agent, request } from 'undici';
import type { ConsiliumConfig } from '../config/types.js';
import { HEADERS } from '../extproc/headers.js';
import type { EvalItem } from './dataset.js';

export interface TargetReply {
  readonly ok: boolean;
  readonly status: number;
  /** The assistant's text (ok) or the error message (not ok). */
  readonly text: string;
  readonly latencyMs: number;
  readonly recipe: string | undefined;
  readonly model: string | undefined;
  readonly modelsUsed: readonly string[];
  readonly calls: number;
  readonly tokens: number;
  readonly costUsd: number;
  /** Where the cost came from: the recipe's header, or usage × pricing for a routed answer. */
  readonly costSource: 'header' | 'usage' | 'none';
  readonly reason: string | undefined;
}

export interface GatewayClient {
  send(target: string, item: EvalItem, requestId: string): Promise<TargetReply>;
  close(): Promise<void>;
}

export interface ClientOptions {
  readonly gatewayUrl: string;
  readonly config: ConsiliumConfig;
  /** Connections kept to the gateway (the runner's concurrency). */
  readonly connections: number;
  /** Per-request limit on the client side; a request past it is recorded as a failure. */
  readonly timeoutMs: number;
  /** Extra body fields sent with every request (e.g. temperature, max_tokens). */
  readonly bodyExtras?: Readonly<Record<string, unknown>>;
}

export function createGatewayClient(options: ClientOptions): GatewayClient {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 30_000, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  const url = `${options.gatewayUrl.replace(/\/+$/, '')}/v1/chat/completions`;
  return {
    async send(target, item, requestId) {
      const body = JSON.stringify({ ...options.bodyExtras, model: target, messages: item.messages });
      const started = performance.now();
      try {
        const response = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'x-request-id': requestId },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await response.body.text();
        const latencyMs = performance.now() - started;
        return readReply(response.statusCode, response.headers, text, latencyMs, target, options.config);
      } catch (error) {
        return failed(0, `request failed: ${error instanceof Error ? error.message : String(error)}`, performance.now() - started);
      }
    },
    close: () => agent.close(),
  };
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface CompletionBody {
  readonly choices?: readonly { readonly message?: { readonly content?: string | null } }[];
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number; readonly total_tokens?: number };
  readonly error?: { readonly message?: string; readonly code?: string };
}

/** Turns a gateway response into a TargetReply; exported for tests. */
export function readReply(status: number, headers: Headers, text: string, latencyMs: number, target: string, config: ConsiliumConfig): TargetReply {
  let body: CompletionBody | undefined;
  try {
    body = JSON.parse(text) as CompletionBody;
  } catch {
    body = undefined;
  }
  if (status !== 200 || !body || body.error) {
    const message = body?.error ? `${body.error.code ?? 'error'}: ${body.error.message ?? ''}` : text.slice(0, 300);
    // A recipe that failed may still have spent calls; when it says so, the spending counts.
    const spent = Number(header(headers, HEADERS.costUsd));
    const calls = Number(header(headers, HEADERS.calls));
    return {
      ...failed(status, `HTTP ${status}: ${message}`, latencyMs),
      ...(Number.isFinite(spent) ? { costUsd: spent, costSource: 'header' as const } : {}),
      ...(Number.isFinite(calls) ? { calls } : {}),
    };
  }
  const content = body.choices?.[0]?.message?.content ?? '';
  const model = header(headers, HEADERS.model) ?? (config.models.has(target) ? target : undefined);
  const modelsUsed = (header(headers, HEADERS.modelsUsed) ?? model ?? '').split(',').filter((m) => m !== '');
  const calls = Number(header(headers, HEADERS.calls) ?? 1);
  const usage = body.usage;
  const tokens = Number(header(headers, HEADERS.tokens) ?? usage?.total_tokens ?? 0);
  const costHeader = header(headers, HEADERS.costUsd);
  const priced = usage && model && config.models.has(model) ? priceOf(usage, config.models.get(model)?.pricing) : undefined;
  let costUsd = 0;
  let costSource: TargetReply['costSource'] = 'none';
  let totalCalls = Number.isFinite(calls) ? calls : 1;
  let totalTokens = tokens;
  if (costHeader !== undefined && Number.isFinite(Number(costHeader))) {
    costUsd = Number(costHeader);
    costSource = 'header';
    // A tail-call's headers cover the loop before its final call, which Envoy forwarded: the body's usage is
    // that call's alone (a synthesized answer's usage equals the header total), so price and count it here.
    const tokensHeader = Number(header(headers, HEADERS.tokens));
    if (priced !== undefined && usage?.total_tokens !== undefined && usage.total_tokens !== tokensHeader) {
      costUsd += priced;
      totalCalls += 1;
      totalTokens = (Number.isFinite(tokensHeader) ? tokensHeader : 0) + usage.total_tokens;
    }
  } else if (priced !== undefined) {
    costUsd = priced;
    costSource = 'usage';
  }
  return {
    ok: true,
    status,
    text: content ?? '',
    latencyMs,
    recipe: header(headers, HEADERS.recipe),
    model,
    modelsUsed,
    calls: totalCalls,
    tokens: Number.isFinite(totalTokens) ? totalTokens : 0,
    costUsd,
    costSource,
    reason: header(headers, HEADERS.reason),
  };
}

function priceOf(usage: NonNullable<CompletionBody['usage']>, pricing: { inputPerMillion: number; outputPerMillion: number } | undefined): number {
  return ((usage.prompt_tokens ?? 0) * (pricing?.inputPerMillion ?? 0) + (usage.completion_tokens ?? 0) * (pricing?.outputPerMillion ?? 0)) / 1e6;
}

function failed(status: number, message: string, latencyMs: number): TargetReply {
  return { ok: false, status, text: message, latencyMs, recipe: undefined, model: undefined, modelsUsed: [], calls: 0, tokens: 0, costUsd: 0, costSource: 'none', reason: undefined };
}
