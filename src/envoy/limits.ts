/**
 * Every timeout and size the generated Envoy config uses, derived from one Consilium config. Each value comes
 * with the reason it has that size, so the YAML can say why (and so a reader of this file can check the
 * arithmetic in one place).
 */
import type { ConsiliumConfig } from '../config/types.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/** Room for request headers and framing on top of the largest body Consilium accepts. */
export const HEADER_HEADROOM_BYTES = 64 * KIB;
/** gRPC's customary per-message default; never go below it. */
export const GRPC_DEFAULT_MESSAGE_BYTES = 4 * MIB;
/** Time allowed for a client to upload its body before the ext_proc body phase starts. */
export const UPLOAD_ALLOWANCE_MS = 30_000;
/** Margin that lets the more specific timeout (ext_proc, route) fire before the generic stream ones. */
export const TIMEOUT_MARGIN_MS = 30_000;
/** HTTP/2 flow-control windows must lie in [65535, 2^31-1]. */
const MAX_H2_WINDOW = 2 ** 31 - 1;
/** Envoy's byte limits are uint32 fields. */
const MAX_UINT32 = 2 ** 32 - 1;

export interface EnvoyLimits {
  /** Listener buffer: the whole request body is buffered for ext_proc's BUFFERED body mode. */
  readonly requestBufferBytes: number;
  /** Largest gRPC message either side of the ext_proc stream may carry. */
  readonly grpcMessageBytes: number;
  /** Buffer for backend connections: a rewritten body may be as large as a body mutation. */
  readonly upstreamBufferBytes: number;
  /** HTTP/2 windows on the ext_proc connection, so one message flows without waiting for WINDOW_UPDATEs. */
  readonly extProcWindowBytes: number;
  readonly messageTimeoutMs: number;
  /** The slowest thing a request may wait for: a recipe (message timeout) or one backend generation. */
  readonly slowestDeadlineMs: number;
  readonly routeTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
}

export function deriveLimits(config: ConsiliumConfig): EnvoyLimits {
  const { maxBodyBytes, messageTimeoutMs } = config.server;
  const requestBufferBytes = Math.min(MAX_UINT32, maxBodyBytes + HEADER_HEADROOM_BYTES);
  const grpcMessageBytes = Math.min(MAX_UINT32, Math.max(GRPC_DEFAULT_MESSAGE_BYTES, 2 * requestBufferBytes));
  const slowestModelMs = Math.max(0, ...[...config.models.values()].map((m) => m.timeoutMs));
  const slowestDeadlineMs = Math.max(messageTimeoutMs, slowestModelMs);
  return {
    requestBufferBytes,
    grpcMessageBytes,
    upstreamBufferBytes: grpcMessageBytes,
    extProcWindowBytes: Math.min(MAX_H2_WINDOW, Math.max(65_535, grpcMessageBytes)),
    messageTimeoutMs,
    slowestDeadlineMs,
    routeTimeoutMs: slowestDeadlineMs,
    requestTimeoutMs: messageTimeoutMs + UPLOAD_ALLOWANCE_MS,
    streamIdleTimeoutMs: slowestDeadlineMs + TIMEOUT_MARGIN_MS,
  };
}

/** A protobuf JSON Duration ("120s", "0.25s") from whole milliseconds. */
export function duration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`duration must be a non-negative integer of ms, got ${ms}`);
  return `${ms / 1000}s`;
}

/** Human form for comments: "8 MiB", "8.06 MiB", "640 KiB". */
export function bytesLabel(bytes: number): string {
  if (bytes >= MIB) return `${trim(bytes / MIB)} MiB`;
  if (bytes >= KIB) return `${trim(bytes / KIB)} KiB`;
  return `${bytes} B`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
