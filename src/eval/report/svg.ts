/**
 * Inline SVG charts for the HTML report, with no scripts or external assets: the cost-vs-accuracy scatter
 * (log cost axis, 95% interval whiskers, the Pareto frontier as a dashed line) and the ρ sweep's lines.
 */
import type { TargetStats } from '../aggregate.js';
import { percent, sig3 } from './format.js';
import type { SweepReport } from './types.js';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const KIND_COLORS: Readonly<Record<string, string>> = { model: '#3b6ea8', auto: '#2e8b57' };
const RECIPE_COLOR = '#c0504d';
const SERIES = ['#c0504d', '#2e8b57', '#8064a2', '#f79646', '#4bacc6', '#9bbb59'];

export function colorOf(kind: string): string {
  return KIND_COLORS[kind] ?? RECIPE_COLOR;
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const FRAME: Frame = { width: 780, height: 460, left: 70, right: 190, top: 20, bottom: 56 };

function yDomain(lows: readonly number[], highs: readonly number[]): [number, number] {
  const lo = Math.max(0, Math.floor((Math.min(...lows) - 0.02) * 20) / 20);
  const hi = Math.min(1, Math.ceil((Math.max(...highs) + 0.02) * 20) / 20);
  return hi - lo < 0.1 ? [Math.max(0, hi - 0.1), hi] : [lo, hi];
}

function linear(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  return (x) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((x - d0) / (d1 - d0)) * (r1 - r0));
}

function yAxis(frame: Frame, domain: [number, number], y: (v: number) => number, title: string): string {
  const step = domain[1] - domain[0] > 0.3 ? 0.1 : 0.05;
  const parts: string[] = [];
  for (let v = Math.ceil(domain[0] / step - 1e-9) * step; v <= domain[1] + 1e-9; v += step) {
    parts.push(`<line class="grid" x1="${frame.left}" x2="${frame.width - frame.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`);
    parts.push(`<text class="tick" x="${frame.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${percent(v, 0)}</text>`);
  }
  const midY = (frame.top + frame.height - frame.bottom) / 2;
  parts.push(`<text class="axis-title" transform="translate(16 ${midY}) rotate(-90)" text-anchor="middle">${esc(title)}</text>`);
  return parts.join('');
}

