import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EXT_PROC_SERVICE, externalProcessorService } from '../../src/extproc/protos.js';
import { EXT_PROC_HEALTH_SERVICE, registerHealth, type HealthControl } from '../../src/observability/health.js';

interface HealthClient extends grpc.Client {
  check(request: { service: string }, callback: (error: grpc.ServiceError | null, response?: { status: string }) => void): void;
  watch(request: { service: string }): grpc.ClientReadableStream<{ status: string }>;
}

const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const HealthClientCtor = (grpc.loadPackageDefinition(definition) as unknown as { grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } } }).grpc.health.v1.Health;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options?: { serving?: boolean }): Promise<{ health: HealthControl; client: HealthClient }> {
  const server = new grpc.Server();
  const health = registerHealth(server, options);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  cleanups.push(() => new Promise<void>((resolve) => server.tryShutdown(() => resolve())));
  return { health, client: connect(port) };
}

function connect(port: number): HealthClient {
  const client = new HealthClientCtor(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as HealthClient;
  cleanups.push(() => client.close());
  return client;
}

function check(client: HealthClient, service: string): Promise<string> {
  return new Promise((resolve, reject) => client.check({ service }, (error, response) => (error ? reject(error) : resolve(response?.status ?? ''))));
}

describe('gRPC health', () => {
  it('reports the server and the ext_proc service as SERVING', async () => {
    const { client } = await serve();
    expect(await check(client, '')).toBe('SERVING');
    expect(await check(client, EXT_PROC_HEALTH_SERVICE)).toBe('SERVING');
  });

  it('answers NOT_FOUND for a service it does not serve', async () => {
    const { client } = await serve();
    await expect(check(client, 'some.Other')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('flips every service to NOT_SERVING and back', async () => {
    const { health, client } = await serve();
    health.setServing(false);
    expect(health.serving).toBe(false);
    expect(await check(client, '')).toBe('NOT_SERVING');
    expect(await check(client, EXT_PROC_HEALTH_SERVICE)).toBe('NOT_SERVING');
    health.setServing(true);
    expect(await check(client, '')).toBe('SERVING');
  });

  it('can start NOT_SERVING', async () => {
    const { client } = await serve({ serving: false });
    expect(await check(client, EXT_PROC_HEALTH_SERVICE)).toBe('NOT_SERVING');
  });

  it('streams status changes to Watch', async () => {
    const { health, client } = await serve();
    const call = client.watch({ service: '' });
    cleanups.push(() => call.cancel());
    const seen: string[] = [];
    const changed = new Promise<void>((resolve) => {
      call.on('data', (message: { status: string }) => {
        seen.push(message.status);
        if (seen.length === 1) health.setServing(false);
        if (seen.length === 2) resolve();
      });
    });
    call.on('error', () => undefined);
    await changed;
    expect(seen).toEqual(['SERVING', 'NOT_SERVING']);
  });

  it('names the service ext_proc actually implements', () => {
    expect(EXT_PROC_HEALTH_SERVICE).toBe(EXT_PROC_SERVICE);
  });

  it('shares one gRPC server with the ExternalProcessor service', async () => {
    const server = new grpc.Server();
    server.addService(externalProcessorService().service, { Process: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.end() });
    const health = registerHealth(server);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    cleanups.push(() => new Promise<void>((resolve) => server.tryShutdown(() => resolve())));
    const client = connect(port);
    expect(await check(client, EXT_PROC_HEALTH_SERVICE)).toBe('SERVING');
    health.setServing(false);
    expect(await check(client, EXT_PROC_HEALTH_SERVICE)).toBe('NOT_SERVING');
  });
});
