/**
 * Envoy's side of one ext_proc stream: send a ProcessingRequest, wait for its answer under message_timeout,
 * honour override_message_timeout, and map what the processor does to what Envoy does: an error status fails the
 * request with 500, a timeout with 504 (the stream is cancelled), a clean close lets the request carry on without
 * the processor. With failure_mode_allow, errors and timeouts also carry on.
 */
import * as grpc from '@grpc/grpc-js';
import { externalProcessorService } from '../../extproc/protos.js';
import type { ProcessingRequest, ProcessingResponse } from '../../extproc/messages.js';
import type { Logger } from '../../observability/logger.js';
import { failure, type GatewayFailure } from './local-reply.js';
import type { Endpoint } from './options.js';

export type ExchangeOutcome = { readonly kind: 'answer'; readonly response: ProcessingResponse } | { readonly kind: 'closed' };

type Call = grpc.ClientDuplexStream<ProcessingRequest, ProcessingResponse>;

/** One gRPC channel to the processor, shared by every request's stream (as Envoy's cluster is). */
export class ExtProcClient {
  private readonly client: grpc.Client & { Process(): Call };

  constructor(endpoint: Endpoint, maxMessageBytes: number) {
    const Service = externalProcessorService();
    this.client = new Service(`${endpoint.host}:${endpoint.port}`, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': maxMessageBytes,
      'grpc.max_send_message_length': maxMessageBytes,
    }) as unknown as grpc.Client & { Process(): Call };
  }

  open(): Call {
    return this.client.Process();
  }

  close(): void {
    this.client.close();
  }
}

export interface StreamSettings {
  readonly messageTimeoutMs: number;
  readonly maxMessageTimeoutMs: number;
  readonly failureModeAllow: boolean;
  readonly logger: Logger;
  /** A failure with no message outstanding (stream error, unsolicited answer): the request must fail now. */
  readonly onFailure: (failure: GatewayFailure) => void;
}

interface Waiter {
  resolve(outcome: ExchangeOutcome): void;
  reject(error: GatewayFailure): void;
  timer: NodeJS.Timeout;
  extended: boolean;
}

export class ProcessorStream {
  private readonly call: Call;
  private waiter: Waiter | null = null;
  private state: 'open' | 'half-closed' | 'ended' = 'open';

  constructor(
    client: ExtProcClient,
    private readonly settings: StreamSettings,
  ) {
    this.call = client.open();
    this.call.on('data', (response: ProcessingResponse) => this.onAnswer(response));
    this.call.on('error', (error: grpc.ServiceError) => this.onError(error));
    this.call.on('status', (status: grpc.StatusObject) => {
      if (status.code === grpc.status.OK) this.onClosed();
    });
  }

  /** True while answers can still arrive and messages may be sent. */
  get active(): boolean {
    return this.state === 'open';
  }

  /** Sends `request` and waits for the next answer. Rejects with GatewayFailure (500/504) unless failure_mode_allow. */
  exchange(request: ProcessingRequest): Promise<ExchangeOutcome> {
    if (this.state !== 'open') return Promise.resolve({ kind: 'closed' });
    return new Promise<ExchangeOutcome>((resolve, reject) => {
      const timer = setTimeout(() => this.onTimeout(), this.settings.messageTimeoutMs);
      this.waiter = { resolve, reject, timer, extended: false };
      this.call.write(request);
    });
  }

  /** No more messages will be sent: half-close, as Envoy does when processing is complete. */
  finish(): void {
    if (this.state !== 'open') return;
    this.state = 'half-closed';
    this.call.end();
  }

  /** Resets the stream (client went away, timeout, failure). The processor sees its call cancelled. */
  cancel(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.settle(null);
    this.call.cancel();
  }

  private onAnswer(response: ProcessingResponse): void {
    if (this.state === 'ended') return;
    const waiter = this.waiter;
    if (response.override_message_timeout) {
      this.extendTimeout(response.override_message_timeout);
      return;
    }
    if (!waiter) {
      if (this.state === 'open') this.fail(failure(500, 'The ext_proc server sent an unsolicited message.', 'ext_proc_error_spurious_message'));
      return;
    }
    this.settle({ kind: 'answer', response });
  }

  private onError(error: grpc.ServiceError): void {
    if (this.state === 'ended') return;
    // After the half-close processing is complete: Envoy ignores whatever the stream does next.
    const complete = this.state === 'half-closed';
    this.state = 'ended';
    if (complete) return;
    this.settings.logger.debug({ code: error.code, details: error.details }, 'ext_proc stream failed');
    this.fail(failure(500, 'The request processor failed.', `ext_proc_error_gRPC_error_${error.code}`));
  }

  private onClosed(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.settle({ kind: 'closed' });
  }

  private onTimeout(): void {
    this.settings.logger.debug('ext_proc message timeout');
    this.fail(failure(504, 'The request processor did not answer in time.', 'ext_proc_error_per-message_timeout_exceeded', ['UT']));
  }

  /** Envoy honours one extension per message, and only up to max_message_timeout. */
  private extendTimeout(duration: { seconds: string | number; nanos?: number }): void {
    const waiter = this.waiter;
    const ms = Number(duration.seconds ?? 0) * 1000 + Math.floor((duration.nanos ?? 0) / 1e6);
    if (!waiter || waiter.extended || ms < 1 || ms > this.settings.maxMessageTimeoutMs) return;
    clearTimeout(waiter.timer);
    waiter.timer = setTimeout(() => this.onTimeout(), ms);
    waiter.extended = true;
  }

  /** Ends the stream; the request fails with `error`, or carries on without the processor under failure_mode_allow. */
  private fail(error: GatewayFailure): void {
    const waiter = this.waiter;
    if (this.state !== 'ended') {
      this.state = 'ended';
      this.call.cancel();
    }
    if (this.settings.failureModeAllow) {
      this.settle({ kind: 'closed' });
      return;
    }
    this.settle(null);
    if (waiter) waiter.reject(error);
    else this.settings.onFailure(error);
  }

  private settle(outcome: ExchangeOutcome | null): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    if (outcome) waiter.resolve(outcome);
  }
}
