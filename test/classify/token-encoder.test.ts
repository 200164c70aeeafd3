import { Tokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFiles, type ModelFiles } from '../../src/classify/model-files.js';
import { TokenEncoder } from '../../src/classify/token-encoder.js';
import { smallClassifier } from './fixtures.js';

const CLS = 101;
const SEP = 102;
let files: ModelFiles;
let tokenizer: Tokenizer;

beforeAll(async () => {
  files = await readModelFiles(await smallClassifier());
  tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
});

describe('TokenEncoder', () => {
  it('encodes like the tokenizer, with [CLS] and [SEP], when the text fits', () => {
    const encoder = new TokenEncoder(tokenizer, 256, '[PAD]');
    const ids = encoder.encode('I like strawberries');
    expect(ids).toEqual([CLS, 1045, 2066, 13137, 20968, SEP]); // bert-base-uncased ids
  });

  it('truncates to maxTokens keeping [CLS] first and [SEP] last', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    const full = tokenizer.encode(text).ids;
    const ids = new TokenEncoder(tokenizer, 8, '[PAD]').encode(text);
    expect(ids).toHaveLength(8);
    expect(ids[0]).toBe(CLS);
    expect(ids[7]).toBe(SEP);
    expect(ids.slice(0, 7)).toEqual(full.slice(0, 7));
  });

  it('cuts a huge text before tokenizing with the same result as tokenizing all of it', () => {
    const encoder = new TokenEncoder(tokenizer, 32, '[PAD]');
    const huge = Array.from({ length: 5_000 }, (_, i) => `word${i % 97} unbelievable`).join(' ');
    const full = tokenizer.encode(huge).ids;
    expect(encoder.encode(huge)).toEqual([...full.slice(0, 31), SEP]);
  });

  it('falls back to the whole text when the cut prefix holds too few tokens', () => {
    const encoder = new TokenEncoder(tokenizer, 16, '[PAD]');
    const text = `${' '.repeat(10_000)}short tail`;
    expect(encoder.encode(text)).toEqual(tokenizer.encode(text).ids);
  });

  it('keeps the first maxTokens when the tokenizer adds no trailing special token', () => {
    const plain = new Tokenizer({ ...files.tokenizerJson, post_processor: null }, files.tokenizerConfig);
    const ids = new TokenEncoder(plain, 4, '[PAD]').encode('alpha beta gamma delta epsilon');
    expect(ids).toEqual(plain.encode('alpha beta gamma delta epsilon').ids.slice(0, 4));
    expect(ids).not.toContain(SEP);
  });

  it('pads with the tokenizer pad token, or 0 when it has none', () => {
    expect(new TokenEncoder(tokenizer, 16, '[MASK]').padId).toBe(103);
    expect(new TokenEncoder(tokenizer, 16, '[NO_SUCH_TOKEN]').padId).toBe(0);
  });

  it('rejects maxTokens too small to hold [CLS] and [SEP]', () => {
    expect(() => new TokenEncoder(tokenizer, 1, '[PAD]')).toThrow(RangeError);
  });
});
