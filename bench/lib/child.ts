/**
 * Bench processes: the orchestrator forks each server under test and each load generator as its own Node
 * process (TypeScript through tsx) and drives it with request/reply messages over the IPC channel. Separate
 * processes keep the generator and the server off one event loop, and let each report its own CPU time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { BenchRunError } from './errors.js';

/** A method the child serves; its parameter is whatever the parent sent (structured-cloned). */
type Handler = (params: never) => unknown;

interface CallMessage {
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
}

type ReplyMessage = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

type ChildMessage = ReplyMessage | { readonly ready: unknown } | { readonly failed: string };

export interface ChildOptions {
  /** Shown in error messages. */
  readonly name: string;
  readonly args?: readonly string[];
  /** Extra Node flags (e.g. --expose-gc, --cpu-prof); tsx is always loaded. */
  readonly nodeFlags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** How long the child may take to say it is ready. */
  readonly startTimeoutMs?: number;
}

export interface Child<Ready = unknown> {
  readonly name: string;
  readonly pid: number;
  /** What the child sent with its ready message (ports, model names). */
  readonly info: Ready;
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
  /** Asks the child to stop (its 'stop' handler, then exit) and waits; kills it after a grace period. */
  stop(): Promise<void>;
}

export async function startChild<Ready = unknown>(script: string, options: ChildOptions): Promise<Child<Ready>> {
  const child = fork(script, [...(options.args ?? [])], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...(options.env ?? {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      const error = new BenchRunError(`${options.name} exited (${signal ?? `code ${code}`})`);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      resolve();
    });
  });

  const info = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new BenchRunError(`${options.name} did not start within ${options.startTimeoutMs ?? 60_000} ms`));
    }, options.startTimeoutMs ?? 60_000);
    child.on('message', (message: ChildMessage) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(message.ready as Ready);
      } else if ('failed' in message) {
        clearTimeout(timer);
        reject(new BenchRunError(`${options.name} failed to start: ${message.failed}`));
      } else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!waiter) return;
        if ('error' in message) waiter.reject(new BenchRunError(`${options.name}: ${message.error}`));
        else waiter.resolve(message.result);
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new BenchRunError(`${options.name} exited before it was ready`));
    });
  });

  return {
    name: options.name,
    pid: child.pid ?? -1,
    info,
    call<T>(method: string, params?: unknown): Promise<T> {
      if (exited) return Promise.reject(new BenchRunError(`${options.name} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, params } satisfies CallMessage);
      });
    },
    async stop(): Promise<void> {
      if (exited) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      send(child, { id: 0, method: 'stop', params: undefined });
      await exit;
      clearTimeout(killer);
    },
  };
}

function send(child: ChildProcess, message: CallMessage): void {
  try {
    child.send(message);
  } catch {
    // Already gone: the exit handler settles everything.
  }
}

/**
 * The child's side: answers the parent's calls with `handlers`, then tells the parent it is ready. `stop`
 * runs the optional handler and exits normally (so --cpu-prof writes its profile).
 */
export function serveParent(handlers: Readonly<Record<string, Handler>>, ready: unknown): void {
  const reply = (message: ReplyMessage): void => {
    process.send?.(message);
  };
  process.on('message', (message: CallMessage) => {
    if (message.method === 'stop') {
      const stop = handlers.stop as ((params: unknown) => unknown) | undefined;
      void Promise.resolve(stop?.(undefined)).finally(() => process.exit(0));
      return;
    }
    const handler = handlers[message.method];
    if (!handler) {
      reply({ id: message.id, error: `no method ${message.method}` });
      return;
    }
    Promise.resolve()
      .then(() => (handler as (params: unknown) => unknown)(message.params))
      .then(
        (result) => reply({ id: message.id, result }),
        (error: unknown) => reply({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // The parent's death must not leave servers behind.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready });
}

/** For a child's top level: report a startup failure to the parent instead of dying silently. */
export function reportStartupFailure(error: unknown): void {
  const failed = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ failed }, () => process.exit(1));
  else process.exit(1);
}
