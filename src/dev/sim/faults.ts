/**
 * Runtime fault state of a simulated backend: which faults the next request gets. Random faults draw from the
 * backend's seeded RNG (one draw per request while a rate is set), so sequences replay exactly.
 */
import type { Rng } from './rng.js';
import type { SimFaults } from './types.js';
import type { BodyFaults } from './writer.js';

export interface DrawnFaults {
  /** Answer with this status and an OpenAI error body instead of the answer. */
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly hang: boolean;
  readonly firstByteDelayMs: number;
  readonly body: BodyFaults;
  /** Names of the faults applied, for the request log. */
  readonly names: readonly string[];
}

export class FaultState {
  private current: SimFaults;
  private remaining: number | undefined;

  constructor(
    initial: SimFaults,
    private readonly rng: Rng,
  ) {
    this.current = Object.freeze({ ...initial });
    this.remaining = initial.times;
  }

  set(faults: SimFaults): void {
    this.current = Object.freeze({ ...faults });
    this.remaining = faults.times;
  }

  get(): SimFaults {
    return this.current;
  }

  /** The faults for one API request; consumes one of `times` when set. */
  draw(): DrawnFaults {
    const faults = this.current;
    if (this.remaining !== undefined) {
      if (this.remaining <= 0) return NO_FAULTS;
      this.remaining -= 1;
      if (this.remaining === 0) this.current = Object.freeze({});
    }
    const names: string[] = [];
    let status = faults.status;
    if (status !== undefined) names.push(`status:${status}`);
    if (faults.errorRate !== undefined && faults.errorRate > 0 && this.rng() < faults.errorRate) {
      status ??= 500;
      names.push('error_rate');
    }
    if (faults.hang) names.push('hang');
    if (faults.firstByteDelayMs) names.push('slow_first_byte');
    if (faults.resetAfterBytes !== undefined) names.push('reset');
    if (faults.truncateSse) names.push('truncate_sse');
    if (faults.invalidJson) names.push('invalid_json');
    return {
      status,
      retryAfterSeconds: faults.retryAfterSeconds,
      hang: faults.hang === true,
      firstByteDelayMs: faults.firstByteDelayMs ?? 0,
      body: { resetAfterBytes: faults.resetAfterBytes, truncateSse: faults.truncateSse, invalidJson: faults.invalidJson },
      names,
    };
  }
}

const NO_FAULTS: DrawnFaults = Object.freeze({
  status: undefined,
  retryAfterSeconds: undefined,
  hang: false,
  firstByteDelayMs: 0,
  body: {},
  names: [],
});
