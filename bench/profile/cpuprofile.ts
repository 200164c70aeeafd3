/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) into per-function shares of the busy samples: self
 * (samples in the function itself) and total (samples anywhere under it, each counted once per stack even
 * when the function recurses). Idle, program and GC samples are reported apart.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  /** µs, on the profiler's clock. */
  readonly startTime?: number;
  readonly endTime?: number;
}

export interface FunctionShare {
  /** `name (file:line)`, the file relative to the package root when inside it. */
  readonly key: string;
  readonly file: string;
  /** Fractions of busy samples, 0–1. */
  readonly self: number;
  readonly total: number;
}

export interface ProfileSummary {
  readonly samples: number;
  readonly busySamples: number;
  /** CPU time the busy samples stand for, µs (busy samples × the mean sampling interval). */
  readonly busyMicros: number;
  /** Self time by component (Consilium's src/, grpc-js, protobufjs, pino, ...), fractions of busy samples. */
  readonly components: Readonly<Record<string, number>>;
  readonly idle: number;
  readonly gc: number;
  readonly functions: readonly FunctionShare[];
}

const IDLE = '(idle)';
const SPECIAL = new Set(['(root)', '(program)', IDLE, '(garbage collector)']);

export function fileOf(url: string, root: string): string {
  const plain = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (plain === '') return '';
  return plain.startsWith(`${root}/`) ? plain.slice(root.length + 1) : plain;
}

function keyOf(frame: CallFrame, root: string): string {
  const file = fileOf(frame.url, root);
  const name = frame.functionName || '(anonymous)';
  // tsx emits each module on one line, so the column is what tells two functions of a file apart.
  return file ? `${name} (${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1})` : name;
}

export function summarizeProfile(profile: CpuProfile, root: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfHits = new Map<number, number>();
  if (profile.samples && profile.samples.length > 0) {
    for (const id of profile.samples) selfHits.set(id, (selfHits.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) selfHits.set(node.id, node.hitCount ?? 0);
  }
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const roots = profile.nodes.filter((node) => !childIds.has(node.id));

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const files = new Map<string, string>();
  let samples = 0;
  let idle = 0;
  let gc = 0;
  // Depth-first with the distinct keys on the current stack, so recursion counts once toward `total`.
  const onStack = new Map<string, number>();
  const visit = (node: ProfileNode): void => {
    const name = node.callFrame.functionName;
    const key = keyOf(node.callFrame, root);
    const hits = selfHits.get(node.id) ?? 0;
    samples += hits;
    if (name === IDLE) idle += hits;
    if (name === '(garbage collector)') gc += hits;
    const counted = !SPECIAL.has(name) || name === '(garbage collector)' || name === '(program)';
    if (counted) {
      files.set(key, fileOf(node.callFrame.url, root));
      onStack.set(key, (onStack.get(key) ?? 0) + 1);
      self.set(key, (self.get(key) ?? 0) + hits);
    }
    if (hits > 0 && name !== IDLE) for (const ancestor of onStack.keys()) total.set(ancestor, (total.get(ancestor) ?? 0) + hits);
    for (const id of node.children ?? []) {
      const child = byId.get(id);
      if (child) visit(child);
    }
    if (counted) {
      const depth = (onStack.get(key) ?? 1) - 1;
      if (depth === 0) onStack.delete(key);
      else onStack.set(key, depth);
    }
  };
  for (const rootNode of roots) visit(rootNode);

  const busy = Math.max(1, samples - idle);
  const functions = [...total.keys()].map((key) => ({
    key,
    file: files.get(key) ?? '',
    self: (self.get(key) ?? 0) / busy,
    total: (total.get(key) ?? 0) / busy,
  }));
  const components: Record<string, number> = {};
  for (const f of functions) {
    const name = componentOf(f.key, f.file);
    components[name] = (components[name] ?? 0) + f.self;
  }
  const interval = profile.startTime !== undefined && profile.endTime !== undefined && samples > 0 ? (profile.endTime - profile.startTime) / samples : 0;
  return { samples, busySamples: samples - idle, busyMicros: (samples - idle) * interval, components, idle: idle / Math.max(1, samples), gc: gc / busy, functions };
}

const PACKAGES: readonly (readonly [RegExp, string])[] = [
  [/node_modules\/@grpc\/grpc-js\//, 'grpc-js'],
  [/node_modules\/(@grpc\/proto-loader\/node_modules\/)?(protobufjs|@protobufjs)\//, 'protobufjs'],
  [/node_modules\/(pino|sonic-boom|@pinojs|fast-redact|thread-stream|pino-std-serializers|quick-format-unescaped|on-exit-leak-free|atomic-sleep|safe-stable-stringify)/, 'pino (logging)'],
  [/node_modules\/(prom-client|tdigest|bintrees)\//, 'prom-client (metrics)'],
  [/node_modules\/zod\//, 'zod (validation)'],
];

/** Which part of the process a function belongs to, for the per-component breakdown. */
export function componentOf(key: string, file: string): string {
  if (key === '(garbage collector)') return 'GC';
  if (file.startsWith('src/')) return 'Consilium (src/)';
  if (file.startsWith('bench/')) return 'bench harness';
  for (const [pattern, name] of PACKAGES) if (pattern.test(file)) return name;
  if (file.includes('node_modules/')) return 'other packages';
  if (file.startsWith('node:')) return 'Node internals (JS)';
  return 'V8 / native (builtins, syscalls, program)';
}
