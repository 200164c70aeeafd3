"""Accuracy, per-label precision/recall/F1 and the confusion matrix (rows = true label, columns = predicted)."""
from __future__ import annotations


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
