/**
 * The soak chart as a standalone SVG: RSS of the process under load and throughput over time, in two stacked
 * panels sharing the time axis, with the RSS reference point (minute 2) marked.
 */

export interface ChartSeries {
  readonly label: string;
  readonly unit: string;
  readonly color: string;
  /** `marked` points get a dot (the RSS samples taken after a forced GC). */
  readonly points: readonly { readonly x: number; readonly y: number; readonly marked?: boolean }[];
}

const WIDTH = 860;
const PANEL_HEIGHT = 190;
const MARGIN = { left: 70, right: 20, top: 36, bottom: 40 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value / 1) ?? 10;
  return step * magnitude * (value / (step * magnitude) > 0.8 ? 1.25 : 1);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function panel(series: ChartSeries, top: number, xMax: number, markX: number | undefined): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const yMax = niceMax(Math.max(...series.points.map((p) => p.y), 0));
  const x = (v: number): number => MARGIN.left + (v / xMax) * plotWidth;
  const y = (v: number): number => top + PANEL_HEIGHT - (v / yMax) * PANEL_HEIGHT;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const value = (yMax * i) / 4;
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${Number(value.toFixed(1))}</text>`);
  }
  if (markX !== undefined) {
    parts.push(`<line x1="${x(markX).toFixed(1)}" x2="${x(markX).toFixed(1)}" y1="${top}" y2="${top + PANEL_HEIGHT}" stroke="#999" stroke-dasharray="4 3"/>`);
  }
  const path = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
  parts.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2"/>`);
  for (const p of series.points.filter((point) => point.marked)) {
    parts.push(`<circle cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="3.5" fill="${series.color}"/>`);
  }
  parts.push(`<text x="${MARGIN.left}" y="${top - 10}" font-size="13" font-weight="bold" fill="#222">${escapeXml(`${series.label} (${series.unit})`)}</text>`);
  return parts.join('\n');
}

export function soakChartSvg(title: string, rss: ChartSeries, throughput: ChartSeries, markAtSec: number | undefined): string {
  const xMax = Math.max(1, ...rss.points.map((p) => p.x), ...throughput.points.map((p) => p.x));
  const height = MARGIN.top + 2 * PANEL_HEIGHT + 40 + MARGIN.bottom + 20;
  const secondTop = MARGIN.top + 20 + PANEL_HEIGHT + 40;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const ticks: string[] = [];
  const step = xMax > 300 ? 60 : xMax > 60 ? 15 : xMax > 20 ? 5 : 1;
  for (let t = 0; t <= xMax; t += step) {
    const px = MARGIN.left + (t / xMax) * plotWidth;
    ticks.push(`<text x="${px.toFixed(1)}" y="${secondTop + PANEL_HEIGHT + 18}" text-anchor="middle" font-size="11" fill="#555">${t}</text>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    panel(rss, MARGIN.top + 20, xMax, markAtSec),
    panel(throughput, secondTop, xMax, markAtSec),
    ...ticks,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${secondTop + PANEL_HEIGHT + 36}" text-anchor="middle" font-size="12" fill="#333">seconds since the load started${markAtSec !== undefined ? ' (dashed: start of the RSS reference window; dots: after a forced GC)' : ''}</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
