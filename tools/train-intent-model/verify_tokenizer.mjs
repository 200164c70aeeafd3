// Checks that @huggingface/tokenizers (the TS runtime's tokenizer) produces exactly the ids the Python training
// pipeline used, after the runtime's truncation rule ([CLS] … [SEP] cut to 256 ids, ending with [SEP]).
// Usage: node verify_tokenizer.mjs <model dir> <cases.jsonl with {"text","ids"}>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';

const [modelDir, casesPath] = process.argv.slice(2);
const tokenizer = new Tokenizer(
  JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')),
  JSON.parse(readFileSync(join(modelDir, 'tokenizer_config.json'), 'utf8')),
);
const MAX_LENGTH = 256;
const sepId = tokenizer.encode('').ids.at(-1);
const truncate = (ids) => (ids.length <= MAX_LENGTH ? ids : [...ids.slice(0, MAX_LENGTH - 1), sepId]);
const cases = readFileSync(casesPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
let mismatches = 0;
for (const { text, ids } of cases) {
  const got = truncate(tokenizer.encode(text).ids);
  if (got.length !== ids.length || got.some((v, i) => v !== ids[i])) {
    mismatches += 1;
    if (mismatches <= 10) {
      console.log('MISMATCH', JSON.stringify(text).slice(0, 120));
      console.log('  js', JSON.stringify(tokenizer.encode(text).tokens).slice(0, 300));
      console.log('  py', JSON.stringify(ids).slice(0, 300));
    }
  }
}
console.log(`tokenizer check: ${cases.length - mismatches}/${cases.length} identical`);
process.exit(mismatches === 0 ? 0 : 1);
