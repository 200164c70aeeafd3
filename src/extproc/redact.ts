/**
 * Keeps a backend's credential from reaching the client through a routed response. Consilium puts the backend's
 * API key on routed requests; a backend that echoes it (some put the key they got into a 401's message or a
 * header) would otherwise hand it to the client, because Envoy streams routed responses straight through.
 */

/** Shorter values are not treated as secrets: replacing them would corrupt ordinary text. */
const MIN_SECRET_LENGTH = 8;
const REDACTED = '[redacted]';

/** The API key inside an `authorization` value Consilium set (`Bearer <key>`), if it is long enough to redact. */
export function secretOf(authorization: string | null): string | undefined {
  const key = authorization?.replace(/^Bearer\s+/i, '');
  return key && key.length >= MIN_SECRET_LENGTH ? key : undefined;
}

/** Replacement values for the headers that carry `secret`; empty when none does. */
export function redactedHeaders(headers: ReadonlyMap<string, string>, secret: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (!name.startsWith(':') && value.includes(secret)) out[name] = value.split(secret).join(REDACTED);
  }
  return out;
}

/** The body with every occurrence of `secret` replaced, or undefined when it holds none. */
export function redactedBody(body: Buffer, secret: string): Buffer | undefined {
  if (!body.includes(secret)) return undefined;
  return Buffer.from(body.toString('utf8').split(secret).join(REDACTED), 'utf8');
}
