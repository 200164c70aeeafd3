/**
 * The gateway's upstream HTTP client: keep-alive pools per scheme, one request per routed call, and Envoy's
 * classification of failures before the response headers (503 with UF for a refused connection, UC for a reset).
 */
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { DownstreamGone, failure } from './local-reply.js';
import type { Upstream } from './router.js';

export class UpstreamPool {
  private readonly plain = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly secure = new https.Agent({ keepAlive: true, maxSockets: 256 });

  agentFor(tls: boolean): http.Agent {
    return tls ? this.secure : this.plain;
  }

  close(): void {
    this.plain.destroy();
    this.secure.destroy();
  }
}

export interface UpstreamRequest {
  readonly target: Upstream;
  readonly method: string;
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | null;
  /** Aborting destroys the upstream request (client gone, route timeout, local reply). */
  readonly signal: AbortSignal;
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** Resolves with the upstream response once its headers arrive. */
export function sendUpstream(pool: UpstreamPool, request: UpstreamRequest): Promise<IncomingMessage> {
  const { target } = request;
  const module = target.tls ? https : http;
  return new Promise((resolve, reject) => {
    const req = module.request({
      host: target.endpoint.host,
      port: target.endpoint.port,
      method: request.method,
      path: request.path,
      headers: request.headers,
      agent: pool.agentFor(target.tls),
      signal: request.signal,
      ...(target.tls ? { servername: target.sni } : {}),
    });
    req.on('response', resolve);
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (request.signal.aborted) {
        reject(new DownstreamGone());
        return;
      }
      const connect = error.code !== undefined && CONNECT_ERRORS.has(error.code);
      const reason = connect ? 'connection failure' : 'connection termination';
      const text = `upstream connect error or disconnect/reset before headers. reset reason: ${reason}`;
      reject(failure(503, text, `upstream_reset_before_response_started{${reason}}`, [connect ? 'UF' : 'UC'], text));
    });
    req.end(request.body ?? undefined);
  });
}
