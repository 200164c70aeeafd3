/**
 * The fuzzer's own ext_proc client: Envoy's protos loaded independently of src/extproc (so a bug in our loader
 * cannot hide itself), with raw-byte access so a test can send a ProcessingRequest whose encoding was mutated
 * after serialization, and decode every answer with the same options our server uses.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';

const require = createRequire(import.meta.url);
const METHOD = '/envoy.service.ext_proc.v3.ExternalProcessor/Process';

interface MethodCodec {
  readonly requestSerialize: (value: ProcessingRequest) => Buffer;
  readonly requestDeserialize: (bytes: Buffer) => ProcessingRequest;
  readonly responseDeserialize: (bytes: Buffer) => ProcessingResponse;
}

let codec: MethodCodec | undefined;

function loadCodec(): MethodCodec {
  if (codec) return codec;
  const deps = path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
  const definition = protoLoader.loadSync('envoy/service/ext_proc/v3/external_processor.proto', {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
    includeDirs: ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((dir) => path.join(deps, dir)),
  });
  const service = definition['envoy.service.ext_proc.v3.ExternalProcessor'] as unknown as Record<string, MethodCodec>;
  const process = service.Process;
  if (!process) throw new Error('ExternalProcessor.Process not found in the loaded protos');
  codec = process;
  return codec;
}

/** The protobuf encoding of a ProcessingRequest, as Envoy would put it on the wire. */
export function encodeRequest(request: ProcessingRequest): Buffer {
  return loadCodec().requestSerialize(request);
}

/** What the server decodes from (possibly mutated) bytes; undefined when they do not decode. */
export function decodeRequest(bytes: Buffer): ProcessingRequest | undefined {
  try {
    return loadCodec().requestDeserialize(bytes);
  } catch {
    return undefined;
  }
}

export function decodeResponse(bytes: Buffer): ProcessingResponse {
  return loadCodec().responseDeserialize(bytes);
}

/** A bidi stream that takes already-encoded request bytes and yields decoded answers. */
export type RawCall = grpc.ClientDuplexStream<Buffer, ProcessingResponse>;

export class RawExtProcClient {
  private readonly client: grpc.Client;

  constructor(address: string, maxMessageBytes = 64 * 1024 * 1024) {
    loadCodec();
    this.client = new grpc.Client(address, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': maxMessageBytes,
      'grpc.max_send_message_length': maxMessageBytes,
    });
  }

  open(): RawCall {
    return this.client.makeBidiStreamRequest<Buffer, ProcessingResponse>(METHOD, (bytes) => bytes, decodeResponse);
  }

  close(): void {
    this.client.close();
  }
}
