/**
 * Helpers for the reliability tests: a log sink that keeps every line pino writes, a backend that answers every
 * call with a 401 echoing the credential it received (as some providers do), and a backend that echoes its
 * whole input back as the answer (the adversarial model of the leak tests).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { okCompletion } from '../backends/scripted-server.js';

export interface LogSink extends DestinationStream {
  readonly lines: string[];
  text(): string;
}

export function logSink(): LogSink {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line), text: () => lines.join('') };
}

export interface TinyBackend {
  readonly port: number;
  /** Every request's headers and body, in arrival order. */
  readonly received: { headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

async function tinyBackend(answer: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<TinyBackend> {
  const received: TinyBackend['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A backend that rejects every call with 401 and puts the bearer token it got into the error message. */
export function keyEchoingBackend(): Promise<TinyBackend> {
  return tinyBackend((req, _body, res) => {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const text = JSON.stringify({ error: { message: `Incorrect API key provided: ${token}`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    res.writeHead(401, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), 'www-authenticate': `Bearer realm="${token}"` });
    res.end(text);
  });
}

/** A model that answers with everything it was sent: every message, system prompts included, verbatim. */
export function echoBackend(): Promise<TinyBackend> {
  return tinyBackend((_req, body, res) => {
    const request = JSON.parse(body) as { messages?: { role: string; content: unknown }[]; stream?: boolean };
    const content = (request.messages ?? []).map((m) => `[${m.role}] ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}`).join('\n');
    if (request.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
        `data: ${JSON.stringify({ id: 'echo', object: 'chat.completion.chunk', created: 1, model: 'echo', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.end(chunk({ role: 'assistant', content }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
      return;
    }
    const text = JSON.stringify(okCompletion(content, { id: 'echo', created: 1, model: 'echo' }));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  });
}
