"""Near-duplicate detection: character 5-gram Jaccard similarity >= 0.8, found exactly with prefix filtering.

Texts are compared lowercased with whitespace collapsed, so casing or spacing variants of one prompt count as
near-duplicates. Usage: near_dups.py TRAIN.jsonl DEV.jsonl [--json OUT] prints the rate within train (share of
train items with a near-duplicate elsewhere in train), within dev, and across (share of dev items with a
near-duplicate in train).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

N = 5
THRESHOLD = 0.8


def grams(text: str) -> frozenset[str]:
    norm = " ".join(text.lower().split())
    if len(norm) < N:
        return frozenset([norm])
    return frozenset(norm[i:i + N] for i in range(len(norm) - N + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


class NearDupIndex:
    """Indexes gram sets so that every set with Jaccard >= threshold to a query is found (no false negatives)."""

    def __init__(self, sets: list[frozenset[str]], order: dict[str, int], threshold: float = THRESHOLD):
        self.sets = sets
        self.order = order
        self.threshold = threshold
        self.postings: dict[str, list[int]] = defaultdict(list)
        for idx, s in enumerate(sets):
            for g in self.prefix(s):
                self.postings[g].append(idx)

    def prefix(self, s: frozenset[str]) -> list[str]:
        ranked = sorted(s, key=lambda g: (self.order.get(g, 0), g))
        keep = len(s) - math.ceil(self.threshold * len(s) - 1e-9) + 1
        return ranked[:keep]

    def matches(self, s: frozenset[str], skip: int | None = None) -> list[int]:
        seen: set[int] = set()
        found: list[int] = []
        lo, hi = self.threshold * len(s), len(s) / self.threshold
        for g in self.prefix(s):
            for idx in self.postings.get(g, ()):
                if idx == skip or idx in seen:
                    continue
                seen.add(idx)
                other = self.sets[idx]
                if lo - 1e-9 <= len(other) <= hi + 1e-9 and jaccard(s, other) >= self.threshold:
                    found.append(idx)
        return found


def gram_order(*collections: list[frozenset[str]]) -> dict[str, int]:
    """Global ordering for prefix filtering: rarest grams first (ties broken by the gram itself)."""
    counts: Counter[str] = Counter()
    for sets in collections:
        for s in sets:
            counts.update(s)
    return dict(counts)


def has_dup_within(sets: list[frozenset[str]], order: dict[str, int]) -> list[bool]:
    index = NearDupIndex(sets, order)
    return [bool(index.matches(s, skip=i)) for i, s in enumerate(sets)]


def has_dup_across(queries: list[frozenset[str]], corpus: list[frozenset[str]], order: dict[str, int]) -> list[bool]:
    index = NearDupIndex(corpus, order)
    return [bool(index.matches(s)) for s in queries]


def read_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def report(train_texts: list[str], dev_texts: list[str]) -> dict:
    train_sets = [grams(t) for t in train_texts]
    dev_sets = [grams(t) for t in dev_texts]
    order = gram_order(train_sets, dev_sets)
    within_train = has_dup_within(train_sets, order)
    within_dev = has_dup_within(dev_sets, order)
    across = has_dup_across(dev_sets, train_sets, order)
    return {
        "measure": f"character {N}-gram Jaccard >= {THRESHOLD} (lowercased, whitespace collapsed)",
        "train_items": len(train_texts),
        "dev_items": len(dev_texts),
        "within_train_rate": round(sum(within_train) / max(1, len(train_texts)), 4),
        "within_dev_rate": round(sum(within_dev) / max(1, len(dev_texts)), 4),
        "dev_with_train_near_dup": sum(across),
        "across_rate": round(sum(across) / max(1, len(dev_texts)), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("train", type=Path)
    parser.add_argument("dev", type=Path)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    result = report(read_texts(args.train), read_texts(args.dev))
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["dev_with_train_near_dup"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
