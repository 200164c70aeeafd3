"""Checks of the dataset tooling: template grammar, near-duplicate search, tokenizer, and the committed data.

Run from tools/train-intent-model/: /usr/bin/python3 -m unittest discover -s tests
"""
from __future__ import annotations

import random
import sys
import unittest
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from common import DATA_DIR, LABELS, MODEL_DIR, ORIGINAL_VOCAB, read_jsonl  # noqa: E402
from intentdata.grammar import Pool, TemplateError, render  # noqa: E402
from near_dups import gram_order, grams, has_dup_across, has_dup_within, jaccard  # noqa: E402
from wordpiece import WordPieceTokenizer, load_original_vocab  # noqa: E402


class GrammarTest(unittest.TestCase):
    def test_alternatives_slots_and_escapes(self):
        rng = random.Random(0)
        seen = {render("[a|b] {x} \\[lit\\]", {"x": ("one", "[two|three]")}, rng) for _ in range(200)}
        self.assertEqual(seen, {f"{p} {s} [lit]" for p in "ab" for s in ("one", "two", "three")})

    def test_verbatim_slot_keeps_spacing_and_brackets(self):
        code = "def f():\n    return  [1, 2]"
        self.assertEqual(render("fix:\n{=c}", {"c": (code,)}, random.Random(0)), "fix:\n" + code)

    def test_unknown_slot_fails(self):
        with self.assertRaises(TemplateError):
            render("{missing}", {}, random.Random(0))

    def test_pool_split_is_disjoint_and_complete(self):
        p = Pool(tuple(f"v{i}" for i in range(40)))
        train, dev = set(p.for_split("train")), set(p.for_split("dev"))
        self.assertFalse(train & dev)
        self.assertEqual(train | dev, set(p.values))
        self.assertEqual(len(dev), 10)


class NearDupTest(unittest.TestCase):
    def test_prefix_filter_matches_brute_force(self):
        rng = random.Random(1)
        base = ["how do i reverse a linked list in python", "write a poem about the sea at night",
                "what is the capital of portugal", "extract all dates from this email as json"]
        texts = []
        for _ in range(300):
            t = list(rng.choice(base))
            for _ in range(rng.randrange(0, 8)):
                t[rng.randrange(len(t))] = rng.choice("abcdefgh ")
            texts.append("".join(t))
        sets = [grams(t) for t in texts]
        order = gram_order(sets)
        brute = [any(jaccard(a, b) >= 0.8 for j, b in enumerate(sets) if j != i) for i, a in enumerate(sets)]
        self.assertEqual(has_dup_within(sets, order), brute)
        self.assertTrue(any(brute) and not all(brute))

    def test_across(self):
        a, b = grams("Write a haiku about autumn leaves"), grams("write a haiku about autumn leaves!")
        c = grams("Solve 3x + 7 = 22 for x")
        order = gram_order([a, b, c])
        self.assertEqual(has_dup_across([b, c], [a], order), [True, False])


class TokenizerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.full = WordPieceTokenizer(load_original_vocab(ORIGINAL_VOCAB))

    def test_original_vocab_layout(self):
        vocab = self.full.vocab
        self.assertEqual(len(vocab), 30522)
        self.assertEqual(vocab[:2] + vocab[100:104], ["[PAD]", "[unused0]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])

    def test_bert_uncased_behaviour(self):
        self.assertEqual(self.full.tokenize("Héllo, WORLD!"), ["hello", ",", "world", "!"])
        self.assertEqual(self.full.tokenize("tokenization"), ["token", "##ization"])
        self.assertEqual(self.full.tokenize("hi😀there"), ["[UNK]"])
        self.assertEqual(self.full.tokenize("a [MASK] b"), ["a", "[MASK]", "b"])

    def test_truncation_keeps_sep(self):
        ids = self.full.encode("word " * 400, 256)
        self.assertEqual((len(ids), ids[0], ids[-1]), (256, self.full.cls_id, self.full.sep_id))

    def test_shipped_vocab_starts_with_specials(self):
        vocab = (MODEL_DIR / "vocab.txt").read_text(encoding="utf-8").splitlines()
        self.assertEqual(vocab[:5], ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
        self.assertEqual(len(vocab), len(set(vocab)))


class DatasetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.train = read_jsonl(DATA_DIR / "train.jsonl")
        cls.dev = read_jsonl(DATA_DIR / "dev.jsonl")

    def test_rows_have_exactly_text_and_known_label(self):
        for row in self.train + self.dev:
            self.assertEqual(set(row), {"text", "label"})
            self.assertIn(row["label"], LABELS)
            self.assertTrue(row["text"].strip())

    def test_at_least_300_per_label(self):
        counts = Counter(r["label"] for r in self.train + self.dev)
        self.assertTrue(all(counts[lab] >= 300 for lab in LABELS), counts)
        self.assertTrue(all(c > 0 for c in Counter(r["label"] for r in self.dev).values()))

    def test_dev_has_no_near_duplicate_in_train(self):
        train_sets = [grams(r["text"]) for r in self.train]
        dev_sets = [grams(r["text"]) for r in self.dev]
        leaks = has_dup_across(dev_sets, train_sets, gram_order(train_sets, dev_sets))
        self.assertEqual(sum(leaks), 0)


if __name__ == "__main__":
    unittest.main()


class WrittenPromptsTest(unittest.TestCase):
    def test_loads_by_label_and_names_bad_lines(self):
        import json
        import tempfile

        from intentdata import written

        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "a.jsonl").write_text(json.dumps({"text": " hi ", "label": "chat"}) + "\n\n"
                                       + json.dumps({"text": "2+2?", "label": "math"}) + "\n", encoding="utf-8")
            loaded = written.load(LABELS, d)
            self.assertEqual(loaded["chat"], {"a": ["hi"]})
            self.assertEqual(written.texts(loaded["math"]), {"2+2?"})
            (d / "b.jsonl").write_text(json.dumps({"text": "x", "label": "poetry"}) + "\n", encoding="utf-8")
            with self.assertRaisesRegex(ValueError, r"b\.jsonl:1: unknown label 'poetry'"):
                written.load(LABELS, d)

    def test_dev_keeps_100_handwritten_then_templates_per_label(self):
        import build_dataset

        rows = ([{"text": f"h{i}", "label": "code"} for i in range(150)]
                + [{"text": f"t{i}", "label": "code"} for i in range(400)])
        kept = build_dataset.cap_dev(rows, {f"h{i}" for i in range(150)}, 300)
        self.assertEqual(sum(r["text"].startswith("h") for r in kept), build_dataset.DEV_HANDWRITTEN_PER_LABEL)
        self.assertEqual(len(kept), 300)

    def test_committed_dev_is_one_third_handwritten(self):
        import json
        hand = set(json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))["dev_handwritten"])
        per_label = Counter(r["label"] for r in read_jsonl(DATA_DIR / "dev.jsonl") if r["text"] in hand)
        self.assertEqual(set(per_label.values()), {100})


