"""Free-form prompts written by hand in JSON Lines under intentdata/written/ (one {"text", "label"} per line).

Per-label files (`code.jsonl`, ...) hold prompts of that label; `contrastive.jsonl` holds groups that share a
subject but differ in intent; `long.jsonl` holds long prompts with pasted material whose topic suggests another
label than the instruction. All of them join the hand-written pool and are split item by item like the
hand-written prompts in the label modules.
"""
from __future__ import annotations

import json
from pathlib import Path

WRITTEN_DIR = Path(__file__).resolve().parent / "written"


def load(labels: list[str], directory: Path = WRITTEN_DIR) -> dict[str, dict[str, list[str]]]:
    """Returns {label: {file stem: [texts]}}; a bad line raises ValueError naming file and line."""
    out: dict[str, dict[str, list[str]]] = {label: {} for label in labels}
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path.name}:{number}: not JSON ({error})") from None
            text, label = row.get("text"), row.get("label")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{path.name}:{number}: 'text' must be a non-empty string")
            if label not in out:
                raise ValueError(f"{path.name}:{number}: unknown label {label!r}")
            out[label].setdefault(path.stem, []).append(text.strip())
    return out


def texts(by_source: dict[str, list[str]]) -> set[str]:
    return {t for items in by_source.values() for t in items}
