/**
 * Header names Consilium owns. Every `x-consilium-*` name a client sends is stripped (here by prefix, and in
 * the generated Envoy config by exact name, which is why this list is exhaustive).
 */

export const CONSILIUM_HEADER_PREFIX = 'x-consilium-';

export const HEADERS = {
  /** To Envoy: the cluster the route takes (route: cluster_header). */
  cluster: 'x-consilium-cluster',
  model: 'x-consilium-model',
  decision: 'x-consilium-decision',
  reason: 'x-consilium-reason',
  category: 'x-consilium-category',
  confidence: 'x-consilium-confidence',
  recipe: 'x-consilium-recipe',
  modelsUsed: 'x-consilium-models-used',
  calls: 'x-consilium-calls',
  costUsd: 'x-consilium-cost-usd',
  tokens: 'x-consilium-tokens',
  requestId: 'x-consilium-request-id',
} as const;

/**
 * Every name Envoy's early header mutation removes before route selection. Includes internal markers that
 * Consilium never sets today but that a future version might trust, so a client can never pre-seed them.
 */
export const STRIPPED_CLIENT_HEADERS: readonly string[] = [
  ...Object.values(HEADERS),
  'x-consilium-internal',
  'x-consilium-tail-call',
  'x-consilium-stage',
  'x-consilium-debug',
];

/** Envoy's metadata namespace for our dynamic_metadata (access logs: %DYNAMIC_METADATA(consilium:decision)%). */
export const METADATA_NAMESPACE = 'consilium';

/** The API paths Envoy sends to ext_proc; the generated config answers every other path with a JSON 404. */
export const API_PATHS = ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/models'] as const;
