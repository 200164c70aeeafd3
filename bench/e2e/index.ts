/**
 * Part 3, `e2e`: the `openai` SDK against the simulated backends, non-streaming, short answers, zero backend
 * latency, along three paths: directly; through the dev gateway (Envoy stand-in, configured from the generated
 * bootstrap) with the bench's minimal ext_proc router (sets the cluster header, nothing else); and through
 * the gateway with Consilium (`consilium/auto`, keyword decisions). Every server is its own process; the client
 * runs here. Paths alternate window by window; added latency is the difference of percentiles, so
 * "Consilium vs minimal router" isolates Consilium from the gateway's own cost.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { startChild, type Child } from '../lib/child.js';
import { BenchRunError } from '../lib/errors.js';
import type { BenchResult, PartOptions } from '../lib/result.js';
import { percentile } from '../lib/stats.js';
import { fixed, formatTable } from '../lib/table.js';
import { SIM_ANSWER, type SimsInfo } from './sims.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const E2E_CONCURRENCY = [1, 32] as const;

function e2eConfigYaml(sims: SimsInfo): string {
  return `
server: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, drain_timeout_ms: 1000 }
models:
  small: { model: sim-small, base_url: ${sims.small.baseURL}, pricing: { input: 0.1, output: 0.3 } }
  big: { model: sim-big, base_url: ${sims.big.baseURL}, pricing: { input: 2.5, output: 10 } }
signals:
  keywords:
    code: { words: [python, typescript, function, compile, regex], phrases: [stack trace] }
decisions:
  - { name: code, priority: 20, when: { keyword: code }, model: big }
  - { name: default, default: true, model: small }
`;
}

interface WindowResult {
  readonly latenciesMs: number[];
  readonly completed: number;
  readonly errors: number;
  readonly firstError: string | undefined;
}

const MESSAGES = [{ role: 'user' as const, content: 'What is the capital of France? One word.' }];

/** `concurrency` callers, each sending its next request when the previous answer arrived. */
async function measureWindow(client: OpenAI, model: string, concurrency: number, warmupMs: number, durationMs: number): Promise<WindowResult> {
  const windowStart = performance.now() + warmupMs;
  const windowEnd = windowStart + durationMs;
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const caller = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      const started = performance.now();
      try {
        const answer = await client.chat.completions.create({ model, messages: MESSAGES, max_tokens: 16 });
        const content = answer.choices[0]?.message.content;
        if (content !== SIM_ANSWER) throw new BenchRunError(`unexpected answer ${JSON.stringify(content)}`);
        const ended = performance.now();
        if (ended >= windowStart && ended <= windowEnd) latenciesMs.push(ended - started);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { latenciesMs, completed: latenciesMs.length, errors, firstError };
}

/** One request along a path before measuring it: the right answer, and Consilium's metadata when expected. */
async function checkPath(name: string, client: OpenAI, model: string, header: string | undefined): Promise<void> {
  try {
    const { data, response } = await client.chat.completions.create({ model, messages: MESSAGES, max_tokens: 16 }).withResponse();
    if (data.choices[0]?.message.content !== SIM_ANSWER) throw new BenchRunError(`answered ${JSON.stringify(data.choices[0]?.message.content)}`);
    if (header && !response.headers.get(header)) throw new BenchRunError(`no ${header} header in the answer`);
  } catch (error) {
    throw new BenchRunError(`e2e ${name} path fails: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

type PathName = 'direct' | 'router' | 'consilium';

const PATH_LABELS: Readonly<Record<PathName, string>> = {
  direct: 'direct to backend',
  router: 'gateway + minimal ext_proc router',
  consilium: 'gateway + Consilium',
};

export async function run(options: PartOptions): Promise<BenchResult> {
  const timing = options.quick ? { warmupMs: 200, durationMs: 800, rounds: 1 } : { warmupMs: 400, durationMs: 1_500, rounds: 3 };
  const started: Child[] = [];
  const launch = async <T>(script: string, name: string, args: unknown[] = []): Promise<Child<T>> => {
    const child = await startChild<T>(script, { name, args: args.map((a) => JSON.stringify(a)) });
    started.push(child);
    return child;
  };
  try {
    const sims = await launch<SimsInfo>(path.join(here, 'sims.ts'), 'simulated backends');
    const yaml = e2eConfigYaml(sims.info);
    const consilium = await launch<{ port: number }>(path.join(here, '..', 'extproc', 'consilium-server.ts'), 'consilium', [{ yaml, baseDir: PACKAGE_ROOT }]);
    const router = await launch<{ port: number }>(path.join(here, '..', 'extproc', 'floor-server.ts'), 'minimal router', [{ routeTo: 'small' }]);
    const consiliumGateway = await launch<{ url: string }>(path.join(here, 'gateway.ts'), 'dev gateway (Consilium)', [{ yaml, baseDir: PACKAGE_ROOT, extProcPort: consilium.info.port }]);
    const routerGateway = await launch<{ url: string }>(path.join(here, 'gateway.ts'), 'dev gateway (router)', [{ yaml, baseDir: PACKAGE_ROOT, extProcPort: router.info.port }]);

    const openai = (baseURL: string): OpenAI => new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0, timeout: 30_000 });
    const paths: readonly { name: PathName; client: OpenAI; model: string }[] = [
      { name: 'direct', client: openai(sims.info.small.baseURL), model: 'sim-small' },
      { name: 'router', client: openai(`${routerGateway.info.url}/v1`), model: 'sim-small' },
      { name: 'consilium', client: openai(`${consiliumGateway.info.url}/v1`), model: 'consilium/auto' },
    ];
    for (const p of paths) await checkPath(PATH_LABELS[p.name], p.client, p.model, p.name === 'consilium' ? 'x-consilium-decision' : undefined);

    const rows: Row[] = [];
    for (const concurrency of E2E_CONCURRENCY) {
      const windows = new Map<PathName, WindowResult[]>(paths.map((p) => [p.name, []]));
      for (let round = 0; round < timing.rounds; round++) {
        for (const p of paths) windows.get(p.name)?.push(await measureWindow(p.client, p.model, concurrency, timing.warmupMs, timing.durationMs));
        await sims.call('clear');
      }
      const stats = (name: PathName): PathStats => pathStats(windows.get(name) ?? [], timing.durationMs * timing.rounds);
      const row: Row = { concurrency, direct: stats('direct'), router: stats('router'), consilium: stats('consilium') };
      rows.push(row);
      options.log(
        `e2e: c${concurrency}: p50 direct ${row.direct.p50.toFixed(2)} ms, minimal router ${row.router.p50.toFixed(2)} ms, Consilium ${row.consilium.p50.toFixed(2)} ms`,
      );
    }
    return report(rows, timing);
  } finally {
    await Promise.allSettled(started.reverse().map((child) => child.stop()));
  }
}

interface PathStats {
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  readonly errors: number;
  readonly firstError: string | undefined;
}

interface Row {
  readonly concurrency: number;
  readonly direct: PathStats;
  readonly router: PathStats;
  readonly consilium: PathStats;
}

function pathStats(windows: readonly WindowResult[], totalMs: number): PathStats {
  const latencies = windows.flatMap((w) => w.latenciesMs);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / (totalMs / 1000),
    errors: windows.reduce((n, w) => n + w.errors, 0),
    firstError: windows.find((w) => w.firstError)?.firstError,
  };
}

function report(rows: readonly Row[], timing: { warmupMs: number; durationMs: number; rounds: number }): BenchResult {
  const figures: Record<string, number> = {};
  const names: readonly PathName[] = ['direct', 'router', 'consilium'];
  for (const row of rows) {
    const c = `c${row.concurrency}`;
    for (const name of names) {
      Object.assign(figures, {
        [`${name}.${c}.p50_ms`]: row[name].p50,
        [`${name}.${c}.p99_ms`]: row[name].p99,
        [`${name}.${c}.per_s`]: row[name].perSecond,
        [`${name}.${c}.errors`]: row[name].errors,
      });
    }
    Object.assign(figures, {
      [`added_vs_direct.${c}.p50_ms`]: row.consilium.p50 - row.direct.p50,
      [`added_vs_direct.${c}.p99_ms`]: row.consilium.p99 - row.direct.p99,
      [`added_vs_router.${c}.p50_ms`]: row.consilium.p50 - row.router.p50,
      [`added_vs_router.${c}.p99_ms`]: row.consilium.p99 - row.router.p99,
    });
  }
  const header = ['conc', 'path', 'p50 ms', 'p99 ms', 'req/s', 'added vs direct p50 / p99 ms', 'Consilium vs minimal router p50 / p99 ms', 'errors'];
  const table = formatTable(
    header,
    rows.flatMap((r) =>
      names.map((name) => [
        String(r.concurrency),
        PATH_LABELS[name],
        fixed(r[name].p50),
        fixed(r[name].p99),
        fixed(r[name].perSecond, 0),
        name === 'direct' ? '' : `${fixed(r[name].p50 - r.direct.p50)} / ${fixed(r[name].p99 - r.direct.p99)}`,
        name === 'consilium' ? `${fixed(r.consilium.p50 - r.router.p50)} / ${fixed(r.consilium.p99 - r.router.p99)}` : '',
        String(r[name].errors),
      ]),
    ),
    { textColumns: 2 },
  );
  const notes = [
    `${timing.rounds} alternating round(s) per path and concurrency, ${timing.durationMs} ms each after ${timing.warmupMs} ms warm-up. Client: openai SDK (Node fetch, keep-alive), maxRetries 0.`,
    'Gateway + Consilium: 4 ext_proc messages per request (request headers, body, response headers, then the JSON response body Consilium asks for to account usage). The minimal router answers the 3 default phases and sets only x-consilium-cluster.',
    'The dev gateway is a Node imitation of Envoy (node:http + grpc-js); real Envoy adds less than it does, so "added vs direct" overstates Envoy + Consilium. "Consilium vs minimal router" is Consilium\'s own share.',
    ...rows.flatMap((r) => names.filter((n) => r[n].errors > 0).map((n) => `c${r.concurrency} ${PATH_LABELS[n]}: ${r[n].errors} errors, first: ${r[n].firstError}`)),
  ];
  return { name: 'e2e', table, figures, notes };
}
