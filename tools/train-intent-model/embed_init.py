"""Word-embedding initialisation from distributional statistics of the local corpus (no pretrained weights).

Counts wordpiece co-occurrences within +-4 positions over the corpus and the training prompts, turns them into a
positive PMI matrix (context distribution smoothed with exponent 0.75), and keeps a truncated SVD: U * sqrt(S),
rescaled to BERT's init scale. Tokens that never occur get small random vectors. Seeded and deterministic.
"""
from __future__ import annotations

import sys
import time

import numpy as np
import torch

from common import SEED, WORK, crop, set_determinism
from model import BertConfig

WINDOW = 4


def cooccurrence(sequences: list[list[int]], vocab_size: int) -> np.ndarray:
    counts = np.zeros(vocab_size * vocab_size, dtype=np.float64)
    flat = np.concatenate([np.asarray(s[1:-1] + [-1], dtype=np.int64) for s in sequences])  # -1 ends a line
    breaks = np.cumsum(flat < 0)
    for d in range(1, WINDOW + 1):
        a, b = flat[:-d], flat[d:]
        # a line end between a and b shows up as a -1 in between; such pairs are not neighbours
        ok = (a >= 0) & (b >= 0) & (breaks[d:] - breaks[:-d] == 0)
        weight = 1.0 / d
        counts += np.bincount(a[ok] * vocab_size + b[ok], minlength=vocab_size * vocab_size) * weight
        counts += np.bincount(b[ok] * vocab_size + a[ok], minlength=vocab_size * vocab_size) * weight
    return counts.reshape(vocab_size, vocab_size)


def ppmi_svd(counts: np.ndarray, dim: int, seed: int) -> np.ndarray:
    total = counts.sum()
    row = counts.sum(axis=1)
    ctx = row ** 0.75
    ctx = ctx / ctx.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * 1.0 / (row[:, None] / total) / ctx[None, :] / total)
    pmi[~np.isfinite(pmi)] = 0.0
    ppmi = torch.from_numpy(np.maximum(pmi, 0.0).astype(np.float32))
    torch.manual_seed(seed)
    u, s, _ = torch.svd_lowrank(ppmi, q=dim, niter=6)
    return (u * s.sqrt()).numpy()


def build(prepared: dict, hidden: int, seed: int = SEED) -> torch.Tensor:
    vocab_size = len(prepared["vocab"])
    sequences = prepared["corpus"] + [crop(s) for s in prepared["train"]["ids"]]
    counts = cooccurrence(sequences, vocab_size)
    emb = ppmi_svd(counts, hidden, seed)
    emb = emb / emb[counts.sum(axis=1) > 0].std() * 0.02
    gen = torch.Generator().manual_seed(seed)
    out = torch.from_numpy(emb.astype(np.float32))
    unseen = torch.from_numpy(counts.sum(axis=1) == 0)
    out[unseen] = torch.randn(int(unseen.sum()), hidden, generator=gen) * 0.02
    out[0] = 0.0  # [PAD]
    return out


def main() -> int:
    set_determinism()
    start = time.time()
    prepared = torch.load(WORK / "prepared.pt")
    emb = build(prepared, int(sys.argv[1]) if len(sys.argv) > 1 else BertConfig.hidden_size)
    torch.save(emb, WORK / "embed_init.pt")
    vocab = prepared["vocab"]
    index = {t: i for i, t in enumerate(vocab)}
    unit = torch.nn.functional.normalize(emb, dim=1)
    for probe in ("python", "doctor", "poem", "equation", "lawyer", "hello", "summarize", "json"):
        if probe in index:
            sims = unit @ unit[index[probe]]
            top = [vocab[i] for i in sims.topk(7).indices.tolist()[1:]]
            print(f"{probe}: {' '.join(top)}")
    print(f"embed_init: {emb.shape[0]}x{emb.shape[1]} in {time.time() - start:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
