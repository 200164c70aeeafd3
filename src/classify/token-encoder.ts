/**
 * Text → token ids for the model, with truncation. @huggingface/tokenizers has no truncation or padding API,
 * so truncation lives here (padding is per batch, in feeds.ts): at most `maxTokens` ids, keeping the leading
 * special token ([CLS]) first and the trailing one ([SEP]) last.
 */
import { Tokenizer } from '@huggingface/tokenizers';

/**
 * A WordPiece/BPE token covers at least one character, so a text this many times longer than maxTokens surely
 * has more tokens than fit; only then is it cut before tokenizing (at whitespace, and re-checked), which keeps
 * huge prompts from costing a full tokenization.
 */
const CHARS_PER_TOKEN_CUT = 16;

export class TokenEncoder {
  readonly maxTokens: number;
  /** Id used for padding: the tokenizer's pad token, else 0. */
  readonly padId: number;
  private readonly tokenizer: Tokenizer;
  private readonly specialIds: ReadonlySet<number>;

  constructor(tokenizer: Tokenizer, maxTokens: number, padToken: string | undefined) {
    if (!Number.isInteger(maxTokens) || maxTokens < 2) throw new RangeError(`maxTokens must be an integer ≥ 2, got ${maxTokens}`);
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.padId = (padToken === undefined ? undefined : tokenizer.token_to_id(padToken)) ?? 0;
    const special = new Set<number>();
    for (const [id, token] of tokenizer.get_added_tokens_decoder()) if (token.special) special.add(id);
    this.specialIds = special;
  }

  /** Token ids with special tokens, truncated to maxTokens. */
  encode(text: string): number[] {
    const cut = this.cutLongText(text);
    if (cut !== undefined) {
      const ids = this.tokenizer.encode(cut).ids;
      // The cut text alone overflows, so its prefix equals the full text's prefix.
      if (ids.length > this.maxTokens) return this.truncate(ids);
    }
    return this.truncate(this.tokenizer.encode(text).ids);
  }

  private truncate(ids: number[]): number[] {
    if (ids.length <= this.maxTokens) return ids;
    const last = ids[ids.length - 1] as number;
    if (!this.specialIds.has(last)) return ids.slice(0, this.maxTokens);
    const kept = ids.slice(0, this.maxTokens - 1);
    kept.push(last);
    return kept;
  }

  /** A whitespace-bounded prefix of a very long text, or undefined when the text is short enough. */
  private cutLongText(text: string): string | undefined {
    const limit = this.maxTokens * CHARS_PER_TOKEN_CUT;
    if (text.length <= limit) return undefined;
    for (let i = limit; i > limit / 2; i--) {
      if (/\s/.test(text[i] as string)) return text.slice(0, i);
    }
    return undefined;
  }
}
