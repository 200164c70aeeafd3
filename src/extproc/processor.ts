/**
 * One processor per ext_proc stream (= one HTTP request). It checks that Envoy's phases arrive in order, strips
 * client x-consilium-* headers, hands the request to the pipeline and renders the plan as ext_proc answers.
 */
import { randomUUID } from 'node:crypto';
import { RouterError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Plan, ResponseMeta, RoutePlan } from '../pipeline/types.js';
import { errorPlan } from '../pipeline/respond.js';
import { SseUsageTap, jsonUsage } from '../pipeline/usage-tap.js';
import type { Usage } from '../openai/types.js';
import { CONSILIUM_HEADER_PREFIX, HEADERS, METADATA_NAMESPACE } from './headers.js';
import type { HttpBody, HttpHeaders, ProcessingRequest, ProcessingResponse } from './messages.js';
import { metaHeaders, metaRecord } from './meta-headers.js';
import { bodyResponse, headersResponse, immediateResponse, mutation, namespacedMetadata, readHeaders } from './mutations.js';
import { redactedBody, redactedHeaders, secretOf } from './redact.js';

/** Envoy sent something its state machine never sends. The stream ends with a gRPC error. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

type State = 'request_headers' | 'request_body' | 'response_headers' | 'response_body' | 'done';

/** What a finished request looked like, for the one log line per request and for metrics. */
export interface RequestSummary {
  requestId: string;
  method: string;
  path: string;
  status: number | undefined;
  outcome: 'routed' | 'responded' | 'error' | 'cancelled';
  meta: ResponseMeta | undefined;
  errorCode: string | undefined;
  startedAt: number;
  /** Usage of the routed (or tail-called) final call, read from the response body. */
  usage?: Usage;
  /** The model that usage belongs to. */
  usageModel?: string;
}

export interface ProcessorContext {
  readonly pipeline: Pipeline;
  readonly logger: Logger;
  readonly draining: () => boolean;
  readonly signal: AbortSignal;
  /** The gRPC send limit: a larger answer would fail the stream, so it becomes an OpenAI error instead. */
  readonly maxMessageBytes?: number;
}

/** Room for headers, metadata and protobuf framing around a body in one ext_proc message. */
const MESSAGE_HEADROOM_BYTES = 64 * 1024;

export class StreamProcessor {
  private state: State = 'request_headers';
  private method = '';
  private path = '';
  private headers = new Map<string, string>();
  private plan: RoutePlan | undefined;
  private sseTap: SseUsageTap | undefined;
  /** The backend credential to scrub from a buffered routed response body. */
  private secret: string | undefined;
  readonly summary: RequestSummary = {
    requestId: '',
    method: '',
    path: '',
    status: undefined,
    outcome: 'cancelled',
    meta: undefined,
    errorCode: undefined,
    startedAt: Date.now(),
  };

  constructor(private readonly ctx: ProcessorContext) {}

  get requestId(): string {
    return this.summary.requestId;
  }

  async process(message: ProcessingRequest): Promise<ProcessingResponse> {
    const phase = message.request;
    if (!phase) throw new ProtocolError('ProcessingRequest carries no phase');
    if (phase === 'request_trailers') return { request_trailers: {} };
    if (phase === 'response_trailers') return { response_trailers: {} };
    if (phase !== this.state) throw new ProtocolError(`unexpected ${phase} while expecting ${this.state}`);
    switch (phase) {
      case 'request_headers':
        return this.onRequestHeaders(message.request_headers ?? {});
      case 'request_body':
        return this.onRequestBody(message.request_body ?? {});
      case 'response_headers':
        return this.onResponseHeaders(message.response_headers ?? {});
      case 'response_body':
        return this.onResponseBody(message.response_body ?? {});
    }
  }

  private onRequestHeaders(message: HttpHeaders): ProcessingResponse {
    const all = readHeaders(message.headers);
    const spoofed = [...all.keys()].filter((name) => name.startsWith(CONSILIUM_HEADER_PREFIX));
    for (const name of spoofed) all.delete(name);
    this.headers = all;
    this.method = (all.get(':method') ?? '').toUpperCase();
    this.path = all.get(':path') ?? '';
    const requestId = sanitizeId(all.get('x-request-id')) ?? randomUUID();
    Object.assign(this.summary, { requestId, method: this.method, path: this.path });

    if (this.ctx.draining()) {
      const error = new RouterError('draining', 'server is shutting down; retry', { headers: { 'retry-after': '1' } });
      return this.respond(errorPlan(error, { requestId, recipe: 'single' }));
    }
    const early = this.ctx.pipeline.precheck({ method: this.method, path: this.path, headers: all, requestId, endOfStream: message.end_of_stream === true });
    if (early) return this.respond(early);
    this.state = 'request_body';
    // Removing a spoofed header may change the route Envoy picked from it: make Envoy route again.
    return headersResponse('request_headers', spoofed.length > 0 ? { header_mutation: mutation({}, spoofed), clear_route_cache: true } : {});
  }

