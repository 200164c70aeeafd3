/**
 * The gRPC side: serves ExternalProcessor/Process, one StreamProcessor per stream, answers in order. A protocol
 * violation ends that stream with a gRPC error; nothing a stream does can affect another or crash the process.
 */
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../observability/logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { ProcessingRequest, ProcessingResponse } from './messages.js';
import { ProtocolError, StreamProcessor, type RequestSummary } from './processor.js';
import { externalProcessorService } from './protos.js';

type ProcessCall = grpc.ServerDuplexStream<ProcessingRequest, ProcessingResponse>;

/** grpc-js records an early cancellation on its inner call object only; read both. */
function isCancelled(call: ProcessCall): boolean {
  return call.cancelled || (call as unknown as { call?: { cancelled?: boolean } }).call?.cancelled === true;
}

export interface ExtProcServerOptions {
  /**
   * The pipeline for a new stream, with a release to call when the stream ends. A config reload swaps what
   * this returns; a stream keeps the snapshot it started with until it ends.
   */
  readonly acquire: () => { readonly pipeline: Pipeline; release(): void };
  readonly logger: Logger;
  /** gRPC message limit, both directions: large prompts and synthesized answers exceed grpc-js's 4 MiB default. */
  readonly maxMessageBytes: number;
  readonly onRequestDone?: (summary: RequestSummary, durationMs: number) => void;
  readonly onStreamCount?: (active: number) => void;
  /** Time Consilium took to answer one message, by phase (Envoy exports no such histogram). */
  readonly onPhase?: (phase: string, durationMs: number) => void;
  /** Extra services on the same port (the gRPC health service). */
  readonly register?: (server: grpc.Server) => void;
}

export class ExtProcServer {
  private readonly server: grpc.Server;
  private readonly active = new Set<StreamProcessor>();
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  private boundPort: number | undefined;

  constructor(private readonly options: ExtProcServerOptions) {
    this.server = new grpc.Server({
      'grpc.max_receive_message_length': options.maxMessageBytes,
      'grpc.max_send_message_length': options.maxMessageBytes,
    });
    this.server.addService(externalProcessorService().service, { Process: (call: ProcessCall) => this.onStream(call) });
    options.register?.(this.server);
  }

  async listen(host: string, port: number): Promise<number> {
    const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    this.boundPort = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    return this.boundPort;
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  get activeStreams(): number {
    return this.active.size;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Stop taking work: new streams get 503 + retry-after; resolves when in-flight streams end or on timeout. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.active.size === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2_000);
      timer.unref();
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private onStream(call: ProcessCall): void {
    const abort = new AbortController();
    const snapshot = this.options.acquire();
    const processor = new StreamProcessor({
      pipeline: snapshot.pipeline,
      logger: this.options.logger,
      draining: () => this.draining,
      signal: abort.signal,
      maxMessageBytes: this.options.maxMessageBytes,
    });
    this.active.add(processor);
    this.options.onStreamCount?.(this.active.size);
    let chain: Promise<void> = Promise.resolve();
    let finished = false;
    const finish = (cancelled: boolean): void => {
      if (finished) return;
      finished = true;
      if (cancelled) {
        processor.summary.outcome = 'cancelled';
        abort.abort(new Error('ext_proc stream cancelled'));
      }
      this.active.delete(processor);
      snapshot.release();
      this.options.onStreamCount?.(this.active.size);
      this.options.onRequestDone?.(processor.summary, Date.now() - processor.summary.startedAt);
      if (this.active.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };

    call.on('data', (message: ProcessingRequest) => {
      chain = chain.then(async () => {
        if (isCancelled(call)) finish(true);
        if (finished) return;
        try {
          const started = performance.now();
          const response = await processor.process(message);
          if (message.request) this.options.onPhase?.(message.request, performance.now() - started);
          if (!isCancelled(call) && !call.writableEnded) call.write(response);
        } catch (error) {
          this.fail(call, processor, error);
          finish(false);
        }
      });
    });
    call.on('end', () => {
      void chain.then(() => {
        if (!call.writableEnded) call.end();
        finish(false);
      });
    });
    call.on('cancelled', () => finish(true));
    call.on('error', () => finish(true));
    // A stream cancelled before its handler ran emits no 'cancelled' event (grpc-js drops it): look now and
    // once more after pending callbacks have run.
    if (isCancelled(call)) finish(true);
    setImmediate(() => {
      if (isCancelled(call)) finish(true);
    });
  }

  private fail(call: ProcessCall, processor: StreamProcessor, error: unknown): void {
    const isProtocol = error instanceof ProtocolError;
    processor.summary.outcome = 'error';
    this.options.logger.warn({ request_id: processor.requestId || undefined, err: error }, isProtocol ? 'ext_proc protocol violation' : 'ext_proc stream failed');
    if (call.writableEnded) return;
    call.emit('error', {
      code: isProtocol ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL,
      details: isProtocol ? (error as Error).message : 'internal error',
    });
  }
}
