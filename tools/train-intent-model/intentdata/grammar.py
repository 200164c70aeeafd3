"""A tiny template language for authoring prompts, and the split-aware slot pools it draws from.

Syntax: `[a|b|c]` picks one alternative (`[a|]` makes `a` optional), `{name}` expands a random value of slot
`name` (values are templates themselves), `{=name}` inserts a value verbatim (pasted code or text), and a
backslash escapes the next character. Expansion is driven by the caller's `random.Random`, so builds are
deterministic for a seed.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field


class TemplateError(ValueError):
    pass


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


@dataclass(frozen=True)
class Pool:
    """Slot values. A split pool sends about a quarter of its values (by stable hash) to dev only."""

    values: tuple[str, ...]
    split: bool = True

    def for_split(self, split: str) -> tuple[str, ...]:
        if not self.split or len(self.values) < 4:
            return self.values
        ranked = sorted(self.values, key=stable_hash)
        n_dev = max(1, len(ranked) // 4)
        chosen = set(ranked[:n_dev]) if split == "dev" else set(ranked[n_dev:])
        return tuple(v for v in self.values if v in chosen)


def pool(*values: str, split: bool = True) -> Pool:
    return Pool(tuple(values), split)


def lines(block: str, split: bool = True) -> Pool:
    """A pool from a multi-line string, one value per non-empty line."""
    return Pool(tuple(s.strip() for s in block.strip().splitlines() if s.strip()), split)


@dataclass
class Family:
    """A set of phrasings that belong together; a family lands wholly in train or wholly in dev."""

    label: str
    name: str
    templates: tuple[str, ...]
    slots: dict[str, Pool] = field(default_factory=dict)
    weight: float = 1.0
    # "family": the whole family goes to one split; "item": each fixed template is its own unit (hand-written lists)
    unit: str = "family"


def _matching(text: str, start: int, open_ch: str, close_ch: str) -> int:
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == open_ch:
            depth += 1
        elif ch == close_ch:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise TemplateError(f"unbalanced {open_ch} in template: {text[:80]!r}")


def _split_top(text: str) -> list[str]:
    parts, depth, cur, i = [], 0, [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            cur.append(text[i:i + 2])
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def render(template: str, slots: dict[str, tuple[str, ...]], rng: random.Random) -> str:
    """Expands `template` and tidies its spacing; verbatim values are put back untouched afterwards."""
    verbatim: list[str] = []
    text = tidy(expand(template, slots, rng, verbatim))
    for index, value in enumerate(verbatim):
        text = text.replace(f"\x00{index}\x00", value)
    return text


def expand(template: str, slots: dict[str, tuple[str, ...]], rng: random.Random, verbatim: list[str],
           depth: int = 0) -> str:
    if depth > 20:
        raise TemplateError("template recursion too deep")
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "\\" and i + 1 < len(template):
            out.append(template[i + 1])
            i += 2
        elif ch == "[":
            end = _matching(template, i, "[", "]")
            choice = rng.choice(_split_top(template[i + 1:end]))
            out.append(expand(choice, slots, rng, verbatim, depth + 1))
            i = end + 1
        elif ch == "{":
            end = template.index("}", i)
            name = template[i + 1:end]
            is_verbatim = name.startswith("=")
            name = name.lstrip("=")
            if name not in slots or not slots[name]:
                raise TemplateError(f"unknown or empty slot {name!r}")
            value = rng.choice(slots[name])
            if is_verbatim:
                out.append(f"\x00{len(verbatim)}\x00")
                verbatim.append(value)
            else:
                out.append(expand(value, slots, rng, verbatim, depth + 1))
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def tidy(text: str) -> str:
    """Collapses the double spaces and space-before-punctuation that optional parts leave behind."""
    lines_out = []
    for line in text.split("\n"):
        while "  " in line:
            line = line.replace("  ", " ")
        for p in (" ,", " ?", " .", " !", " :"):
            line = line.replace(p, p[1:])
        lines_out.append(line.strip())
    return "\n".join(lines_out).strip()
