"""Chooses the pruned vocabulary, writes the shipped tokenizer files, and caches tokenized data in work/.

Pruned vocabulary = the 5 specials + every single-character token (whole-word and `##`), so nothing becomes
[UNK] that the full vocabulary could spell + every token the training split uses + the most frequent tokens of the
local corpus (WordNet glosses, FOLDOC), until --vocab-size. Ids are remapped: specials first ([PAD]=0), then the
kept tokens in their original bert-base-uncased order. The dev split does not influence the choice.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

import torch

from common import DATA_DIR, LABELS, MAX_LENGTH, MODEL_DIR, ORIGINAL_VOCAB, TRAIN_MAX_LENGTH, WORK, read_jsonl
from corpus import build_corpus
from wordpiece import SPECIALS, WordPieceTokenizer, load_original_vocab, tokenizer_json


def choose_vocab(original: list[str], train_texts: list[str], corpus: list[str], size: int) -> list[str]:
    full = WordPieceTokenizer(original)
    train_counts: Counter[str] = Counter()
    for t in train_texts:
        train_counts.update(full.tokenize(t))
    corpus_counts: Counter[str] = Counter()
    for line in corpus:
        corpus_counts.update(full.tokenize(line))
    keep = set(SPECIALS)
    keep.update(t for t in original if len(t) == 1 or (t.startswith("##") and len(t) == 3))
    keep.update(train_counts)
    for token, _ in sorted(corpus_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(keep) >= size:
            break
        keep.add(token)
    keep.discard("[unused0]")
    rest = [t for t in original if t in keep and t not in SPECIALS]
    print(f"vocab: {len(set(train_counts))} train tokens, {len(keep)} kept of {len(original)}", file=sys.stderr)
    return SPECIALS + rest


def write_tokenizer_files(vocab: list[str]) -> None:
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    (MODEL_DIR / "tokenizer.json").write_text(json.dumps(tokenizer_json(vocab), ensure_ascii=False),
                                              encoding="utf-8")
    config = {
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "strip_accents": None,
        "tokenize_chinese_chars": True, "model_max_length": MAX_LENGTH, "cls_token": "[CLS]",
        "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }
    (MODEL_DIR / "tokenizer_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (MODEL_DIR / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vocab-size", type=int, default=8192)
    args = parser.parse_args()
    start = time.time()
    WORK.mkdir(exist_ok=True)
    train = read_jsonl(DATA_DIR / "train.jsonl")
    dev = read_jsonl(DATA_DIR / "dev.jsonl")
    corpus = build_corpus()
    vocab = choose_vocab(load_original_vocab(ORIGINAL_VOCAB), [r["text"] for r in train], corpus, args.vocab_size)
    write_tokenizer_files(vocab)
    tok = WordPieceTokenizer(vocab)

    def encode(rows: list[dict], max_len: int) -> dict:
        return {"ids": [tok.encode(r["text"], max_len) for r in rows],
                "labels": [LABELS.index(r["label"]) for r in rows], "texts": [r["text"] for r in rows]}

    independent_path = DATA_DIR / "independent.jsonl"
    independent = read_jsonl(independent_path) if independent_path.exists() else []
    torch.save({"vocab": vocab, "train": encode(train, TRAIN_MAX_LENGTH), "dev": encode(dev, MAX_LENGTH),
                "independent": encode(independent, MAX_LENGTH),
                "corpus": [tok.encode(line, 64) for line in corpus]}, WORK / "prepared.pt")
    unk = sum(ids.count(tok.unk_id) for ids in (tok.encode(r["text"]) for r in train + dev))
    lengths = sorted(len(tok.encode(r["text"])) for r in train)
    print(json.dumps({"vocab_size": len(vocab), "corpus_lines": len(corpus), "unk_tokens_in_data": unk,
                      "train_len_median": lengths[len(lengths) // 2], "train_len_p99": lengths[int(len(lengths) * .99)],
                      "seconds": round(time.time() - start, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
