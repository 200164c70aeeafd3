"""Builds data/intents/train.jsonl and dev.jsonl from the hand-written families in intentdata/.

Split design (so dev accuracy predicts accuracy on prompts written independently of this data):
  * every family is a sub-intent with several phrasing templates; per family a seeded quarter of the templates
    (at least one when it has two or more) are dev-only phrasings, the rest train-only;
  * every shared slot pool, pasted text, preamble, opener and closer pool is split too (dev values unseen);
  * hand-written free-form prompts are split item by item (a third to dev);
  * any dev item with a train near-duplicate (char 5-gram Jaccard >= 0.8) is dropped, as are texts that
    appear under two labels; dev keeps one item per near-duplicate group so each item is a distinct phrasing.
Deterministic for a given --seed.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from intentdata import (label_chat, label_code, label_creative, label_extraction, label_high_stakes,  # noqa: E402
                        label_knowledge, label_math, label_reasoning, label_science, label_writing,
                        extra_families, more_handwritten, noise, pasted, topics,
                        written)
from intentdata.grammar import Family, render  # noqa: E402
from near_dups import NearDupIndex, gram_order, grams, has_dup_across, has_dup_within  # noqa: E402

LABELS = ["code", "math", "reasoning", "science", "creative", "writing", "knowledge", "high_stakes", "chat",
          "extraction"]
MODULES = {m.L: m for m in (label_code, label_math, label_reasoning, label_science, label_creative, label_writing,
                            label_knowledge, label_high_stakes, label_chat, label_extraction)}
DEV_TEMPLATE_SHARE = 0.25
DEV_HANDWRITTEN_SHARE = 1 / 3
# Dev per label = up to this many hand-written prompts + template prompts up to --dev-cap. A few more than this go
# to dev (some fall out as near-duplicates); every other hand-written prompt trains.
DEV_HANDWRITTEN_PER_LABEL = 100
DEV_HANDWRITTEN_MARGIN = 15


def split_templates(family: Family, seed: int) -> tuple[Family, Family | None]:
    """The family's train-only and dev-only phrasings, chosen by a seed that depends only on seed and family."""
    templates = list(family.templates)
    random.Random(f"{seed}/{family.label}/{family.name}").shuffle(templates)
    n_dev = max(1, round(len(templates) * DEV_TEMPLATE_SHARE)) if len(templates) >= 2 else 0
    train = Family(family.label, family.name, tuple(templates[n_dev:]), family.slots, family.weight)
    dev = Family(family.label, family.name, tuple(templates[:n_dev]), family.slots, family.weight) if n_dev else None
    return train, dev


