import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommonResponse, ProcessingRequest, ProcessingResponse } from '../../../src/extproc/messages.js';
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

const toSmall: CommonResponse = { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small', 'OVERWRITE_IF_EXISTS_OR_ADD') }, clear_route_cache: true };

/** Routes every request to `small` in the body answer; `overrides` answer chosen phases differently. */
function script(overrides: Partial<Record<string, (message: ProcessingRequest) => ReturnType<Script>>> = {}): Script {
  return (message) => {
    const phase = phaseOf(message);
    const custom = overrides[phase];
    if (custom) return custom(message);
    return phase === 'request_body' ? answer(message, toSmall) : answer(message);
  };
}

function bodyOf(message: ProcessingRequest): string {
  return Buffer.from(message.request_body?.body ?? []).toString('utf8');
}

interface ErrorBody {
  error: { code: string; message: string };
}

describe('ext_proc protocol failures', () => {
  it('fails with 500 when an answer is for the wrong phase', async () => {
    const h = await start({ script: script({ request_headers: () => ({ request_body: { response: {} } }) }) });
    const res = await postChat(h.gateway);
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorBody).error.code).toBe('internal_error');
    expect(h.backends.small?.requests()).toHaveLength(0);
  });

  it('carries on without the processor after a wrong-phase answer under failure_mode_allow', async () => {
    const h = await start({
      script: script({ request_headers: (m) => answer(m, { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small') }, clear_route_cache: true }), request_body: () => ({ response_headers: { response: {} } }) }),
      gateway: { failureModeAllow: true },
    });
    expect((await postChat(h.gateway)).status).toBe(200);
  });

  it('fails with 500 when the processor ends the stream with an error', async () => {
    const h = await start({ script: script({ request_body: () => ({ fail: grpc.status.INTERNAL }) }) });
    const res = await postChat(h.gateway);
    expect(res.status).toBe(500);
    expect(h.backends.small?.requests()).toHaveLength(0);
  });

  it('carries on without the processor when it closes the stream cleanly', async () => {
    const h = await start({
      script: script({
        request_headers: (m) => answer(m, { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small') }, clear_route_cache: true }),
        request_body: () => ({ close: true }),
      }),
    });
    const res = await postChat(h.gateway, {}, { 'x-request-id': 'clean-1' });
    expect(res.status).toBe(200);
    expect(h.backends.small?.requestsFor('clean-1')).toHaveLength(1);
    // No response_headers message after the close.
    expect(h.extProc.streams[0]?.messages.map(phaseOf)).toEqual(['request_headers', 'request_body']);
  });

  it('answers 504 when the message timeout passes, and cancels the stream', async () => {
    const h = await start({ script: script({ request_body: () => ({ silence: true }) }), gateway: { messageTimeoutMs: 100 } });
    const res = await postChat(h.gateway);
    expect(res.status).toBe(504);
    expect(((await res.json()) as ErrorBody).error.code).toBe('timeout');
    await expect.poll(() => h.extProc.streams[0]?.cancelled).toBe(true);
    expect(h.backends.small?.requests()).toHaveLength(0);
  });

  it('lets the processor extend one wait with override_message_timeout, up to max_message_timeout', async () => {
    // The extension arrives at once, the answer 250 ms later: past the 100 ms message timeout.
    const extendThenAnswer: Script = (message) =>
      phaseOf(message) !== 'request_body'
        ? answer(message)
        : { sequence: [{ delayMs: 0, response: { override_message_timeout: { seconds: 5, nanos: 0 } } }, { delayMs: 250, response: answer(message, toSmall) }] };
    const h = await start({ script: extendThenAnswer, gateway: { messageTimeoutMs: 100, maxMessageTimeoutMs: 10_000 } });
    expect((await postChat(h.gateway)).status).toBe(200);
    await h.close();

    // Without max_message_timeout (Envoy's default 0) the extension is ignored.
    harness = await startHarness({ script: extendThenAnswer, gateway: { messageTimeoutMs: 100 } });
    expect((await postChat(harness.gateway)).status).toBe(504);
  });
});

describe('ext_proc answers', () => {
  it('sends an immediate_response to the client and never calls the upstream', async () => {
    const h = await start({
      script: script({
        request_body: () => ({
          immediate_response: {
            status: { code: 429 },
            headers: { set_headers: [{ header: { key: 'retry-after', raw_value: Buffer.from('7') } }, { header: { key: 'content-type', raw_value: Buffer.from('application/json') } }] },
            body: Buffer.from('{"error":{"message":"slow down","type":"rate_limit_error","param":null,"code":"too_many_recipes"}}'),
            details: 'scripted',
          },
        }),
      }),
    });
    const res = await postChat(h.gateway);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as ErrorBody).error.code).toBe('too_many_recipes');
    expect(h.backends.small?.requests()).toHaveLength(0);
  });

  it('sends request headers as raw_value bytes with pseudo-headers and a generated x-request-id', async () => {
    const h = await start({ script: script() });
    // undici sends header values as latin1 bytes; the processor must get exactly those bytes.
    await postChat(h.gateway, {}, { 'x-custom': 'ümlaut' });
    const headers = h.extProc.streams[0]?.messages[0]?.request_headers?.headers?.headers ?? [];
    expect(headers.every((entry) => (entry.raw_value?.length ?? 0) > 0)).toBe(true);
    expect(headers.every((entry) => !entry.value)).toBe(true);
    const first = h.extProc.streams[0]!.messages[0]!;
    expect(headerIn(first, ':method')).toBe('POST');
    expect(headerIn(first, ':path')).toBe('/v1/chat/completions');
    expect(headerIn(first, ':scheme')).toBe('http');
    expect(headerIn(first, ':authority')).toMatch(/^127\.0\.0\.1:\d+$/);
    const custom = first.request_headers?.headers?.headers?.find((entry) => entry.key === 'x-custom');
    expect(Buffer.from(custom?.raw_value ?? [])).toEqual(Buffer.from('ümlaut', 'latin1'));
    expect(headerIn(first, 'x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.request_headers?.end_of_stream).toBe(false);
  });

  it('sends a GET as headers with end_of_stream and no body message', async () => {
    const h = await start({
      script: script({ request_headers: (m) => answer(m, { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small') }, clear_route_cache: true }) }),
    });
    const res = await fetch(`${h.gateway.url}/v1/models`);
    expect(res.status).toBe(200);
    const phases = h.extProc.streams[0]?.messages.map(phaseOf);
    expect(phases).toEqual(['request_headers', 'response_headers']);
    expect(h.extProc.streams[0]?.messages[0]?.request_headers?.end_of_stream).toBe(true);
  });

  it('applies a body mutation whose content-length matches, and rejects one that does not', async () => {
    const rewrite = (fixLength: boolean) =>
      script({
        request_body: (m) => {
          const body = Buffer.from(JSON.stringify({ ...JSON.parse(bodyOf(m)), model: 'provider-model-id' }));
          const set = [...setHeader('x-consilium-cluster', 'small', 'OVERWRITE_IF_EXISTS_OR_ADD')!];
          if (fixLength) set.push(...setHeader('content-length', String(body.length), 'OVERWRITE_IF_EXISTS_OR_ADD')!);
          return answer(m, { header_mutation: { set_headers: set }, body_mutation: { body }, clear_route_cache: true });
        },
      });
    const h = await start({ script: rewrite(true) });
    const ok = await postChat(h.gateway, {}, { 'x-request-id': 'cl-ok' });
    expect(ok.status).toBe(200);
    expect((h.backends.small?.requestsFor('cl-ok')[0]?.body as { model: string }).model).toBe('provider-model-id');

    h.extProc.setScript(rewrite(false));
    const bad = await postChat(h.gateway, {}, { 'x-request-id': 'cl-bad' });
    expect(bad.status).toBe(500);
    expect(((await bad.json()) as ErrorBody).error.message).toContain('content length');
    expect(h.backends.small?.requestsFor('cl-bad')).toHaveLength(0);
  });

  it('refuses :authority and x-envoy-* mutations but applies :path', async () => {
    const h = await start({
      backends: { small: { basePath: '/openai' } },
      script: script({
        request_body: (m) =>
          answer(m, {
            header_mutation: {
              set_headers: [
                ...setHeader('x-consilium-cluster', 'small', 'OVERWRITE_IF_EXISTS_OR_ADD')!,
                ...setHeader(':authority', 'evil.example', 'OVERWRITE_IF_EXISTS_OR_ADD')!,
                ...setHeader('x-envoy-original-path', '/x', 'OVERWRITE_IF_EXISTS_OR_ADD')!,
                ...setHeader(':path', '/openai/v1/chat/completions', 'OVERWRITE_IF_EXISTS_OR_ADD')!,
              ],
            },
            clear_route_cache: true,
          }),
      }),
      gateway: {
        routes: [
          { match: { prefix: '/v1/' }, action: { kind: 'cluster_header', header: 'x-consilium-cluster', clusterNotFoundCode: 503, timeoutMs: 5000 } },
          { match: { prefix: '/openai/' }, action: { kind: 'cluster_header', header: 'x-consilium-cluster', clusterNotFoundCode: 503, timeoutMs: 5000 } },
        ],
      },
    });
    const res = await postChat(h.gateway, {}, { 'x-request-id': 'auth-1' });
    expect(res.status).toBe(200);
    const seen = h.backends.small?.requestsFor('auth-1')[0];
    expect(seen?.path).toBe('/openai/v1/chat/completions');
    expect(seen?.headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(seen?.headers['x-envoy-original-path']).toBeUndefined();
  });

  it('routes a rewritten :path to the catch-all 404 when no route matches it', async () => {
    const h = await start({
      script: script({
        request_body: (m) =>
          answer(m, {
            header_mutation: { set_headers: [...setHeader('x-consilium-cluster', 'small', 'OVERWRITE_IF_EXISTS_OR_ADD')!, ...setHeader(':path', '/openai/v1/chat/completions', 'OVERWRITE_IF_EXISTS_OR_ADD')!] },
            clear_route_cache: true,
          }),
      }),
    });
    expect((await postChat(h.gateway)).status).toBe(404);
  });

  it('honours mode_override in a headers answer and ignores it in a body answer', async () => {
    const skipResponse = { request_body_mode: 'BUFFERED', response_header_mode: 'SKIP' } as const;
    const h = await start({ script: script({ request_body: (m) => answer(m, toSmall, { mode_override: skipResponse }) }) });
    expect((await postChat(h.gateway)).status).toBe(200);
    expect(h.extProc.streams[0]?.messages.map(phaseOf)).toEqual(['request_headers', 'request_body', 'response_headers']);

    h.extProc.setScript(
      script({
        request_headers: (m) => answer(m, {}, { mode_override: skipResponse }),
      }),
    );
    expect((await postChat(h.gateway)).status).toBe(200);
    expect(h.extProc.streams[1]?.messages.map(phaseOf)).toEqual(['request_headers', 'request_body']);
  });

  it('replaces the whole mode on override: unset fields fall back to proto defaults', async () => {
    const h = await start({
      script: script({
        request_headers: (m) => answer(m, { header_mutation: { set_headers: setHeader('x-consilium-cluster', 'small') }, clear_route_cache: true }, { mode_override: { response_body_mode: 'NONE' } }),
      }),
    });
    expect((await postChat(h.gateway)).status).toBe(200);
    // request_body_mode became NONE: the body was never sent to the processor.
    expect(h.extProc.streams[0]?.messages.map(phaseOf)).toEqual(['request_headers', 'response_headers']);
  });

  it('adds response header mutations and applies a STREAMED body override chunk by chunk', async () => {
    const h = await start({
      script: script({
        response_headers: (m) =>
          answer(m, { header_mutation: { set_headers: setHeader('x-consilium-model', 'small', 'OVERWRITE_IF_EXISTS_OR_ADD') } }, { mode_override: { response_body_mode: 'STREAMED' } }),
        response_body: (m) => answer(m, { body_mutation: { body: Buffer.from(Buffer.from(m.response_body?.body ?? []).toString('utf8').toUpperCase()) } }),
      }),
      backends: { small: { respond: () => ({ content: 'shout this' }) } },
    });
    const res = await postChat(h.gateway, { stream: true });
    expect(res.headers.get('x-consilium-model')).toBe('small');
    const text = await res.text();
    expect(text).toContain('SHOUT');
    expect(text).toContain('DATA: [DONE]');
    const phases = h.extProc.streams[0]?.messages.map(phaseOf) ?? [];
    expect(phases.filter((phase) => phase === 'response_body').length).toBeGreaterThan(1);
    expect(h.extProc.streams[0]?.messages.at(-1)?.response_body?.end_of_stream).toBe(true);
  });

  it('buffers the response on override and checks content-length against the mutated body', async () => {
    const replaced = Buffer.from('{"replaced":true}');
    const rewrite = (fixLength: boolean): Script =>
      script({
        response_headers: (m) => answer(m, {}, { mode_override: { response_body_mode: 'BUFFERED' } }),
        response_body: (m) =>
          answer(m, {
            header_mutation: fixLength ? { set_headers: setHeader('content-length', String(replaced.length), 'OVERWRITE_IF_EXISTS_OR_ADD') } : {},
            body_mutation: { body: replaced },
          }),
      });
    const h = await start({ script: rewrite(true) });
    const ok = await postChat(h.gateway);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ replaced: true });
    const bodyMessage = h.extProc.streams[0]?.messages.find((m) => phaseOf(m) === 'response_body');
    expect(bodyMessage?.response_body?.end_of_stream).toBe(true);
    expect(JSON.parse(Buffer.from(bodyMessage?.response_body?.body ?? []).toString('utf8'))).toHaveProperty('choices');

    h.extProc.setScript(rewrite(false));
    const bad = await postChat(h.gateway);
    expect(bad.status).toBe(500);
  });

  it('keeps dynamic metadata only under receiving namespaces and reports it', async () => {
    const seen: [string, Readonly<Record<string, unknown>>][] = [];
    const h = await start({
      script: script({
        request_body: (m) =>
          answer(m, toSmall, {
            // The wire form: protobufjs names google.protobuf.Value's fields in camelCase.
            dynamic_metadata: {
              fields: {
                consilium: { structValue: { fields: { decision: { stringValue: 'code' }, calls: { numberValue: 2 } } } },
                other: { structValue: { fields: { leak: { stringValue: 'x' } } } },
              },
            } as never,
          }),
      }),
      gateway: { onDynamicMetadata: (requestId, metadata) => seen.push([requestId, metadata]) },
    });
    await postChat(h.gateway, {}, { 'x-request-id': 'meta-1' });
    expect(seen).toEqual([['meta-1', { consilium: { decision: 'code', calls: 2 } }]]);
  });
});
