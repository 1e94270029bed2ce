"""Screen the names found in documents against the sanctions lists in the store.

    >>> screener = Screener.from_store(store)          # None when no list is stored
    >>> screener.screen(extraction)                    # fills mention.matches
    >>> [m.matches[0]["reference"] for m in extraction.mentions if m.matches]
    ['LYi.025', 'LYi.026']

The matcher (`opspoor.match.MatchIndex`) scores every name; this module adds what a document
says around it:
- a surname or nickname standing for a fuller name met earlier gets that name's matches;
- people named with a public role (minister, journalist, spokesperson ...) must score
  `PUBLIC_ROLE_MARGIN` above the threshold, so politicians and reporters who are merely
  named do not light up on a weak resemblance;
- names that share no word with any listed name (by consonant skeleton, as the matcher's own
  candidate keys) are not sent to the matcher at all: it could not find a candidate for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from opspoor.documents.gazetteer import Gazetteer
from opspoor.documents.model import Extraction, Mention
from opspoor.names.keys import skeleton
from opspoor.names.normalize import normalize_name

PUBLIC_ROLE_MARGIN = 0.15
# What each mention type is matched as (the matcher's schema argument).
QUERY_SCHEMATA = {"person": "Person", "organization": "LegalEntity", "vessel": "Vessel"}
DOCUMENT_DATASETS = frozenset({"documents", "crawl"})


class MatchResultLike(Protocol):
    score: float
    match: bool

    @property
    def entity(self) -> Any: ...

    def to_dict(self) -> dict[str, Any]: ...


class NameMatcher(Protocol):
    """What screening needs of `opspoor.match.MatchIndex`."""

    def match_name(
        self,
        name: str,
        schema: str = ...,
        birth_date: str | None = ...,
        nationality: str | None = ...,
        limit: int = ...,
        threshold: float | None = ...,
    ) -> list[Any]: ...

    def names(self) -> Iterable[tuple[str, str, bool]]: ...


def _word_keys(word: str) -> set[str]:
    """The skeleton of a word and its one-letter-dropped variants (typo tolerance)."""
    key = skeleton(word)
    keys = {key}
    if len(key) >= 3:
        keys.update(key[:i] + key[i + 1 :] for i in range(len(key)))
    return keys


@dataclass
class Screener:
    """Screens mentions with a match index; one per run (results are cached by name)."""

    index: NameMatcher
    gazetteer: Gazetteer
    threshold: float
    word_keys: set[str] = field(default_factory=set)
    cache: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    queries: int = 0

    @classmethod
    def from_index(
        cls, index: NameMatcher, threshold: float, schemata: dict[str, str] | None = None
    ) -> Screener:
        names = list(index.names())
        gaz = Gazetteer.build(names, schemata)
        keys: set[str] = set()
        for _eid, name, _weak in names:
            for word in normalize_name(name).split():
                keys.update(_word_keys(word))
        return cls(index=index, gazetteer=gaz, threshold=threshold, word_keys=keys)

    @classmethod
    def from_store(cls, store: Any, threshold: float | None = None) -> Screener | None:
        """A screener over the current version of every list in the store; None without lists."""
        from opspoor.match import DEFAULT_THRESHOLD, MatchIndex
        from opspoor.store.db import LIST_VERSION

        current = set(store.current_source_ids())
        list_ids = [s.id for s in store.list_sources(kind=LIST_VERSION) if s.id in current]
        if not list_ids:
            return None
        entities = list(store.iter_entities(source_ids=list_ids))
        index = MatchIndex.build(entities)
        schemata = {e.id: e.entity.schema.name for e in entities}
        if threshold is None:
            threshold = getattr(store.settings, "match_threshold", None)
        if threshold is None:
            threshold = DEFAULT_THRESHOLD
        return cls.from_index(index, threshold, schemata)

    # -- screening -------------------------------------------------------------------------
    def could_match(self, name: str) -> bool:
        """Whether any word of `name` shares a key with a word of a listed name."""
        return any(
            not _word_keys(w).isdisjoint(self.word_keys) for w in normalize_name(name).split()
        )

    def bar(self, public_role: bool) -> float:
        return min(0.99, self.threshold + PUBLIC_ROLE_MARGIN) if public_role else self.threshold

    def match_name(
        self, name: str, mention_type: str, public_role: bool = False
    ) -> list[dict[str, Any]]:
        """MATCH objects for a name at or above the bar, best first."""
        schema = QUERY_SCHEMATA.get(mention_type, "LegalEntity")
        clean = name.strip(" \"'“”‘’«»")
        key = (normalize_name(clean), schema)
        if not key[0]:
            return []
        results = self.cache.get(key)
        if results is None:
            if self.could_match(clean):
                self.queries += 1
                results = self.index.match_name(
                    clean, schema=schema, limit=5, threshold=self.threshold
                )
            else:
                results = []
            self.cache[key] = results
        bar = self.bar(public_role)
        out = []
        for result in results:
            if result.score < bar or not result.match:
                continue
            if set(result.entity.datasets) <= DOCUMENT_DATASETS:
                continue  # never a document's own entities
            out.append(result.to_dict())
        return out

    def screen(self, extraction: Extraction) -> None:
        """Fill `matches` of every mention in the extraction and its attachments."""
        for ex in extraction.walk():
            screen_mentions(ex.mentions, self)


def screen_mentions(mentions: list[Mention], screener: Screener) -> None:
    for mention in mentions:
        if mention.refers_to is None:
            mention.matches = screener.match_name(mention.text, mention.type, mention.public_role)
    for mention in mentions:
        if mention.refers_to is not None:
            root = mention
            seen = set()
            while root.refers_to is not None and root.refers_to not in seen:
                seen.add(root.refers_to)
                root = mentions[root.refers_to]
            mention.matches = list(root.matches)
