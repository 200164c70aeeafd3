/** Renders REPORT.md from one run's results: pass lines first, then each suite's figures, then the findings. */
import * as grpc from '@grpc/grpc-js';
import { isRecipeRow } from '../faults/run-faults.js';
import { CALL_TIMEOUT_MS, MESSAGE_TIMEOUT_MS } from '../faults/stack.js';
import { RE2_SIZES, V8_SIZES } from '../redos/run-redos.js';
import { mib, ms, pct } from '../stats.js';
import { FIXED, OPEN } from './findings.js';
import { passLines } from './pass-lines.js';
import type { ReliabilityResults } from './types.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function statusName(code: string): string {
  return code === 'HUNG' ? 'no status (hung)' : (grpc.status[Number(code)] ?? code);
}

function fuzzSection(r: ReliabilityResults): string {
  const f = r.fuzz;
  const statuses = Object.entries(f.statuses).sort((a, b) => b[1] - a[1]);
  return [
    '## 1. Protocol fuzzing of the ext_proc server',
    '',
    'Scenarios start from valid Envoy conversations (chat routes, tail-calls, recipes, /v1/models, completions, embeddings, wrong methods, trailers) and apply 0–4 mutations: phases dropped, duplicated, swapped or inserted; empty messages; hostile headers (none, 2,000, 256 KiB, invalid UTF-8 in raw_value, CRLF, spoofed x-consilium-*); hostile bodies (truncated JSON, 30,000-deep nesting, wrong types, unicode edge cases, invalid UTF-8, 0 bytes, at and just over max_body_bytes, random bytes); end_of_stream flipped; observability mode; a message just over the 4 MiB gRPC limit; corrupted wire bytes. Clients behave like Envoy (lockstep), pipeline without waiting, half-close early, or cancel mid-phase. Generated with fast-check from fixed seeds; the server runs in a child process.',
    '',
    table(
      ['figure', 'value'],
      [
        ['sequences', f.sequences.toLocaleString('en')],
        ['messages sent', f.messages.toLocaleString('en')],
        ['throughput', `${Math.round(f.sequencesPerSecond).toLocaleString('en')} sequences/s (32 concurrent streams)`],
        ['crashes (child exits)', String(f.crashes)],
        ['unhandled rejections / uncaught exceptions', `${f.unhandledRejections} / ${f.uncaughtExceptions}`],
        ['failing streams (invalid answer, bad status, hang)', String(f.failures.reduce((n, x) => n + x.count, 0))],
        ['heap after GC: baseline → after', `${mib(f.baseline.heapUsed)} → ${mib(f.after.heapUsed)}`],
        ['RSS: baseline → after', `${mib(f.baseline.rss)} → ${mib(f.after.rss)} (the allocator keeps freed pages; the heap is the measure)`],
        ['ext_proc streams open after / open handles', `${f.after.activeStreams} / ${f.baseline.handles} → ${f.after.handles}`],
      ],
    ),
    '',
    'How the streams ended:',
    '',
    table(['gRPC status', 'streams'], statuses.map(([code, n]) => [statusName(code), n.toLocaleString('en')])),
    '',
    'CANCELLED streams were cancelled by the client; INVALID_ARGUMENT is the server refusing a phase out of order; INTERNAL occurs only for corrupted bytes that do not decode as a ProcessingRequest (grpc-js answers "Error deserializing request"); RESOURCE_EXHAUSTED only for the message over the limit.',
    '',
    f.failures.length === 0 ? 'Distinct failures in this run: none.' : table(['count', 'failure', 'first scenario'], f.failures.map((x) => [String(x.count), x.problem, x.example])),
    ...(f.faults.length > 0 ? ['', 'Faults reported by the child:', '', ...f.faults.map((x) => `- \`${x}\``)] : []),
  ].join('\n');
}

