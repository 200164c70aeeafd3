/**
 * What the pipeline returns: a plain plan, never a protobuf. extproc/ alone turns it into ext_proc answers.
 */

/** Metadata the client sees as x-consilium-* headers and Envoy sees as dynamic metadata. */
export interface ResponseMeta {
  readonly requestId: string;
  readonly decision?: string;
  readonly reason?: string;
  readonly category?: string;
  readonly confidence?: number;
  /** Recipe run; 'single' when none. */
  readonly recipe: string;
  /** The model that produced (or will produce) the final answer. */
  readonly model?: string;
  readonly modelsUsed?: readonly string[];
  /** Backend calls already made (the loop; for a tail-call, without its final streamed call). */
  readonly calls?: number;
  readonly costUsd?: number;
  readonly tokens?: number;
}

/** Forward the request through Envoy to one model's cluster. */
export interface RoutePlan {
  readonly kind: 'route';
  readonly cluster: string;
  readonly model: string;
  /** New :path, or undefined to keep the client's. */
  readonly path: string | undefined;
  /** `Bearer …` for the backend, or null to remove the client's authorization. */
  readonly authorization: string | null;
  /** The rewritten body. */
  readonly body: Buffer;
  /** The client asked for SSE. */
  readonly stream: boolean;
  /** Consilium added stream_options.include_usage; the usage chunk must be removed from the client's stream. */
  readonly injectedUsage: boolean;
  readonly meta: ResponseMeta;
}

/** Answer the client directly (ImmediateResponse). */
export interface RespondPlan {
  readonly kind: 'respond';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly meta: ResponseMeta;
  /** Error code when this is an error answer. */
  readonly errorCode?: string;
}

export type Plan = RoutePlan | RespondPlan;

/** One HTTP request as the extproc adapter hands it over: headers lower-cased, client x-consilium-* removed. */
export interface RequestInput {
  readonly method: string;
  /** :path including any query string. */
  readonly path: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
  readonly requestId: string;
  /** Aborted when Envoy cancels the stream. */
  readonly signal: AbortSignal;
}
