/**
 * One eval session: reads the eval file or config and the dataset, starts the simulated panel (when the
 * file has a simulation), Consilium and the gateway, runs the items against the targets, and writes
 * report.json, report.md and report.html. `sweep` reruns the ensemble targets at several ρ on the same stack.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHttpBackends, type HttpBackends } from '../backends/http.js';
import { PACKAGE_ROOT } from '../config/paths.js';
import type { ConsiliumConfig } from '../config/types.js';
import type { SimBackend } from '../dev/sim-backend.js';
import type { Logger } from '../observability/logger.js';
import { aggregate } from './aggregate.js';
import { evaluateChecks } from './checks.js';
import { createGatewayClient, type GatewayClient } from './client.js';
import { loadDataset, sampleItems, type EvalItem } from './dataset.js';
import { EvalInputError } from './errors.js';
import { createJudge, type Judge } from './judge.js';
import type { ProgressSink } from './progress.js';
import { buildReport, buildSweepReport } from './report/build.js';
import { renderHtml, renderSweepHtml } from './report/html.js';
import { renderMarkdown, renderSweepMarkdown } from './report/markdown.js';
import type { EvalReport, SweepReport } from './report/types.js';
import { fingerprintOf, ResultStore, RESULTS_FILE } from './results.js';
import { runEval } from './runner.js';
import { buildConsiliumConfig, readEvalFile, resolveTargets, type EvalFile } from './setup.js';
import { SIMULATION_RULES_VERSION } from './sim/draws.js';
import { withCorrelation, type SimParams } from './sim/params.js';
import { createSimResponder } from './sim/responder.js';
import { startEvalStack, type EvalStack } from './stack.js';

export const DEFAULT_EVAL_FILE = path.join(PACKAGE_ROOT, 'config', 'eval.sim.yaml');
export const DEFAULT_CORRELATIONS: readonly number[] = Object.freeze([0, 0.25, 0.5, 0.75, 1]);

export interface SessionOptions {
  /** An eval file or a plain Consilium config; the bundled simulation when unset. */
  readonly configFile?: string;
  /** Overrides the file's `dataset:`. Required for a plain Consilium config. */
  readonly datasetFile?: string;
  readonly targets?: readonly string[];
  readonly judge?: string;
  readonly outDir: string;
  readonly concurrency: number;
  /** Run a balanced subset of this many items. */
  readonly limit?: number;
  /** Overrides the simulation's ρ. */
  readonly correlation?: number;
  /** Forget earlier results in the out dir. */
  readonly fresh?: boolean;
  readonly logger: Logger;
  readonly progress?: ProgressSink | false;
  /** Client-side limit per request (default: the config's message timeout plus 30 s). */
  readonly timeoutMs?: number;
}

export interface EvaluateResult {
  readonly report: EvalReport;
  readonly files: { readonly json: string; readonly markdown: string; readonly html: string };
  readonly sent: number;
  readonly skipped: number;
}

interface Session {
  readonly file: EvalFile;
  readonly datasetFile: string;
  readonly items: readonly EvalItem[];
  readonly config: ConsiliumConfig;
  readonly targets: readonly string[];
  readonly judgeName: string | undefined;
  readonly judge: Judge | undefined;
  readonly sim: SimBackend | undefined;
  readonly params: SimParams | undefined;
  readonly client: GatewayClient;
  close(): Promise<void>;
}

