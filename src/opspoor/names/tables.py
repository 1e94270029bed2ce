"""The name tables in `data/`, loaded once: particles, titles, name forms, organisation words."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class NameTables:
    articles: frozenset[str]
    patronymics: frozenset[str]
    kunyas: frozenset[str]
    servants: frozenset[str]
    western: frozenset[str]
    titles: frozenset[str]  # single words and space-joined phrases
    suffixes: frozenset[str]
    # form -> spelling canonical (the same name written another way)
    forms: dict[str, str] = field(default_factory=dict)
    # form -> {(canonical, kind)} for cognates and pet forms (weaker relations, may be several)
    relatives: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    korean_surnames: frozenset[str] = frozenset()
    patronymic_endings: tuple[str, ...] = ()
    org_legal: frozenset[str] = frozenset()
    org_stop: frozenset[str] = frozenset()
    org_generic: frozenset[str] = frozenset()
    number_words: dict[str, str] = field(default_factory=dict)
    country_first_words: frozenset[str] = frozenset()

    @property
    def particles(self) -> frozenset[str]:
        return self.articles | self.patronymics | self.kunyas | self.western

    def canonical(self, word: str) -> str:
        """The canonical spelling of a word (itself when the table does not know it)."""
        return self.forms.get(word, word)

    def relation(self, a: str, b: str) -> str | None:
        """ "cognate" or "hypocorism" when the table links the two canonical forms, else None."""
        for canon, kind in self.relatives.get(a, ()):
            if canon == b or (b, kind) in self.relatives.get(canon, ()):
                return kind
            if (canon, kind) in self.relatives.get(b, ()):
                return kind
        for canon, kind in self.relatives.get(b, ()):
            if canon == a:
                return kind
        return None


def _yaml(name: str) -> dict[str, list[str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {k: [str(v).lower() for v in (vals or [])] for k, vals in data.items()}


def _forms() -> tuple[dict[str, str], dict[str, frozenset[tuple[str, str]]]]:
    forms: dict[str, str] = {}
    relatives: dict[str, set[tuple[str, str]]] = {}
    with (DATA / "name_forms.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            canon = row["canonical"].strip()
            kind = row["kind"].strip()
            words = [w.strip() for w in row["forms"].split() if w.strip()]
            if kind == "spelling":
                for form in [canon, *words]:
                    forms.setdefault(form, canon)
            else:
                for form in words:
                    relatives.setdefault(form, set()).add((canon, kind))
    # relations are between canonical spellings
    fixed = {
        forms.get(k, k): frozenset((forms.get(c, c), kind) for c, kind in v)
        for k, v in relatives.items()
    }
    return forms, fixed


@lru_cache(maxsize=1)
def tables() -> NameTables:
    """All tables (cached; immutable)."""
    particles = _yaml("particles.yml")
    titles = _yaml("honorifics.yml")
    org = _yaml("org_words.yml")
    forms, relatives = _forms()
    return NameTables(
        articles=frozenset(particles["article"]),
        patronymics=frozenset(particles["patronymic"]),
        kunyas=frozenset(particles["kunya"]),
        servants=frozenset(particles["servant"]),
        western=frozenset(particles["western"]),
        titles=frozenset(titles["titles"]),
        suffixes=frozenset(titles["suffixes"]),
        forms=forms,
        relatives=relatives,
        korean_surnames=frozenset(particles["korean_surnames"]),
        patronymic_endings=tuple(particles["patronymic_endings"]),
        org_legal=frozenset(org["legal_forms"]),
        org_stop=frozenset(org["stopwords"]),
        org_generic=frozenset(org["generic"]),
        number_words=dict(w.split("=", 1) for w in org["numbers"]),
        country_first_words=frozenset(org["country_first_words"]),
    )
