"""Writes models/intent-default/metrics.json and README.md (the model card) from the run's outputs in work/, and
fills the near-duplicate and count tables in data/intents/README.md. Numbers come only from files, never by hand.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from common import DATA_DIR, LABELS, MODEL_DIR, WORK, read_jsonl
from metrics import format_matrix

CARD_TEMPLATE = Path(__file__).resolve().parent / "model_card_template.md"


def load(name: str) -> dict:
    path = WORK / name
    return json.loads(path.read_text()) if path.exists() else {}


def per_label_table(bert: dict, base: dict) -> str:
    rows = ["| label | precision | recall | F1 | support | baseline F1 |", "|---|---|---|---|---|---|"]
    for lab in LABELS:
        b = bert["per_label"][lab]
        rows.append(f"| {lab} | {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} | {b['support']} | "
                    f"{base['per_label'][lab]['f1']:.3f} |")
    return "\n".join(rows)


def parameter_count(config: dict) -> int:
    h, i, layers = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    embeddings = (config["vocab_size"] + config["max_position_embeddings"] + config["type_vocab_size"]) * h + 2 * h
    layer = 4 * (h * h + h) + (h * i + i) + (i * h + h) + 4 * h
    head = (h * h + h) + (h * len(LABELS) + len(LABELS))
    return embeddings + layers * layer + head


def standard_error(accuracy: float, n: int) -> str:
    return f"{(accuracy * (1 - accuracy) / n) ** 0.5:.1%}" if n else "n/a"


def independent_near_dup_note(nd: dict) -> str:
    if not nd:
        return ""
    return (f"{nd['dev_with_train_near_dup']} of its {nd['dev_items']} prompts ({nd['across_rate']:.0%}) have a near-duplicate "
            f"in train, by chance (short chat lines such as \"hi\", \"lol\", \"brb\"); they are kept.")


def dir_size() -> dict:
    files = {p.name: p.stat().st_size for p in sorted(MODEL_DIR.iterdir()) if p.is_file()}
    return {"files": files, "total_bytes": sum(files.values())}


def counts_table(train: list[dict], dev: list[dict]) -> str:
    tc, dc = Counter(r["label"] for r in train), Counter(r["label"] for r in dev)
    rows = ["| label | train | dev | total |", "|---|---|---|---|"]
    for lab in LABELS:
        rows.append(f"| {lab} | {tc[lab]} | {dc[lab]} | {tc[lab] + dc[lab]} |")
    rows.append(f"| **all** | {len(train)} | {len(dev)} | {len(train) + len(dev)} |")
    return "\n".join(rows)


def near_dup_table(nd: dict) -> str:
    return "\n".join([
        "| measure | value |", "|---|---|",
        f"| train items with a near-duplicate elsewhere in train | {nd['within_train_rate']:.1%} |",
        f"| dev items with a near-duplicate elsewhere in dev | {nd['within_dev_rate']:.1%} |",
        f"| dev items with a near-duplicate in train (across) | {nd['dev_with_train_near_dup']} "
        f"({nd['across_rate']:.1%}) |",
    ])


def pipeline_text(bert: dict, mlm: dict) -> str:
    steps = ["1. **Embedding initialisation** (`embed_init.py`): positive-PMI co-occurrence (window ±4) over the local "
             "corpus and the training prompts, truncated SVD to the hidden size. Words never seen in the intent data "
             "(e.g. a drug name only dev uses) start near related words."]
    if bert["init"] == "mlm":
        steps.append(f"2. **Masked-LM pretraining** (`pretrain.py`, {mlm.get('mlm_steps')} steps, batch 64, BERT "
                     f"80/10/10 masking, final loss {mlm.get('final_loss')}) on WordNet glosses, FOLDOC entries and "
                     f"the training prompts (never dev); {mlm.get('seconds')} s.")
    frozen = " with the word embeddings frozen (so unseen words keep their neighbours)" if bert.get(
        "freeze_embeddings") else ""
    steps.append(f"{len(steps) + 1}. **Fine-tuning** (`finetune.py --init {bert['init']} --pooling {bert.get('pooling', 'cls')} "
                 f"--lr {bert['lr']} --epochs {bert['epochs']} --token-dropout {bert['token_dropout']}"
                 f"{' --freeze-embeddings' if bert.get('freeze_embeddings') else ''}`){frozen}: AdamW lr {bert['lr']}, "
                 f"batch {bert['batch_size']}, {bert['epochs']} epochs, linear warm-up/decay, dropout 0.1, label "
                 f"smoothing {bert['label_smoothing']}, {bert['token_dropout']:.0%} of prompt tokens replaced by "
                 f"`[MASK]`; {bert['train_seconds']} s on the shared 2-core machine.")
    return "\n".join(steps)


def main() -> int:
    bert = load("classifier_metrics.json")
    base = load("baseline_metrics.json")
    nd = load("near_dups.json")
    mlm = load("mlm_summary.json")
    experiments = load("experiments.json")
    train, dev = read_jsonl(DATA_DIR / "train.jsonl"), read_jsonl(DATA_DIR / "dev.jsonl")
    manifest = json.loads((DATA_DIR / "manifest.json").read_text())
    hand_dev = set(manifest.get("dev_handwritten", []))
    config = json.loads((MODEL_DIR / "config.json").read_text())
    size = dir_size()
    metrics = {
        "dev_accuracy": bert["accuracy"], "dev_macro_f1": bert["macro_f1"],
        "dev_accuracy_handwritten_subset": bert.get("handwritten_accuracy"),
        "handwritten_dev_items": sum(1 for r in dev if r["text"] in hand_dev),
        "independent_accuracy": bert.get("independent_accuracy"),
        "independent_report": bert.get("independent_report"),
        "independent_near_duplicates_of_train": load("near_dups_independent.json"),
        "baseline": {"model": base["model"], "dev_accuracy": base["accuracy"], "dev_macro_f1": base["macro_f1"],
                     "dev_accuracy_handwritten_subset": base.get("handwritten_accuracy"),
                     "independent_accuracy": base.get("independent_accuracy")},
        "per_label": bert["per_label"], "confusion_matrix": bert["confusion_matrix"],
        "near_duplicates": nd, "dataset": {"train": len(train), "dev": len(dev), "seed": manifest["seed"]},
        "architecture": {k: config[k] for k in ("hidden_size", "num_hidden_layers", "num_attention_heads",
                                                 "intermediate_size", "max_position_embeddings", "vocab_size")},
        "training": {"finetune": {k: bert[k] for k in ("init", "epochs", "lr", "batch_size", "token_dropout",
                                                        "label_smoothing", "freeze_embeddings", "train_seconds")},
                     "mlm_pretraining": mlm, "experiments": experiments},
        "size": size,
    }
    (MODEL_DIR / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")

    exp_rows = ["| run | dev accuracy | hand-written dev subset | independent |", "|---|---|---|---|"]
    for name, e in experiments.items():
        cells = [e.get(k) for k in ("dev_accuracy", "handwritten_accuracy", "independent_accuracy")]
        exp_rows.append(f"| {name} | " + " | ".join("–" if v is None or v != v else f"{v:.3f}" for v in cells) + " |")
    card = CARD_TEMPLATE.read_text(encoding="utf-8")
    fill = {
        "DEV_ACCURACY": f"{bert['accuracy']:.1%}", "DEV_MACRO_F1": f"{bert['macro_f1']:.3f}",
        "HAND_ACCURACY": f"{bert.get('handwritten_accuracy', 0):.1%}",
        "BASE_ACCURACY": f"{base['accuracy']:.1%}", "BASE_MACRO_F1": f"{base['macro_f1']:.3f}",
        "BASE_HAND_ACCURACY": f"{base.get('handwritten_accuracy', 0):.1%}",
        "N_HAND": str(sum(1 for r in dev if r["text"] in hand_dev)),
        "IND_ACCURACY": f"{bert.get('independent_accuracy', float('nan')):.1%}",
        "BASE_IND_ACCURACY": f"{base.get('independent_accuracy', float('nan')):.1%}",
        "IND_N": str(len(read_jsonl(DATA_DIR / "independent.jsonl"))),
        "IND_SE": standard_error(bert.get("independent_accuracy", float("nan")), len(read_jsonl(DATA_DIR / "independent.jsonl"))),
        "IND_CONFUSION": format_matrix(bert["independent_report"]) if "independent_report" in bert else "(no independent set)",
        "IND_NEAR_DUPS": independent_near_dup_note(load("near_dups_independent.json")),
        "LAYERS": str(config["num_hidden_layers"]), "HIDDEN": str(config["hidden_size"]),
        "HEADS": str(config["num_attention_heads"]), "INTERMEDIATE": str(config["intermediate_size"]),
        "PARAMS": f"{parameter_count(config) / 1e6:.2f} M",
        "PRUNED_MB": f"{(30522 - config['vocab_size']) * config['hidden_size'] * 4 / 1e6:.0f}",
        "PER_LABEL_TABLE": per_label_table(bert, base), "CONFUSION": format_matrix(bert),
        "BASE_CONFUSION": format_matrix(base), "NEAR_DUP_TABLE": near_dup_table(nd),
        "COUNTS_TABLE": counts_table(train, dev), "EXPERIMENTS_TABLE": "\n".join(exp_rows),
        "TOTAL_MB": f"{size['total_bytes'] / 1e6:.1f}",
        "SIZE_TABLE": "\n".join(["| file | bytes |", "|---|---|"] +
                                [f"| {k} | {v:,} |" for k, v in size["files"].items()]),
        "VOCAB_SIZE": str(config["vocab_size"]), "FT_SECONDS": str(bert["train_seconds"]),
        "MLM_SECONDS": str(mlm.get("seconds", 0)), "MLM_STEPS": str(mlm.get("mlm_steps", 0)),
        "EPOCHS": str(bert["epochs"]), "LR": str(bert["lr"]), "BATCH": str(bert["batch_size"]),
        "BASELINE_NOTE": (
            f"The BERT beats the bag-of-wordpieces baseline by {(bert['accuracy'] - base['accuracy']) * 100:+.1f} points on dev, "
            f"{(bert['handwritten_accuracy'] - base['handwritten_accuracy']) * 100:+.1f} on its hand-written subset and "
            f"{(bert['independent_accuracy'] - base['independent_accuracy']) * 100:+.1f} on the independent set. "
            + ("" if bert["accuracy"] >= 0.9 else
               f"Dev accuracy is below the 90% target ({bert['accuracy']:.1%}): its template third uses phrasings and slot "
               f"values training never saw, on purpose. ")
            if bert["accuracy"] > base["accuracy"] else
            f"**Status: this model does not yet beat the baseline on dev ({(bert['accuracy'] - base['accuracy']) * 100:+.1f} points"
            f"), nor reach the 90% target.** Training from scratch on two shared CPU cores limited the masked-LM "
            f"pretraining, which is what closes the gap (see *What was tried*); the dev set deliberately uses "
            f"unseen phrasings, topics and preambles, which favours the bag-of-words model's robustness."),
        "TRAIN_N": str(len(train)), "DEV_N": str(len(dev)), "PIPELINE": pipeline_text(bert, mlm),
    }
    for key, value in fill.items():
        card = card.replace("{{" + key + "}}", value)
    (MODEL_DIR / "README.md").write_text(card, encoding="utf-8")

    data_readme = DATA_DIR / "README.md"
    text = data_readme.read_text(encoding="utf-8")
    for marker, table in (("NEAR_DUP_TABLE", near_dup_table(nd)), ("COUNTS_TABLE", counts_table(train, dev))):
        start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
        if start in text:
            head, rest = text.split(start, 1)
            text = head + start + "\n" + table + "\n" + end + rest.split(end, 1)[1]
    data_readme.write_text(text, encoding="utf-8")
    print(json.dumps({"dev_accuracy": bert["accuracy"], "baseline": base["accuracy"],
                      "model_dir_mb": round(size["total_bytes"] / 1e6, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