  private async onRequestBody(message: HttpBody): Promise<ProcessingResponse> {
    if (message.end_of_stream === false) {
      // Only BUFFERED mode delivers the whole body in one message; a partial body means Envoy is misconfigured.
      const error = new RouterError('internal_error', 'ext_proc request_body_mode must be BUFFERED');
      this.ctx.logger.error({ request_id: this.requestId }, 'received a partial request body: set processing_mode.request_body_mode to BUFFERED');
      return this.respond(errorPlan(error, { requestId: this.requestId, recipe: 'single' }));
    }
    const plan = await this.ctx.pipeline.handle({
      method: this.method,
      path: this.path,
      headers: this.headers,
      body: message.body ?? Buffer.alloc(0),
      requestId: this.requestId,
      signal: this.ctx.signal,
    });
    if (plan.kind === 'respond') return this.fit(this.respond(plan), plan.meta);
    this.plan = plan;
    this.summary.meta = plan.meta;
    this.summary.outcome = 'routed';
    this.state = 'response_headers';
    const set: Record<string, string> = {
      [HEADERS.cluster]: plan.cluster,
      'content-length': String(plan.body.length),
    };
    if (plan.path !== undefined) set[':path'] = plan.path;
    if (plan.authorization) set.authorization = plan.authorization;
    const response = bodyResponse('request_body', {
      status: 'CONTINUE',
      header_mutation: mutation(set, plan.authorization ? [] : ['authorization']),
      body_mutation: { body: plan.body },
      clear_route_cache: true,
    });
    response.dynamic_metadata = namespacedMetadata(METADATA_NAMESPACE, metaRecord(plan.meta));
    return this.fit(response, plan.meta);
  }

  /**
   * A synthesized answer (or a tail-call body carrying large evidence) past the gRPC message limit would make
   * grpc-js fail the whole stream, which Envoy turns into a bare 500: answer with an OpenAI error instead.
   */
  private fit(response: ProcessingResponse, meta: ResponseMeta): ProcessingResponse {
    const limit = this.ctx.maxMessageBytes;
    const bytes = response.immediate_response?.body?.length ?? response.request_body?.response?.body_mutation?.body?.length ?? 0;
    if (limit === undefined || bytes <= limit - MESSAGE_HEADROOM_BYTES) return response;
    this.plan = undefined;
    this.ctx.logger.warn({ request_id: this.requestId, bytes, limit }, 'answer exceeds the gRPC message limit');
    const error = new RouterError('backend_error', `the answer is too large to return (${bytes} bytes; the gRPC message limit is ${limit} bytes)`);
    return this.respond(errorPlan(error, meta));
  }

  private onResponseHeaders(message: HttpHeaders): ProcessingResponse {
    const upstream = readHeaders(message.headers);
    const status = Number(upstream.get(':status') ?? 0) || undefined;
    this.summary.status = status;
    this.state = 'done';
    const meta = this.plan?.meta;
    this.secret = secretOf(this.plan?.authorization ?? null);
    const set = { ...(this.secret ? redactedHeaders(upstream, this.secret) : {}), ...(meta ? metaHeaders(meta) : {}) };
    // A backend must not be able to forge our metadata either.
    const forged = [...upstream.keys()].filter((name) => name.startsWith(CONSILIUM_HEADER_PREFIX) && !(name in set));
    const common = { header_mutation: mutation(set, forged) };
    if (!this.plan || message.end_of_stream) return headersResponse('response_headers', common);
    if (status !== 200) {
      if (!this.secret) return headersResponse('response_headers', common);
      // An error body may echo the credential Consilium sent (a 401's message): buffer it (it is small) to scrub.
      this.state = 'response_body';
      return headersResponse('response_headers', common, { response_body_mode: 'BUFFERED' });
    }
    // Usage accounting needs the body: SSE streams chunk by chunk (never buffered), JSON is small and buffered.
    const contentType = upstream.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) {
      this.sseTap = new SseUsageTap(this.plan.injectedUsage);
      this.state = 'response_body';
      return headersResponse('response_headers', common, { response_body_mode: 'STREAMED' });
    }
    if (contentType.startsWith('application/json')) {
      this.state = 'response_body';
      return headersResponse('response_headers', common, { response_body_mode: 'BUFFERED' });
    }
    return headersResponse('response_headers', common);
  }

  private onResponseBody(message: HttpBody): ProcessingResponse {
    const chunk = message.body ? Buffer.from(message.body) : Buffer.alloc(0);
    const endOfStream = message.end_of_stream === true;
    if (endOfStream) this.state = 'done';
    if (!this.sseTap) {
      if (!endOfStream) return bodyResponse('response_body', {});
      if (this.summary.status === 200) this.recordUsage(jsonUsage(chunk));
      const scrubbed = this.secret ? redactedBody(chunk, this.secret) : undefined;
      if (!scrubbed) return bodyResponse('response_body', {});
      return bodyResponse('response_body', { header_mutation: mutation({ 'content-length': String(scrubbed.length) }), body_mutation: { body: scrubbed } });
    }
    const { replace } = this.sseTap.push(chunk, endOfStream);
    if (endOfStream) this.recordUsage(this.sseTap.usage);
    return bodyResponse('response_body', replace ? { body_mutation: { body: replace } } : {});
  }

  private recordUsage(usage: Usage | undefined): void {
    if (!usage || !this.plan) return;
    this.summary.usage = usage;
    this.summary.usageModel = this.plan.model;
  }

  private respond(plan: Plan & { kind: 'respond' }): ProcessingResponse {
    this.state = 'done';
    Object.assign(this.summary, {
      status: plan.status,
      outcome: plan.errorCode ? 'error' : 'responded',
      meta: plan.meta,
      errorCode: plan.errorCode,
    });
    const response = immediateResponse(plan.status, { ...plan.headers, ...metaHeaders(plan.meta) }, plan.body, plan.errorCode ?? 'consilium');
    if (plan.meta.decision || plan.meta.recipe !== 'single') {
      response.dynamic_metadata = namespacedMetadata(METADATA_NAMESPACE, metaRecord(plan.meta));
    }
    return response;
  }
}

/** Request ids end up in headers and logs: keep them short and printable. */
function sanitizeId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const clean = value.replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 128);
  return clean || undefined;
}