/** Pushes label y positions apart so no two are closer than `gap`, keeping their order. */
function spread(ys: readonly number[], gap: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1] as { y: number };
    const cur = order[k] as { y: number };
    if (cur.y - prev.y < gap) cur.y = prev.y + gap;
  }
  const out = new Array<number>(ys.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** Cost per 1k items (log scale) against accuracy; `id="cost-accuracy-plot"`, one `circle.point` per target. */
export function costAccuracySvg(targets: readonly TargetStats[]): string {
  const f = FRAME;
  const costs = targets.map((t) => t.costPerItem * 1000);
  const positive = costs.filter((c) => c > 0);
  const floor = positive.length > 0 ? Math.min(...positive) / 2 : 1e-3;
  const logs = costs.map((c) => Math.log10(Math.max(c, floor)));
  const [lx0, lx1] = [Math.min(...logs) - 0.15, Math.max(...logs) + 0.15];
  const x = linear(lx0, lx1, f.left, f.width - f.right);
  const domain = yDomain(
    targets.map((t) => t.ci.low),
    targets.map((t) => t.ci.high),
  );
  const y = linear(domain[0], domain[1], f.height - f.bottom, f.top);
  const parts: string[] = [];
  parts.push(yAxis(f, domain, y, 'accuracy (95% Wilson interval)'));
  for (let e = Math.floor(lx0); e <= Math.ceil(lx1); e++) {
    for (const m of [1, 2, 5]) {
      const v = Math.log10(m) + e;
      if (v < lx0 || v > lx1) continue;
      parts.push(`<line class="grid" x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${f.top}" y2="${f.height - f.bottom}"/>`);
      parts.push(`<text class="tick" x="${x(v).toFixed(1)}" y="${f.height - f.bottom + 18}" text-anchor="middle">$${String(Number(sig3(10 ** v)))}</text>`);
    }
  }
  parts.push(`<text class="axis-title" x="${(f.left + f.width - f.right) / 2}" y="${f.height - 12}" text-anchor="middle">cost per 1,000 items (USD, log scale)</text>`);
  const frontier = targets
    .map((t, i) => ({ t, px: x(logs[i] as number), py: y(t.accuracy) }))
    .filter((p) => p.t.onFrontier)
    .sort((a, b) => a.px - b.px);
  if (frontier.length > 1) {
    parts.push(`<polyline class="frontier" points="${frontier.map((p) => `${p.px.toFixed(1)},${p.py.toFixed(1)}`).join(' ')}"/>`);
  }
  const labelYs = spread(
    targets.map((t) => y(t.accuracy)),
    13,
  );
  // Labels (with a halo in CSS) sit under every point: in a crowded corner a point must stay visible.
  const labels: string[] = [];
  const points: string[] = [];
  targets.forEach((t, i) => {
    const px = x(logs[i] as number);
    const py = y(t.accuracy);
    const color = colorOf(t.kind);
    const tip = `${t.target}: ${percent(t.accuracy)} (${percent(t.ci.low)}–${percent(t.ci.high)}), $${sig3(t.costPerItem * 1000)} per 1k items`;
    points.push(`<g class="target" data-target="${esc(t.target)}">`);
    points.push(`<line class="whisker" x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${y(t.ci.low).toFixed(1)}" y2="${y(t.ci.high).toFixed(1)}" stroke="${color}"/>`);
    points.push(`<circle class="point${t.onFrontier ? ' on-frontier' : ''}" cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="${t.onFrontier ? 6.5 : 5}" fill="${color}"><title>${esc(tip)}</title></circle>`);
    points.push('</g>');
    const ly = labelYs[i] as number;
    // A label pushed away from its point gets a leader line back to it.
    if (Math.abs(ly - py) > 4) labels.push(`<line class="leader" x1="${(px + 5).toFixed(1)}" y1="${py.toFixed(1)}" x2="${(px + 9).toFixed(1)}" y2="${ly.toFixed(1)}"/>`);
    labels.push(`<text class="label" data-target="${esc(t.target)}" x="${(px + 10).toFixed(1)}" y="${(ly + 4).toFixed(1)}">${esc(t.target)}${t.onFrontier ? ' ★' : ''}</text>`);
  });
  parts.push(`<g class="labels">${labels.join('')}</g>`, ...points);
  return svg('cost-accuracy-plot', 'Cost versus accuracy per target', f, parts.join(''));
}

/** Accuracy against ρ, one line per ensemble plus the best single baseline (dashed). */
export function sweepSvg(sweep: SweepReport): string {
  const f = { ...FRAME, right: 40 };
  const rhos = sweep.points.map((p) => p.correlation);
  const x = linear(Math.min(...rhos), Math.max(...rhos), f.left, f.width - f.right);
  const all = sweep.points.flatMap((p) => [...p.targets.map((t) => t.accuracy), p.bestBaseline.accuracy]);
  const domain = yDomain(all, all);
  const y = linear(domain[0], domain[1], f.height - f.bottom, f.top);
  const parts: string[] = [yAxis(f, domain, y, 'accuracy')];
  for (const r of rhos) parts.push(`<text class="tick" x="${x(r).toFixed(1)}" y="${f.height - f.bottom + 18}" text-anchor="middle">${r}</text>`);
  parts.push(`<text class="axis-title" x="${(f.left + f.width - f.right) / 2}" y="${f.height - 12}" text-anchor="middle">ρ (correlation of wrong answers)</text>`);
  const series = [
    { name: 'best single', color: '#555', dashed: true, values: sweep.points.map((p) => p.bestBaseline.accuracy) },
    ...sweep.ensembles.map((e, i) => ({ name: e, color: SERIES[i % SERIES.length] as string, dashed: false, values: sweep.points.map((p) => p.targets.find((t) => t.target === e)?.accuracy ?? NaN) })),
  ];
  series.forEach((s, i) => {
    const pts = s.values.map((v, j) => `${x(rhos[j] as number).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="series${s.dashed ? ' dashed' : ''}" data-series="${esc(s.name)}" points="${pts}" stroke="${s.color}"/>`);
    s.values.forEach((v, j) => parts.push(`<circle cx="${x(rhos[j] as number).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(`${s.name} at ρ=${rhos[j]}: ${percent(v)}`)}</title></circle>`));
    parts.push(`<text class="legend" x="${f.left + 12}" y="${f.top + 14 + i * 15}" fill="${s.color}">${s.dashed ? '- - ' : '— '}${esc(s.name)}</text>`);
  });
  return svg('rho-sweep-plot', 'Accuracy as the correlation of wrong answers rises', f, parts.join(''));
}

function svg(id: string, title: string, f: Frame, body: string): string {
  return (
    `<svg id="${id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${id}-title">` +
    `<title id="${id}-title">${esc(title)}</title>` +
    `<rect class="plot-area" x="${f.left}" y="${f.top}" width="${f.width - f.left - f.right}" height="${f.height - f.top - f.bottom}"/>` +
    body +
    '</svg>'
  );
}
