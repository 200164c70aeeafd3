"""Bag-of-wordpieces baseline: tf-idf over the same pruned wordpiece vocabulary, multinomial logistic regression.

L2 strength is picked on a seeded 10% hold-out of train (never on dev), then the model is refit on all of train and
scored on dev. Writes work/baseline_metrics.json.
"""
from __future__ import annotations

import json
import random
import sys
import time

import torch
from torch import nn

from common import LABELS, SEED, WORK, handwritten_dev, record_experiment, set_determinism
from metrics import evaluate, headline, summary_line

L2_GRID = (1e-5, 1e-4, 1e-3)


def tfidf(seqs: list[list[int]], vocab_size: int, idf: torch.Tensor | None = None):
    x = torch.zeros(len(seqs), vocab_size)
    for i, s in enumerate(seqs):
        body = s[1:-1]
        if body:
            x[i].index_add_(0, torch.tensor(body), torch.ones(len(body)))
    if idf is None:
        df = (x > 0).sum(0).float()
        idf = torch.log((1 + len(seqs)) / (1 + df)) + 1
    x = torch.log1p(x) * idf
    return nn.functional.normalize(x, dim=1), idf


def fit(x: torch.Tensor, y: torch.Tensor, l2: float, epochs: int = 60) -> nn.Linear:
    torch.manual_seed(SEED)
    model = nn.Linear(x.shape[1], len(LABELS))
    opt = torch.optim.LBFGS(model.parameters(), lr=1, max_iter=epochs, history_size=20,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y) + l2 * model.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return model


def main() -> int:
    set_determinism()
    start = time.time()
    prepared = torch.load(WORK / "prepared.pt")
    vocab_size = len(prepared["vocab"])
    train_ids, train_y = prepared["train"]["ids"], torch.tensor(prepared["train"]["labels"])

    order = list(range(len(train_ids)))
    random.Random(SEED).shuffle(order)
    cut = len(order) // 10
    hold, fit_idx = order[:cut], order[cut:]
    x_fit, idf = tfidf([train_ids[i] for i in fit_idx], vocab_size)
    x_hold, _ = tfidf([train_ids[i] for i in hold], vocab_size, idf)
    scores = {}
    for l2 in L2_GRID:
        m = fit(x_fit, train_y[fit_idx], l2)
        scores[l2] = (m(x_hold).argmax(1) == train_y[hold]).float().mean().item()
    best = max(L2_GRID, key=lambda v: (scores[v], v))

    x_train, idf = tfidf(train_ids, vocab_size)
    model = fit(x_train, train_y, best)
    report = evaluate(prepared, LABELS, handwritten_dev(),
                      lambda seqs: model(tfidf(seqs, vocab_size, idf)[0]).argmax(1).tolist())
    report.update({"model": "tf-idf bag of wordpieces + multinomial logistic regression (L-BFGS)",
                   "l2": best, "holdout_accuracy_by_l2": {str(k): round(v, 4) for k, v in scores.items()},
                   "train_seconds": round(time.time() - start)})
    (WORK / "baseline_metrics.json").write_text(json.dumps(report, indent=2) + "\n")
    record_experiment("baseline (tf-idf + logistic regression)", headline(report))
    print(summary_line("baseline", report) + f" (l2={best})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