def slot_table(module, family: Family, split: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for name, p in pasted.PASTE_POOLS.items():
        table[name] = p.for_split(split)
    for name, p in module.POOLS.items():
        table[name] = p.for_split(split)
    for name, p in family.slots.items():
        table[name] = p.for_split(split)
    return table


def noise_pools(split: str) -> dict[str, tuple[str, ...]]:
    return {"preamble": noise.PREAMBLE.for_split(split), "opener": noise.OPENER.for_split(split),
            "closer": noise.CLOSER.for_split(split)}


def generate_family(module, family: Family, split: str, count: int, rng: random.Random) -> list[str]:
    slots = slot_table(module, family, split)
    npools = noise_pools(split)
    out: dict[str, None] = {}
    attempts = 0
    while len(out) < count and attempts < count * 30:
        attempts += 1
        template = rng.choice(family.templates)
        text = render(template, slots, rng)
        text = noise.vary(text, rng, npools, has_paste="{=" in template)
        out.setdefault(text, None)
    return list(out)


def generate_handwritten(items: list[str], split: str, variants: int, rng: random.Random) -> list[str]:
    npools = noise_pools(split)
    out: dict[str, None] = {}
    for item in items:
        out.setdefault(item, None)
        for _ in range(variants):
            out.setdefault(noise.vary(item, rng, npools, has_paste=False), None)
    return list(out)


def build(seed: int, train_per_label: int, dev_per_label: int) -> tuple[list[dict], list[dict], dict]:
    rng = random.Random(seed)
    train: list[dict] = []
    dev: list[dict] = []
    manifest: dict = {"seed": seed, "labels": {}}
    written_by_label = written.load(LABELS)
    for label in LABELS:
        module = MODULES[label]
        families = list(module.FAMILIES) + extra_families.EXTRA.get(label, [])
        if label in topics.TOPICS:
            families.append(topics.families()[label])
        pairs = [split_templates(f, seed) for f in families]
        train_fams = [t for t, _ in pairs]
        dev_fams = [d for _, d in pairs if d is not None]
        hand = sorted(set(module.HANDWRITTEN.values) | set(more_handwritten.MORE[label].values)
                      | written.texts(written_by_label[label]))
        random.Random(f"{seed}/{label}/handwritten").shuffle(hand)
        n_hand_dev = min(round(len(hand) * DEV_HANDWRITTEN_SHARE), DEV_HANDWRITTEN_PER_LABEL + DEV_HANDWRITTEN_MARGIN)
        hand_dev, hand_train = hand[:n_hand_dev], hand[n_hand_dev:]
        manifest["labels"][label] = {"families": len(train_fams),
                                     "train_templates": sum(len(f.templates) for f in train_fams),
                                     "dev_templates": sum(len(f.templates) for f in dev_fams),
                                     "handwritten_train": len(hand_train), "handwritten_dev": len(hand_dev),
                                     "written_files": {k: len(v) for k, v in written_by_label[label].items()}}
        manifest.setdefault("dev_handwritten", []).extend(hand_dev)
        for split, fams, hand_items, target, sink in (("train", train_fams, hand_train, train_per_label, train),
                                                      ("dev", dev_fams, hand_dev, dev_per_label, dev)):
            hand_texts = generate_handwritten(hand_items, split, 2 if split == "train" else 0, rng)
            remaining = max(0, target - len(hand_texts))
            total_weight = sum(f.weight for f in fams)
            texts = list(hand_texts)
            for fam in fams:
                want = max(4, round(remaining * fam.weight / total_weight))
                texts.extend(generate_family(module, fam, split, want, rng))
            unique = list(dict.fromkeys(texts))
            sink.extend({"text": t, "label": label} for t in unique)
    return train, dev, manifest


def drop_conflicts(train: list[dict], dev: list[dict]) -> tuple[list[dict], list[dict], int]:
    """Drops texts that occur under more than one label anywhere, and exact train/dev overlaps."""
    labels_of: dict[str, set[str]] = {}
    for row in train + dev:
        labels_of.setdefault(row["text"].strip().lower(), set()).add(row["label"])
    conflicted = {t for t, ls in labels_of.items() if len(ls) > 1}
    train_texts = {r["text"].strip().lower() for r in train}
    train2 = [r for r in train if r["text"].strip().lower() not in conflicted]
    dev2 = [r for r in dev if r["text"].strip().lower() not in conflicted | train_texts]
    return train2, dev2, len(conflicted)


def thin_near_dups(rows: list[dict], sets: list[frozenset[str]], order: dict[str, int]) -> list[dict]:
    """Keeps the first item of every near-duplicate group, so each dev item tests a distinct phrasing."""
    index = NearDupIndex(sets, order)
    dropped: set[int] = set()
    kept: list[dict] = []
    for i, row in enumerate(rows):
        if i in dropped:
            continue
        kept.append(row)
        dropped.update(j for j in index.matches(sets[i], skip=i) if j > i)
    return kept


def cap_dev(rows: list[dict], handwritten: set[str], cap: int) -> list[dict]:
    """Per label: up to DEV_HANDWRITTEN_PER_LABEL hand-written prompts first, then template prompts up to `cap`."""
    hand_kept: Counter[str] = Counter()
    total: Counter[str] = Counter()
    kept_ids: set[int] = set()
    for i, row in enumerate(rows):
        if row["text"] in handwritten and hand_kept[row["label"]] < DEV_HANDWRITTEN_PER_LABEL:
            hand_kept[row["label"]] += 1
            total[row["label"]] += 1
            kept_ids.add(i)
    for i, row in enumerate(rows):
        if i not in kept_ids and row["text"] not in handwritten and total[row["label"]] < cap:
            total[row["label"]] += 1
            kept_ids.add(i)
    return [row for i, row in enumerate(rows) if i in kept_ids]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--train-per-label", type=int, default=2000)
    parser.add_argument("--dev-per-label", type=int, default=800, help="dev candidates generated per label")
    parser.add_argument("--dev-cap", type=int, default=300, help="dev items kept per label after thinning")
    parser.add_argument("--out", type=Path, default=HERE.parent.parent / "data" / "intents")
    args = parser.parse_args()

    train, dev, manifest = build(args.seed, args.train_per_label, args.dev_per_label)
    train, dev, n_conflicts = drop_conflicts(train, dev)

    train_sets = [grams(r["text"]) for r in train]
    dev_sets = [grams(r["text"]) for r in dev]
    order = gram_order(train_sets, dev_sets)
    leaks = has_dup_across(dev_sets, train_sets, order)
    rng = random.Random(args.seed + 1)
    dev_pairs = [(r, s) for r, s, leak in zip(dev, dev_sets, leaks) if not leak]
    rng.shuffle(dev_pairs)
    dev_clean = thin_near_dups([r for r, _ in dev_pairs], [s for _, s in dev_pairs], order)
    dev_clean = cap_dev(dev_clean, set(manifest["dev_handwritten"]), args.dev_cap)
    within = has_dup_within(train_sets, order)
    rng.shuffle(train)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train.jsonl", train), ("dev.jsonl", dev_clean)):
        with open(args.out / name, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({"text": r["text"], "label": r["label"]}, ensure_ascii=False) + "\n")

    manifest.update({
        "cross_label_conflicts_dropped": n_conflicts,
        "dev_dropped_as_near_dup_of_train": sum(leaks),
        "dev_dropped_as_near_dup_within_dev": len(dev_pairs) - len(dev_clean),
        "train_within_near_dup_rate": round(sum(within) / len(train), 4),
        "train_counts": dict(sorted(Counter(r["label"] for r in train).items())),
        "dev_counts": dict(sorted(Counter(r["label"] for r in dev_clean).items())),
    })
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in manifest.items() if k not in ("labels", "dev_handwritten")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
