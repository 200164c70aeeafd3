/** Plain-text tables for the terminal and bench/README.md (a Markdown table is the same grid with pipes). */

export interface TableOptions {
  /** Columns before this index are left-aligned text; the rest are right-aligned numbers. Default 1. */
  readonly textColumns?: number;
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const textColumns = options.textColumns ?? 1;
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((w, c) => (c < textColumns ? (cells[c] ?? '').padEnd(w) : (cells[c] ?? '').padStart(w))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c < textColumns ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Fixed decimals, or '' for undefined/NaN so empty cells stay empty. */
export function fixed(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

/** A ratio as `1.23x`. */
export function times(value: number | undefined, digits = 2): string {
  const text = fixed(value, digits);
  return text === '' ? '' : `${text}x`;
}
