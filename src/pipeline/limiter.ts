/** Counts recipes in flight so one tenant's fan-out cannot starve routing: past the limit, callers get 429. */
export class ConcurrencyLimiter {
  private active = 0;

  constructor(private limit: number) {}

  /** Takes a slot, or returns undefined when all are taken. The release function is idempotent. */
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.limit) return undefined;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }

  /** A config reload may change the limit; slots already taken stay valid. */
  setLimit(limit: number): void {
    this.limit = limit;
  }
}
