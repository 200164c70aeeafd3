/**
 * One call's cancellation scope: the caller's AbortSignal and the per-call timeout merged into one signal,
 * plus an abortable sleep for backoff. It remembers why it fired, so the call can reject with 'aborted' or
 * 'timeout' accordingly.
 */

export class CallScope {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly deadlineAt: number;
  private readonly callerSignal: AbortSignal | undefined;
  private readonly onCallerAbort = (): void => this.fire('aborted');
  private firedReason: 'aborted' | 'timeout' | undefined;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.signal = this.controller.signal;
    this.deadlineAt = performance.now() + timeoutMs;
    this.callerSignal = callerSignal;
    this.timer = setTimeout(() => this.fire('timeout'), timeoutMs);
    if (callerSignal?.aborted) this.fire('aborted');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Why the scope ended early, if it did. */
  get reason(): 'aborted' | 'timeout' | undefined {
    return this.firedReason;
  }

  remainingMs(): number {
    return Math.max(0, this.deadlineAt - performance.now());
  }

  /** Resolves after `ms`, or early (without throwing) when the scope fires; the caller checks `reason`. */
  sleep(ms: number): Promise<void> {
    if (this.firedReason !== undefined || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Releases the timer and the listener on the caller's signal; call once the call settles. */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private fire(reason: 'aborted' | 'timeout'): void {
    if (this.firedReason !== undefined) return;
    this.firedReason = reason;
    clearTimeout(this.timer);
    this.controller.abort(new DOMException(reason === 'timeout' ? 'backend call timed out' : 'backend call aborted', 'AbortError'));
  }
}
