import { describe, expect, it } from 'vitest';
import { CallScope } from '../../src/backends/deadline.js';

describe('CallScope', () => {
  it('fires with reason timeout after timeoutMs', async () => {
    const scope = new CallScope(20, undefined);
    await new Promise((resolve) => scope.signal.addEventListener('abort', resolve));
    expect(scope.reason).toBe('timeout');
    expect(scope.remainingMs()).toBe(0);
    scope.dispose();
  });

  it('follows the caller signal, even one already aborted', () => {
    const controller = new AbortController();
    const scope = new CallScope(10_000, controller.signal);
    expect(scope.signal.aborted).toBe(false);
    controller.abort();
    expect(scope.reason).toBe('aborted');
    expect(scope.signal.aborted).toBe(true);
    scope.dispose();
    const early = new CallScope(10_000, controller.signal);
    expect(early.reason).toBe('aborted');
    early.dispose();
  });

  it('ends a sleep early when aborted', async () => {
    const controller = new AbortController();
    const scope = new CallScope(10_000, controller.signal);
    const sleeping = scope.sleep(60_000);
    controller.abort();
    await sleeping;
    expect(scope.reason).toBe('aborted');
    scope.dispose();
  });

  it('stops listening to the caller signal once disposed', () => {
    const controller = new AbortController();
    const scope = new CallScope(10_000, controller.signal);
    scope.dispose();
    controller.abort();
    expect(scope.reason).toBeUndefined();
  });
});
