/**
 * Loads Envoy's ext_proc service definition from the protos that @grpc/grpc-js-xds ships (never copied into
 * this repo). keepCase + oneofs give messages like `{ request: 'request_headers', request_headers: {...} }`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

/** The include roots of Envoy's API and its dependencies inside node_modules. */
export function envoyProtoRoots(): string[] {
  const deps = path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
  return ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((dir) => path.join(deps, dir));
}

export const EXT_PROC_PROTO = 'envoy/service/ext_proc/v3/external_processor.proto';
export const EXT_PROC_SERVICE = 'envoy.service.ext_proc.v3.ExternalProcessor';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
  includeDirs: envoyProtoRoots(),
};

let cached: grpc.ServiceClientConstructor | undefined;

/** The ExternalProcessor service constructor (its `.service` is the server definition). */
export function externalProcessorService(): grpc.ServiceClientConstructor {
  if (cached) return cached;
  const definition = protoLoader.loadSync(EXT_PROC_PROTO, LOADER_OPTIONS);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    envoy: { service: { ext_proc: { v3: { ExternalProcessor: grpc.ServiceClientConstructor } } } };
  };
  cached = pkg.envoy.service.ext_proc.v3.ExternalProcessor;
  return cached;
}
