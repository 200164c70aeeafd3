/**
 * A load generator process: `run` plays ext_proc exchanges against one server with N concurrent callers on its
 * own grpc-js channel, like Envoy: send a message, wait for its answer, send the next. Every answer is
 * checked (right phase, the expected cluster, the expected response header); a wrong answer counts as an
 * error. It reports latencies and exchanges completed inside the measurement window, and its own CPU time
 * over that window, so the bench can show the generator was not the bottleneck.
 */
import * as grpc from '@grpc/grpc-js';
import type { HeaderValueOption, ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';
import { externalProcessorService } from '../../src/extproc/protos.js';
import { reportStartupFailure, serveParent } from '../lib/child.js';
import { cpuMicros } from '../lib/stats.js';

export interface Expectations {
  /** The request_body answer must set x-consilium-cluster to one of these. */
  readonly clusters?: readonly string[];
  /** The response_headers answer must set this header. */
  readonly responseHeader?: string;
}

export interface RunSpec {
  readonly port: number;
  readonly concurrency: number;
  readonly messages: readonly ProcessingRequest[];
  readonly expect: Expectations;
  /** Epoch ms at which every generator starts (warm-up first, then the window). */
  readonly startAt: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface RunReport {
  /** Latency of each exchange that completed inside the window, ms. */
  readonly latenciesMs: number[];
  readonly completed: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  /** Generator CPU over the window, as a fraction of one core. */
  readonly cpuCores: number;
}

type ExternalProcessorClient = grpc.Client & { Process(): grpc.ClientDuplexStream<ProcessingRequest, ProcessingResponse> };

const PHASES = ['request_headers', 'request_body', 'response_headers'] as const;
const CLUSTER_HEADER = 'x-consilium-cluster';
/** In-flight exchanges may finish after the window; give them this long before reporting. */
const DRAIN_LIMIT_MS = 30_000;

const clients = new Map<number, ExternalProcessorClient>();

function clientFor(port: number): ExternalProcessorClient {
  let client = clients.get(port);
  if (!client) {
    const Service = externalProcessorService();
    client = new Service(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.max_send_message_length': 64 * 1024 * 1024,
    }) as unknown as ExternalProcessorClient;
    clients.set(port, client);
  }
  return client;
}

function headerValue(options: readonly HeaderValueOption[] | undefined, name: string): string | undefined {
  const option = options?.find((o) => o.header.key === name);
  if (!option) return undefined;
  const raw = option.header.raw_value;
  return raw && raw.length > 0 ? Buffer.from(raw).toString('utf8') : (option.header.value ?? '');
}

/** Why an answer is wrong, or undefined when it is what Envoy would accept for this phase. */
function checkAnswer(step: number, response: ProcessingResponse, expect: Expectations): string | undefined {
  const phase = PHASES[step] as (typeof PHASES)[number];
  if (response.immediate_response) return `immediate_response ${JSON.stringify(response.immediate_response.status)} at ${phase}`;
  const answer = response[phase];
  if (!answer) return `answer to ${phase} is ${response.response ?? 'empty'}`;
  if (step === 1 && expect.clusters) {
    const cluster = headerValue(answer.response?.header_mutation?.set_headers, CLUSTER_HEADER);
    if (cluster === undefined || !expect.clusters.includes(cluster)) return `routed to ${cluster ?? 'no cluster'}`;
  }
  if (step === 2 && expect.responseHeader && headerValue(answer.response?.header_mutation?.set_headers, expect.responseHeader) === undefined) {
    return `no ${expect.responseHeader} in the response headers answer`;
  }
  return undefined;
}

/** One exchange; resolves with a problem description, or undefined when every answer was right. */
function exchange(client: ExternalProcessorClient, messages: readonly ProcessingRequest[], expect: Expectations): Promise<string | undefined> {
  return new Promise((resolve) => {
    const call = client.Process();
    let step = 0;
    let settled = false;
    const settle = (problem: string | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(problem);
    };
    call.on('data', (response: ProcessingResponse) => {
      if (settled) return;
      const problem = checkAnswer(step, response, expect);
      if (problem) {
        call.cancel();
        settle(problem);
        return;
      }
      step++;
      if (step < messages.length) call.write(messages[step] as ProcessingRequest);
      else {
        call.end();
        settle(undefined);
      }
    });
    call.on('error', (error: grpc.ServiceError) => settle(`gRPC ${grpc.status[error.code] ?? error.code}: ${error.details}`));
    call.on('status', (status: grpc.StatusObject) => settle(status.code === grpc.status.OK ? 'stream ended before the last answer' : `gRPC ${status.code}`));
    call.write(messages[0] as ProcessingRequest);
  });
}

/** IPC turns Buffers into Uint8Arrays; protobufjs takes either, but keep them Buffers like Envoy-side code. */
function reviveBuffers(messages: readonly ProcessingRequest[]): ProcessingRequest[] {
  return messages.map((m) => structuredRevive(m) as ProcessingRequest);
}

function structuredRevive(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(structuredRevive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredRevive(v)]));
  return value;
}

async function run(spec: RunSpec): Promise<RunReport> {
  const client = clientFor(spec.port);
  const messages = reviveBuffers(spec.messages);
  const startIn = Math.max(0, spec.startAt - Date.now());
  await new Promise((resolve) => setTimeout(resolve, startIn));
  const origin = performance.now();
  const windowStart = origin + spec.warmupMs;
  const windowEnd = windowStart + spec.durationMs;

  // CPU is read when the window opens and when it closes (or, if the timer runs late, when the callers stop).
  let cpuStart: { usage: NodeJS.CpuUsage; at: number } | undefined;
  let cpuCores = NaN;
  const readEnd = (): void => {
    if (cpuStart && Number.isNaN(cpuCores)) cpuCores = cpuMicros(cpuStart.usage, process.cpuUsage()) / ((performance.now() - cpuStart.at) * 1000);
  };
  const startTimer = setTimeout(() => {
    cpuStart = { usage: process.cpuUsage(), at: performance.now() };
  }, spec.warmupMs);
  const endTimer = setTimeout(readEnd, spec.warmupMs + spec.durationMs);

  const latenciesMs: number[] = [];
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const caller = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      const started = performance.now();
      const problem = await exchange(client, messages, spec.expect);
      const ended = performance.now();
      if (problem) {
        errors++;
        firstError ??= problem;
      } else if (ended >= windowStart && ended <= windowEnd) {
        completed++;
        latenciesMs.push(ended - started);
      }
    }
  };
  const callers = Promise.all(Array.from({ length: spec.concurrency }, caller));
  const drained = await Promise.race([callers.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), spec.warmupMs + spec.durationMs + DRAIN_LIMIT_MS))]);
  readEnd();
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  if (!drained) firstError ??= `exchanges still in flight ${DRAIN_LIMIT_MS} ms after the window`;
  return { latenciesMs, completed, errors, firstError, cpuCores };
}

try {
  serveParent(
    {
      run: (spec: RunSpec) => run(spec),
      stop: () => {
        for (const client of clients.values()) client.close();
      },
    },
    { pid: process.pid },
  );
} catch (error) {
  reportStartupFailure(error);
}
