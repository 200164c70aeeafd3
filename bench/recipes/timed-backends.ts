/**
 * A Backends wrapper that records when each call started and ended, per request id, so a run's critical
 * path can be derived from what actually happened rather than from the recipe's assumed structure.
 */
import type { Backends, CallOptions, Completion } from '../../src/backends/types.js';
import type { ChatCompletionRequest } from '../../src/openai/types.js';
import type { CallInterval } from './critical-path.js';

export class TimedBackends implements Backends {
  private readonly byRequest = new Map<string, CallInterval[]>();

  constructor(private readonly inner: Backends) {}

  async complete(model: string, request: ChatCompletionRequest, options: CallOptions = {}): Promise<Completion> {
    const start = performance.now();
    try {
      return await this.inner.complete(model, request, options);
    } finally {
      const key = options.requestId ?? '';
      let list = this.byRequest.get(key);
      if (!list) {
        list = [];
        this.byRequest.set(key, list);
      }
      list.push({ start, end: performance.now() });
    }
  }

  /** The calls made for `requestId`, removed from the record. */
  take(requestId: string): CallInterval[] {
    const calls = this.byRequest.get(requestId) ?? [];
    this.byRequest.delete(requestId);
    return calls;
  }
}