function faultsSection(r: ReliabilityResults): string {
  const out = [
    '## 2. Fault injection with the simulated backends',
    '',
    `Three simulated backends (alpha, beta, gamma), each behind a fault proxy, a recipe of every type, single routing through the gateway. Per scenario: ${r.faults.scenarios[0]?.targets.reduce((n, t) => n + t.requests, 0) ?? 0} requests, ${r.faults.concurrency} at a time, prompts varied so auto picks different recipes; half the single-routing requests stream. Recipe deadline ${r.faults.deadlineMs} ms, per-call timeout ${CALL_TIMEOUT_MS} ms, Envoy message (and route) timeout ${MESSAGE_TIMEOUT_MS} ms. Each scenario starts on a fresh stack. Error rates are the simulated backends' own seeded 500s; the other faults are injected by the proxies at 30%. "Fallback" counts answers whose x-consilium-reason says a fallback was used. auto→route rows are auto's easy requests, which it hands to one model as a plain Route (no in-process retry). Single routing has no retry but Envoy's connect-failure retry, so its success rate follows the fault rate. At 60% errors the circuit breaker opens as designed (16 of a model's last 20 attempts failed): recipes whose every path needs a cooled model fail fast until its cooldown ends (workflows here: its planner and finalizer are the same model).`,
    '',
  ];
  for (const s of r.faults.scenarios) {
    out.push(`### ${s.scenario.name}${s.scenario.gated ? ' (gated: recipes ≥ 99%)' : ''}`);
    out.push('');
    out.push(
      `Backend requests ${s.backendRequests.toLocaleString('en')}, faults injected ${s.injected.toLocaleString('en')}, closed by the caller before the answer ${s.closedByClient}` +
        (s.hung > 0 ? `; hung ${s.hung}, of which closed by the caller ${s.hungClosed}, longest open ${ms(s.hungMaxOpenMs)}` : '') +
        `; left open after the scenario ${s.leftOpen}.`,
    );
    out.push('');
    out.push(
      table(
        ['target', 'requests', 'success', 'fallback', 'p50', 'p99', 'max', 'over deadline', 'errors seen'],
        s.targets
          .filter((t) => t.requests > 0)
          .map((t) => [
            isRecipeRow(t.target) ? t.target : `${t.target} (routed)`,
            String(t.requests),
            pct(t.successRate),
            pct(t.fallbackRate),
            ms(t.p50Ms),
            ms(t.p99Ms),
            ms(t.maxMs),
            isRecipeRow(t.target) ? String(t.overDeadline) : '—',
            t.problems.join('; ').slice(0, 160) || '—',
          ]),
      ),
    );
    out.push('');
  }
  const c = r.faults.cancel;
  out.push(`Client gone mid-recipe: ${c.inFlight} backend calls were in flight when 6 clients disconnected; ${c.closed} were closed by Consilium, the last ${ms(c.maxCloseMs)} after the disconnect.`);
  return out.join('\n');
}

function loadSection(r: ReliabilityResults): string {
  const l = r.load;
  const collected = l.samples.filter((s) => s.afterGc);
  const perMinute = collected.length > 0 ? collected : l.samples.filter((s, i) => i === l.samples.length - 1 || Math.floor(s.atSec / 60) !== Math.floor((l.samples[i + 1]?.atSec ?? 0) / 60));
  return [
    '## 3. Load and soak through the dev gateway',
    '',
    `${l.concurrency} concurrent clients (undici Agent, ${l.concurrency + 16} connections) for ${Math.round(l.durationSec)} s; the simulated backends, Consilium and the gateway run in one child process, the load generator in this one. Mix by weight: 45% auto-routed, 15% routed streaming, 10% explicit model, 24% non-streaming recipes (fusion, confidence, workflows), 6% streaming remom (tail-call).`,
    '',
    table(
      ['figure', 'value'],
      [
        ['requests', l.requests.toLocaleString('en')],
        ['throughput', `${Math.round(l.throughput).toLocaleString('en')} requests/s`],
        ['latency p50 / p99', `${ms(l.p50Ms)} / ${ms(l.p99Ms)}`],
        ['errors', `${l.errors}${Object.keys(l.errorKinds).length > 0 ? `: ${Object.entries(l.errorKinds).map(([k, n]) => `${n}× ${k}`).join('; ')}` : ''}`],
        [
          `mean RSS ${Math.round(l.rssReference.fromSec)}–${Math.round(l.rssReference.toSec)} s → ${Math.round(l.rssEnd.fromSec)}–${Math.round(l.rssEnd.toSec)} s`,
          `${mib(l.rssReference.bytes)} → ${mib(l.rssEnd.bytes)} (${pct(l.rssGrowth)})`,
        ],
        ['open handles: baseline → after', `${l.handlesBaseline} → ${l.handlesAfter} (settled ${l.settleSec.toFixed(1)} s after the load)`],
        ['ext_proc streams open after', String(l.streamsAfter)],
      ],
    ),
    '',
    table(
      ['kind', 'requests', 'p50', 'p99'],
      Object.entries(l.byKind).map(([kind, k]) => [kind, k.requests.toLocaleString('en'), ms(k.p50Ms), ms(k.p99Ms)]),
    ),
    '',
    `![RSS and throughput over the soak](${r.chartFile})`,
    '',
    table(
      ['t (s)', 'RSS', 'heap used', 'after GC', 'req/s', 'p50', 'p99', 'errors', 'streams'],
      perMinute.map((s) => [
        String(Math.round(s.atSec)),
        mib(s.rssBytes),
        mib(s.heapUsedBytes),
        s.afterGc ? 'yes' : 'no',
        String(Math.round(s.throughput)),
        ms(s.p50Ms),
        ms(s.p99Ms),
        String(s.errors),
        String(s.activeStreams),
      ]),
    ),
  ].join('\n');
}

