// ONNX Runtime session in a worker thread. onnxruntime-node runs inference on the thread that calls it, so a
// session on the main thread would stall every ext_proc stream for the length of each run. Plain JavaScript:
// a worker does not inherit the TypeScript loader. Protocol (see worker-session.ts):
//   in:  {op:'create', modelPath, options} | {op:'run', id, feeds:{name:{type,data,dims}}, outputs} | {op:'release'}
//   out: {op:'created', inputNames, outputNames, outputMetadata} | {op:'ran', id, results} | {op:'error', id?, message}
import { parentPort } from 'node:worker_threads';
import ort from 'onnxruntime-node';

let session;

parentPort.on('message', async (message) => {
  try {
    if (message.op === 'create') {
      session = await ort.InferenceSession.create(message.modelPath, message.options);
      const outputMetadata = session.outputMetadata.map((m) => (m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: [...m.shape] } : { name: m.name, isTensor: false }));
      parentPort.postMessage({ op: 'created', inputNames: session.inputNames, outputNames: session.outputNames, outputMetadata });
    } else if (message.op === 'run') {
      const feeds = {};
      for (const [name, t] of Object.entries(message.feeds)) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
      const out = await session.run(feeds, message.outputs);
      const results = {};
      const transfer = [];
      for (const [name, t] of Object.entries(out)) {
        results[name] = { type: t.type, data: t.data, dims: [...t.dims] };
        if (ArrayBuffer.isView(t.data)) transfer.push(t.data.buffer);
      }
      parentPort.postMessage({ op: 'ran', id: message.id, results }, transfer);
    } else if (message.op === 'release') {
      await session?.release();
      session = undefined;
      parentPort.postMessage({ op: 'released' });
    }
  } catch (error) {
    parentPort.postMessage({ op: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
