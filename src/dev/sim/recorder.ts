/**
 * The simulated backend's request log: every request with its x-request-id, headers, parsed body, timing,
 * status and whether the client aborted, plus a way to wait until a given request has ended.
 */
import type { IncomingMessage } from 'node:http';
import type { RecordedRequest } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class RequestLog {
  private records: Mutable<RecordedRequest>[] = [];
  private seq = 0;
  private readonly waiters = new Map<string, ((record: RecordedRequest) => void)[]>();

  constructor(private readonly backend: string) {}

  start(req: IncomingMessage, path: string, body: unknown): Mutable<RecordedRequest> {
    const requestId = req.headers['x-request-id'];
    const record: Mutable<RecordedRequest> = {
      seq: ++this.seq,
      backend: this.backend,
      requestId: typeof requestId === 'string' ? requestId : undefined,
      method: req.method ?? 'GET',
      path,
      headers: lowerCaseHeaders(req.rawHeaders),
      body,
      startedAt: Date.now(),
      endedAt: undefined,
      status: undefined,
      aborted: false,
      faults: [],
    };
    this.records.push(record);
    return record;
  }

  end(record: Mutable<RecordedRequest>, outcome: { status: number | undefined; aborted: boolean }): void {
    if (record.endedAt !== undefined) return;
    record.endedAt = Date.now();
    record.status = outcome.status;
    record.aborted = outcome.aborted;
    const id = record.requestId;
    if (id === undefined) return;
    const waiting = this.waiters.get(id);
    if (!waiting) return;
    this.waiters.delete(id);
    for (const resolve of waiting) resolve(snapshot(record));
  }

  all(): RecordedRequest[] {
    return this.records.map(snapshot);
  }

  forRequestId(requestId: string): RecordedRequest[] {
    return this.records.filter((record) => record.requestId === requestId).map(snapshot);
  }

  whenEnded(requestId: string): Promise<RecordedRequest> {
    const ended = this.records.find((record) => record.requestId === requestId && record.endedAt !== undefined);
    if (ended) return Promise.resolve(snapshot(ended));
    return new Promise((resolve) => {
      const list = this.waiters.get(requestId) ?? [];
      list.push(resolve);
      this.waiters.set(requestId, list);
    });
  }

  clear(): void {
    this.records = [];
  }
}

function snapshot(record: RecordedRequest): RecordedRequest {
  return Object.freeze({ ...record, headers: Object.freeze({ ...record.headers }), faults: Object.freeze([...record.faults]) });
}

function lowerCaseHeaders(raw: readonly string[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    const value = raw[i + 1] ?? '';
    const previous = headers[name];
    if (previous === undefined) headers[name] = value;
    else headers[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return headers;
}
