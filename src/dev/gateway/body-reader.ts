/**
 * Reads the client's request body while the processor looks at the headers, as Envoy's codec does. While the
 * body is to be BUFFERED, bytes past the buffer limit end the request with 413 before the processor sees them.
 */
import type { IncomingMessage } from 'node:http';
import { DownstreamGone } from './local-reply.js';

export class BodyReader {
  readonly chunks: Buffer[] = [];
  /** No body at all: Envoy sends the headers with end_of_stream and no body message. */
  readonly empty: boolean;
  private bytes = 0;
  private done = false;
  private overflowed = false;
  private readonly finished: Promise<Buffer>;

  constructor(
    private readonly req: IncomingMessage,
    /** The limit in force now, or undefined when the body is not being buffered. */
    private readonly limit: () => number | undefined,
    private readonly onOverflow: (bytes: number) => void,
  ) {
    const length = req.headers['content-length'];
    this.empty = req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0);
    this.finished = new Promise<Buffer>((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        this.bytes += chunk.length;
        if (!this.overflowed) this.chunks.push(chunk);
        this.check();
      });
      req.on('end', () => {
        this.done = true;
        resolve(Buffer.concat(this.chunks));
      });
      req.on('error', () => reject(new DownstreamGone()));
      req.on('close', () => {
        if (!this.done) reject(new DownstreamGone());
      });
    });
    this.finished.catch(() => undefined);
  }

  get complete(): boolean {
    return this.done;
  }

  /** Re-checks the limit, e.g. after a mode override switched buffering on. */
  check(): void {
    const limit = this.limit();
    if (limit !== undefined && this.bytes > limit) {
      this.overflowed = true;
      this.onOverflow(this.bytes);
      // Keep draining so the client can read the 413 instead of hitting a reset while it still writes.
      this.req.resume();
    }
  }

  /** The whole body, once the client has sent it. */
  body(): Promise<Buffer> {
    return this.finished;
  }
}
