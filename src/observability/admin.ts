/**
 * The HTTP admin listener: /healthz (the process is alive), /readyz (config loaded, classifier warmed,
 * backends configured, not draining) and /metrics (Prometheus text).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AdminHandlers {
  /** Undefined when ready; otherwise the reason it is not. */
  readonly notReadyReason: () => string | undefined;
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
}

export interface AdminServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startAdminServer(host: string, port: number, handlers: AdminHandlers): Promise<AdminServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (path === '/readyz') {
      const reason = handlers.notReadyReason();
      return reason === undefined ? send(res, 200, 'text/plain', 'ready\n') : send(res, 503, 'text/plain', `not ready: ${reason}\n`);
    }
    if (path === '/metrics') {
      handlers.metrics().then(
        ({ contentType, body }) => send(res, 200, contentType, body),
        () => send(res, 500, 'text/plain', 'metrics unavailable\n'),
      );
      return;
    }
    send(res, 404, 'text/plain', 'not found\n');
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
