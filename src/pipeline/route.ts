/** Builds a Route plan: the body's `model` rewritten to the provider id, path and credential for the backend. */
import type { ModelConfig } from '../config/types.js';
import type { ResponseMeta, RoutePlan } from './types.js';

/** Client paths are OpenAI's (/v1/...); a backend may serve the API under another base path. */
export function backendPath(clientPath: string, model: ModelConfig): string | undefined {
  const [pathname = '', query] = splitQuery(clientPath);
  const suffix = pathname.startsWith('/v1/') ? pathname.slice(3) : pathname;
  const rewritten = `${model.basePath}${suffix}${query === undefined ? '' : `?${query}`}`;
  return rewritten === clientPath ? undefined : rewritten;
}

function splitQuery(path: string): [string, string | undefined] {
  const at = path.indexOf('?');
  return at < 0 ? [path, undefined] : [path.slice(0, at), path.slice(at + 1)];
}

/** `apiKey` is the backend's credential (from its env var or key file), replacing the client's. */
export function routePlan(model: ModelConfig, clientPath: string, body: Record<string, unknown>, meta: ResponseMeta, apiKey: string | undefined): RoutePlan {
  const rewritten: Record<string, unknown> = { ...body, model: model.providerModel };
  const streamOptions = body.stream_options as { include_usage?: boolean } | null | undefined;
  // Usage is read from every stream for accounting; when the client did not ask for the usage chunk, ask the
  // backend for it anyway and remove it again on the way back (pipeline/usage-tap.ts).
  const injectedUsage = body.stream === true && streamOptions?.include_usage !== true;
  if (injectedUsage) rewritten.stream_options = { ...(streamOptions ?? {}), include_usage: true };
  return {
    kind: 'route',
    cluster: model.cluster,
    model: model.name,
    path: backendPath(clientPath, model),
    authorization: apiKey ? `Bearer ${apiKey}` : null,
    body: Buffer.from(JSON.stringify(rewritten)),
    stream: body.stream === true,
    injectedUsage,
    meta: { ...meta, model: model.name },
  };
}
