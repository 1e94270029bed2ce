"""Split a name into the parts that carry meaning.

    >>> name = parse_name("DABBASHI, Ahmed 'Al Ammu'", "person")
    >>> [p.form for p in name.parts], name.nicknames
    (['ahmed', 'dabbashi'], ('Al Ammu',))
    >>> [(p.form, p.kind, p.role) for p in parse_name("Mohammed bin Salman").parts]
    [('mohammed', 'name', ''), ('bin', 'particle', ''), ('salman', 'name', 'patronymic')]

What the parser knows comes from the tables in `data/`: titles dropped at the start or end
("Dr.", "Sheikh", "Colonel"), Arabic articles (al-, el-, ad-, ash-...), "son of" words
(bin, ibn, ben, bint, ould) that make the next part a father's name, "father/mother of"
(abu, umm), "servant of" (Abd al-Rahman = Abdulrahman = Abdurrahman, one part), nicknames
in quotes, "LAST, First" order, and for organisations legal forms (AG = Aktiengesellschaft)
and number words (Forty-Four = 44). Parsing never fails: any string gives a ParsedName,
possibly without parts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rigour.names import replace_org_types_compare

from opspoor.names.keys import skeleton
from opspoor.names.normalize import MAX_NAME_CHARS, fold, normalize_folded, scripts_in
from opspoor.names.tables import NameTables, tables

# part kinds
NAME = "name"
PARTICLE = "particle"
INITIAL = "initial"
LEGAL = "legal"  # legal form of an organisation (ltd, jsc)
STOP = "stop"  # function word (the, of)
NUMBER = "number"
PLACE = "place"  # a country in an organisation name ("Banco Santander Mexico")

# part roles (persons)
PATRONYMIC = "patronymic"  # after bin/ibn/ould: the father's name
KUNYA = "kunya"  # after abu/umm: a child's name
SURNAME = "surname"  # before the comma of "LAST, First"

KINDS = ("person", "org", "vessel", "other")
SYLLABIC_SCRIPTS = frozenset({"CJK", "HANGUL", "HIRAGANA", "KATAKANA"})

_QUOTE_CHARS = frozenset("\"“”«„‘'’`")
_NICK_RE = re.compile(r"""(?:^|(?<=\s))["“”«„‘'’`]([^"“”«»„‘'’`]{2,60})["“”»‘'’`](?=\s|$|,)""")
_PAREN_RE = re.compile(r"\(([^()]{1,80})\)")
_ARABIC_ARTICLE = re.compile(r"(?<![\u0600-\u06ff])ال(?=[\u0600-\u06ff]{2,})")
# After "abd": the vowel(s) and the article's l, or the first of a doubled consonant where the
# article assimilated (abd-ur-Rahman -> Abdurrahman, abd-us-Salam -> Abdussalam).
_SERVANT_REST = re.compile(r"^[aeiou]{1,2}(?:l|(?=([b-df-hj-np-tv-z])\1)[b-df-hj-np-tv-z])?")
_HYPHEN_INITIALS = re.compile(r"\b([A-Za-z])\.-?(?=[A-Za-z]\.)")
# two short syllables joined by a hyphen are one given name (Korean "Jong-un", "Yong-chol")
_SYLLABLES = re.compile(r"(?<![\w-])([a-z]{1,5})-([a-z]{1,4})(?![\w-])")
_VOWEL = re.compile(r"[aeiouy]")
_ROMAN = re.compile(r"^(?=[ivx]{2,}$|[ivx]$)(x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
SHORT_COUNTRY_WORDS = frozenset({"uk", "us", "usa", "uae"})


class NamePart(NamedTuple):
    form: str  # the word as normalize_name() writes it
    canon: str  # canonical spelling (name_forms.csv; "abd"+name for Abd al-X)
    key: str  # skeleton of canon
    kind: str  # NAME, PARTICLE, INITIAL, LEGAL, STOP, NUMBER
    role: str  # "", PATRONYMIC, KUNYA, SURNAME


class ParsedName(NamedTuple):
    text: str  # the name as given (cut to MAX_NAME_CHARS)
    kind: str  # "person", "org", "vessel", "other"
    parts: tuple[NamePart, ...]
    nicknames: tuple[str, ...]  # quoted nicknames and bracketed asides (persons)
    scripts: frozenset[str]
    compact: str  # folded original text without spaces/punctuation (for syllabic scripts)

    @property
    def words(self) -> list[str]:
        return [p.form for p in self.parts]

    @property
    def name_parts(self) -> list[NamePart]:
        return [p for p in self.parts if p.kind in (NAME, INITIAL, NUMBER)]

    def __str__(self) -> str:
        return " ".join(p.form for p in self.parts)


def schema_kind(schema: str | None) -> str:
    """The kind of name a FollowThemoney schema carries."""
    if not schema:
        return "other"
    from followthemoney import model

    s = model.get(schema)
    if s is None:
        return "other"
    if s.is_a("Person"):
        return "person"
    if s.is_a("Vessel") or s.is_a("Airplane"):
        return "vessel"
    if s.is_a("LegalEntity"):
        # a bare LegalEntity may be either; person rules (titles, bin/ibn) do no harm to orgs
        return "org" if s.name != "LegalEntity" else "other"
    return "other"


def servant_rest(word: str) -> str | None:
    """For a word written "Abd-al-X" joined ("abdulrahman"), the X ("rahman"); None otherwise."""
    if not word.startswith(("abd", "abed")) or word in ("abdi", "abdo", "abdou", "abed"):
        return None
    rest = word[4:] if word.startswith("abed") else word[3:]
    rest = _SERVANT_REST.sub("", rest, count=1)
    return rest


def _canon(word: str, t: NameTables) -> str:
    return t.canonical(word)


@lru_cache(maxsize=2_000)
def _legal_part(word: str) -> NamePart:
    """A legal form, its canonical form rigour's generic one ("ooo", "gmbh" -> "llc")."""
    canon = replace_org_types_compare(word, generic=True).replace(" ", "") or word
    return NamePart(word, canon, skeleton(canon), LEGAL, "")


@lru_cache(maxsize=200_000)
def _plain_part(word: str) -> NamePart:
    """A plain name word as a part (cached: the same words come back in many names)."""
    t = tables()
    rest = servant_rest(word)
    canon = "abd" + rest if rest else t.canonical(word)
    return NamePart(word, canon, skeleton(canon), NAME, "")


def _strip_titles(words: list[str], t: NameTables) -> list[str]:
    # titles at the start (two-word titles first), suffixes at the end; keep one word at least
    changed = True
    while changed and len(words) > 1:
        changed = False
        if len(words) > 2 and f"{words[0]} {words[1]}" in t.titles:
            words = words[2:]
            changed = True
        elif words[0] in t.titles:
            words = words[1:]
            changed = True
    while len(words) > 1 and (words[-1] in t.suffixes):
        words = words[:-1]
    return words


def _number_words(words: list[str], t: NameTables) -> list[str]:
    out: list[str] = []
    tens_word = False  # the last word was a tens number word ("forty")
    for w in words:
        num = t.number_words.get(w)
        if num is None and tens_word and len(w) == 1 and w.isdigit():
            num = w  # "Forty 4" -> 44
        if num is None:
            out.append(w)
            tens_word = False
            continue
        tens_word = w in t.number_words and int(num) % 10 == 0 and int(num) >= 20
        # "forty four" -> 44
        if (
            out
            and out[-1].isdigit()
            and int(out[-1]) % 10 == 0
            and int(out[-1]) >= 20
            and int(num) < 10
        ):
            out[-1] = str(int(out[-1]) + int(num))
        else:
            out.append(num)
    return out


def _join_syllables(text: str, t: NameTables) -> str:
    def join(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if a in t.particles or b in t.particles or a in t.servants or b in t.servants:
            return m.group(0)
        return a + b

    return _SYLLABLES.sub(join, text)


def _korean_given(words: list[str], t: NameTables) -> list[str]:
    """Two syllables after a Korean family name are one given name: Kim Jong Un = Kim Jong-un."""
    short = len(words) == 3 and all(len(w) <= 4 and w.isalpha() for w in words)
    if short and words[0] in t.korean_surnames and words[1] not in t.particles:
        return [words[0], words[1] + words[2]]
    return words


def _split_initials(words: list[str], t: NameTables) -> list[str]:
    """ "JC Juncker" -> j c juncker: a short word without vowels is a run of initials."""
    out: list[str] = []
    for w in words:
        if (
            2 <= len(w) <= 3
            and w.isalpha()
            and not _VOWEL.search(w)
            and w not in t.forms
            and w not in t.org_legal
        ):
            out.extend(w)
        else:
            out.append(w)
    return out


def _person_parts(
    words: list[str], surname_from: int, t: NameTables, kind: str = "person"
) -> list[NamePart]:
    parts: list[NamePart] = []
    role_next = ""
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        role = SURNAME if i >= surname_from else ""
        if role_next:
            role, role_next = role_next, ""
        if w in t.servants or (servant_rest(w) == "" and len(w) <= 6):
            # Abd + (al) + Name -> one part
            j = i + 1
            if j < n and words[j] in t.articles:
                j += 1
            if j < n:
                nxt = words[j]
                joined_article = j == i + 1 and nxt.startswith(("al", "el", "ul")) and len(nxt) >= 5
                rest = nxt[2:] if joined_article else nxt
                form = w + "".join(words[i + 1 : j + 1])
                canon = "abd" + rest
                parts.append(NamePart(form, _canon(canon, t), skeleton(canon), NAME, role))
                i = j + 1
                continue
        if len(w) == 1 and w.isalpha():
            parts.append(NamePart(w, w, w.upper(), INITIAL, role))
        elif w.isdigit():
            parts.append(NamePart(w, w, w, NUMBER, role))
        elif w in t.patronymics and not (i == 0 and w == "ben" and n == 2):
            parts.append(NamePart(w, "bin", "BN", PARTICLE, role))
            role_next = PATRONYMIC if i + 1 < n else ""
        elif w in t.kunyas and i + 1 < n:
            parts.append(NamePart(w, "abu", "AB", PARTICLE, role))
            role_next = KUNYA
        elif w in t.articles or w in t.western or (w in t.titles and 0 < i < n - 1 and len(w) > 2):
            # a title inside a name (Haji, Sheikh) weighs as little as an article
            canon = "al" if w in t.articles else w
            parts.append(NamePart(w, canon, skeleton(canon), PARTICLE, role))
            if role:  # the article does not end the father's name: al-X after bin
                role_next = role if role in (PATRONYMIC, KUNYA) else ""
        elif w in t.org_legal and n > 1 and (kind == "other" or (i == n - 1 and len(w) <= 4)):
            # "Nicolas Maduro SA": a company form after a person's name is not part of it
            parts.append(_legal_part(w))
        else:
            part = _plain_part(w)
            parts.append(part._replace(role=role) if role else part)
        i += 1
    # East Slavic patronymic (Sergey Viktorovich Lavrov): a middle part with such an ending
    names = [k for k, p in enumerate(parts) if p.kind == NAME]
    if len(names) >= 3:
        for k in names[1:-1]:
            p = parts[k]
            if not p.role and p.form.endswith(t.patronymic_endings):
                parts[k] = p._replace(role=PATRONYMIC)
    return parts


# letters joined by "&" are one word: AT&T = AT & T = AT and T = ATT, L & H = LH
# (short words only: "Oil and Gas" stays three words)
_AMP_TIGHT = re.compile(r"(?<![\w&])([a-z]{1,4})&([a-z]{1,4})(?![\w&])")
_AMP_SPACED = re.compile(r"(?<![\w&])([a-z]{1,2}) +(?:&|and) +([a-z]{1,2})(?![\w&])")


def _join_ampersand(text: str, t: NameTables) -> str:
    if "&" not in text and " and " not in text:
        return text

    def join(m: re.Match[str]) -> str:
        # "AB & Co" keeps its legal form
        return m.group(0) if m.group(2) in t.org_legal else m.group(1) + m.group(2)

    return _AMP_SPACED.sub(join, _AMP_TIGHT.sub(join, text))


def _join_letters(words: list[str]) -> list[str]:
    """Runs of single letters are one word in organisation names ("A.B.C." = "ABC")."""
    out: list[str] = []
    run = ""
    for w in words:
        if len(w) == 1 and w.isalpha():
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        out.append(w)
    if run:
        out.append(run)
    return out


def roman_value(word: str) -> int | None:
    """ "viii" -> 8 for Roman numerals up to 39; None for other words."""
    if not _ROMAN.match(word):
        return None
    total = 0
    prev = 0
    for ch in reversed(word):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


@lru_cache(maxsize=50_000)
def country_of(word: str) -> str | None:
    """The country code a word names ("mexico" -> "mx"), for words of organisation names."""
    if len(word) < 4 and word not in SHORT_COUNTRY_WORDS:
        return None
    from followthemoney.types import registry

    return registry.country.clean_text(word)


def _romans(text: str, t: NameTables) -> str:
    """Roman numerals as digits before legal forms are folded ("Solutions II" is not a form)."""
    words = text.split()
    for k, w in enumerate(words):
        bare = w.strip(".,()")
        value = roman_value(bare)
        if value is None or k == 0:
            continue
        nxt = words[k + 1].replace(".", "").strip(",()") if k + 1 < len(words) else ""
        # a lone I, V or X is a numeral only at the end or before a legal form ("Fund V L.P.")
        if len(bare) >= 2 or not nxt or nxt in t.org_legal:
            words[k] = w.replace(bare, str(value))
    return " ".join(words)


def _join_places(words: list[str], first_words: frozenset[str]) -> list[str]:
    """Two words naming one country ("united states") as one word."""
    out: list[str] = []
    k = 0
    while k < len(words):
        if k + 1 < len(words) and words[k] in first_words and words[k + 1].isalpha():
            pair = f"{words[k]} {words[k + 1]}"
            if country_of(pair) is not None and country_of(words[k]) is None:
                out.append(pair.replace(" ", ""))
                _JOINED_PLACES[out[-1]] = pair
                k += 2
                continue
        out.append(words[k])
        k += 1
    return out


_JOINED_PLACES: dict[str, str] = {}


def _org_parts(words: list[str], t: NameTables) -> list[NamePart]:
    parts: list[NamePart] = []
    for w in _number_words(_join_places(_join_letters(words), t.country_first_words), t):
        place = country_of(_JOINED_PLACES.get(w, w)) if w.isalpha() else None
        if w.isdigit():
            parts.append(NamePart(w, w, w, NUMBER, ""))
        elif place is not None and w not in t.org_legal:
            parts.append(NamePart(w, place, place.upper(), PLACE, ""))
        elif w in t.org_legal:
            parts.append(_legal_part(w))
        elif w in t.org_stop:
            parts.append(NamePart(w, w, skeleton(w), STOP, ""))
        elif len(w) == 1:
            parts.append(NamePart(w, w, w.upper(), INITIAL, ""))
        else:
            parts.append(NamePart(w, w, skeleton(w), NAME, ""))
    return parts


def _split_comma_name(text: str) -> tuple[str, str] | None:
    """ "KOSHLAF, Mohamed" -> ("Mohamed", "KOSHLAF"); None unless it looks like LAST, First."""
    if text.count(",") != 1:
        return None
    last, first = (s.strip() for s in text.split(","))
    if not last or not first or len(last.split()) > 4:
        return None
    if first.strip(" .").replace(".", "").lower() in tables().org_legal:
        return None  # "Fund, Ltd.": a company's legal form, not a given name
    return first, last


@lru_cache(maxsize=100_000)
def parse_name(name: str, kind: str = "person") -> ParsedName:
    """Analyse one name of the given kind ("person", "org", "vessel", "other")."""
    t = tables()
    text = (name or "")[:MAX_NAME_CHARS]
    nicknames: list[str] = []
    work = text
    if kind in ("person", "other"):
        if _QUOTE_CHARS.intersection(work):
            for m in _NICK_RE.finditer(work):
                nicknames.append(m.group(1).strip())
            work = _NICK_RE.sub(" ", work)
        if "(" in work:
            for m in _PAREN_RE.finditer(work):
                nicknames.append(m.group(1).strip())
            work = _PAREN_RE.sub(" ", work)
    else:
        work = work.replace("(", " ").replace(")", " ")
    surname_text = ""
    if kind in ("person", "other"):
        split = _split_comma_name(work)
        if split is not None:
            work, surname_text = split
    folded = fold(work)
    scripts = scripts_in(folded + fold(surname_text)) if surname_text else scripts_in(folded)
    if "ARABIC" in scripts:
        folded = _ARABIC_ARTICLE.sub("ال ", folded)
    if kind in ("org", "other"):
        if kind == "org":
            folded = _romans(folded, t)
        folded = _join_ampersand(folded, t)
        folded = replace_org_types_compare(folded, generic=True)
    if kind in ("person", "other") and "-" in folded:
        folded = _join_syllables(folded, t)
    if "." in folded:
        folded = _HYPHEN_INITIALS.sub(r"\1 ", folded)
    words = normalize_folded(folded).split()
    surname_from = len(words)
    if surname_text:
        sur = fold(surname_text)
        if "ARABIC" in scripts:
            sur = _ARABIC_ARTICLE.sub("ال ", sur)
        words += normalize_folded(sur).split()
    if kind in ("person", "other"):
        kept = _strip_titles(words, t)
        if len(kept) != len(words):
            # titles only come off the front (and suffixes off the end)
            front = 0
            while front < len(words) and words[front : front + len(kept)] != kept:
                front += 1
            surname_from = max(0, surname_from - front)
            words = kept
    if kind in ("person", "other"):
        if not surname_text:
            words = _korean_given(words, t)
        if scripts <= {"LATIN"}:
            words = _split_initials(words, t)
        surname_from = min(surname_from, len(words))
        parts = _person_parts(words, surname_from, t, kind)
    else:
        parts = _org_parts(words, t)
    compact = "".join(c for c in folded if c.isalnum()) if scripts & SYLLABIC_SCRIPTS else ""
    return ParsedName(text, kind, tuple(parts), tuple(nicknames), scripts, compact)
