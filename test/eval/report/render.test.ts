import { describe, expect, it } from 'vitest';
import { renderHtml, renderSweepHtml } from '../../../src/eval/report/html.js';
import { renderMarkdown, renderSweepMarkdown } from '../../../src/eval/report/markdown.js';
import { SIMULATION_CAVEAT } from '../../../src/eval/report/build.js';
import type { SweepReport } from '../../../src/eval/report/types.js';
import { SAMPLE_TARGETS, sampleReport } from './sample.js';

const report = sampleReport();

describe('the report object', () => {
  it('leads with the simulation and judge caveats', () => {
    expect(report.mode).toBe('simulation');
    expect(report.caveats[0]).toBe(SIMULATION_CAVEAT);
    expect(report.caveats[1]).toMatch(/20 free-form items were graded by the judge model judge-model .* not counted in any target's cost/);
    expect(report.dataset).toMatchObject({ items: 20, categories: { units: 10, facts: 10 } });
    expect(report.simulation?.impliedAuroc).toBeCloseTo(0.8, 2);
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(report);
  it('has one table row per target, the frontier marked, and the checks', () => {
    for (const t of SAMPLE_TARGETS) expect(md).toContain(`| \`${t}\` |`);
    expect(md).toMatch(/\| `big` \| model \| 90\.0% \(69\.9%–97\.2%\) \| \$1\.50 \| 1\.00 \|.*\| ★ \|/);
    expect(md).toMatch(/\| `consilium\/cascade` \| confidence \| 85\.0% .* \| \$0\.500 \|/);
    expect(md).toContain('> **Caveat.** This is a simulated run.');
    expect(md).toContain("- ❌ missed: **cascade keeps big**: consilium/cascade keeps 94.4% of big's accuracy (needs ≥ 95.0%)");
  });
});

describe('renderHtml', () => {
  const html = renderHtml(report);
  it('is self-contained: no scripts, no external assets', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html.match(/https?:\/\/[^"'\s]+/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('plots one point per target and escapes names', () => {
    expect(html.match(/<circle class="point/g)).toHaveLength(SAMPLE_TARGETS.length);
    expect(html).toContain('id="cost-accuracy-plot"');
    expect(html).toContain('consilium/&lt;odd&gt;&amp;&quot;name&quot;');
    expect(html).not.toContain('<odd>');
    expect(html).toContain('id="per-category"');
    expect(html).toContain('missed</strong>: <strong>cascade keeps big</strong>');
  });
});

describe('the sweep report', () => {
  const sweep: SweepReport = {
    generatedAt: 'now',
    config: 'c.yaml',
    items: 10,
    baselines: ['a', 'b'],
    ensembles: ['consilium/vote'],
    points: [0, 1].map((correlation) => ({
      correlation,
      targets: [{ target: 'consilium/vote', accuracy: 0.9 - correlation * 0.05, low: 0.5, high: 0.99, costPerItem: 0.001 }],
      bestBaseline: { target: 'b', accuracy: 0.8 },
    })),
    caveats: ['simulated'],
  };
  it('shows the gain over the best single model per ρ', () => {
    const md = renderSweepMarkdown(sweep);
    expect(md).toContain('| 0 | 80.0% (b) | 90.0% (+10.0) |');
    expect(md).toContain('| 1 | 80.0% (b) | 85.0% (+5.0) |');
    const html = renderSweepHtml(sweep);
    expect(html).toContain('id="rho-sweep-plot"');
    expect(html.match(/<polyline class="series/g)).toHaveLength(2);
  });
});