class CropTest(unittest.TestCase):
    def test_crop_matches_tokenizer_truncation(self):
        from common import crop

        tok = WordPieceTokenizer(load_original_vocab(ORIGINAL_VOCAB))
        text = "word " * 300
        self.assertEqual(crop(tok.encode(text, 256), 128), tok.encode(text, 128))
        self.assertEqual(crop(tok.encode("short one", 256), 128), tok.encode("short one", 128))


class PoolingTest(unittest.TestCase):
    def test_padding_never_changes_logits(self):
        import torch

        from model import BertConfig, BertForSequenceClassification

        torch.manual_seed(0)
        for pooling in ("mean", "mean+embeddings", "cls"):
            model = BertForSequenceClassification(BertConfig(vocab_size=50, classifier_pooling=pooling), 3).eval()
            ids = torch.tensor([[2, 9, 10, 11, 3]])
            padded = torch.tensor([[2, 9, 10, 11, 3, 0, 0]])
            mask = torch.tensor([[1, 1, 1, 1, 1, 0, 0]])
            with torch.no_grad():
                single = model(ids, torch.ones_like(ids), torch.zeros_like(ids))
                batched = model(padded, mask, torch.zeros_like(padded))
            self.assertTrue(torch.allclose(single, batched, atol=1e-5), pooling)


class EvaluateTest(unittest.TestCase):
    def test_scores_dev_handwritten_and_independent_with_one_predictor(self):
        from metrics import evaluate, headline

        prepared = {"dev": {"ids": [[1], [2], [3], [4]], "labels": [0, 1, 1, 0], "texts": ["a", "b", "c", "d"]},
                    "independent": {"ids": [[5], [6]], "labels": [1, 1]}}
        seen: list[list[list[int]]] = []

        def predict(seqs):
            seen.append(seqs)
            return [1] * len(seqs)

        report = evaluate(prepared, ["x", "y"], {"a", "b"}, predict)
        self.assertEqual(seen, [[[1], [2], [3], [4]], [[5], [6]]])
        self.assertEqual(report["accuracy"], 0.5)
        self.assertEqual(report["handwritten_accuracy"], 0.5)
        self.assertEqual(report["independent_accuracy"], 1.0)
        self.assertEqual(report["independent_report"]["confusion_matrix"]["rows_true_cols_pred"], [[0, 0], [0, 2]])
        report["train_seconds"] = 3
        self.assertEqual(headline(report), {"dev_accuracy": 0.5, "handwritten_accuracy": 0.5,
                                            "independent_accuracy": 1.0, "seconds": 3})

    def test_without_an_independent_set(self):
        from metrics import evaluate

        prepared = {"dev": {"ids": [[1]], "labels": [0], "texts": ["a"]}}
        report = evaluate(prepared, ["x"], set(), lambda seqs: [0] * len(seqs))
        self.assertNotIn("independent_report", report)
        self.assertNotEqual(report["independent_accuracy"], report["independent_accuracy"])  # NaN
