import { describe, expect, it } from 'vitest';
import { EndpointRing, originOf } from '../../src/backends/endpoints.js';
import type { Endpoint } from '../../src/config/types.js';

const endpoints: Endpoint[] = [
  { scheme: 'http', host: '10.0.0.1', port: 8000 },
  { scheme: 'http', host: '10.0.0.2', port: 8000 },
  { scheme: 'https', host: '::1', port: 443 },
];

function clockRing(failures: number, cooldownMs: number) {
  let now = 1_000;
  const ring = new EndpointRing(endpoints, { failures, cooldownMs }, () => now);
  return { ring, advance: (ms: number) => (now += ms) };
}

describe('EndpointRing', () => {
  it('formats origins, bracketing IPv6 hosts', () => {
    expect(endpoints.map(originOf)).toEqual(['http://10.0.0.1:8000', 'http://10.0.0.2:8000', 'https://[::1]:443']);
  });

  it('rotates round robin', () => {
    const { ring } = clockRing(3, 100);
    expect([1, 2, 3, 4].map(() => ring.next()?.endpoint.host)).toEqual(['10.0.0.1', '10.0.0.2', '::1', '10.0.0.1']);
  });

  it('cools an endpoint after N consecutive failures and skips it until expiry', () => {
    const { ring, advance } = clockRing(2, 100);
    const first = ring.next()!;
    expect(ring.recordFailure(first)).toBe(false);
    expect(ring.recordFailure(first)).toBe(true);
    expect([1, 2, 3, 4].map(() => ring.next()?.endpoint.host)).toEqual(['10.0.0.2', '::1', '10.0.0.2', '::1']);
    advance(100);
    expect([1, 2, 3].map(() => ring.next()?.endpoint.host)).toContain('10.0.0.1');
  });

  it('resets the count on success', () => {
    const { ring } = clockRing(2, 100);
    const first = ring.next()!;
    ring.recordFailure(first);
    ring.recordSuccess(first);
    expect(ring.recordFailure(first)).toBe(false);
  });

  it('returns undefined when all cool, with the time until the first is back', () => {
    const { ring, advance } = clockRing(1, 100);
    for (let i = 0; i < 3; i += 1) {
      const state = ring.next()!;
      ring.recordFailure(state);
      advance(10);
    }
    expect(ring.next()).toBeUndefined();
    expect(ring.msUntilAvailable()).toBe(70);
    advance(70);
    expect(ring.next()?.endpoint.host).toBe('10.0.0.1');
  });

  it('never cools when failures is 0 (disabled)', () => {
    const { ring } = clockRing(0, 100);
    const first = ring.next()!;
    for (let i = 0; i < 10; i += 1) expect(ring.recordFailure(first)).toBe(false);
  });
});

describe('EndpointRing: concurrent failures overtaken by a success', () => {
  // Regression: with 30% of requests hanging, timeouts of one burst arrived together after the faster successes
  // and were read as consecutive, cooling a backend that answered 70% of requests (every call then failed fast).
  it('does not count a failure whose attempt started before a later success', () => {
    const { ring, advance } = clockRing(2, 100);
    const first = ring.next()!;
    const burstStartedAt = ring.now();
    advance(5);
    ring.recordSuccess(first);
    advance(1_500);
    expect(ring.recordFailure(first, burstStartedAt)).toBe(false);
    expect(ring.recordFailure(first, burstStartedAt)).toBe(false);
    expect(ring.recordFailure(first, burstStartedAt)).toBe(false);
    expect([1, 2, 3].map(() => ring.next()?.endpoint.host)).toContain('10.0.0.1');
  });

  it('still counts failures that started after its last success', () => {
    const { ring, advance } = clockRing(2, 100);
    const first = ring.next()!;
    ring.recordSuccess(first);
    const results = Array.from({ length: 4 }, (): boolean => {
      advance(1);
      return ring.recordFailure(first, ring.now());
    });
    // Counted, but an endpoint that has answered before trips only once 16 of 20 attempts failed.
    expect(results).toEqual([false, false, false, false]);
    expect(first.consecutiveFailures).toBe(4);
  });
});

describe('EndpointRing: a flaky backend is not a dead one', () => {
  // Regression: at a 30% error rate, runs of five failures come by chance; each one cooled the only endpoint of
  // a model for the whole cooldown, and recipes needing that model failed (a workflow at 30% errors: 0 of 4).
  it('does not cool an endpoint whose recent attempts mostly succeeded, even after N failures in a row', () => {
    const { ring } = clockRing(5, 100);
    const first = ring.next()!;
    for (let i = 0; i < 15; i++) ring.recordSuccess(first);
    for (let i = 0; i < 5; i++) expect(ring.recordFailure(first)).toBe(false);
  });

  it('cools a backend that has died: failures keep coming until they are most of the window', () => {
    const { ring } = clockRing(5, 100);
    const first = ring.next()!;
    for (let i = 0; i < 20; i++) ring.recordSuccess(first);
    const trippedAt = Array.from({ length: 20 }, () => ring.recordFailure(first)).indexOf(true) + 1;
    expect(trippedAt).toBe(16);
  });

  it('does not cool a fresh endpoint on a chance run right after its first answer', () => {
    const { ring } = clockRing(5, 100);
    const first = ring.next()!;
    ring.recordSuccess(first);
    for (let i = 0; i < 5; i++) expect(ring.recordFailure(first)).toBe(false);
  });

  it('cools a backend that never answered after N failures, as before', () => {
    const { ring } = clockRing(5, 100);
    const first = ring.next()!;
    expect(Array.from({ length: 5 }, () => ring.recordFailure(first))).toEqual([false, false, false, false, true]);
  });
});
