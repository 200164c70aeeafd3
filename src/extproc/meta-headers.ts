/** Renders pipeline metadata as x-consilium-* response headers and as Envoy dynamic metadata. */
import type { ResponseMeta } from '../pipeline/types.js';
import { HEADERS } from './headers.js';

/** Header values must be single-line and printable; reasons come from config and recipes. */
function clean(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, ' ').slice(0, 256);
}

export function metaHeaders(meta: ResponseMeta): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADERS.requestId]: clean(meta.requestId),
    [HEADERS.recipe]: clean(meta.recipe),
  };
  if (meta.model !== undefined) headers[HEADERS.model] = clean(meta.model);
  if (meta.decision !== undefined) headers[HEADERS.decision] = clean(meta.decision);
  if (meta.reason !== undefined) headers[HEADERS.reason] = clean(meta.reason);
  if (meta.category !== undefined) headers[HEADERS.category] = clean(meta.category);
  if (meta.confidence !== undefined) headers[HEADERS.confidence] = meta.confidence.toFixed(4);
  if (meta.modelsUsed !== undefined) headers[HEADERS.modelsUsed] = clean(meta.modelsUsed.join(','));
  if (meta.calls !== undefined) headers[HEADERS.calls] = String(meta.calls);
  if (meta.costUsd !== undefined) headers[HEADERS.costUsd] = meta.costUsd.toFixed(6);
  if (meta.tokens !== undefined) headers[HEADERS.tokens] = String(meta.tokens);
  return headers;
}

export function metaRecord(meta: ResponseMeta): Record<string, string | number | readonly string[] | undefined> {
  return {
    request_id: meta.requestId,
    decision: meta.decision,
    reason: meta.reason,
    category: meta.category,
    confidence: meta.confidence,
    recipe: meta.recipe,
    model: meta.model,
    models_used: meta.modelsUsed,
    calls: meta.calls,
    cost_usd: meta.costUsd,
    tokens: meta.tokens,
  };
}
