"""Local English text for vocabulary selection and pretraining, from Debian packages only.

Sources: WordNet 3.0 glosses and usage examples (`apt-get install wordnet-base`, /usr/share/wordnet) and the Free
On-line Dictionary of Computing (`apt-get install dict-foldoc`, /usr/share/dictd/foldoc.dict.dz). Nothing here is
copied into the intent dataset; it only shapes the vocabulary and the word embeddings.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
FOLDOC = Path("/usr/share/dictd/foldoc.dict.dz")


def wordnet_lines() -> list[str]:
    """One line per synset: its lemmas, then its gloss and examples."""
    out: list[str] = []
    for pos in ("noun", "verb", "adj", "adv"):
        path = WORDNET_DIR / f"data.{pos}"
        if not path.exists():
            raise FileNotFoundError(f"{path} missing: apt-get install wordnet-base")
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  ") or "|" not in line:
                continue
            head, gloss = line.split("|", 1)
            fields = head.split()
            n_words = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].replace("_", " ") for i in range(n_words)]
            lemmas = [re.sub(r"\(\w+\)$", "", w) for w in lemmas]
            out.append(f"{', '.join(lemmas)}: {gloss.strip()}")
    return out


def foldoc_lines() -> list[str]:
    """One line per paragraph of FOLDOC entry text, with its cross-reference markup removed."""
    if not FOLDOC.exists():
        raise FileNotFoundError(f"{FOLDOC} missing: apt-get install dict-foldoc")
    text = gzip.open(FOLDOC, "rt", encoding="utf-8", errors="replace").read()
    out: list[str] = []
    para: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or not raw.startswith(" "):
            if para:
                joined = " ".join(para)
                joined = re.sub(r"[{}]", "", joined)
                joined = re.sub(r"<[^>]*>", "", joined)
                joined = re.sub(r"\(\d{4}-\d{2}-\d{2}\)", "", joined).strip()
                if len(joined.split()) >= 6 and "http" not in joined:
                    out.append(joined)
                para = []
            continue
        para.append(line)
    return out


def build_corpus() -> list[str]:
    return wordnet_lines() + foldoc_lines()
