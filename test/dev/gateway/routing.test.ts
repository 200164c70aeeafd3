import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../../src/dev/gateway/index.js';
import type { ProcessingRequest } from '../../../src/extproc/messages.js';
import { answer, headerIn, phaseOf, setHeader, type Script } from './fake-ext-proc.js';
import { postChat, startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

/** Routes by the body's model in the body answer, as Consilium does. */
function routeByModel(clear: boolean): Script {
  return (message: ProcessingRequest) => {
    if (phaseOf(message) !== 'request_body') return answer(message);
    const model = (JSON.parse(Buffer.from(message.request_body?.body ?? []).toString('utf8')) as { model: string }).model;
    return answer(message, { header_mutation: { set_headers: setHeader('x-consilium-cluster', model, 'OVERWRITE_IF_EXISTS_OR_ADD') }, clear_route_cache: clear });
  };
}

interface ErrorBody {
  error: { message: string; type: string; param: null; code: string };
}

describe('gateway routing', () => {
  it('routes to the cluster the processor names when it clears the route cache', async () => {
    const h = await start({ script: routeByModel(true), backends: { small: {}, big: {} } });
    const res = await postChat(h.gateway, { model: 'big' }, { 'x-request-id': 'route-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sim-backend')).toBe('big');
    expect(h.backends.big?.requestsFor('route-1')).toHaveLength(1);
    expect(h.backends.small?.requests()).toHaveLength(0);
  });

  it('keeps the route cached at request_headers time when the answer does not clear it', async () => {
    const h = await start({ script: routeByModel(false) });
    const res = await postChat(h.gateway, { model: 'small' });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('backend_unavailable');
    expect(body.error.param).toBeNull();
    expect(h.backends.small?.requests()).toHaveLength(0);
    // Like Envoy's local replies, the router's reply still passes the response phase.
    const last = h.extProc.streams[0]?.messages.at(-1);
    expect(last && phaseOf(last)).toBe('response_headers');
    expect(headerIn(last!, ':status')).toBe('503');
  });

  it('ignores clear_route_cache in an answer without a header mutation', async () => {
    const h = await start({
      script: (message) => {
        if (phaseOf(message) === 'request_headers') return answer(message, { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small') } });
        return answer(message, { clear_route_cache: true });
      },
    });
    expect((await postChat(h.gateway)).status).toBe(503);
  });

  it('answers an unknown cluster with the configured code and an OpenAI JSON body', async () => {
    const h = await start({ script: routeByModel(true), gateway: { clusterNotFoundCode: 404 } });
    const res = await postChat(h.gateway, { model: 'nope' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'not_found', type: 'not_found_error', param: null });
    expect(body.error.message).toContain('nope');
  });

  it('removes early-mutation headers before routing, so a client cannot pick the cluster', async () => {
    const h = await start({ script: (message) => answer(message) });
    const res = await postChat(h.gateway, {}, { 'x-consilium-cluster': 'small', 'x-consilium-debug': '1' });
    expect(res.status).toBe(503);
    const seen = h.extProc.streams[0]?.messages[0];
    expect(headerIn(seen!, 'x-consilium-cluster')).toBeUndefined();
    expect(headerIn(seen!, 'x-consilium-debug')).toBeUndefined();
    await h.close();

    // Without the early removal the same request is routed by the client's header.
    harness = await startHarness({ script: (message) => answer(message), gateway: { earlyRemoveHeaders: [] } });
    expect((await postChat(harness.gateway, {}, { 'x-consilium-cluster': 'small' })).status).toBe(200);
  });

  it('answers non-API paths with a JSON 404 and never opens an ext_proc stream', async () => {
    const h = await start({ script: routeByModel(true) });
    const res = await fetch(`${h.gateway.url}/admin/secret?x=1`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    expect(h.extProc.streams).toHaveLength(0);
    const withQuery = await postChat(h.gateway, { model: 'small' }, {}, '/v1/chat/completions?api-version=1');
    expect(withQuery.status).toBe(200);
  });

  it('rejects a buffered body over the limit with 413 before the processor sees it', async () => {
    const h = await start({ script: routeByModel(true), gateway: { maxRequestBytes: 1024 } });
    const res = await postChat(h.gateway, { messages: [{ role: 'user', content: 'x'.repeat(4096) }] });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('body_too_large');
    const phases = h.extProc.streams.flatMap((stream) => stream.messages.map(phaseOf));
    expect(phases).not.toContain('request_body');
    expect(h.backends.small?.requests()).toHaveLength(0);
  });

  it('answers 503 JSON when the upstream refuses the connection, and 504 on the route timeout', async () => {
    const h = await start({
      script: routeByModel(true),
      backends: { small: { latencyMs: 2000 } },
      gateway: { clusters: { small: { endpoints: [{ host: '127.0.0.1', port: 1 }] } } },
    });
    const refused = await postChat(h.gateway, { model: 'small' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as ErrorBody).error.message).toContain('connection failure');
    await h.close();

    harness = await startHarness({ script: routeByModel(true), backends: { small: { latencyMs: 2000 } }, gateway: { routeTimeoutMs: 100 } });
    const slow = await postChat(harness.gateway, { model: 'small' }, { 'x-request-id': 'slow-1' });
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as ErrorBody).error.code).toBe('timeout');
    expect((await harness.backends.small!.whenEnded('slow-1')).aborted).toBe(true);
  });

  it('spreads requests over a cluster\'s endpoints round robin', async () => {
    const h = await start({ script: routeByModel(true), backends: { a: {}, b: {} } });
    const both = { endpoints: [{ host: '127.0.0.1', port: h.backends.a!.port }, { host: '127.0.0.1', port: h.backends.b!.port }] };
    await h.gateway.close();
    const gateway = await startGateway({ listen: { host: '127.0.0.1', port: 0 }, extProc: { host: '127.0.0.1', port: h.extProc.port }, clusters: { pool: both } });
    try {
      const seen: (string | null)[] = [];
      for (let i = 0; i < 4; i++) seen.push((await postChat(gateway, { model: 'pool' })).headers.get('x-sim-backend'));
      expect(seen).toEqual(['a', 'b', 'a', 'b']);
    } finally {
      await gateway.close();
    }
  });
});
