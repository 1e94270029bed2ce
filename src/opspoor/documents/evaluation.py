"""Measure name extraction against hand-labelled documents.

    >>> text, gold = parse_marked("Volgens [[Jan de Vries|PER]] werkt [[Europol|ORG]] mee.")
    >>> text, [(g.text, g.type, g.start, g.end) for g in gold]
    ('Volgens Jan de Vries werkt Europol mee.', [('Jan de Vries', 'person', 8, 20), ('Europol', 'organization', 27, 34)])

A labelled set is written as marked text (names in [[text|PER]] or [[text|ORG]]) and turned
into plain texts plus an annotation file (JSON lines: file, language, names with type and
offsets) by `write_labelled_set`. `score` counts a name as found only when its span and
type are exactly right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARK = re.compile(r"\[\[([^|\]]+)\|(PER|ORG)\]\]")
TYPES = {"PER": "person", "ORG": "organization"}


@dataclass(frozen=True)
class Span:
    text: str
    type: str
    start: int
    end: int


def parse_marked(marked: str) -> tuple[str, list[Span]]:
    """Plain text and the gold spans of a marked text."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos : m.start()]
        out.append(plain)
        length += len(plain)
        name = m.group(1)
        spans.append(Span(name, TYPES[m.group(2)], length, length + len(name)))
        out.append(name)
        length += len(name)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def write_labelled_set(marked_dir: Path, out_dir: Path) -> list[dict[str, Any]]:
    """Write texts/ and annotations.jsonl for every marked *.txt file; returns the annotations."""
    texts = out_dir / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in sorted(marked_dir.glob("*.txt")):
        text, spans = parse_marked(path.read_text(encoding="utf-8"))
        (texts / path.name).write_text(text, encoding="utf-8")
        rows.append(
            {
                "file": f"texts/{path.name}",
                "language": path.name.split("-")[1],
                "names": [
                    {"text": s.text, "type": s.type, "start": s.start, "end": s.end} for s in spans
                ],
            }
        )
    with (out_dir / "annotations.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def load_annotations(folder: Path) -> list[dict[str, Any]]:
    lines = (folder / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold


def score(gold: Iterable[tuple[int, int, str]], predicted: Iterable[tuple[int, int, str]]) -> Score:
    """Exact matches of (start, end, type)."""
    g = set(gold)
    p = set(predicted)
    return Score(true_positives=len(g & p), predicted=len(p), gold=len(g))


def errors(
    text: str, gold: Sequence[tuple[int, int, str]], predicted: Sequence[tuple[int, int, str]]
) -> dict[str, list[str]]:
    """Missed and spurious names, as text, for reading what went wrong."""
    g, p = set(gold), set(predicted)
    return {
        "missed": [f"{text[s:e]!r} {t}" for s, e, t in sorted(g - p)],
        "spurious": [f"{text[s:e]!r} {t}" for s, e, t in sorted(p - g)],
    }
