/**
 * `--compare`: every figure of a newer results file against the same figure of an older one, as new / old.
 * Figures named `*per_s` are better when higher; the others (times, CPU, memory, ratios) when lower. A
 * change beyond NOTABLE in the worse direction is flagged, since single runs on a shared box drift.
 */
import type { ResultsFile } from './results.js';
import { fixed, formatTable, times } from './lib/table.js';

/** Ratios within ±20% are treated as noise. */
export const NOTABLE = 1.2;

export interface ComparedFigure {
  readonly part: string;
  readonly figure: string;
  readonly before: number;
  readonly after: number;
  /** after / before; 1 when both are 0, Infinity when only before is 0. */
  readonly ratio: number;
  readonly verdict: 'worse' | 'better' | '';
}

export interface Comparison {
  readonly figures: readonly ComparedFigure[];
  /** `part.figure` present on one side only. */
  readonly onlyBefore: readonly string[];
  readonly onlyAfter: readonly string[];
}

export function higherIsBetter(figure: string): boolean {
  return /per_s$/.test(figure);
}

export function ratioOf(before: number, after: number): number {
  if (before === 0) return after === 0 ? 1 : Infinity;
  return after / before;
}

export function verdictOf(figure: string, ratio: number): ComparedFigure['verdict'] {
  if (!Number.isFinite(ratio) || ratio <= 0) return ratio === Infinity && !higherIsBetter(figure) ? 'worse' : '';
  const improvement = higherIsBetter(figure) ? ratio : 1 / ratio;
  if (improvement >= NOTABLE) return 'better';
  if (improvement <= 1 / NOTABLE) return 'worse';
  return '';
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function compareResults(before: ResultsFile, after: ResultsFile): Comparison {
  const figures: ComparedFigure[] = [];
  const onlyBefore: string[] = [];
  const onlyAfter: string[] = [];
  const partNames = [...new Set([...Object.keys(after.parts), ...Object.keys(before.parts)])];
  for (const part of partNames) {
    const old = before.parts[part]?.figures ?? {};
    const fresh = after.parts[part]?.figures ?? {};
    for (const [figure, value] of Object.entries(fresh)) {
      const previous = old[figure];
      if (!isNumber(value) || !isNumber(previous)) {
        if (isNumber(value)) onlyAfter.push(`${part}.${figure}`);
        continue;
      }
      const ratio = ratioOf(previous, value);
      figures.push({ part, figure, before: previous, after: value, ratio, verdict: verdictOf(figure, ratio) });
    }
    for (const [figure, value] of Object.entries(old)) if (isNumber(value) && !isNumber(fresh[figure])) onlyBefore.push(`${part}.${figure}`);
  }
  return { figures, onlyBefore, onlyAfter };
}

export function formatComparison(comparison: Comparison, labels: { before: string; after: string }): string {
  const table = formatTable(
    ['part', 'figure', 'before', 'after', 'after / before', 'verdict'],
    comparison.figures.map((f) => [f.part, f.figure, fixed(f.before, 3), fixed(f.after, 3), times(f.ratio), f.verdict]),
    { textColumns: 2 },
  );
  const worse = comparison.figures.filter((f) => f.verdict === 'worse').length;
  const lines = [
    `before: ${labels.before}`,
    `after:  ${labels.after}`,
    '',
    table,
    '',
    `${comparison.figures.length} figures compared; ${worse} worse by more than ${Math.round((NOTABLE - 1) * 100)}% (per_s: higher is better; everything else: lower is better).`,
  ];
  if (comparison.onlyBefore.length > 0) lines.push(`only before: ${comparison.onlyBefore.join(', ')}`);
  if (comparison.onlyAfter.length > 0) lines.push(`only after: ${comparison.onlyAfter.join(', ')}`);
  return lines.join('\n');
}
