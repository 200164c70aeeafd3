/**
 * The simulated backend's secondary endpoints: GET /v1/models, POST /v1/completions (legacy text completions,
 * JSON and SSE) and POST /v1/embeddings (deterministic unit vectors, float or base64 encoded).
 */
import { tokenize } from './answer.js';
import { hashString, seededRng } from './rng.js';
import type { ResponderResult } from './types.js';
import { writeJson, writeSseEvents, type WriteContext } from './writer.js';

export function modelsList(models: readonly string[], owner: string): Record<string, unknown> {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: owner })) };
}

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt)) return prompt.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('\n');
  return '';
}

export async function serveCompletions(
  ctx: WriteContext,
  body: Readonly<Record<string, unknown>>,
  result: ResponderResult,
  backendName: string,
  seq: number,
): Promise<void> {
  const prompt = promptText(body.prompt);
  const text = result.content ?? `[${backendName}] You said: ${prompt.replace(/\s+/g, ' ').trim().slice(0, 200)}`;
  let tokens = tokenize(text);
  let finish = result.finishReason ?? 'stop';
  const cap = typeof body.max_tokens === 'number' && body.max_tokens > 0 ? body.max_tokens : undefined;
  if (cap !== undefined && tokens.length > cap) {
    tokens = tokens.slice(0, cap);
    finish = 'length';
  }
  const promptTokens = Math.ceil(prompt.length / 4);
  const usage = { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length };
  const base = { id: `cmpl-sim-${backendName}-${seq}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model: body.model ?? backendName };
  if (body.stream !== true) {
    await writeJson(ctx, 200, { ...base, choices: [{ index: 0, text: tokens.join(''), logprobs: null, finish_reason: finish }], usage });
    return;
  }
  const events = tokens.map((token) => JSON.stringify({ ...base, choices: [{ index: 0, text: token, logprobs: null, finish_reason: null }] }));
  const lastContent = events.length - 1;
  events.push(JSON.stringify({ ...base, choices: [{ index: 0, text: '', logprobs: null, finish_reason: finish }] }));
  const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  if (includeUsage) events.push(JSON.stringify({ ...base, choices: [], usage }));
  await writeSseEvents(ctx, events, Math.max(0, lastContent), lastContent);
}

/** A deterministic unit vector for `text`: same text, same vector, on every run and every backend. */
export function embeddingVector(text: string, dimensions: number): number[] {
  const rng = seededRng(hashString(text));
  const raw = Array.from({ length: dimensions }, () => rng() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, x) => sum + x * x, 0)) || 1;
  return raw.map((x) => x / norm);
}

export async function serveEmbeddings(
  ctx: WriteContext,
  body: Readonly<Record<string, unknown>>,
  defaultDimensions: number,
  backendName: string,
): Promise<boolean> {
  const inputs = Array.isArray(body.input) && body.input.every((item) => typeof item === 'string') ? (body.input as string[]) : typeof body.input === 'string' ? [body.input] : null;
  if (inputs === null) return false;
  const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? Math.floor(body.dimensions) : defaultDimensions;
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((text, index) => {
    const vector = embeddingVector(text, dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  await writeJson(ctx, 200, { object: 'list', data, model: body.model ?? backendName, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  return true;
}
