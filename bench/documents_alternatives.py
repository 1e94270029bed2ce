"""Offline NLP tried beside the rule-based name finder: deduce and a spaCy blank pipeline with an
entity ruler. Neither is a dependency of opspoor (they did not help, see docs/documents.md);
`bench_documents` adds their rows only when they can be imported, e.g.

    pip install --target /tmp/alt deduce spacy
    PYTHONPATH=/tmp/alt .venv/bin/python -m bench.bench_documents

- deduce (Dutch de-identification of clinical text, LGPL-3.0-or-later): its `persoon` and
  `patient` annotations are taken as person names (a title such as "burgemeester" that deduce
  keeps in the span is cut off). Measured on the Dutch documents only.
- spaCy: `spacy.blank(lang)` with an `entity_ruler` whose patterns are made from opspoor's own
  lexicon (a title or role then capitalised words, a given name then capitalised words,
  capitalised words ending with an organisation word, the well-known organisations).

Each is measured alone and added to the rules ("rules + X": its names that overlap no
rule-found name are added).
"""

from __future__ import annotations

import importlib.util
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from opspoor.documents.evaluation import Score, load_annotations, score
from opspoor.documents.extract import extract_document
from opspoor.documents.lexicon import lexicon
from opspoor.documents.readers import read_document

Spans = list[tuple[int, int, str]]
_DEDUCE_TITLE = re.compile(
    r"^(?:(?:burgemeester|dhr\.?|mevr\.?|mr\.?|dr\.?|mevrouw|meneer|patiënt|patient)\s+)+", re.I
)


def available() -> list[str]:
    return [name for name in ("deduce", "spacy") if importlib.util.find_spec(name) is not None]


def deduce_finder() -> Callable[[str, str], Spans]:
    from deduce import Deduce  # type: ignore[import-not-found]

    model = Deduce()

    def find(text: str, lang: str) -> Spans:
        out: Spans = []
        if lang != "nl":
            return out
        for a in model.deidentify(text).annotations:
            if a.tag not in ("persoon", "patient"):
                continue
            start = a.start_char
            title = _DEDUCE_TITLE.match(a.text)
            if title:
                start += title.end()
            out.append((start, a.end_char, "person"))
        return out

    return find


def spacy_finder() -> Callable[[str, str], Spans]:
    import spacy  # type: ignore[import-not-found]

    lex = lexicon()
    cues = sorted(lex.titles | lex.public_roles | lex.suspect_roles)
    part = {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’-]*|(?:al|el|abu|bin|ben)[-'’][A-Z][\w'’-]*)$"}}
    patterns: list[dict[str, Any]] = [
        {
            "label": "PERSON",
            "id": "cue",
            "pattern": [
                {"LOWER": {"IN": cues}},
                part,
                {"LOWER": {"IN": sorted(lex.particles)}, "OP": "*"},
                {**part, "OP": "*"},
            ],
        },
        {
            "label": "PERSON",
            "id": "given",
            "pattern": [
                {"LOWER": {"IN": sorted(lex.given_names)}, "IS_TITLE": True},
                {"LOWER": {"IN": sorted(lex.particles)}, "OP": "*"},
                {**part, "OP": "+"},
            ],
        },
        {
            "label": "ORG",
            "id": "org",
            "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": sorted(lex.org_words)}}],
        },
    ]
    patterns += [
        {"label": "ORG", "id": "known", "pattern": " ".join(k)} for k in lex.known_organizations
    ]
    pipelines = {}
    for lang in ("nl", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("entity_ruler").add_patterns(patterns)
        pipelines[lang] = nlp

    def find(text: str, lang: str) -> Spans:
        out: Spans = []
        for ent in pipelines[lang](text).ents:
            toks = list(ent)[1:] if ent.ent_id_ == "cue" else list(ent)
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if text[start:end].endswith("'s"):
                end -= 2
            out.append((start, end, "person" if ent.label_ == "PERSON" else "organization"))
        return out

    return find


def scores(
    folders: Sequence[Path], name: str
) -> tuple[dict[tuple[str, str, str], Score], float, float]:
    """{(set, extractor, language): Score} for `name` alone and added to the rules, the
    seconds it took to load, and its CPU seconds for all documents."""
    started = time.perf_counter()
    find = deduce_finder() if name == "deduce" else spacy_finder()
    loaded = time.perf_counter() - started
    cpu = 0.0
    out: dict[tuple[str, str, str], Score] = {}
    for folder in folders:
        for row in load_annotations(folder):
            lang = row["language"]
            if name == "deduce" and lang != "nl":
                continue
            doc = read_document(folder / row["file"])
            gold = [(n["start"], n["end"], n["type"]) for n in row["names"]]
            rules = [
                (m.start, m.end, m.type)
                for m in extract_document(doc).mentions
                if m.type in ("person", "organization")
            ]
            t0 = time.process_time()
            other = find(doc.text, lang)
            cpu += time.process_time() - t0
            added = [o for o in other if not any(r[0] < o[1] and o[0] < r[1] for r in rules)]
            if name == "deduce":  # persons only: compare with the rules' persons
                gold_p = [g for g in gold if g[2] == "person"]
                out.setdefault((folder.name, "deduce alone (persons)", lang), Score()).add(
                    score(gold_p, other)
                )
                out.setdefault((folder.name, "rules alone (persons)", lang), Score()).add(
                    score(gold_p, [r for r in rules if r[2] == "person"])
                )
            else:
                out.setdefault((folder.name, f"{name} alone", lang), Score()).add(
                    score(gold, other)
                )
            out.setdefault((folder.name, f"rules + {name}", lang), Score()).add(
                score(gold, rules + added)
            )
    return out, loaded, cpu
