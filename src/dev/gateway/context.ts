/**
 * Per-request state of the gateway, the twin of Envoy's filter state for one HTTP stream: the live request
 * headers, the processing modes in force, the cached route, the ext_proc stream, the dynamic metadata received,
 * and one failure channel that every wait in the request races, so a timeout, an overflow or a vanished client
 * ends the request wherever it is.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ProcessingMode } from '../../extproc/messages.js';
import type { Logger } from '../../observability/logger.js';
import type { ExtProcClient } from './extproc-client.js';
import { ProcessorStream } from './extproc-client.js';
import { HeaderList } from './header-list.js';
import { DownstreamGone, finalizeReply, type GatewayFailure, type LocalReply } from './local-reply.js';
import type { GatewayOptions } from './options.js';
import type { Router, RouteResult } from './router.js';
import type { UpstreamPool } from './upstream.js';

/** What every request of one gateway shares. */
export interface GatewayRuntime {
  readonly options: GatewayOptions;
  readonly router: Router;
  readonly extProc: ExtProcClient;
  readonly pool: UpstreamPool;
  readonly logger: Logger;
}

export type Modes = Required<ProcessingMode>;

export class RequestContext {
  readonly startedAt = Date.now();
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderList;
  readonly log: Logger;
  /** Aborts the upstream request. */
  readonly upstreamAbort = new AbortController();
  mode: Modes;
  /** The cached route, computed when the request arrives (Envoy's ext_proc asks for it in decodeHeaders). */
  private route: RouteResult;
  /** clear_route_cache was honoured: the route is recomputed from the headers when next needed. */
  private routeDirty = false;
  /** The headers have gone upstream: the route can no longer change. */
  private routeSettled = false;
  readonly metadata: Record<string, unknown> = {};
  cluster: string | undefined;
  upstream: string | undefined;
  readonly flags: string[] = [];
  /** Response code details of the local reply sent, if any. */
  details: string | undefined;
  /** Set when the request failed through the failure channel (first reason wins). */
  failureReason: GatewayFailure | DownstreamGone | undefined;
  readonly failed: Promise<never>;
  private rejectFailed!: (reason: GatewayFailure | DownstreamGone) => void;
  private processorStream: ProcessorStream | null = null;
  private processorDisabled = false;

  constructor(
    private readonly runtime: GatewayRuntime,
    req: IncomingMessage,
  ) {
    const options = runtime.options;
    this.headers = HeaderList.fromRequest(req);
    // early_header_mutation_extensions run before anything else, route selection included.
    for (const name of options.earlyRemoveHeaders) this.headers.remove(name);
    const existing = this.headers.get('x-request-id');
    this.requestId = existing && existing.length > 0 ? existing : randomUUID();
    if (!existing) this.headers.set('x-request-id', this.requestId);
    if (!this.headers.has('x-forwarded-proto')) this.headers.set('x-forwarded-proto', 'http');
    this.method = req.method ?? 'GET';
    this.path = req.url ?? '/';
    this.mode = { ...options.processingMode };
    this.log = runtime.logger.child({ request_id: this.requestId });
    this.failed = new Promise<never>((_, reject) => {
      this.rejectFailed = reject;
    });
    this.failed.catch(() => undefined);
    this.route = runtime.router.decide(this.headers);
    if (this.route.kind !== 'none' && this.route.route.extProcDisabled) this.processorDisabled = true;
  }

  /** The route in force: the cached one, or a fresh one if a clear_route_cache was honoured since. */
  settleRoute(): RouteResult {
    if (this.routeDirty && !this.routeSettled) this.route = this.runtime.router.decide(this.headers);
    this.routeDirty = false;
    this.routeSettled = true;
    return this.route;
  }

  /** Marks the cached route for recomputation, unless the headers have already gone upstream. */
  clearRouteCache(): void {
    if (!this.routeSettled) this.routeDirty = true;
  }

  /** The ext_proc stream, opened on first use; null when the route disables the filter or it was closed. */
  processor(): ProcessorStream | null {
    if (this.processorDisabled || this.failureReason) return null;
    if (!this.processorStream) {
      const options = this.runtime.options;
      this.processorStream = new ProcessorStream(this.runtime.extProc, {
        messageTimeoutMs: options.messageTimeoutMs,
        maxMessageTimeoutMs: options.maxMessageTimeoutMs,
        failureModeAllow: options.failureModeAllow,
        logger: this.log,
        onFailure: (failure) => this.fail(failure),
      });
    }
    return this.processorStream.active ? this.processorStream : null;
  }

  /** True while the stream is open and phases may still be sent. */
  get processing(): boolean {
    return !this.processorDisabled && (this.processorStream === null || this.processorStream.active);
  }

  /** Half-closes the stream once no phase is left to send. */
  finishProcessing(): void {
    this.processorStream?.finish();
  }

  /** The stream's handle for deferred cleanup after the request ends. */
  get stream(): ProcessorStream | null {
    return this.processorStream;
  }

  /**
   * Envoy replaces the whole mode with the override (unset fields are proto defaults: bodies NONE, trailers
   * SKIP, headers SEND); only the request header mode, already past, stays.
   */
  applyModeOverride(mode: ProcessingMode): void {
    const header = (value: ProcessingMode['request_header_mode']): 'SEND' | 'SKIP' => (value === 'SKIP' ? 'SKIP' : 'SEND');
    const trailer = (value: ProcessingMode['request_trailer_mode']): 'SEND' | 'SKIP' => (value === 'SEND' ? 'SEND' : 'SKIP');
    this.mode = {
      request_header_mode: this.mode.request_header_mode,
      request_body_mode: mode.request_body_mode ?? 'NONE',
      request_trailer_mode: trailer(mode.request_trailer_mode),
      response_header_mode: header(mode.response_header_mode),
      response_body_mode: mode.response_body_mode ?? 'NONE',
      response_trailer_mode: trailer(mode.response_trailer_mode),
    };
  }

  /** The local reply as Envoy would send it (local_reply_config applied), recorded for the access log. */
  localReply(reply: LocalReply): LocalReply {
    const final = finalizeReply(reply, this.runtime.options.localReplyMappers);
    this.noteReply(final);
    return final;
  }

  private noteReply(reply: LocalReply): void {
    for (const flag of reply.flags) if (!this.flags.includes(flag)) this.flags.push(flag);
    this.details = reply.details;
  }

  /** Ends the request from anywhere: every guarded wait rejects, the upstream is aborted, the stream reset. */
  fail(reason: GatewayFailure | DownstreamGone): void {
    if (this.failureReason) return;
    this.failureReason = reason;
    if (reason instanceof DownstreamGone) this.flags.push('DC');
    this.processorStream?.cancel();
    this.upstreamAbort.abort();
    this.rejectFailed(reason);
  }

  /** Waits for `promise` unless the request fails first. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.failed]);
  }
}