async function openSession(options: SessionOptions): Promise<Session> {
  const file = await readEvalFile(options.configFile ?? DEFAULT_EVAL_FILE);
  const datasetFile = options.datasetFile ? path.resolve(options.datasetFile) : file.dataset;
  if (!datasetFile) throw new EvalInputError('no dataset: pass --dataset FILE.jsonl (or set `dataset:` in the eval file)');
  const items = sampleItems(await loadDataset(datasetFile), options.limit);
  const params = file.simulation && options.correlation !== undefined ? withCorrelation(file.simulation, options.correlation) : file.simulation;
  const judgeName = options.judge ?? file.judge;
  const freeItems = items.filter((i) => i.answerType === 'free').length;
  if (freeItems > 0 && judgeName === undefined) throw new EvalInputError(`the dataset has ${freeItems} free-form items: name a judge model (--judge MODEL or judge: in the eval file)`);

  // Fail on a bad config or target before starting anything (the panel URL is a placeholder here).
  resolveTargets(buildConsiliumConfig(file, 'http://127.0.0.1:9/v1'), options.targets ?? file.targets, judgeName);
  const closers: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const stack: EvalStack = await startEvalStack(file, items, params, options.logger);
    closers.push(() => stack.close());
    const config = stack.config;
    const targets = resolveTargets(config, options.targets ?? file.targets, judgeName);
    let judge: Judge | undefined;
    if (judgeName !== undefined && freeItems > 0) {
      const backends: HttpBackends = createHttpBackends(config, { logger: options.logger });
      closers.push(() => backends.close());
      judge = createJudge(backends, judgeName);
    }
    const client = createGatewayClient({
      gatewayUrl: stack.gatewayUrl,
      config,
      connections: options.concurrency,
      timeoutMs: options.timeoutMs ?? config.server.messageTimeoutMs + 30_000,
    });
    closers.push(() => client.close());
    return { file, datasetFile, items, config, targets, judgeName, judge, sim: stack.panel, params, client, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function runInto(session: Session, options: SessionOptions, outDir: string, params: SimParams | undefined, label: string) {
  if (options.fresh) await rm(path.join(outDir, RESULTS_FILE), { force: true });
  const simulation = params ? { rules: SIMULATION_RULES_VERSION, ...params, models: [...params.models] } : null;
  const fingerprint = fingerprintOf([session.file.consilium, simulation, session.judgeName ?? null, await classifierStamp(session.config)]);
  const store = await ResultStore.open(outDir, fingerprint);
  const run = await runEval({
    items: session.items,
    targets: session.targets,
    send: (target, item, requestId) => session.client.send(target, item, requestId),
    store,
    config: session.config,
    concurrency: options.concurrency,
    ...(session.judge ? { judge: session.judge } : {}),
    label,
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
  });
  // The panel's request log only serves debugging; keep memory flat across long runs.
  session.sim?.clear();
  return { run, stats: aggregate(run.results, session.targets, session.config) };
}

/** Size and mtime of the classifier's model file: a retrained model invalidates earlier results. */
async function classifierStamp(config: ConsiliumConfig): Promise<string | null> {
  for (const file of ['model.onnx', path.join('onnx', 'model.onnx')]) {
    const info = await stat(path.join(config.classifier.modelDir, file)).catch(() => undefined);
    if (info) return `${info.size}:${Math.round(info.mtimeMs)}`;
  }
  return null;
}

export async function evaluate(options: SessionOptions): Promise<EvaluateResult> {
  const session = await openSession(options);
  try {
    const { run, stats } = await runInto(session, options, options.outDir, session.params, 'eval');
    const report = buildReport({
      file: session.file,
      datasetFile: session.datasetFile,
      items: session.items,
      stats,
      checks: evaluateChecks(session.file.checks, stats),
      params: session.params,
      judge: session.judgeName,
      failures: run.results.filter((r) => !r.ok).length,
    });
    const files = await writeReport(options.outDir, report);
    return { report, files, sent: run.sent, skipped: run.skipped };
  } finally {
    await session.close();
  }
}

export interface SweepOptions extends SessionOptions {
  readonly correlations?: readonly number[];
}

export interface SweepResult {
  readonly sweep: SweepReport;
  readonly files: { readonly json: string; readonly markdown: string; readonly html: string };
}

/** Runs the targets at each ρ (models are the baselines, virtual models the ensembles) and compares. */
export async function sweep(options: SweepOptions): Promise<SweepResult> {
  const file = await readEvalFile(options.configFile ?? DEFAULT_EVAL_FILE);
  if (!file.simulation) throw new EvalInputError('--rho-sweep needs an eval file with a simulation: section');
  const targets = options.targets ?? file.sweep.targets ?? file.targets;
  const session = await openSession({ ...options, ...(targets ? { targets } : {}) });
  try {
    if (!session.params || !session.sim) throw new EvalInputError('--rho-sweep needs an eval file with a simulation: section');
    const correlations = options.correlations ?? file.sweep.correlations ?? DEFAULT_CORRELATIONS;
    const points: { correlation: number; stats: Awaited<ReturnType<typeof aggregate>> }[] = [];
    for (const correlation of correlations) {
      const params = withCorrelation(session.params, correlation);
      session.sim.setResponder(createSimResponder({ params, items: session.items }));
      const { stats } = await runInto(session, options, path.join(options.outDir, `rho-${correlation}`), params, `ρ=${correlation}`);
      points.push({ correlation, stats });
    }
    const report = buildSweepReport({ file: session.file, items: session.items.length, config: session.config, targets: session.targets, points });
    await mkdir(options.outDir, { recursive: true });
    const files = {
      json: path.join(options.outDir, 'sweep.json'),
      markdown: path.join(options.outDir, 'sweep.md'),
      html: path.join(options.outDir, 'sweep.html'),
    };
    await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(files.markdown, renderSweepMarkdown(report));
    await writeFile(files.html, renderSweepHtml(report));
    return { sweep: report, files };
  } finally {
    await session.close();
  }
}

async function writeReport(outDir: string, report: EvalReport): Promise<EvaluateResult['files']> {
  await mkdir(outDir, { recursive: true });
  const files = { json: path.join(outDir, 'report.json'), markdown: path.join(outDir, 'report.md'), html: path.join(outDir, 'report.html') };
  await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(files.markdown, renderMarkdown(report));
  await writeFile(files.html, renderHtml(report));
  return files;
}
