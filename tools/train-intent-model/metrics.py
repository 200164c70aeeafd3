"""Accuracy, per-label precision/recall/F1 and the confusion matrix (rows = true label, columns = predicted)."""
from __future__ import annotations

from typing import Callable


def classification_report(gold: list[int], pred: list[int], labels: list[str]) -> dict:
    n = len(labels)
    matrix = [[0] * n for _ in range(n)]
    for g, p in zip(gold, pred):
        matrix[g][p] += 1
    per_label = {}
    f1s = []
    for i, name in enumerate(labels):
        tp = matrix[i][i]
        predicted = sum(matrix[r][i] for r in range(n))
        actual = sum(matrix[i])
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        per_label[name] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                           "support": actual}
    accuracy = sum(matrix[i][i] for i in range(n)) / max(1, len(gold))
    return {"accuracy": round(accuracy, 4), "macro_f1": round(sum(f1s) / n, 4), "per_label": per_label,
            "confusion_matrix": {"labels": labels, "rows_true_cols_pred": matrix}}


def format_matrix(report: dict) -> str:
    labels = report["confusion_matrix"]["labels"]
    matrix = report["confusion_matrix"]["rows_true_cols_pred"]
    short = [lab[:6] for lab in labels]
    lines = ["| true \\ pred | " + " | ".join(short) + " |", "|---" * (len(labels) + 1) + "|"]
    for name, row in zip(labels, matrix):
        lines.append(f"| {name} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def handwritten_accuracy(texts: list[str], gold: list[int], pred: list[int], handwritten: set[str]) -> float:
    """Accuracy on the dev prompts that were written free-form rather than generated from templates."""
    hits = [int(p == g) for t, g, p in zip(texts, gold, pred) if t in handwritten]
    return round(sum(hits) / len(hits), 4) if hits else float("nan")


def split_accuracy(gold: list[int], pred: list[int]) -> float:
    """Plain accuracy, NaN for an empty split (e.g. no independent set present)."""
    return round(sum(int(p == g) for g, p in zip(gold, pred)) / len(gold), 4) if gold else float("nan")


def evaluate(prepared: dict, labels: list[str], handwritten: set[str],
             predict: Callable[[list[list[int]]], list[int]]) -> dict:
    """Scores a model the same way for every run: the dev report, its hand-written subset, and the independent set
    (NaN and no report when prepare.py found none). `predict` maps token-id sequences to label ids."""
    dev = prepared["dev"]
    dev_pred = predict(dev["ids"])
    report = classification_report(dev["labels"], dev_pred, labels)
    report["handwritten_accuracy"] = handwritten_accuracy(dev["texts"], dev["labels"], dev_pred, handwritten)
    independent = prepared.get("independent", {"ids": [], "labels": []})
    ind_pred = predict(independent["ids"]) if independent["ids"] else []
    report["independent_accuracy"] = split_accuracy(independent["labels"], ind_pred)
    if independent["ids"]:
        report["independent_report"] = classification_report(independent["labels"], ind_pred, labels)
    return report


def headline(report: dict) -> dict:
    """The figures work/experiments.json keeps per run."""
    return {"dev_accuracy": report["accuracy"], "handwritten_accuracy": report["handwritten_accuracy"],
            "independent_accuracy": report["independent_accuracy"], "seconds": report["train_seconds"]}


def summary_line(name: str, report: dict) -> str:
    return (f"{name}: dev accuracy {report['accuracy']:.4f} macro-F1 {report['macro_f1']:.4f} hand-written dev "
            f"{report['handwritten_accuracy']:.4f} independent {report['independent_accuracy']:.4f}")
