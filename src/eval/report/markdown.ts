/** The report as markdown: the caveats, the per-target table (★ marks the Pareto frontier), the checks. */
import { costPerThousand, frontierMark, ms, percent, recipeNote, sig3 } from './format.js';
import type { EvalReport, SweepReport } from './types.js';

export function targetTable(report: Pick<EvalReport, 'targets'>): string {
  const head = '| target | kind | accuracy (95% CI) | cost / 1k items | calls / item | p50 ms | p99 ms | failures | escalation / fallback | frontier |';
  const rule = '|---|---|---|---:|---:|---:|---:|---:|---|:---:|';
  const rows = report.targets.map((t) =>
    [
      `\`${t.target}\``,
      t.kind,
      `${percent(t.accuracy)} (${percent(t.ci.low)}–${percent(t.ci.high)})`,
      costPerThousand(t.costPerItem),
      sig3(t.callsPerItem),
      ms(t.latencyP50Ms),
      ms(t.latencyP99Ms),
      String(t.failures),
      recipeNote(t),
      frontierMark(t),
    ].join(' | '),
  );
  return [head, rule, ...rows.map((r) => `| ${r} |`)].join('\n');
}

export function categoryTable(report: Pick<EvalReport, 'targets'>): string {
  const categories = [...new Set(report.targets.flatMap((t) => Object.keys(t.byCategory)))].sort();
  const head = `| target | ${categories.join(' | ')} |`;
  const rule = `|---|${categories.map(() => '---:').join('|')}|`;
  const rows = report.targets.map((t) => `| \`${t.target}\` | ${categories.map((c) => (t.byCategory[c] ? percent(t.byCategory[c].accuracy) : '–')).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export function renderMarkdown(report: EvalReport): string {
  const lines = [
    `# Consilium eval (${report.mode})`,
    '',
    `${report.dataset.items} items from \`${report.dataset.file}\` (${Object.entries(report.dataset.categories)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}); config \`${report.config}\`; ${report.generatedAt}.`,
    '',
    ...report.caveats.flatMap((c) => [`> **Caveat.** ${c}`, '']),
    targetTable(report),
    '',
    'Accuracy counts a failed request as wrong. Cost is per 1,000 items, from the configured pricing. ★: on the cost-vs-accuracy Pareto frontier; otherwise the accuracy gap to the best target that costs no more.',
    '',
    '## Per category',
    '',
    categoryTable(report),
  ];
  if (report.checks.length > 0) {
    lines.push('', '## Checks', '');
    for (const check of report.checks) lines.push(`- ${check.passed === undefined ? '➖ not run' : check.passed ? '✅ met' : '❌ missed'}: **${check.name}**: ${check.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderSweepMarkdown(sweep: SweepReport): string {
  const head = `| ρ | best single (${sweep.baselines.join(', ')}) | ${sweep.ensembles.map((e) => `\`${e}\``).join(' | ')} |`;
  const rule = `|---:|---:|${sweep.ensembles.map(() => '---:').join('|')}|`;
  const rows = sweep.points.map((p) => {
    const cells = sweep.ensembles.map((e) => {
      const t = p.targets.find((x) => x.target === e);
      if (!t) return '–';
      const gain = (t.accuracy - p.bestBaseline.accuracy) * 100;
      return `${percent(t.accuracy)} (${gain >= 0 ? '+' : ''}${gain.toFixed(1)})`;
    });
    return `| ${p.correlation} | ${percent(p.bestBaseline.accuracy)} (${p.bestBaseline.target}) | ${cells.join(' | ')} |`;
  });
  return [
    `# ρ sweep: ensembles vs the best single model`,
    '',
    `${sweep.items} items per point; config \`${sweep.config}\`; ${sweep.generatedAt}.`,
    '',
    ...sweep.caveats.flatMap((c) => [`> **Caveat.** ${c}`, '']),
    head,
    rule,
    ...rows,
    '',
    'Cells: accuracy (gain over the best single model, in points).',
    '',
  ].join('\n');
}
