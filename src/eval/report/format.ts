/** Number formatting shared by the markdown and HTML reports. */

export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Three significant digits, no exponent for the magnitudes a report shows. */
export function sig3(x: number): string {
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const digits = Math.max(0, 2 - magnitude);
  return x.toFixed(Math.min(digits, 8));
}

/** Cost per 1,000 items in USD (per-item costs are fractions of a cent). */
export function costPerThousand(costPerItem: number): string {
  return `$${sig3(costPerItem * 1000)}`;
}

export function ms(x: number | undefined): string {
  return x === undefined ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

export function rate(x: number | undefined): string {
  return x === undefined ? '–' : percent(x, 0);
}

/** "escalated 31%", "fallback 2%", "picks: cascade 80%, cheap 20%", or "–". */
export function recipeNote(t: { escalationRate: number | undefined; fallbackRate: number | undefined; picks: Readonly<Record<string, number>> | undefined; n: number }): string {
  const parts: string[] = [];
  if (t.escalationRate !== undefined) parts.push(`escalated ${rate(t.escalationRate)}`);
  if (t.fallbackRate !== undefined) parts.push(`fallback ${rate(t.fallbackRate)}`);
  if (t.picks && Object.keys(t.picks).length > 0) {
    const total = Object.values(t.picks).reduce((a, b) => a + b, 0);
    const picks = Object.entries(t.picks)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v / total < 0.005 ? '<1%' : percent(v / total, 0)}`);
    parts.push(`picks ${picks.join(', ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : '–';
}

/** ★ on the frontier; else the accuracy gap to the best target that costs no more (or "dominated" at a tie). */
export function frontierMark(t: { onFrontier: boolean; frontierGap: number }): string {
  if (t.onFrontier) return '★';
  const points = t.frontierGap * 100;
  return points < 0.05 ? 'dominated' : `−${points.toFixed(1)} pts`;
}
