// Replays export cases through onnxruntime-node, the runtime the TS classifier uses:
//  1. @huggingface/tokenizers ids (after [CLS] … [SEP] truncation to 256) equal the Python ids;
//  2. ONNX logits for each text alone match torch within 1e-4;
//  3. all texts in one right-padded batch give the single-text logits within 1e-5.
// Usage (from the repo root): node tools/train-intent-model/verify_onnx.mjs models/intent-default cases.jsonl
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Tokenizer } from '@huggingface/tokenizers';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const MAX_LENGTH = 256;

const [modelDir, casesPath] = process.argv.slice(2);
const tokenizer = new Tokenizer(
  JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')),
  JSON.parse(readFileSync(join(modelDir, 'tokenizer_config.json'), 'utf8')),
);
const sepId = tokenizer.encode('').ids.at(-1);
const cases = readFileSync(casesPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const session = await ort.InferenceSession.create(join(modelDir, 'model.onnx'), { intraOpNumThreads: 1 });

function encode(text) {
  const ids = tokenizer.encode(text).ids;
  return ids.length <= MAX_LENGTH ? ids : [...ids.slice(0, MAX_LENGTH - 1), sepId];
}

async function run(rows) {
  const width = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * width);
  const mask = new BigInt64Array(rows.length * width);
  rows.forEach((r, i) => r.forEach((v, j) => { ids[i * width + j] = BigInt(v); mask[i * width + j] = 1n; }));
  const dims = [rows.length, width];
  const out = await session.run({
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(rows.length * width), dims),
  });
  const n = out.logits.dims[1];
  return rows.map((_, i) => Array.from(out.logits.data.slice(i * n, (i + 1) * n)));
}

let tokenizerMismatches = 0;
let torchDiff = 0;
let batchDiff = 0;
const singles = [];
for (const c of cases) {
  const ids = encode(c.text);
  if (ids.length !== c.ids.length || ids.some((v, i) => v !== c.ids[i])) tokenizerMismatches += 1;
  const [logits] = await run([ids]);
  singles.push(logits);
  logits.forEach((v, i) => { torchDiff = Math.max(torchDiff, Math.abs(v - c.logits[i])); });
}
const batched = await run(cases.map((c) => encode(c.text)));
batched.forEach((row, r) => row.forEach((v, i) => { batchDiff = Math.max(batchDiff, Math.abs(v - singles[r][i])); }));
console.log(JSON.stringify({ cases: cases.length, tokenizerMismatches, maxAbsDiffTorchVsOnnx: torchDiff,
  maxAbsDiffBatchedVsSingle: batchDiff }));
const ok = tokenizerMismatches === 0 && torchDiff <= 1e-4 && batchDiff <= 1e-5;
console.log(ok ? 'onnx check: ok' : 'onnx check: FAILED');
process.exit(ok ? 0 : 1);
