/** What every bench part returns to the runner (bench/classify.ts returns the same shape). */

export interface BenchResult {
  readonly name: string;
  /** The human-readable table (Markdown grid). */
  readonly table: string;
  /** Every number in the table, keyed by a stable dotted name; --compare pairs figures by these keys. */
  readonly figures: Record<string, number>;
  /** Lines printed under the table: what was measured, what is missing and why. */
  readonly notes?: readonly string[];
}

/** Options every part takes. */
export interface PartOptions {
  /** Shorter windows and fewer repetitions, for smoke runs; figures are noisier. */
  readonly quick: boolean;
  /** Progress lines go here (stderr). */
  readonly log: (line: string) => void;
}
