/** Small statistics shared by the suites: percentiles and rates, rounded for the report. */

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function rate(part: number, whole: number): number {
  return whole === 0 ? Number.NaN : part / whole;
}

export function pct(value: number, digits = 1): string {
  return Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}

export function ms(value: number): string {
  return Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
