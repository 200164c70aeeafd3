/**
 * An ONNX Runtime session living in a worker thread (session-worker.mjs), with the slice of InferenceSession's
 * API the classifier uses. Tokenizing and micro-batching stay on the main thread; only `run` crosses, with its
 * tensors transferred rather than copied.
 */
import { Worker } from 'node:worker_threads';
import ort from 'onnxruntime-node';

/** What the classifier needs of a session, in-process or in a worker. */
export type SessionLike = Pick<ort.InferenceSession, 'inputNames' | 'outputNames' | 'outputMetadata' | 'run' | 'release'>;

interface WireTensor {
  readonly type: ort.Tensor.Type;
  readonly data: ort.Tensor.DataType;
  readonly dims: readonly number[];
}

type Reply =
  | { op: 'created'; inputNames: string[]; outputNames: string[]; outputMetadata: SessionLike['outputMetadata'] }
  | { op: 'ran'; id: number; results: Record<string, WireTensor> }
  | { op: 'released' }
  | { op: 'error'; id?: number; message: string };

export async function createWorkerSession(modelPath: string, options: ort.InferenceSession.SessionOptions): Promise<SessionLike> {
  const worker = new Worker(new URL('./session-worker.mjs', import.meta.url));
  const pending = new Map<number, { resolve: (r: Record<string, ort.Tensor>) => void; reject: (e: Error) => void }>();
  const waiters: ((reply: Reply) => void)[] = [];
  // The worker keeps the process alive only while a reply is awaited (a run, or create/release), so a finished
  // command can exit but never while it waits on the worker.
  const settle = (): void => {
    if (pending.size === 0 && waiters.length === 0) worker.unref();
  };
  let nextId = 1;
  let failed: Error | undefined;
  const failAll = (error: Error): void => {
    failed = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const w of waiters.splice(0)) w({ op: 'error', message: error.message });
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`classifier worker exited (${code})`)));
  worker.on('message', (reply: Reply) => {
    if (reply.op === 'ran' || (reply.op === 'error' && reply.id !== undefined)) {
      const id = reply.id as number;
      const p = pending.get(id);
      pending.delete(id);
      settle();
      if (!p) return;
      if (reply.op === 'error') p.reject(new Error(reply.message));
      else p.resolve(Object.fromEntries(Object.entries(reply.results).map(([name, t]) => [name, new ort.Tensor(t.type, t.data as never, t.dims)])));
    } else {
      waiters.shift()?.(reply);
    }
  });
  const next = (): Promise<Reply> =>
    new Promise((resolve) => {
      worker.ref();
      waiters.push((reply) => {
        // Settle before resolving: the awaiting code may ref the worker again (release does) and must win.
        settle();
        resolve(reply);
      });
    });

  const reply = next();
  worker.postMessage({ op: 'create', modelPath, options });
  const created = await reply;
  if (created.op !== 'created') {
    await worker.terminate();
    throw new Error(created.op === 'error' ? created.message : 'classifier worker did not start');
  }
  return {
    inputNames: created.inputNames,
    outputNames: created.outputNames,
    outputMetadata: created.outputMetadata,
    run: ((feeds: Record<string, ort.Tensor>, outputs?: readonly string[]) => {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      const wire: Record<string, WireTensor> = {};
      const transfer: ArrayBuffer[] = [];
      for (const [name, tensor] of Object.entries(feeds)) {
        wire[name] = { type: tensor.type, data: tensor.data, dims: [...tensor.dims] };
        if (ArrayBuffer.isView(tensor.data)) transfer.push(tensor.data.buffer as ArrayBuffer);
      }
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ op: 'run', id, feeds: wire, outputs }, transfer);
      });
    }) as SessionLike['run'],
    release: async () => {
      if (!failed) {
        const released = next();
        worker.postMessage({ op: 'release' });
        await released;
      }
      // terminate() resolves on the worker's exit, which an unref'd worker would not wait for.
      worker.ref();
      await worker.terminate();
    },
  };
}
