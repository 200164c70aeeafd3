/**
 * Row (a), the floor: a bare pass-through ext_proc server on the same gRPC stack as Consilium (grpc-js, the
 * ExternalProcessor service loaded by src/extproc/protos.ts, the same message limits). It answers CONTINUE to
 * every phase and does nothing else, so it costs what any Node ext_proc server must pay per exchange.
 * With argv[2] = JSON `{ "routeTo": "<cluster>" }` its body answer also sets x-consilium-cluster (the least a
 * router must do, so the end-to-end bench can put it behind the gateway). Runs as its own process.
 */
import * as grpc from '@grpc/grpc-js';
import type { ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';
import { externalProcessorService } from '../../src/extproc/protos.js';
import { reportStartupFailure, serveParent } from '../lib/child.js';
import { startProfile, stopProfile } from './inspector-profile.js';
import { processUsage } from './usage.js';

/** Same ceiling Consilium's server uses for an 8 MiB max_body_bytes (see grpcMessageLimit). */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024 * 2 + 64 * 1024;

/** Proto3 leaves CONTINUE (0) unserialized: an empty CommonResponse is a CONTINUE. */
const CONTINUE: Readonly<Record<string, ProcessingResponse>> = {
  request_headers: { request_headers: { response: {} } },
  request_body: { request_body: { response: {} } },
  request_trailers: { request_trailers: {} },
  response_headers: { response_headers: { response: {} } },
  response_body: { response_body: { response: {} } },
  response_trailers: { response_trailers: {} },
};

/** The body answer of a router that always picks `cluster`: one header, route cache cleared, body untouched. */
function routeAnswer(cluster: string): ProcessingResponse {
  return {
    request_body: {
      response: {
        header_mutation: { set_headers: [{ header: { key: 'x-consilium-cluster', raw_value: Buffer.from(cluster) }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }] },
        clear_route_cache: true,
      },
    },
  };
}

async function main(): Promise<void> {
  const routeTo = (JSON.parse(process.argv[2] ?? '{}') as { routeTo?: string }).routeTo;
  const answers: Readonly<Record<string, ProcessingResponse>> = routeTo ? { ...CONTINUE, request_body: routeAnswer(routeTo) } : CONTINUE;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  server.addService(externalProcessorService().service, {
    Process: (call: grpc.ServerDuplexStream<ProcessingRequest, ProcessingResponse>) => {
      call.on('data', (message: ProcessingRequest) => {
        const answer = message.request ? answers[message.request] : undefined;
        if (answer) call.write(answer);
      });
      call.on('end', () => call.end());
      call.on('error', () => undefined);
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  serveParent({ usage: processUsage, profileStart: () => startProfile(), profileStop: (file: string) => stopProfile(file), stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) }, { port });
}

main().catch(reportStartupFailure);
