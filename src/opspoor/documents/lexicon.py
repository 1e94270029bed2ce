"""The word lists and place names the extractors use, loaded once from `data/`.

>>> lex = lexicon()
>>> "kolonel" in lex.titles, "brigade" in lex.org_words
(True, True)
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


def _strings(values: list[Any]) -> list[str]:
    # YAML reads bare on/off/yes/no as booleans: such words must be quoted in the file
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise ValueError(f"{DATA / 'lexicon.yml'}: quote these entries: {bad!r}")
    return values


def _words(values: list[Any]) -> frozenset[str]:
    return frozenset(v.lower() for v in _strings(values))


def _phrases(values: list[Any]) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries as word tuples, longest first."""
    out = {tuple(v.lower().split()) for v in _strings(values)}
    return tuple(sorted(out, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    particles: frozenset[str]
    joined_prefixes: frozenset[str]
    titles: frozenset[str]
    public_roles: frozenset[str]
    suspect_roles: frozenset[str]
    role_phrases: tuple[tuple[str, ...], ...]  # multi-word roles ("prime minister")
    nickname_cues: tuple[tuple[str, ...], ...]
    quoted_name_cues: tuple[tuple[str, ...], ...]
    quoted_name_cues_after: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    calendar: frozenset[str]
    nationalities: frozenset[str]
    org_words: frozenset[str]
    org_phrases: tuple[tuple[str, ...], ...]  # multi-word org words ("coast guard")
    org_trailing: frozenset[str]
    org_suffixes: tuple[str, ...]
    org_heads: frozenset[str]
    org_connectors: frozenset[str]
    legal_forms: frozenset[str]  # case-sensitive
    known_organizations: tuple[tuple[str, ...], ...]  # case-sensitive word tuples
    vessel_cues: tuple[tuple[str, ...], ...]
    address_words: frozenset[str]
    passport_cues: tuple[str, ...]
    given_names: frozenset[str]
    places: dict[tuple[str, ...], str]  # lower-case word tuple -> country code ("" for regions)
    role_endings: tuple[str, ...] = ()  # roles and titles a Dutch compound may end with
    org_cues: tuple[tuple[str, ...], ...] = ()  # "de krant", "uitzendbureau" before a name
    org_cue_endings: tuple[str, ...] = ()
    org_member_cues: frozenset[str] = frozenset()  # "journalisten van", "a researcher at"
    post_nominals: frozenset[str] = frozenset()  # case-sensitive ("KC")
    title_continuations: frozenset[str] = frozenset()  # "Mr Justice"
    org_leading: frozenset[str] = frozenset()  # "Stichting" starting a signature line
    person_nouns: frozenset[str] = frozenset()  # "a smuggler called ..."
    naming_words: tuple[tuple[str, ...], ...] = ()  # "called", "genaamd"
    apposition_adjectives: frozenset[str] = frozenset()  # "de Britse" before "Border Force"
    english_org_endings: frozenset[str] = frozenset()  # "Force", "Agency" end English names
    legal_phrases: tuple[tuple[str, ...], ...] = ()  # legal forms of several words ("Sp. z o.o.")
    not_organizations: frozenset[str] = frozenset()  # "CEO", "IBAN": case-sensitive
    valedictions: frozenset[str] = frozenset()  # "kind regards", "met vriendelijke groet"
    place_leading: frozenset[str] = frozenset()  # "County Cork", "Agia Galini"
    plain_name_cues: tuple[tuple[str, ...], ...] = ()  # "heet kevin": a lower-case given name
    place_trailing: frozenset[str] = frozenset()  # "Edo State", "Kurdistan Region"
    person_labels: frozenset[str] = frozenset()  # "Cc:", "Aan:", "Getuige:" before a name
    bylines: frozenset[str] = frozenset()  # "Door", "Asked by" opening a line before a name
    dotted_legal_forms: frozenset[str] = frozenset()  # "Inc.", "Pvt. Ltd.": the stop is theirs
    umbrella_organizations: tuple[tuple[str, ...], ...] = ()  # "Verenigde Naties"
    law_leading: frozenset[str] = frozenset()  # "Wet Bibob", "Operation Harbourline"
    law_trailing: frozenset[str] = frozenset()  # "Proceeds of Crime Act"
    family_names: frozenset[str] = frozenset()  # "nguyen", "popescu" (data/family_names.txt)
    family_name_endings: tuple[str, ...] = ()  # "-shvili", "-escu": a family name's shape
    vietnamese_middle_names: frozenset[str] = frozenset()  # "Thi", "Van" in "Le Thi Hoa"
    org_labels: frozenset[str] = frozenset()  # "Handelsnaam:", "Trade name:" before a firm
    name_labels: frozenset[str] = frozenset()  # "Surname:", "Forename(s):" before a name part
    pseudonym_markers: tuple[str, ...] = ()  # "(not her real name)", "(naam gewijzigd)"
    org_opening_adjectives: frozenset[str] = frozenset()  # "Royal Thai Police" (case-sensitive)
    non_org_after_acronym: frozenset[str] = frozenset()  # "the PALM scheme": no organisation
    # answers of the suffix tests, by (test, word): they run for every capitalised word
    _memo: dict[tuple[str, str], bool | str | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def known_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """Well-known organisation names by their first word (longest first)."""
        index = _KNOWN_INDEX.get(id(self))
        if index is None:
            index = {}
            for known in self.known_organizations:
                index.setdefault(known[0], []).append(known)
            _KNOWN_INDEX[id(self)] = index
        return index

    def is_title(self, word: str) -> bool:
        return word.lower() in self.titles or word.lower().rstrip(".") in self.titles

    def is_role(self, word: str) -> bool:
        w = word.lower()
        return w in self.public_roles or w in self.suspect_roles

    def compound_role(self, word: str) -> str | None:
        """The role or title a Dutch compound ends with ("onderzoeksjournalist" -> "journalist")."""
        w = word.lower()
        if len(w) < 8:
            return None
        key = ("role", w)
        if key not in self._memo:
            self._memo[key] = next(
                (r for r in self.role_endings if w.endswith(r) and len(w) >= len(r) + 3), None
            )
        found = self._memo[key]
        return found if isinstance(found, str) else None

    def _ends_with(self, test: str, w: str, endings: tuple[str, ...]) -> bool:
        key = (test, w)
        found = self._memo.get(key)
        if found is None:
            found = any(w.endswith(s) and len(w) >= len(s) + 3 for s in endings)
            self._memo[key] = found
        return bool(found)

    def is_given(self, word: str) -> bool:
        """A given name, or a hyphenated one made of given names ("pieter-jan")."""
        w = word.lower()
        if w in self.given_names:
            return True
        key = ("given", w)
        found = self._memo.get(key)
        if found is None:
            # "Seán", "Ciarán", "José": the list writes names without their accents
            bare = "".join(
                c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)
            )
            found = all(p in self.given_names for p in bare.split("-"))
            self._memo[key] = found
        return bool(found)

    def is_family(self, word: str) -> bool:
        """A common family name, or a word with a family name's ending ("Beridze",
        "Munteanu", "Petrović", "Kovalenko", "Hosseinzadeh")."""
        w = word.lower()
        if w in self.family_names:
            return True
        if len(w) < 6 or not w.isalpha():
            return False
        return self._ends_with("family", w, self.family_name_endings)

    def is_org_word(self, word: str) -> bool:
        """An organisation word, or a Dutch compound ending with one ("Veiligheidsraad")."""
        w = word.lower()
        return w in self.org_words or self._ends_with("org", w, self.org_suffixes)

    def is_org_cue(self, word: str) -> bool:
        """A kind of organisation written before its name, or a Dutch compound ending in one."""
        w = word.lower()
        return (w,) in self.org_cues or self._ends_with("cue", w, self.org_cue_endings)

    def is_org_head(self, word: str) -> bool:
        w = word.lower()
        return w in self.org_heads or self._ends_with("org", w, self.org_suffixes)


_KNOWN_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = yaml.safe_load((DATA / "lexicon.yml").read_text(encoding="utf-8"))
    roles = raw["roles"]
    # real bodies named without an organisation word ("Nuffic", "Samaritans"), by region
    bodies = yaml.safe_load((DATA / "known_bodies.yml").read_text(encoding="utf-8"))[
        "known_organizations"
    ]
    given = [
        line.strip().lower()
        for name in ("given_names.txt", "given_names_more.txt")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    family = [
        line.strip().lower()
        for line in (DATA / "family_names.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    places: dict[tuple[str, ...], str] = {}
    with (DATA / "places.csv").open(encoding="utf-8") as fh:
        rows = csv.reader(line for line in fh if not line.startswith("#"))
        next(rows)  # header
        for name, country in rows:
            places[tuple(name.lower().split())] = country
    org_all = [str(v) for v in raw["org_words"]]
    role_words = [*roles["public"], *roles["suspect"], *raw["titles"]]
    endings = sorted(
        {str(r).lower() for r in role_words if len(str(r)) >= 5 and str(r).isalpha()},
        key=len,
        reverse=True,
    )
    return Lexicon(
        role_endings=tuple(endings),
        particles=_words(raw["particles"]),
        joined_prefixes=_words(raw["joined_prefixes"]),
        titles=_words(raw["titles"]),
        public_roles=_words([r for r in roles["public"] if " " not in str(r)]),
        suspect_roles=_words([r for r in roles["suspect"] if " " not in str(r)]),
        role_phrases=_phrases([r for r in roles["public"] if " " in str(r)]),
        nickname_cues=_phrases(raw["nickname_cues"]),
        quoted_name_cues=_phrases(raw["quoted_name_cues"]),
        quoted_name_cues_after=_phrases(raw["quoted_name_cues_after"]),
        stopwords=_words(raw["stopwords"]),
        calendar=_words(raw["calendar"]),
        nationalities=_words(raw["nationality_adjectives"]),
        org_words=_words([w for w in org_all if " " not in w]),
        org_phrases=_phrases([w for w in org_all if " " in w]),
        org_trailing=_words(raw["org_trailing"]),
        org_suffixes=tuple(sorted(_words(raw["org_suffixes"]), key=len, reverse=True)),
        org_heads=_words([w for w in raw["org_heads"] if " " not in str(w)]),
        org_connectors=_words(raw["org_connectors"]),
        legal_forms=frozenset(str(v) for v in raw["legal_forms"] if " " not in str(v)),
        legal_phrases=tuple(
            sorted(
                {tuple(str(v).split()) for v in raw["legal_forms"] if " " in str(v)},
                key=len,
                reverse=True,
            )
        ),
        known_organizations=tuple(
            sorted(
                {tuple(str(v).split()) for v in [*raw["known_organizations"], *bodies]},
                key=len,
                reverse=True,
            )
        ),
        vessel_cues=_phrases(raw["vessel_cues"]),
        address_words=_words(raw["address_words"]),
        passport_cues=tuple(
            sorted({str(v).lower() for v in raw["passport_cues"]}, key=len, reverse=True)
        ),
        given_names=frozenset(given),
        places=places,
        org_cues=_phrases(raw["org_cues"]),
        org_cue_endings=tuple(sorted(_words(raw["org_cue_endings"]), key=len, reverse=True)),
        org_member_cues=_words(raw["org_member_cues"]),
        post_nominals=frozenset(str(v) for v in raw["post_nominals"]),
        title_continuations=_words(raw["title_continuations"]),
        org_leading=_words(raw["org_leading"]),
        person_nouns=_words(raw["person_nouns"]),
        naming_words=_phrases(raw["naming_words"]),
        apposition_adjectives=_words(raw.get("apposition_adjectives", [])),
        english_org_endings=_words(raw.get("english_org_endings", [])),
        not_organizations=frozenset(_strings(raw["not_organizations"])),
        valedictions=_words(raw["valedictions"]),
        place_leading=_words(raw["place_leading"]),
        place_trailing=_words(raw["place_trailing"]),
        plain_name_cues=_phrases(raw["plain_name_cues"]),
        person_labels=_words(raw["person_labels"]),
        bylines=frozenset(" ".join(str(v).lower().split()) for v in raw["bylines"]),
        dotted_legal_forms=frozenset(str(v) for v in raw.get("dotted_legal_forms", [])),
        umbrella_organizations=tuple(
            tuple(str(v).split()) for v in raw.get("umbrella_organizations", [])
        ),
        law_leading=_words(raw.get("law_leading", [])),
        law_trailing=_words(raw.get("law_trailing", [])),
        family_names=frozenset(family),
        family_name_endings=tuple(
            sorted(_words(raw.get("family_name_endings", [])), key=len, reverse=True)
        ),
        vietnamese_middle_names=frozenset(str(v) for v in raw.get("vietnamese_middle_names", [])),
        org_labels=_words(raw.get("org_labels", [])),
        name_labels=_words(raw.get("name_labels", [])),
        pseudonym_markers=tuple(str(v).lower() for v in raw.get("pseudonym_markers", [])),
        org_opening_adjectives=frozenset(str(v) for v in raw.get("org_opening_adjectives", [])),
        non_org_after_acronym=_words(raw.get("non_org_after_acronym", [])),
    )
