/**
 * An independent ext_proc client (its own proto load, plain grpc-js) replays Envoy's message sequences
 * against the real server over gRPC.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';
import { ExtProcServer } from '../../src/extproc/server.js';
import { silentLogger } from '../../src/observability/logger.js';
import { ConcurrencyLimiter } from '../../src/pipeline/limiter.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { testConfig } from '../support/config.js';
import { immediate, requestBody, requestHeaders, responseHeaders, setHeaders } from '../support/envoy-messages.js';

const require = createRequire(import.meta.url);
const deps = path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
const definition = protoLoader.loadSync('envoy/service/ext_proc/v3/external_processor.proto', {
  keepCase: true,
  longs: String,
  oneofs: true,
  includeDirs: ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => path.join(deps, d)),
});
const ExternalProcessor = (grpc.loadPackageDefinition(definition) as any).envoy.service.ext_proc.v3.ExternalProcessor;

let server: ExtProcServer;
let client: grpc.Client & { Process: () => grpc.ClientDuplexStream<ProcessingRequest, ProcessingResponse> };

beforeAll(async () => {
  process.env.TEST_SMALL_KEY = 'sk-small-secret';
  const pipeline = new Pipeline({
    config: testConfig(),
    backends: { complete: async () => Promise.reject(new Error('unused')) },
    recipeSlots: new ConcurrencyLimiter(2),
  });
  server = new ExtProcServer({ acquire: () => ({ pipeline, release: () => undefined }), logger: silentLogger(), maxMessageBytes: 16 * 1024 * 1024 });
  const port = await server.listen('127.0.0.1', 0);
  client = new ExternalProcessor(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  await server.close();
});

/** Plays one Envoy exchange: send each message, wait for its answer, like Envoy does. */
async function exchange(messages: ProcessingRequest[]): Promise<{ responses: ProcessingResponse[]; status: grpc.StatusObject }> {
  const call = client.Process();
  const responses: ProcessingResponse[] = [];
  const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
  call.on('error', () => undefined);
  const queue: ((r: ProcessingResponse | undefined) => void)[] = [];
  call.on('data', (r: ProcessingResponse) => queue.shift()?.(r));
  call.on('end', () => queue.splice(0).forEach((wake) => wake(undefined)));
  for (const message of messages) {
    const answer = new Promise<ProcessingResponse | undefined>((resolve) => queue.push(resolve));
    call.write(message);
    const response = await answer;
    if (!response) break;
    responses.push(response);
    if (response.immediate_response) break;
  }
  call.end();
  return { responses, status: await status };
}

const chat = (model: string, content = 'hello') => ({ model, messages: [{ role: 'user', content }] });

describe('ext_proc over gRPC', () => {
  it('routes: cluster header in raw_value, rewritten body with matching content-length, clear_route_cache', async () => {
    const { responses, status } = await exchange([
      requestHeaders('POST', '/v1/chat/completions', { 'x-consilium-cluster': 'big', 'x-request-id': 'it-1' }),
      requestBody(chat('consilium/auto', 'hi there')),
      responseHeaders(200),
    ]);
    expect(status.code).toBe(grpc.status.OK);
    expect(responses).toHaveLength(3);
    expect(responses[0]!.request_headers?.response?.clear_route_cache).toBe(true);
    const body = responses[1]!.request_body!.response!;
    const option = body.header_mutation!.set_headers!.find((o) => o.header.key === 'x-consilium-cluster')!;
    expect(Buffer.from(option.header.raw_value!).toString()).toBe('small');
    const set = setHeaders(body.header_mutation!.set_headers);
    const bytes = Buffer.from(body.body_mutation!.body!);
    expect(Number(set['content-length'])).toBe(bytes.length);
    expect(JSON.parse(bytes.toString())).toEqual({ model: 'provider-small', messages: [{ role: 'user', content: 'hi there' }] });
    expect(body.clear_route_cache).toBe(true);
    expect(body.status ?? 0).toBe(0); // CONTINUE, the proto3 default, is not serialized
    expect(setHeaders(responses[2]!.response_headers!.response!.header_mutation!.set_headers)['x-consilium-decision']).toBe('default');
  });

  it.each([
    ['malformed JSON', '{nope', 400],
    ['missing messages', { model: 'small' }, 400],
    ['unknown model', chat('nope'), 404],
    ['over max_body_bytes', chat('small', 'x'.repeat(70_000)), 413],
  ])('%s → immediate %i and a clean stream end', async (_name, body, code) => {
    const { responses, status } = await exchange([requestHeaders('POST', '/v1/chat/completions'), requestBody(body)]);
    expect(immediate(responses[1]!).status).toBe(code);
    expect(status.code).toBe(grpc.status.OK);
  });

  it('405 for an unsupported method, at request headers', async () => {
    const { responses } = await exchange([requestHeaders('PUT', '/v1/chat/completions')]);
    expect(immediate(responses[0]!).status).toBe(405);
  });

  it('ends a stream that breaks the phase order with a gRPC error, and keeps serving others', async () => {
    const bad = await exchange([requestBody(chat('small'))]);
    expect(bad.status.code).toBe(grpc.status.INVALID_ARGUMENT);
    const good = await exchange([requestHeaders('GET', '/v1/models', {}, true)]);
    expect(immediate(good.responses[0]!).status).toBe(200);
  });

  it('a cancelled stream does not affect concurrent ones', async () => {
    const call = client.Process();
    call.on('error', () => undefined);
    const answered = new Promise((resolve) => call.once('data', resolve));
    call.write(requestHeaders('POST', '/v1/chat/completions'));
    // Envoy resets the stream when its client goes away while the processor waits for the body.
    await answered;
    expect(server.activeStreams).toBe(1);
    const runs = Array.from({ length: 20 }, (_, i) =>
      exchange([requestHeaders('POST', '/v1/chat/completions'), requestBody(chat(i % 2 ? 'small' : 'big'))]),
    );
    call.cancel();
    const results = await Promise.all(runs);
    results.forEach(({ responses }, i) => {
      expect(setHeaders(responses[1]!.request_body!.response!.header_mutation!.set_headers)['x-consilium-cluster']).toBe(i % 2 ? 'small' : 'big');
    });
    await vi.waitFor(() => expect(server.activeStreams).toBe(0));
  });
});
