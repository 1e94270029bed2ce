"""Spot the names of stored list entries (and their aliases) in text, spelling variants included.

    >>> gaz = Gazetteer.build([("un-lyi-024", "Mus'ab Abu Qarin", False)], {"un-lyi-024": "Person"})
    >>> [(h.text, h.entity_id) for h in gaz.find("Smokkelaar Mussab Abu-Quarin werd gezien.")]
    [('Mussab Abu-Quarin', 'un-lyi-024')]

Every name is reduced to the consonant skeletons of its words (`opspoor.names.keys.skeleton`:
Kachlaf, Kashlaf and Koshlaf share one), so a spelling the list does not have is still found;
a string similarity check then drops look-alikes. The names come from the matcher's index
(`MatchIndex.names()`), whose scorer has the last word on whether a mention is a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from opspoor.documents.lexicon import lexicon
from opspoor.documents.text import Token, tokenize
from opspoor.names.keys import skeleton
from opspoor.names.normalize import normalize_name

# Words left out of keys: the Arabic article and English/Dutch articles ("The Doctor").
ARTICLES = frozenset(
    {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "the", "de", "het"}
)
MAX_WORDS = 8
MIN_SIMILARITY = 0.75  # normalised text vs. list name (rapidfuzz ratio / 100)
_QUOTE_BEFORE = re.compile(r"[\"'“‘«„]\s*(?:(?:the|de|het|al|el)[\s-])?$", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:The|De|Het|Al|El)[ \t]$")
_POSSESSIVE = re.compile(r"['’]s$")
_SCHEMA_TYPES = {"Person": "person", "Vessel": "vessel"}


@dataclass(frozen=True)
class Entry:
    entity_id: str
    name: str
    normalized: str
    weak: bool
    schema: str
    words: int  # words that are not articles


@dataclass(frozen=True)
class GazetteerHit:
    text: str
    start: int
    end: int
    entity_id: str
    name: str  # the list's spelling
    schema: str
    weak: bool
    similarity: float

    @property
    def type(self) -> str:
        """person | organization | vessel (mention types)."""
        return _SCHEMA_TYPES.get(self.schema, "organization")


def name_keys(name: str) -> tuple[str, ...]:
    """Skeleton keys of a name's words, articles left out."""
    return tuple(skeleton(w) for w in normalize_name(name).split() if w not in ARTICLES)


class Gazetteer:
    """Names of list entries, looked up by the skeletons of consecutive words."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list[Entry]] = {}
        self.max_words = 1

    @classmethod
    def build(
        cls, names: Iterable[tuple[str, str, bool]], schemata: Mapping[str, str] | None = None
    ) -> Gazetteer:
        """From (entity_id, name, is_weak_alias) triples, e.g. `MatchIndex.names()`."""
        gaz = cls()
        given = lexicon().given_names
        schemata = schemata or {}
        for entity_id, name, weak in names:
            normalized = normalize_name(name)
            words = [w for w in normalized.split() if w not in ARTICLES]
            if not words or len(words) > MAX_WORDS:
                continue
            # One common word ("Omar", "Guro") would be found everywhere.
            if len(words) == 1 and (len(words[0]) < 4 or words[0] in given):
                continue
            keys = tuple(skeleton(w) for w in words)
            if sum(len(k) for k in keys) < 2:
                continue
            entry = Entry(
                entity_id,
                name,
                normalized,
                weak,
                schemata.get(entity_id, "LegalEntity"),
                len(words),
            )
            gaz.entries.setdefault(keys, []).append(entry)
            gaz.max_words = max(gaz.max_words, len(keys))
        return gaz

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def find(self, text: str, tokens: list[Token] | None = None) -> list[GazetteerHit]:
        """Non-overlapping hits, longest first at each position."""
        if not self.entries:
            return []
        tokens = tokens if tokens is not None else tokenize(text)
        # one item per word: (skeleton, token index); a token like "Abu-Quarin" has two words
        words: list[tuple[str, int]] = []
        for ti, tok in enumerate(tokens):
            for w in normalize_name(_POSSESSIVE.sub("", tok.text)).split():
                if w not in ARTICLES:
                    words.append((skeleton(w), ti))
        hits: list[GazetteerHit] = []
        i = 0
        while i < len(words):
            hit, used = self._longest_at(text, tokens, words, i)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i += used
        return hits

    def _longest_at(
        self, text: str, tokens: list[Token], words: list[tuple[str, int]], i: int
    ) -> tuple[GazetteerHit | None, int]:
        first_tok = tokens[words[i][1]]
        if not _capitalised(first_tok.text):
            return None, 0
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            keys = tuple(k for k, _ in words[i : i + n])
            entries = self.entries.get(keys)
            if not entries:
                continue
            t0, t1 = words[i][1], words[i + n - 1][1]
            # the words must be one stretch of text: only spaces between the tokens
            if any(
                not re.fullmatch(r"[ \t\u00a0]{1,3}|\n", text[tokens[k].end : tokens[k + 1].start])
                for k in range(t0, t1)
            ):
                continue
            # a name starting inside a token ("Abu-Quarin" split at the hyphen) is not a hit
            if i > 0 and words[i - 1][1] == t0:
                continue
            if i + n < len(words) and words[i + n][1] == t1:
                continue
            start, end = tokens[t0].start, tokens[t1].end
            end -= len(m.group(0)) if (m := _POSSESSIVE.search(text[start:end])) else 0
            span = text[start:end]
            norm = _core(normalize_name(span))
            best: tuple[float, Entry] | None = None
            for entry in entries:
                sim = fuzz.ratio(norm, _core(entry.normalized)) / 100
                if best is None or sim > best[0]:
                    best = (sim, entry)
            assert best is not None
            sim, entry = best
            if sim < MIN_SIMILARITY:
                continue
            article = _ARTICLE_BEFORE.search(text[max(0, start - 4) : start])
            if article and entry.normalized.split()[0] in ARTICLES:
                start -= len(article.group(0))  # 'The Doctor': the article is part of the nickname
                span = text[start:end]
            if (
                entry.weak
                and entry.words < 2
                and not _QUOTE_BEFORE.search(text[max(0, start - 3) : start])
            ):
                continue  # one-word nicknames count in quotes only ("The Doctor", 'Bija')
            return GazetteerHit(
                span, start, end, entry.entity_id, entry.name, entry.schema, entry.weak, sim
            ), n
        return None, 0


def _core(normalized: str) -> str:
    """A normalised name without articles ("al bija" -> "bija")."""
    return " ".join(w for w in normalized.split() if w not in ARTICLES)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(
        re.match(r"^(?:al|el|abu|bin|ibn)[-'’]\w", word) and word.split("-")[-1][:1].isupper()
    )
