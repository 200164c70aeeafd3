/**
 * An ordered, multi-valued header map with lower-case names and pseudo-headers, like Envoy's HeaderMap: what
 * the gateway sends to the processor, mutates, routes on and forwards.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { HeaderMap } from '../../extproc/messages.js';

/** Connection-level headers that Envoy's HTTP/1 codec consumes and never forwards or shows to filters. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'host']);

export class HeaderList {
  private entries: [string, string][];

  constructor(entries: readonly (readonly [string, string])[] = []) {
    this.entries = entries.map(([name, value]) => [name.toLowerCase(), value]);
  }

  /** Request headers as Envoy's HCM presents them: pseudo-headers first, `host` folded into `:authority`. */
  static fromRequest(req: IncomingMessage): HeaderList {
    const list = new HeaderList([
      [':authority', req.headers.host ?? ''],
      [':path', req.url ?? '/'],
      [':method', req.method ?? 'GET'],
      [':scheme', 'http'],
    ]);
    list.addRaw(req.rawHeaders);
    return list;
  }

  /** Upstream response headers with `:status` first. */
  static fromResponse(status: number, rawHeaders: readonly string[]): HeaderList {
    const list = new HeaderList([[':status', String(status)]]);
    list.addRaw(rawHeaders);
    return list;
  }

  private addRaw(raw: readonly string[]): void {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] ?? '').toLowerCase();
      if (!HOP_BY_HOP.has(name)) this.entries.push([name, raw[i + 1] ?? '']);
    }
  }

  get(name: string): string | undefined {
    const key = name.toLowerCase();
    return this.entries.find(([entry]) => entry === key)?.[1];
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.entries.filter(([entry]) => entry === key).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  add(name: string, value: string): void {
    this.entries.push([name.toLowerCase(), value]);
  }

  /** Replaces every value of `name` with one, at the position of the first. */
  set(name: string, value: string): void {
    const key = name.toLowerCase();
    let placed = false;
    const next: [string, string][] = [];
    for (const entry of this.entries) {
      if (entry[0] !== key) next.push(entry);
      else if (!placed) {
        next.push([key, value]);
        placed = true;
      }
    }
    if (!placed) next.push([key, value]);
    this.entries = next;
  }

  remove(name: string): boolean {
    const key = name.toLowerCase();
    const before = this.entries.length;
    this.entries = this.entries.filter(([entry]) => entry !== key);
    return this.entries.length !== before;
  }

  /** ext_proc HeaderMap: every entry as `raw_value` bytes with `value` empty, as recent Envoy sends them. */
  toProto(): HeaderMap {
    return { headers: this.entries.map(([key, value]) => ({ key, raw_value: Buffer.from(value, 'latin1') })) };
  }

  /** Regular (non-pseudo) headers for node:http, repeated names as arrays. */
  toOutgoing(): OutgoingHttpHeaders {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of this.entries) {
      if (name.startsWith(':')) continue;
      const previous = out[name];
      out[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
    return out;
  }

  snapshot(): readonly (readonly [string, string])[] {
    return this.entries.map(([name, value]) => [name, value] as const);
  }
}