function checksTable(r: ReliabilityResults, file: string): string {
  const checks = r.checks.filter((c) => c.file.includes(file));
  return table(['check', 'result'], checks.map((c) => [c.name, c.passed ? 'pass' : `FAIL: ${(c.message ?? '').slice(0, 200)}`]));
}

function securitySection(r: ReliabilityResults): string {
  const d = r.redos;
  return [
    '## 4. Security',
    '',
    'Each check is a test in `test/reliability/security.test.ts` and `test/reliability/redos.test.ts` (run here and in `npm test`).',
    '',
    checksTable(r, 'security'),
    '',
    r.metrics.lines > 0
      ? `The admin /metrics answer (${r.metrics.lines} lines) was included in the key check.`
      : 'The admin /metrics endpoint still answers an empty body in this build: the key check covered logs, client-visible errors and response headers, and reads /metrics too, so it will cover metric labels once they are wired.',
    '',
    'What an adversarial backend that echoes its whole input can get to the client is described, with the limits, in [docs/security.md](../docs/security.md).',
    '',
    '### ReDoS',
    '',
    checksTable(r, 'redos'),
    '',
    `Milliseconds per match on RE2 (re2js) as Consilium runs keyword regexes, adversarial input of n characters (prompts are scanned up to ${RE2_SIZES.at(-1)!.toLocaleString('en')} characters):`,
    '',
    table(['pattern', ...RE2_SIZES.map((n) => `n = ${n.toLocaleString('en')}`)], d.patterns.map((p) => [`\`${p.source}\``, ...p.re2Ms.map((v) => v.toFixed(2))])),
    '',
    `For contrast, V8's backtracking engine on \`${d.v8Pattern}\`: ${V8_SIZES.map((n, i) => `n = ${n}: ${d.v8Ms[i]!.toFixed(1)} ms`).join(', ')} (about ×4 per two characters; n = 40 would take days). A whole request whose prompt attacks every pattern at once (about 140,000 characters) goes through the pipeline in ${d.requestMedianMs.toFixed(1)} ms median, ${d.requestMaxMs.toFixed(1)} ms worst.`,
  ].join('\n');
}

function findingsSection(): string {
  return [
    '## Defects found and fixed',
    '',
    ...FIXED.map((f, i) => `${i + 1}. **${f.title}** (\`${f.where}\`). ${f.detail} Guarded by ${f.guard}.`),
    '',
    '## Open findings',
    '',
    ...OPEN.map((f) => `- **${f.title}** (${f.where}). ${f.detail}`),
  ].join('\n');
}

export function renderReport(r: ReliabilityResults): string {
  const lines = passLines(r);
  const m = r.machine;
  return [
    '# Consilium reliability report',
    '',
    `Generated by \`npm run reliability${r.mode === 'short' ? ' -- --short' : ''}\` on ${r.startedAt.toISOString()} in ${(r.elapsedSec / 60).toFixed(1)} minutes. Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}; 1-minute load average ${m.loadAverage.start.toFixed(1)} at the start and ${m.loadAverage.end.toFixed(1)} at the end (other work shares the machine, so throughput and latency figures move with it; the pass lines other than runtime assert no timing).`,
    '',
    `Suites: ${Object.entries(r.durations).map(([k, v]) => `${k} ${Math.round(v)} s`).join(', ')}.`,
    '',
    '## Pass lines',
    '',
    table(['suite', 'pass line', 'measured', ''], lines.map((p) => [p.suite, p.line, p.measured, p.pass ? 'pass' : 'FAIL'])),
    '',
    `**${lines.every((p) => p.pass) ? 'Every pass line holds.' : `${lines.filter((p) => !p.pass).length} pass line(s) fail.`}**`,
    '',
    fuzzSection(r),
    '',
    faultsSection(r),
    '',
    loadSection(r),
    '',
    securitySection(r),
    '',
    '## 5. Limits',
    '',
    'Each limit is a test in `test/reliability/limits.test.ts`, through the gateway, asserting the OpenAI error shape.',
    '',
    checksTable(r, 'limits'),
    '',
    findingsSection(),
    '',
  ].join('\n');
}
