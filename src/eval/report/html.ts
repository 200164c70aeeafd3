/**
 * The self-contained HTML report: inline CSS and SVG only (no scripts, fonts or external assets), so it opens
 * from disk anywhere. Caveats first, then the cost-vs-accuracy plot, the target table, per-category
 * breakdowns, the checks and the simulation's parameters.
 */
import { costPerThousand, frontierMark, ms, percent, recipeNote, sig3 } from './format.js';
import { colorOf, costAccuracySvg, esc, sweepSvg } from './svg.js';
import type { EvalReport, SweepReport } from './types.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#555;margin:0 0 12px}
.caveat{background:#fff6e0;border-left:4px solid #e0a800;padding:8px 12px;margin:8px 0}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{padding:5px 8px;border-bottom:1px solid #e4e4e4;text-align:right;white-space:nowrap}
th{background:#f5f5f5;font-weight:600}td:first-child,th:first-child,td.left{text-align:left}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace}
.kind{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.bar{position:relative}.bar span{position:relative;z-index:1}.bar i{position:absolute;left:0;top:3px;bottom:3px;background:#dbe7f5;z-index:0}
.ok{color:#1d7a35}.miss{color:#b42318}.na{color:#777}
svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}
svg .plot-area{fill:#fbfbfb;stroke:#ddd}svg .grid{stroke:#e8e8e8}svg .tick{fill:#666}svg .axis-title{fill:#333;font-weight:600}
svg .whisker{stroke-width:2;opacity:.55}svg .point{stroke:#fff;stroke-width:1.5}svg .on-frontier{stroke:#222;stroke-width:2}
svg .frontier{fill:none;stroke:#222;stroke-dasharray:5 4;stroke-width:1.2}svg .label{fill:#222;paint-order:stroke;stroke:#fbfbfb;stroke-width:3px;stroke-linejoin:round}svg .leader{stroke:#999;stroke-width:.8}
svg .series{fill:none;stroke-width:2}svg .dashed{stroke-dasharray:6 4}
`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}

function targetRows(report: EvalReport): string {
  return report.targets
    .map(
      (t) =>
        `<tr data-target="${esc(t.target)}"><td><span class="kind" style="background:${colorOf(t.kind)}"></span><code>${esc(t.target)}</code></td>` +
        `<td class="left">${esc(t.kind)}</td><td>${percent(t.accuracy)}</td><td>${percent(t.ci.low)}–${percent(t.ci.high)}</td>` +
        `<td>${costPerThousand(t.costPerItem)}</td><td>${sig3(t.callsPerItem)}</td><td>${ms(t.latencyP50Ms)}</td><td>${ms(t.latencyP99Ms)}</td>` +
        `<td>${t.failures}</td><td class="left">${esc(recipeNote(t))}</td><td>${frontierMark(t)}</td></tr>`,
    )
    .join('');
}

function categorySection(report: EvalReport): string {
  const categories = [...new Set(report.targets.flatMap((t) => Object.keys(t.byCategory)))].sort();
  const head = `<tr><th>target</th>${categories.map((c) => `<th>${esc(c)} (n=${report.dataset.categories[c] ?? '?'})</th>`).join('')}</tr>`;
  const rows = report.targets
    .map((t) => {
      const cells = categories.map((c) => {
        const a = t.byCategory[c];
        if (!a) return '<td>–</td>';
        const tip = `${percent(a.ci.low)}–${percent(a.ci.high)} (95% CI), ${a.correct}/${a.n}`;
        return `<td class="bar" title="${esc(tip)}"><i style="width:${(a.accuracy * 100).toFixed(1)}%"></i><span>${percent(a.accuracy)}</span></td>`;
      });
      return `<tr><td><code>${esc(t.target)}</code></td>${cells.join('')}</tr>`;
    })
    .join('');
  return `<h2>Per category</h2><table id="per-category">${head}${rows}</table>`;
}

function checksSection(report: EvalReport): string {
  if (report.checks.length === 0) return '';
  const items = report.checks
    .map((c) => {
      const [cls, mark] = c.passed === undefined ? ['na', 'not run'] : c.passed ? ['ok', 'met'] : ['miss', 'missed'];
      return `<li><strong class="${cls}">${mark}</strong>: <strong>${esc(c.name)}</strong>: ${esc(c.detail)}</li>`;
    })
    .join('');
  return `<h2>Checks</h2><ul id="checks">${items}</ul>`;
}

function simulationSection(report: EvalReport): string {
  const sim = report.simulation;
  if (!sim) return '';
  const rows = Object.entries(sim.models)
    .map(([name, m]) => `<tr><td><code>${esc(name)}</code></td><td class="left">${esc(Object.entries(m.accuracy).map(([c, a]) => `${c} ${percent(a, 0)}`).join(', '))}</td><td>${m.latencyMs}</td></tr>`)
    .join('');
  return (
    `<h2>Simulation</h2><p>ρ = ${sim.correlation}; seed ${sim.seed}; confidence N(${sim.confidence.correctMean}, ${sim.confidence.sd}) when right, ` +
    `N(${sig3(sim.confidence.correctMean - sim.confidence.gap)}, ${sim.confidence.sd}) when wrong (AUROC ≈ ${sim.impliedAuroc.toFixed(2)}); grader noise ${sim.graderNoise}.</p>` +
    `<table><tr><th>model</th><th>accuracy by category</th><th>median latency ms</th></tr>${rows}</table>`
  );
}

export function renderHtml(report: EvalReport): string {
  const categories = Object.entries(report.dataset.categories)
    .map(([c, n]) => `${esc(c)} ${n}`)
    .join(', ');
  const body = [
    `<h1>Consilium eval (${report.mode})</h1>`,
    `<p class="meta">${report.dataset.items} items from <code>${esc(report.dataset.file)}</code> (${categories}); config <code>${esc(report.config)}</code>; ${esc(report.generatedAt)}</p>`,
    ...report.caveats.map((c) => `<p class="caveat"><strong>Caveat.</strong> ${esc(c)}</p>`),
    '<h2>Cost vs accuracy</h2>',
    `<figure>${costAccuracySvg(report.targets)}<figcaption>Each point is a target; whiskers are 95% Wilson intervals; ★ and the dashed line mark the Pareto frontier (no target is both cheaper and more accurate).</figcaption></figure>`,
    '<h2>Targets</h2>',
    '<table id="targets"><tr><th>target</th><th>kind</th><th>accuracy</th><th>95% CI</th><th>cost / 1k items</th><th>calls / item</th><th>p50 ms</th><th>p99 ms</th><th>failures</th><th>escalation / fallback</th><th>frontier</th></tr>',
    targetRows(report),
    '</table>',
    '<p class="meta">A failed request counts as a wrong answer. Cost comes from the configured pricing: the recipe\'s own accounting, or usage × price for a routed answer.</p>',
    categorySection(report),
    checksSection(report),
    simulationSection(report),
  ].join('\n');
  return page(`Consilium eval (${report.mode})`, body);
}

export function renderSweepHtml(sweep: SweepReport): string {
  const rows = sweep.points
    .map((p) => {
      const cells = sweep.ensembles.map((e) => {
        const t = p.targets.find((x) => x.target === e);
        return `<td>${t ? `${percent(t.accuracy)} (${t.accuracy >= p.bestBaseline.accuracy ? '+' : ''}${((t.accuracy - p.bestBaseline.accuracy) * 100).toFixed(1)})` : '–'}</td>`;
      });
      return `<tr><td>${p.correlation}</td><td>${percent(p.bestBaseline.accuracy)} (<code>${esc(p.bestBaseline.target)}</code>)</td>${cells.join('')}</tr>`;
    })
    .join('');
  const body = [
    '<h1>ρ sweep: ensembles vs the best single model</h1>',
    `<p class="meta">${sweep.items} items per point; config <code>${esc(sweep.config)}</code>; ${esc(sweep.generatedAt)}</p>`,
    ...sweep.caveats.map((c) => `<p class="caveat"><strong>Caveat.</strong> ${esc(c)}</p>`),
    `<figure>${sweepSvg(sweep)}</figure>`,
    `<table id="sweep"><tr><th>ρ</th><th>best single</th>${sweep.ensembles.map((e) => `<th><code>${esc(e)}</code></th>`).join('')}</tr>${rows}</table>`,
    '<p class="meta">Cells: accuracy (gain over the best single model, in points).</p>',
  ].join('\n');
  return page('Consilium eval: ρ sweep', body);
}
