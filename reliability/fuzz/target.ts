/**
 * The server under fuzz: the real ExtProcServer and Pipeline on a config that exercises every path (routing,
 * keyword regexes, four recipe types, the recipe slot limit), with in-process backends that answer after a
 * few milliseconds (so streams can be cancelled mid-recipe) and sometimes fail. Nothing is recorded per call,
 * so memory after a run reflects only the server.
 */
import type { Backends, CallOptions, Completion } from '../../src/backends/types.js';
import { grpcMessageLimit } from '../../src/cli/server-app.js';
import { loadConfigText } from '../../src/config/load.js';
import type { ConsiliumConfig } from '../../src/config/types.js';
import { BackendError } from '../../src/errors/index.js';
import { ExtProcServer } from '../../src/extproc/server.js';
import { silentLogger, type Logger } from '../../src/observability/logger.js';
import { estimatePromptTokens } from '../../src/openai/tokens.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';

export const FUZZ_MAX_BODY_BYTES = 65_536;

export const FUZZ_CONFIG_YAML = `
server:
  listen: 127.0.0.1:0
  admin: 127.0.0.1:0
  max_body_bytes: ${FUZZ_MAX_BODY_BYTES}
  max_messages: 50
  max_prompt_tokens: 5000
  max_concurrent_recipes: 6
models:
  small: { model: provider-small, base_url: http://127.0.0.1:9/v1, api_key_env: FUZZ_SMALL_KEY, pricing: { input: 1, output: 2 } }
  big: { model: provider-big, base_url: http://127.0.0.1:9/openai/v1, pricing: { input: 10, output: 20 } }
signals:
  keywords:
    code: { words: [python, function], phrases: [stack trace] }
    evil: { regex: ['(a+)+$', '(x|x)*y', '^(\\w+\\s?)*$'] }
decisions:
  - { name: evil, priority: 40, when: { keyword: evil }, model: small, reason: evil pattern }
  - { name: code, priority: 30, when: { keyword: code }, model: big, reason: code request }
  - { name: long, priority: 20, when: { tokens: { gt: 300 } }, recipe: fusion, reason: long prompt }
  - { name: deep, priority: 10, when: { messages: { gte: 4 } }, recipe: remom, reason: deep conversation }
  - { name: default, default: true, model: small }
recipes:
  fusion: { type: fusion, panel: [small, big], judge: big, finalizer: big }
  confidence: { type: confidence, models: [small, big], method: avg_logprob, threshold: 0.7 }
  remom: { type: remom, models: [small, big], breadth: [2], synthesis_model: big }
  workflows: { type: workflows, planner: big, models: [small, big], finalizer: big }
budgets: { max_calls: 8, max_total_tokens: 40000, max_cost_usd: 1, deadline_ms: 3000 }
`;

/** Valid for every role a recipe asks for: judge, grader, planner and verifier all find their keys. */
const ANSWER = JSON.stringify({
  consensus: ['agreed'],
  contradictions: [],
  unique_insights: [],
  blind_spots: [],
  score: 0.9,
  ok: true,
  issues: [],
  steps: [[{ role: 'researcher', worker: 'W1', instruction: 'collect' }], [{ role: 'writer', worker: 'W2', instruction: 'write' }]],
});

/** Backends answering in 0–4 ms; one call in ten fails like a 500, and aborts reject as the contract says. */
export function quickBackends(seed = 1): Backends {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  return {
    async complete(model: string, request: ChatCompletionRequest, options: CallOptions = {}): Promise<Completion> {
      options.beforeAttempt?.(1);
      const latencyMs = Math.floor(next() * 5);
      const fails = next() < 0.1;
      await new Promise<void>((resolve, reject) => {
        const signal = options.signal;
        if (signal?.aborted) return reject(new BackendError(model, 'aborted', `call to ${model} was aborted`));
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(new BackendError(model, 'aborted', `call to ${model} was aborted`));
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, latencyMs);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (fails) throw new BackendError(model, 'http', `backend ${model} answered HTTP 500`, { upstreamStatus: 500 });
      const prompt = estimatePromptTokens(request);
      const usage = { prompt_tokens: prompt, completion_tokens: 20, total_tokens: prompt + 20 };
      const raw = {
        id: 'chatcmpl-fuzz',
        object: 'chat.completion' as const,
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, message: { role: 'assistant' as const, content: ANSWER }, finish_reason: 'stop', logprobs: null }],
        usage,
      };
      return { model, content: ANSWER, toolCalls: [], finishReason: 'stop', logprobs: null, usage, latencyMs, attempts: 1, raw };
    },
  };
}

export function fuzzConfig(): ConsiliumConfig {
  process.env.FUZZ_SMALL_KEY ??= 'sk-fuzz-small-secret';
  return loadConfigText(FUZZ_CONFIG_YAML, { baseDir: process.cwd() });
}

export interface FuzzTarget {
  readonly server: ExtProcServer;
  readonly port: number;
  close(): Promise<void>;
}

export async function startFuzzTarget(options: { logger?: Logger; seed?: number } = {}): Promise<FuzzTarget> {
  const config = fuzzConfig();
  const pipeline = new Pipeline({
    config,
    backends: quickBackends(options.seed),
    recipeSlots: new ConcurrencyLimiter(config.server.maxConcurrentRecipes),
    apiKey: (model) => (model === 'small' ? process.env.FUZZ_SMALL_KEY : undefined),
  });
  const server = new ExtProcServer({
    acquire: () => ({ pipeline, release: () => undefined }),
    logger: options.logger ?? silentLogger(),
    maxMessageBytes: grpcMessageLimit(config),
  });
  const port = await server.listen('127.0.0.1', 0);
  return { server, port, close: () => server.close() };
}
