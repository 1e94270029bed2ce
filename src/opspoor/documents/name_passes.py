"""Document-wide passes over the names found sentence by sentence (`names.find_names`).

A pass is a function of the `_Finder` after every sentence has been read: it looks at the
whole text and at all mentions found so far, and adds, removes, cuts or re-types mentions,
or says whom one refers to (`refers`). Nicknames, pseudonyms and citations; dateline
agencies, municipalities and joined organisations; genitives; organisations, acronyms and
heads met again; surnames met again (back references); short forms; job titles; names
listed with people. `find_names` runs them in a fixed order, which matters: later passes
see what earlier ones found.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from opspoor.documents.lexicon import Lexicon
from opspoor.documents.model import Mention
from opspoor.documents.names import (
    _COUNTRY_ABBREVIATIONS,
    _INITIAL,
    _POSSESSIVE,
    _QUOTES_CLOSE,
    _QUOTES_OPEN,
    _phrases_pattern,
    _possessive_len,
    _Spans,
    name_key,
)
from opspoor.documents.text import Token, tokenize

if TYPE_CHECKING:
    from opspoor.documents.names import _Finder

# written after a person's name and part of it, never a surname on its own
_NAME_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}

_ARTICLES_BEFORE_HEAD = {"de", "het", "the", "die", "der"}

# a citation in brackets: "(Lim and Sasaki, 2023; Hartono et al., 2024)", "(zie Jansen 2019)"
_BRACKETS = re.compile(r"\(([^()\n]{4,300})\)")
_CITED = re.compile(
    r"(?:(?:see|zie|cf\.|e\.g\.|bijv\.|also|ook)\s+)*"
    r"([A-Z][\w'’-]+)(?:\s+(?:and|en|&)\s+([A-Z][\w'’-]+))?(?:\s+et\s+al\.?)?,?"
    r"\s+(?:19|20)\d\d[a-z]?(?:[,:]\s*(?:p{1,2}\.\s*)?\d+(?:[-–]\d+)?)?"
)

_DATELINE_AGENCY = re.compile(
    r"^[ \t]*[A-Z][A-Z'’ .-]*[A-Z](?:,[^\n()]{0,40}?)?[ \t]*"
    r"\(([A-Z][\w'’&.-]*(?:[ \t][A-Z][\w'’&.-]*){0,3})\)[ \t]*[-–—]",
    re.MULTILINE,
)
_MUNICIPALITY = re.compile(
    r"(?<![\w-])(?:Gemeente|Provincie)(?:[ \t]+(?:['’]s-)?[A-Z][\w'’-]*\w){1,3}"
    # "Stad Antwerpen": a Flemish city's administration
    r"|(?<![\w-])Stad[ \t]+[A-Z][\w'’-]*\w(?![ \t]+[A-Z])"
)
_JOINED = re.compile(r"([A-Z][^,;]*?\w) (?:and|en) ([A-Z][^,;]*)")
# a place, not the organisation named after it: "in Leeds", "2500 EA Den Haag"
_PLACE_BEFORE = re.compile(r"(?:(?<![\w])(?:in|near|nabij|te)|\d{4}[ \t]?[A-Z]{2})[ \t]+$")
_TITLE_WORD_AFTER = re.compile(r"[ \t]([A-Z][a-z]+)\b")
# capitalised last words of job titles ("Crime Correspondent", "Senior Policy Officer")
_JOB_TITLE_WORDS = {
    "correspondent",
    "officer",
    "editor",
    "adviser",
    "advisor",
    "analyst",
    "reporter",
}
# bodies named after the town they sit in: the town alone is no short name of theirs
_SEATED_BODIES = {"court", "courts", "council", "tribunal", "rechtbank"}
_HOUSE_NUMBER_BEFORE = re.compile(r"(?<![\d,.])\d{1,3}[a-zA-Z]?[ \t]+$")
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z]|(?:naar|van|voor|of|for|and|en|op|&)\b)")

# a list of capitalised names: "Kuba, Ilona en Bogdan", "Lucy Hennessy, Awet Tesfay, Mariam
# Eltayeb" (commas only, three items at least), "Jules and Hoa"
_CAP = "A-ZÀ-ÖØ-ÞŁŚŠŞŽ"
_ITEM = rf"[{_CAP}][\w'’-]*\w(?:[ ][{_CAP}][\w'’-]*\w){{0,2}}"
_NAME_LIST = re.compile(
    rf"(?<![\w'’-]){_ITEM}(?:,[ ]{_ITEM}){{0,6}}"
    rf"(?:,?[ ](?:and|en|&)[ ]{_ITEM}|(?:,[ ]{_ITEM}){{2}})(?![\w'’-])"
)
_LIST_NOT_AFTER = {"from", "in", "to", "near", "via", "uit", "naar", "nabij", "te", "of", "van"}
_LIST_ITEM = re.compile(rf"(?<![\w'’-])(?!(?:and|en)\b){_ITEM}")

_ALIAS_CUES: dict[int, re.Pattern[str]] = {}


def _alias_cues(lex: Lexicon) -> re.Pattern[str]:
    """Any nickname cue ("also known as", "alias"), built once per lexicon."""
    found = _ALIAS_CUES.get(id(lex))
    if found is None:
        found = re.compile(
            "|".join(re.escape(" ".join(c)) for c in lex.nickname_cues), re.IGNORECASE
        )
        _ALIAS_CUES[id(lex)] = found
    return found


_NICKNAME_PATTERNS: dict[int, tuple[str, list[tuple[re.Pattern[str], bool]]]] = {}


def _nickname_patterns(lex: Lexicon) -> tuple[str, list[tuple[re.Pattern[str], bool]]]:
    """The quoted-name pattern and the nickname patterns of a lexicon, built once."""
    cached = _NICKNAME_PATTERNS.get(id(lex))
    if cached is not None:
        return cached
    q_open, q_close = _QUOTES_OPEN, _QUOTES_CLOSE
    # Dutch newspapers open a quotation with two commas (,,de Oom")
    quoted = rf"(?:,,|[{q_open}])([^{q_close}\n]{{2,40}})[{q_close}]"
    capitalised = r"((?:(?:al|el|abu)[-'’])?[A-Z][\w'’-]*\w(?:\s+[A-Z][\w'’-]*\w){0,2})"

    phrases = _phrases_pattern

    titles = "|".join(sorted((re.escape(t) for t in lex.titles), key=len, reverse=True))
    patterns = [
        # cue, then a quoted name or a capitalised one
        (
            re.compile(
                rf"(?<![\w])(?i:{phrases(lex.nickname_cues)})\s*[,:]?\s*(?:{quoted}|{capitalised})"
            ),
            False,
        ),
        # "known among migrants as", "bij de anderen bekend als", "a guard he knew as":
        # a quoted or a capitalised name
        (
            re.compile(
                r"(?<![\w])(?i:known|knew|bekend)\s+(?:(?!as\b|als\b)\w+\s+){0,4}?"
                rf"(?i:as|als)\s*(?:{quoted}|{capitalised})"
            ),
            True,
        ),
        # "its leader was called Al-Wahshi", "al-Dabbashi, called Al-Ammu": a capitalised name
        (re.compile(rf"(?<![\w])(?:called|nicknamed)[ \t]+{capitalised}"), True),
        # "een man die zij alleen als Junior kent"
        (
            re.compile(
                r"(?<![\w])als[ \t]+([A-Z][\w'’-]*\w)[ \t]+(?:kent|kende|kennen|kenden)(?!\w)"
            ),
            True,
        ),
        # "called", "noemde": a quoted capitalised name only
        (
            re.compile(rf"(?<![\w])(?i:{phrases(lex.quoted_name_cues)})\s+(?:\w+\s+)?{quoted}"),
            True,
        ),
        # a quoted name, then "noemde": 'een Libiër die iedereen "de Dokter" noemde'
        (
            re.compile(rf"{quoted}\s*(?i:{phrases(lex.quoted_name_cues_after)})(?!\w)"),
            True,
        ),
        # an unquoted name between "die" and "noemde": 'een man die iedereen Szef noemde'
        (
            re.compile(
                rf"(?<![\w])die\s+(?:(?!de\s|het\s)[a-z]+\s+){{0,2}}"
                rf"((?:de\s+|het\s+)?[A-Z][\w'’-]*\w)\s+"
                rf"(?i:{phrases(lex.quoted_name_cues_after)})(?!\w)"
            ),
            True,
        ),
        # a quoted name between "als" and "kende": 'een man die zij alleen als "Laci" kende'
        (re.compile(rf"(?<![\w])als\s+{quoted}\s*(?:kende|kenden|kent|kennen)(?!\w)"), True),
        # a title before a quoted name: commandant 'Bija'
        (re.compile(rf"(?<![\w])(?i:{titles})\s+{quoted}"), True),
        # a quoted name in brackets right after a name: al-Milad ("Bija")
        (re.compile(rf"(?<=[\w.])\s*\(\s*{quoted}\s*\)"), True),
    ]
    _NICKNAME_PATTERNS[id(lex)] = (quoted, patterns)
    return quoted, patterns


def _whole_key(word: str) -> str:
    """A name word as a lookup key with its prefix kept: "Ben-Youssef" -> "ben-youssef"."""
    return _POSSESSIVE.sub("", word).lower().replace("’", "").replace("'", "")


def listed_people(f: _Finder) -> None:
    """Names listed with persons ("Kuba, Ilona en Bogdan", "Thank you Jules and Hoa",
    "Researchers: A B, C D, E F"): an unfound capitalised name between commas and a last
    "and"/"en" is a person when another item is one, or two others in a list of three."""
    for m in _NAME_LIST.finditer(f.text):
        items = [_without_role(f, *i.span()) for i in _LIST_ITEM.finditer(f.text, *m.span())]
        _places_listed(f, items)
        people = [
            any(x.start == a and x.end == b and x.type == "person" for x in f.mentions)
            for a, b in items
        ]
        joined = re.search(r"\s(?:and|en|&)\s", m.group(0)) is not None
        if sum(people) < (1 if joined else 2) or all(people):
            continue
        before = f.text[max(0, m.start() - 6) : m.start()].lower().split()
        if before and before[-1] in _LIST_NOT_AFTER:
            continue  # "two brothers from Kunduz, Wahid and Sharif": a place first
        new = [
            (a, b)
            for (a, b), known in zip(items, people, strict=True)
            if not known and _listed_person(f, a, b)
        ]
        if len(new) + sum(people) < len(items):
            continue  # one item is a place, an organisation or a common word
        for a, b in new:
            f.add(Mention(f.text[a:b], "person", a, b, source="list"))


def _places_listed(f: _Finder, items: list[tuple[int, int]]) -> None:
    """'in Leeds, Bradford and Kirkby Wold': an item the rules took for a person by its
    shape alone, listed with two places or more and nothing else, is a place."""
    texts = [f.text[a:b] for a, b in items]
    places = [f.is_place_words(tuple(t.lower().split()), t) is not None for t in texts]
    if sum(places) < 2 or sum(places) < len(items) - 1:
        return
    for (a, b), place in zip(items, places, strict=True):
        if place:
            continue
        for m in list(f.mentions):
            if (m.start, m.end) == (a, b) and m.type == "person" and m.source == "rule":
                f._remove(m)


def _without_role(f: _Finder, a: int, b: int) -> tuple[int, int]:
    """A list item without the role or title word opening it ("Tolken Quang" -> "Quang")."""
    first = re.match(r"\S+[ ]", f.text[a:b])
    if first is not None:
        low = first.group(0).strip().lower()
        if f.lex.is_role(low) or f.lex.is_title(low):
            return a + first.end(), b
    return a, b


def _listed_person(f: _Finder, a: int, b: int) -> bool:
    if f.overlaps(a, b):
        return False
    value = f.text[a:b]
    words = value.split()
    if any(
        w.isupper() or w.lower() in f.lower_vocab or w.lower() in f.lex.stopwords for w in words
    ):
        return False
    low = tuple(w.lower() for w in words)
    if any(f.lex.is_org_word(w) for w in low) or any(
        w in f.lex.nationalities or w[:-1] in f.lex.nationalities for w in low
    ):  # "two other Filipinos, Arnel and Jun-Jun"
        return False
    return all(f.is_place_words((w,), r) is None for w, r in zip(low, words, strict=True))


def nicknames(f: _Finder) -> None:
    """Nicknames, of the person named just before or of someone unnamed:
    'bijgenaamd "Bija"', 'known as al-Bija', 'a man they called "The Doctor"',
    "commandant 'Bija'", 'Abd al-Rahman al-Milad ("Bija")'."""
    q_open = _QUOTES_OPEN
    quoted, patterns = _nickname_patterns(f.lex)
    for pattern, must_capitalise in patterns:
        for m in pattern.finditer(f.text):
            group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
            start, end = m.start(group), m.end(group)
            while start < end and f.text[start].isspace():
                start += 1
            while end > start and f.text[end - 1].isspace():
                end -= 1
            # "Chaudhry Sahib": an honorific after the name is no part of it
            cut = f.text.rfind(" ", start, end)
            if cut > start and f.text[cut + 1 : end] in f.lex.post_nominals:
                end = cut
            value = f.text[start:end]
            if end - start < 2:
                continue
            if f.overlaps(start, end):
                # the gazetteer found the nickname already: say whose it is
                for other in f.mentions:
                    if other.start == start and other.end == end and other.source == "gazetteer":
                        target = _person_before(f, m.start())
                        if target is not None and id(other) not in f.refers:
                            f.refers[id(other)] = target
                            other.source = "nickname"
                continue
            if (must_capitalise or group == 2) and not (
                value[:1].isupper()
                or re.match(r"(?:al|el|abu)[-'’]\w", value)
                or re.match(r"(?:de|het|the|el|al)\s+[A-Z]", value)  # "de Dokter"
            ):
                continue
            if len(value.split()) > 4:
                continue
            low = value.lower()
            if low.split()[0] in f.lex.law_leading and not f._known_org(tuple(value.split())):
                continue  # "known as Operation Harbourline": an investigation's name
            quoted_value = start > 0 and f.text[start - 1] in q_open
            if not quoted_value and (
                low in f.lex.nationalities
                or (f.lex.is_role(low) and not value[:1].isupper())
                or f.lex.is_title(low)
            ):
                continue  # "die zich Libiër noemde", "die zich journalist noemt"
            if f.text.startswith("die", m.start()) and _org_noun_before(f, m.start()):
                # "De groep, die zich Maskar noemt": a group's name
                f.add(Mention(value, "organization", start, end, source="rule"))
                continue
            target = _person_before(f, m.start())
            mention = Mention(value, "person", start, end, source="nickname")
            f.add(mention, refers=target)
    _nicknames_with_or(f, quoted)
    _lower_case_given_names(f, _phrases_pattern(f.lex.plain_name_cues))


def _nicknames_with_or(f: _Finder, quoted: str) -> None:
    """A quoted name given with "or" after a person's name or nickname: 'known as Al
    Ammu, or "the Uncle"'."""
    alternative = re.compile(rf"[{_QUOTES_CLOSE}]?[ \t]*,?[ \t]+(?:or|of)[ \t]+{quoted}")
    # in a list of aliases ("Also known as: Sergiu Ursu, "Serioja", "Ursul"") a comma is
    # enough
    listed = re.compile(rf"[{_QUOTES_CLOSE}]?[ \t]*,[ \t]*{quoted}")
    cue = _alias_cues(f.lex)
    todo = [x for x in f.mentions if x.type == "person"]
    while todo:
        m = todo.pop(0)
        found = alternative.match(f.text, m.end)
        if found is None:
            found = listed.match(f.text, m.end)
            line = f.text[f.text.rfind("\n", 0, m.start) + 1 : m.start]
            if found is not None and not cue.search(line):
                found = None
        if found is None:
            continue
        start, end = found.span(1)
        value = f.text[start:end]
        if value != value.strip() or len(value.split()) > 4:
            continue
        if not (value[:1].isupper() or re.match(r"(?:de|het|the|el|al)\s+[A-Z]", value)):
            continue
        if not f.overlaps(start, end):
            target = f.refers.get(id(m), m)
            added = Mention(value, "person", start, end, source="nickname")
            f.add(added, refers=target)
            todo.append(added)


def dateline_agencies(f: _Finder) -> None:
    """The news agency in a wire dateline: "TRIPOLI (Noordpers) -", "AGADEZ, Niger, Sept 9
    (Westmark Wire) -"."""
    for m in _DATELINE_AGENCY.finditer(f.text):
        start, end = m.span(1)
        value = m.group(1)
        if _word_is_common(f, value):
            continue
        inside = _overlapping(f, start, end)
        if any(x.type == "organization" for x in inside):
            continue
        _replace(f, inside, Mention(value, "organization", start, end, source="rule"))


def municipalities(f: _Finder) -> None:
    """A municipality written with a capital as an organisation: "Gemeente Amsterdam",
    "Provincie Limburg" (lower-case "de gemeente Venlo" names the place)."""
    for m in _MUNICIPALITY.finditer(f.text):
        start, end = m.span()
        inside = _overlapping(f, start, end)
        if any(x.start < start or x.end > end for x in inside):
            continue
        _replace(f, inside, Mention(m.group(0), "organization", start, end, source="rule"))


def split_joined_organisations(f: _Finder) -> None:
    """Two organisations joined by "and"/"en", each ending with the same organisation
    word ("Hillingdon Council and Coventry City Council") or the first a well-known one."""
    for x in list(f.mentions):
        if x.type != "organization":
            continue
        m = _JOINED.fullmatch(x.text)
        if m is None:
            continue
        left, right = m.group(1), m.group(2)
        head = left.rsplit(None, 1)[-1]
        # "the Home Office and Defra": a well-known name is whole before "and"
        known = (
            f._exactly_known(left)
            and not f._exactly_known(x.text)
            and (len(right.split()) == 1 or f._exactly_known(right))
        )
        # "Polícia Federal and Pakistan's Federal Investigation Agency": a country's
        # possessive opens the second body; "Embassy of Romania and Asociația Vatra Nouă": a
        # word such as "Association" opens it
        poss = re.match(r"([A-Z][\w-]+)['’]s[ \t]+(?=[A-Z])", right)
        if poss and f.is_place_words((poss.group(1).lower(),), poss.group(1)) is None:
            poss = None
        opened = (
            poss is not None
            or (right.split()[0].lower() in f.lex.org_leading and len(right.split()) > 1)
            # "Fonds Vrij Geleide en Gemeente Utrecht": a municipality as the second body
            or (right.split()[0] in ("Gemeente", "Provincie") and len(right.split()) > 1)
        ) and len(left.split()) > 1
        if opened:
            f._remove(x)
            f.add(Mention(left, "organization", x.start, x.start + len(left), source=x.source))
            r_start = x.start + m.start(2) + (poss.end() if poss else 0)
            f.add(Mention(f.text[r_start : x.end], "organization", r_start, x.end, source=x.source))
            continue
        if not known and not (
            f.lex.is_org_head(head)
            and right.rsplit(None, 1)[-1] == head
            and len(left.split()) > 1
            and len(right.split()) > 1
            and left.split()[0].lower() not in f.lex.org_heads
        ):
            continue
        f._remove(x)
        f.add(Mention(left, "organization", x.start, x.start + len(left), source=x.source))
        r_start = x.start + m.start(2)
        f.add(Mention(right, "organization", r_start, x.end, source=x.source))


def _word_is_common(f: _Finder, value: str) -> bool:
    words = value.split()
    return all(w.lower() in f.lex.stopwords for w in words) or value.isdigit()


# '"Musa", 31, Sudanese': a quoted single name and an age
_QUOTED_WITH_AGE = re.compile(r"[\"“'‘]([A-Z][\w'’-]*\w)[\"”'’],[ \t]+\d{1,2},")


def pseudonyms(f: _Finder) -> None:
    """A name the writer gave: 'Ruksana (not her real name)', 'in het dossier Bao genoemd
    (niet zijn echte naam)'."""
    markers = "|".join(re.escape(m) for m in f.lex.pseudonym_markers)
    if not markers:
        return
    pattern = re.compile(
        rf"(?<![\w-])([A-Z][\w'’-]*\w)[\"'”’]?(?:[ \t]+(?:genoemd|called|named))?[ \t]*"
        rf"\(\s*(?i:(?:een|a|an)[ \t]+)?(?i:{markers})"
    )
    found = [*pattern.finditer(f.text), *_QUOTED_WITH_AGE.finditer(f.text)]
    for m in found:
        start, end = m.span(1)
        word = m.group(1)
        if (
            f.overlaps(start, end)
            or word.lower() in f.lex.stopwords
            or f.lex.is_role(word)
            or f.lex.is_title(word)
        ):
            continue
        f.add(Mention(word, "person", start, end, source="nickname"))


def citations(f: _Finder) -> None:
    """Authors' family names in a citation: "(Lim and Sasaki, 2023; Hartono et al.,
    2024)". Not abbreviations, well-known bodies or places ("(UNODC, 2023)")."""
    for bracket in _BRACKETS.finditer(f.text):
        inner_start = bracket.start(1)
        pos = inner_start
        for piece in bracket.group(1).split(";"):
            lead = len(piece) - len(piece.lstrip())
            m = _CITED.fullmatch(piece.strip())
            if m is not None:
                for g in (1, 2):
                    if m.group(g) is None:
                        continue
                    start = pos + lead + m.start(g)
                    end = pos + lead + m.end(g)
                    word = m.group(g)
                    if (
                        word.isupper()
                        or f.overlaps(start, end)
                        or f._known_org((word,))
                        or f.lex.is_org_word(word)
                        or word.lower() in f.lex.stopwords
                        or word.lower() in f.lex.calendar
                        or f.is_place_words((word.lower(),), word) is not None
                    ):
                        continue
                    f.add(Mention(word, "person", start, end, source="citation"))
            pos += len(piece) + 1


def acronyms_again(f: _Finder) -> None:
    """The initials of an organisation's name of three words or more, met anywhere in
    the document: "Hospitality and Cleaning Workers' Union" ... "HCWU"."""
    acronyms: dict[str, Mention] = {}
    for m in f.mentions:
        if m.type != "organization" or m.source not in ("rule", "known"):
            continue
        caps = [t.text for t in tokenize(m.text) if t.text[:1].isupper()]
        if len(caps) < 3 or any(w.isupper() for w in caps):
            continue
        acronym = "".join(w[0] for w in caps)
        if acronym not in f.lex.not_organizations:
            acronyms.setdefault(acronym, m)
    if not acronyms:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(acronyms) + r")(?![\w-])")
    for found in pattern.finditer(f.text):
        start, end = found.span(1)
        if not f.overlaps(start, end):
            mention = Mention(found.group(1), "organization", start, end, source="backref")
            f.add(mention, refers=acronyms[found.group(1)])


def _lower_case_given_names(f: _Finder, cues: str) -> None:
    """A common given name in lower case after "heet", "named": 'die klant heet kevin'."""
    pattern = re.compile(rf"(?<![\w])(?i:{cues})[ \t]+([a-zà-ÿ][a-zà-ÿ'-]+)(?![\w@.-]\w)")
    for m in pattern.finditer(f.text):
        word = m.group(1)
        if (
            len(word) < 3
            or word not in f.lex.given_names
            or word in f.lex.stopwords
            or f.overlaps(m.start(1), m.end(1))
        ):
            continue
        mention = Mention(word, "person", m.start(1), m.end(1), source="nickname")
        f.add(mention, refers=_person_before(f, m.start()))


def _org_noun_before(f: _Finder, pos: int) -> bool:
    """A kind of organisation is the last word before `pos` ("de groep, die ...")."""
    words = re.findall(r"[^\W\d_]+", f.text[max(0, pos - 40) : pos])
    return bool(words) and (
        f.lex.is_org_cue(words[-1].lower()) or f.lex.is_org_word(words[-1].lower())
    )


def _person_before(f: _Finder, pos: int) -> Mention | None:
    """The person mention that ends closest before `pos`, within 80 characters."""
    best: Mention | None = None
    for m in f.mentions:
        near = m.type == "person" and m.end <= pos and pos - m.end <= 80 and m.source != "nickname"
        if near and (best is None or m.end > best.end):
            best = m
    return best


def organisations_again(f: _Finder) -> None:
    """The first words of a company or organisation named before, met again on their
    own: "Flexcraft Staffing B.V. ... Flexcraft", "Blue Horizon Marine Services Ltd ...
    Blue Horizon". A person found there by no other cue than its two capitalised words
    becomes the organisation."""
    short: dict[tuple[str, ...], Mention] = {}
    # "Karl Grech ... Grech Bunkering Co. ... Grech": a person's surname stays his
    surnames = {
        [w for w in m.text.split() if w not in _NAME_SUFFIXES][-1]
        for m in f.mentions
        if m.type == "person" and " " in m.text
    }
    # "Hull Crown Court", "Hull City Council": "Hull" is the town, also before another
    # organisation's name ("the Hull Evening Courier ... at Hull docks")
    seats = {
        m.text.split()[0]
        for m in f.mentions
        if m.type == "organization"
        and " " in m.text
        and m.text.split()[-1].lower() in _SEATED_BODIES
    }
    for m in f.mentions:
        if m.type != "organization" or m.source not in ("rule", "known"):
            continue
        words = [t.text for t in tokenize(m.text)]
        if len(words) < 2 or not f._org_words(tokenize(m.text)):
            continue
        if words[-1].lower() in _SEATED_BODIES:
            continue
        for n in range(1, len(words)):
            head = tuple(words[:n])
            low = [w.lower() for w in head]
            if (
                not head[-1][:1].isupper()
                or low[-1] in f.lex.org_connectors
                # a given name opens a person's name, but a head of given names alone with
                # no family name is the company's ("Bao Minh Trading Ltd ... Bao Minh")
                or (
                    low[0] in f.lex.given_names
                    and not (
                        n >= 2
                        and all(w in f.lex.given_names for w in low)
                        and not any(w in f.lex.family_names for w in low)
                    )
                )
                or low[0] in f.lex.nationalities
                or low[0] in f.lex.particles
                or any(w in f.lex.stopwords for w in low)
                # ordinary words: none in one word, at most a third of a longer head
                # ("Premier Agri Labour" although the text writes "labour")
                or 3 * sum(w in f.lower_vocab for w in low) > len(low)
                or (n == 1 and low[0] in f.lower_vocab)
                or f.lex.is_org_word(low[-1])
                or (n == 1 and (len(head[0]) < 4 or head[0] in surnames or head[0] in seats))
                or f.is_place_words(tuple(low), " ".join(head)) is not None
            ):
                continue
            short.setdefault(head, m)
    if not short:
        return
    longest = max(len(k) for k in short)
    toks = tokenize(f.text)
    by_start = {m.start: m for m in f.mentions}
    x = 0
    while x < len(toks):
        for n in range(min(longest, len(toks) - x), 0, -1):
            head = tuple(t.text for t in toks[x : x + n])
            if head not in short or not all(
                f.gap_ok(toks[y], toks[y + 1]) for y in range(x, x + n - 1)
            ):
                continue
            start, end = toks[x].start, toks[x + n - 1].end
            if (
                x + n < len(toks)
                and f.gap_ok(toks[x + n - 1], toks[x + n])
                and toks[x + n].text[:1].isupper()
            ):
                continue  # part of a longer name
            if _PLACE_BEFORE.search(f.text, max(0, start - 12), start):
                continue  # "a house in Coventry" after "Coventry City Council"
            if _HOUSE_NUMBER_BEFORE.search(f.text, max(0, start - 8), start):
                continue  # "27 Orchard Close" after "Orchard Close Investments LLP"
            found = by_start.get(start)
            inside = [
                m
                for m in f.mentions
                if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
            ]
            if inside and all(m.source in ("rule", "role", "title") for m in inside):
                # "Premier Agri Labour" where the role word cut "Agri Labour" off
                for m in inside:
                    f._remove(m)
            if found is not None and found.end == end and found.type == "person":
                if found.source == "rule":
                    found.type = "organization"
                    found.source = "backref"
                    f.refers[id(found)] = short[head]
            elif not f.overlaps(start, end):
                f.add(
                    Mention(f.text[start:end], "organization", start, end, source="backref"),
                    refers=short[head],
                )
            x += n - 1
            break
        x += 1


def heads_again(f: _Finder) -> None:
    """The last word of an organisation's name met again after an article, later in the
    document: "de Tweede Kamer ... de Kamer", "de Europese Commissie ... de Commissie"."""
    heads: dict[str, Mention] = {}
    for m in f.mentions:
        if m.type != "organization" or m.source not in ("rule", "known"):
            continue
        words = tokenize(m.text)
        last = words[-1].text if words else ""
        if (
            len(words) >= 2
            and last[:1].isupper()
            and not last.isupper()
            and last not in f.lex.legal_forms
            and f.lex.is_org_word(last.lower())
            # "the US Treasury ... the Treasury": a country's body may be another's
            and words[0].text not in _COUNTRY_ABBREVIATIONS
            and f.is_place_words((words[0].text.lower(),), words[0].text) is None
        ):
            heads.setdefault(last, m)
    if not heads:
        return
    toks = tokenize(f.text)
    for x in range(1, len(toks)):
        tok = toks[x]
        named = heads.get(tok.text)
        if named is None or tok.start < named.end:
            continue
        prev = toks[x - 1]
        if prev.text not in _ARTICLES_BEFORE_HEAD or not f.gap_ok(prev, tok):
            continue
        if x + 1 < len(toks) and f.gap_ok(tok, toks[x + 1]) and toks[x + 1].is_capitalized:
            continue  # part of a longer name
        if f.overlaps(tok.start, tok.end):
            continue
        mention = Mention(tok.text, "organization", tok.start, tok.end, source="backref")
        f.add(mention, refers=named)


def genitives(f: _Finder) -> None:
    """'Yonas Gebremariams broer' where the text also writes 'Yonas Gebremariam': the
    Dutch genitive s is not part of the name."""
    people = {m.text for m in f.mentions if m.type == "person"}
    for m in f.mentions:
        if m.type == "person" and m.text.endswith("s") and m.text[:-1] in people:
            i = f.covered.starts.index(m.start)
            f.covered.ends[i] -= 1
            m.text, m.end = m.text[:-1], m.end - 1


def job_titles(f: _Finder) -> None:
    """Capitalised words that are part of a job title, not a name: "Home Affairs
    Correspondent", "Senior Environmental Health Officer"."""
    for m in list(f.mentions):
        if m.source != "rule":
            continue
        found = _TITLE_WORD_AFTER.match(f.text, m.end)
        if found is not None and found.group(1).lower() in _JOB_TITLE_WORDS:
            f._remove(m)


def organisation_short_forms(f: _Finder) -> None:
    """Short names of an organisation named in full before: "the Council" after
    "Westbury District Council", "Zonnebloem" after "Stichting Zonnebloem", "Harcourt"
    after "Harcourt Foods Ltd"."""
    shorts: dict[str, Mention] = {}
    heads: dict[str, Mention] = {}
    for m in sorted(f.mentions, key=lambda x: x.start):
        if m.type != "organization" or m.source not in ("rule", "known", "gazetteer"):
            continue
        words = m.text.split()
        if len(words) < 2:
            continue
        last = words[-1]
        if last[:1].isupper() and last.lower() in f.lex.org_heads:
            heads.setdefault(last, m)
        elif "Borough" in words[:-1] and "of" in words:
            # "the Council" after "Royal Borough of Kingsmere": a borough is run by a council
            heads.setdefault("Council", m)
        else:
            # "de Tweede Kamer der Staten-Generaal ... uw Kamer": a body's word in a known name
            suffix = [w for w in words[1:] if w[:1].isupper() and w.lower() in f.lex.org_suffixes]
            if suffix and len(words) <= 4 and m.source == "known":
                heads.setdefault(suffix[0], m)
        if words[0].lower() in f.lex.org_leading and len(words) <= 3:
            short = " ".join(words[1:])
            if all(w[:1].isupper() for w in words[1:]) and len(short) >= 4:
                shorts.setdefault(short, m)
        elif len(words) >= 3 and last in f.lex.legal_forms:
            first = words[0]
            if _short_company_word(f, first):
                shorts.setdefault(first, m)
    for short, target in shorts.items():
        pattern = rf"(?<![\w&-]){re.escape(short)}(?=['’]s\b|(?![\w&-]))"
        for found in re.finditer(pattern, f.text):
            before = f.text[max(0, found.start() - 30) : found.start()]
            after = f.text[found.end() : found.end() + 12]
            if _PLACE_BEFORE.search(before) or _NAME_GOES_ON.match(after):
                continue  # "in Harcourt" is the town; "Harcourt Road" another name
            _add_short_form(f, found.start(), found.end(), target)
    for head, target in heads.items():
        pattern = rf"(?<![\w-])(?:[Tt]he|[Dd]e|[Hh]et|[Uu]w)[ \t]+({re.escape(head)})(?![\w&-])"
        for found in re.finditer(pattern, f.text):
            if found.start(1) > target.end and not re.match(
                r"[ \t]+(?:of|van|for|[A-Z]|voor(?:[ \t]+(?:de|het))?[ \t]+[A-Z])",
                f.text[found.end(1) :],
            ):
                _add_short_form(f, found.start(1), found.end(1), target)


def _short_company_word(f: _Finder, word: str) -> bool:
    """A company's first word that can stand for its name: "Harcourt" in "Harcourt
    Foods Ltd", not "Dutch", "Global" or a place."""
    low = word.lower()
    return (
        len(word) >= 4
        and word[:1].isupper()
        and not word.isupper()
        and word.isalpha()
        and low not in f.lex.stopwords
        and low not in f.lex.nationalities
        and (low,) not in f.lex.places
        and not f.lex.is_org_word(low)
        and not any(low.endswith(e) for e in f.lex.org_cue_endings)
        and not f.lex.is_given(word)
    )


def _add_short_form(f: _Finder, start: int, end: int, target: Mention) -> None:
    if f.overlaps(start, end):
        return
    referent = f.refers.get(id(target), target)
    mention = Mention(f.text[start:end], "organization", start, end, source="backref")
    f.add(mention, refers=referent)


def back_references(f: _Finder) -> None:
    """Surnames (and nicknames) of people already found, met again on their own."""
    keys: dict[str, Mention] = {}
    # surnames that are also given names ("Semere Kahsay", "Tarek Ben-Youssef"), by their
    # whole word: only that word itself or its genitive ("Kahsays") refers back to them
    surnames: dict[str, Mention] = {}
    # surnames written as an initial ("Amanuel W.", "Soufiane el-K."): "W." on its own
    # refers back when one person only has that initial
    initials: dict[str, Mention | None] = {}
    phrases: dict[str, Mention] = {}
    # first words of two-word names the lists do not know as given names ("Ketut Arsana"):
    # met alone, not after "in" (a place: "Merthyr Tydfil ... in Merthyr")
    givens: dict[str, Mention] = {}
    for m in sorted(f.mentions, key=lambda x: x.start):
        if m.type != "person":
            continue
        toks = tokenize(m.text)
        if m.source == "nickname":
            if len(toks) == 1:
                keys.setdefault(name_key(toks[0].text, f.lex), m)
            elif m.text[:1].isupper() or re.match(r"(?:de|het|the|el|al)\s", m.text):
                phrases.setdefault(m.text, m)  # "The Doctor", "de Dokter" again later
            continue
        parts = [
            t
            for t in toks
            if not f.is_particle(t)
            and not _INITIAL.fullmatch(t.text)
            and t.text not in _NAME_SUFFIXES
        ]
        last = toks[-1].text
        # family name first ("Le Thi Hoa", "Zhou Wei", "Sok Chanthy"): a common family
        # name, even a short one or a particle, is the name met again
        if (
            len(toks) >= 2
            and toks[0].text.lower() in f.lex.family_names
            and not f.lex.is_given(toks[0].text)
            and (
                toks[1].text in f.lex.vietnamese_middle_names
                or toks[-1].text.lower() not in f.lex.family_names
                or f.lex.is_given(toks[-1].text)
            )
        ):
            keys.setdefault(toks[0].text.lower(), m)
        if len(toks) >= 2 and last.endswith(".") and last[-2:-1].isupper() and len(last) <= 6:
            key = last.lower()
            same = initials.get(key, m)
            initials[key] = same if same is not None and same.text == m.text else None
        if len(parts) == 1 and m.source in ("title", "role", "age"):
            keys.setdefault(name_key(parts[0].text, f.lex), m)  # "Semere (24)"
        if len(parts) >= 2:
            key = name_key(parts[-1].text, f.lex)
            if len(key) >= 3 and key not in f.lex.given_names:
                keys.setdefault(key, m)
            elif len(key) >= 3:
                surnames.setdefault(_whole_key(parts[-1].text), m)
            # family name first ("Nguyen Van Thanh"): the first part when it is no given name
            first = name_key(parts[0].text, f.lex)
            sure = len(toks) >= 3 or m.source in ("title", "role", "age")
            if sure and len(first) >= 4 and first not in f.lex.given_names:
                keys.setdefault(first, m)
            # the given name on its own ("Chidi Okonkwo ... Thanks, Chidi"), also one the
            # lists do not know, of a name of two words ("Ketut Arsana ... Ketut gaf")
            if len(first) >= 3 and first in f.lex.given_names:
                surnames.setdefault(_whole_key(parts[0].text), m)
            elif (
                len(parts) == 2
                and len(toks) == 2
                and (
                    m.source in ("title", "role", "age", "list")
                    or parts[1].text.lower() in f.lex.family_names
                    or (
                        _listed_person_words(f, m.text)
                        and parts[1].text.lower() not in f.lex.person_nouns
                    )
                )
                and _given_first(f, parts[0].text)
            ):
                givens.setdefault(_whole_key(parts[0].text), m)
    orgs: dict[str, Mention] = {m.text: m for m in f.mentions if m.source == "acronym"}
    for phrase, target in phrases.items():
        # "de Dokter" is "De Dokter" at the start of a sentence
        first = f"[{phrase[0]}{phrase[0].upper()}]" if phrase[0].islower() else phrase[0]
        pattern = rf"(?<!\w){first}{re.escape(phrase[1:])}(?!\w)"
        for found in re.finditer(pattern, f.text):
            if not f.overlaps(found.start(), found.end()):
                referent = f.refers.get(id(target), target)
                mention = Mention(
                    found.group(0), "person", found.start(), found.end(), source="backref"
                )
                f.add(mention, refers=referent)
    if not keys and not orgs and not surnames and not initials and not givens:
        return
    # one-word names the gazetteer found ("Kachlaf") that stand for a fuller name here
    for m in f.mentions:
        if m.source == "gazetteer" and m.type == "person" and " " not in m.text.strip():
            full = keys.get(name_key(m.text, f.lex))
            if full is not None and full is not m:
                f.refers[id(m)] = f.refers.get(id(full), full)
                m.source = "backref"
    all_toks = tokenize(f.text)
    exact = {(m.start, m.end): m for m in f.mentions}
    places = _Spans()
    for p in sorted(f.places, key=lambda p: p.start):
        places.add(p.start, p.end)
    for x, tok in enumerate(all_toks):
        if places.overlaps(tok.start, tok.end):
            continue  # "Bani Walid" is a town, whoever "Walid Hamdan" is
        if f.overlaps(tok.start, tok.end):
            # A one-word name the rules already took as a person ("Tesfay is a close
            # associate of ...") is the same person as the fuller name met earlier.
            same = exact.get((tok.start, tok.end))
            if same is not None and same.type == "person" and same.source == "rule":
                named = keys.get(name_key(tok.text, f.lex)) or surnames.get(_whole_key(tok.text))
                if named is not None and named is not same and named.start < same.start:
                    same.source = "backref"
                    f.refers[id(same)] = f.refers.get(id(named), named)
            continue
        if tok.text in orgs:
            f.add(
                Mention(tok.text, "organization", tok.start, tok.end, source="backref"),
                refers=orgs[tok.text],
            )
            continue
        if not (tok.text[:1].isupper() or f.is_joined_prefix_name(tok)):
            continue
        if f.lex.is_role(tok.text) or f.lex.is_title(tok.text):
            continue  # "United States Attorney Thomas ...": a role, whoever bears it
        named = (
            keys.get(name_key(tok.text, f.lex))
            or surnames.get(_whole_key(tok.text))
            or initials.get(tok.text.lower())
        )
        if named is None and not _PLACE_BEFORE.search(f.text[max(0, tok.start - 12) : tok.start]):
            named = givens.get(_whole_key(tok.text))
        end = tok.end - _possessive_len(tok.text)
        if named is None and len(tok.text) > 4 and tok.text.endswith("s"):
            # Dutch genitive without apostrophe: "Kahsays advocaat"
            named = keys.get(name_key(tok.text[:-1], f.lex)) or surnames.get(
                _whole_key(tok.text[:-1])
            )
            end = tok.end - 1
        if named is None:
            continue
        start = f._particles_before(all_toks, x)
        referent = f.refers.get(id(named), named)
        mention = Mention(f.text[start:end], "person", start, end, source="backref")
        mention.public_role = referent.public_role
        mention.role = referent.role
        f.add(mention, refers=referent)


# a line of a team list on a web page: "Name Name – role" (two to four capitalised words)
_TEAM_LINE = re.compile(
    rf"^[ \t]*({_ITEM}(?:[ ][{_CAP}][\w'’-]*\w)?)[ \t]+[–—-][ \t]+\S[^\n]{{0,80}}$", re.MULTILINE
)
# a testimonial's attribution after its quote: ...zeggen." – Rowel, chauffeur sinds 2022
_TESTIMONIAL = re.compile(rf"[\"”’'][ \t]*[–—-][ \t]*([{_CAP}][\w'’-]*\w)(?=[ \t]*(?:,|$))", re.M)


def team_lists(f: _Finder) -> None:
    """Team lists ("Meet our team" on a web page): two lines or more in a row of the shape
    "Name Name – role", one of whose names is a person's, make the names of the others
    persons' too; the name attributed after a testimonial's quote is a person's."""
    lines = [(m.start(1), m.end(1), m.start(), m.end()) for m in _TEAM_LINE.finditer(f.text)]
    blocks: list[list[tuple[int, int, int, int]]] = []
    for line in lines:
        if blocks and f.text[blocks[-1][-1][3] : line[2]].strip() == "":
            blocks[-1].append(line)
        else:
            blocks.append([line])
    for block in blocks:
        if len(block) < 2:
            continue
        people = {(m.start, m.end): m for m in f.mentions if m.type == "person"}
        starts = {m.start for m in people.values()}
        named = {m.text for m in people.values()}
        # a line's name is a person's, or its first word a given name or one found alone
        anchored = any(
            a in starts
            or f.lex.is_given(f.text[a:b].split()[0].lower())
            or f.text[a:b].split()[0] in named
            for a, b, _, _ in block
        )
        if not anchored:
            continue
        for a, b, _, _ in block:
            if (a, b) in people:
                people[(a, b)].source = "list"  # a team member: the given name may stand alone
                continue
            if not _listed_person_words(f, f.text[a:b]):
                continue
            inside = [m for m in f.mentions if m.start >= a and m.end <= b]
            if any(m.type != "person" for m in inside) or _crosses(f, a, b):
                continue
            _replace(f, inside, Mention(f.text[a:b], "person", a, b, source="list"))
    for quote in _TESTIMONIAL.finditer(f.text):
        a, b = quote.span(1)
        if not f.overlaps(a, b) and _listed_person_words(f, quote.group(1)):
            f.add(Mention(quote.group(1), "person", a, b, source="list"))


def _overlapping(f: _Finder, start: int, end: int) -> list[Mention]:
    """The mentions that overlap [start, end)."""
    return [x for x in f.mentions if x.start < end and start < x.end]


def _replace(f: _Finder, inside: list[Mention], mention: Mention) -> None:
    """Put `mention` in place of the mentions it covers."""
    for x in inside:
        f._remove(x)
    f.add(mention)


def _crosses(f: _Finder, a: int, b: int) -> bool:
    """A mention that reaches out of [a, b)."""
    return any(m.start < b and m.end > a and (m.start < a or m.end > b) for m in f.mentions)


def _given_first(f: _Finder, word: str) -> bool:
    """The first word of a two-word person's name that may stand for the person alone: no
    family name, common, title, role, place or organisation word."""
    low = word.lower()
    return (
        len(word) >= 4
        and word[:1].isupper()
        and not word.isupper()
        and low not in f.lex.family_names
        and _listed_person_words(f, word)
    )


def _listed_person_words(f: _Finder, value: str) -> bool:
    """Words that can be a person's name in a list: no common, organisation, nationality or
    place word, no abbreviation, no title or role."""
    for w in value.split():
        low = w.lower()
        if (
            w.isupper()
            or low in f.lower_vocab
            or low in f.lex.stopwords
            or f.lex.is_org_word(low)
            or low in f.lex.nationalities
            or f.lex.is_title(low)
            or f.lex.is_role(low)
            or (low,) in f.lex.places
        ):
            return False
    return True


_CAPS_WORD = re.compile(r"(?<![\w.&/-])([A-Z]{2,3})(?![\w&/-]|\.\w)")
_HEADER_LINE = re.compile(r"^[ \t]*(?:cc|bcc|to|from|aan|van)[ \t]*:", re.IGNORECASE)
_SIGN_OFF = re.compile(r"\n[ \t]*\n[ \t]*([A-Z]{2,3})[ \t]*\s*$")


def initials(f: _Finder) -> None:
    """Initials standing for a person in a memo: the capitals of a person named in the
    document ("closed by TB." after "Tomasz Brzeziński"), the whole value of a Cc/To/From
    line ("Cc: HJW") and the sign-off alone on the last line ("AR")."""
    people: set[str] = set()
    for m in f.mentions:
        if m.type != "person":
            continue
        parts = [w for w in m.text.split() if w.lower() not in f.lex.particles]
        if 2 <= len(parts) <= 3 and all(w[:1].isupper() for w in parts):
            people.add("".join(w[0] for w in parts))
    exact = {(m.start, m.end): m for m in f.mentions}
    sign_off = _SIGN_OFF.search(f.text)
    found_people: list[tuple[str, int, int]] = []
    for found in _CAPS_WORD.finditer(f.text):
        word = found.group(1)
        a, b = found.span(1)
        if (
            word in f.lex.not_organizations
            or word in _COUNTRY_ABBREVIATIONS
            or f._exactly_known(word)
            or word in f.lex.legal_forms
            # "a GP", "the FIU": initials of a person take no article
            or re.search(r"(?<!\w)(?:an?|the|de|het|een)[ \t]+$", f.text[max(0, a - 5) : a], re.I)
        ):
            continue
        line_start = f.text.rfind("\n", 0, a) + 1
        line_end = f.text.find("\n", b)
        line = f.text[line_start : len(f.text) if line_end < 0 else line_end]
        header = _HEADER_LINE.match(line) is not None and re.fullmatch(
            # "Cc: KA; TW": initials alone, or a list of them
            r"(?:[ \t]*[;,][ \t]*[A-Z]{2,3})*[ \t]*[;,]?[ \t]*",
            f.text[b : len(f.text) if line_end < 0 else line_end],
        )
        if not (word in people or header or (sign_off is not None and sign_off.span(1) == (a, b))):
            continue
        found_people.append((word, a, b))
    # the same initials elsewhere are the same person ("Cc: HJW ... Escalate to HJW")
    again = {word for word, _, _ in found_people}
    for found in _CAPS_WORD.finditer(f.text):
        if found.group(1) in again and (found.group(1), *found.span(1)) not in found_people:
            found_people.append((found.group(1), *found.span(1)))
    for word, a, b in found_people:
        same = exact.get((a, b))
        if same is not None:
            if same.type == "organization" and same.source in ("rule", "acronym", "backref"):
                same.type = "person"
            continue
        if not f.overlaps(a, b):
            f.add(Mention(word, "person", a, b, source="initials"))


_BRACKETED_BEFORE_FORM = re.compile(
    rf"((?<![\w'’-])[{_CAP}][\w'’&-]*(?:[ \t][{_CAP}][\w'’&-]*){{0,4}})"
    rf"[ \t]\([{_CAP}][\w'’-]*(?:[ \t][{_CAP}][\w'’-]*)?\)[ \t]([\w.]+)"
)


def bracketed_legal_forms(f: _Finder) -> None:
    """A company's name with a place or word in brackets before its legal form: "Armstrong
    Agri (Fermanagh) Ltd", "Mhofu Recruitment (Private) Limited": one organisation."""
    for found in _BRACKETED_BEFORE_FORM.finditer(f.text):
        form = found.group(2)
        if form not in f.lex.legal_forms and form.rstrip(".") not in f.lex.legal_forms:
            continue
        a, b = found.start(1), found.end(2)
        if (
            form.endswith(".")
            and form not in f.lex.dotted_legal_forms
            and (
                form not in f.lex.legal_forms
                or not re.match(r"[ \t]*[,;:)]|[ \t]+[a-z(0-9]", f.text[b : b + 3])
            )
        ):
            b -= 1  # "... (Wales) Ltd." ending a sentence: the full stop is not the form's
        words = list(re.finditer(r"\S+", found.group(1)))
        # leave out leading words that are no name ("Director", "The")
        while words:
            low = words[0].group(0).lower()
            if not (
                low in f.lex.stopwords
                or f.lex.is_role(low)
                or f.lex.is_title(low)
                or low in f.lex.calendar
            ):
                break
            words.pop(0)
        if not words:
            continue
        a += words[0].start()
        inside = _overlapping(f, a, b)
        if any(m.start < a or m.end > b for m in inside):
            continue
        _replace(f, inside, Mention(f.text[a:b], "organization", a, b, source="rule"))


_DOTTED_ACRONYM = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,4})(?=[ \t]+\w)")


def dotted_acronyms(f: _Finder) -> None:
    """A well-known organisation's acronym written with full stops ("U.N. sanctions"): an
    organisation, and one with the name of its body that follows ("U.N. Security
    Council")."""
    for found in _DOTTED_ACRONYM.finditer(f.text):
        a, b = found.span(1)
        key = found.group(1).replace(".", "")
        if key in _COUNTRY_ABBREVIATIONS or not f._exactly_known(key):
            continue
        after = next(
            (
                m
                for m in f.mentions
                if m.type == "organization" and m.start > b and not f.text[b : m.start].strip()
            ),
            None,
        )
        if after is not None and not f.overlaps(a, b):
            f._remove(after)
            f.add(Mention(f.text[a : after.end], "organization", a, after.end, source="known"))
        elif not f.overlaps(a, b):
            f.add(Mention(found.group(1), "organization", a, b, source="known"))


_KIN_WORDS = (
    "neef", "nicht", "broer", "zus", "zuster", "zoon", "dochter", "oom", "tante", "vader",
    "moeder", "man", "vrouw", "schoonzus", "zwager", "cousin", "brother", "sister", "son",
    "daughter", "nephew", "niece", "uncle", "aunt", "husband", "wife", "father", "mother",
)  # fmt: skip
_APPOSITION = re.compile(
    rf"(?<![\w-])([a-z]+)(?:[ \t]+(?:from|uit)[ \t]+[{_CAP}][\w'’-]+)?,[ \t]+"
    rf"([{_CAP}][\w'’-]*\w)(?:[ \t]+(?:and|en)[ \t]+([{_CAP}][\w'’-]*\w))?,[ \t]"
)


def appositions(f: _Finder) -> None:
    """Given names in apposition to a noun for a person, between commas: "a fellow worker,
    Ratna, gave", "two workers from Osh, Temir and Azat, said"."""
    for found in _APPOSITION.finditer(f.text):
        noun = found.group(1)
        if not (
            noun in f.lex.person_nouns
            or (noun.endswith("s") and noun[:-1] in f.lex.person_nouns)
            or (noun.endswith("en") and noun[:-2] in f.lex.person_nouns)
        ):
            continue
        names = [n for n in (2, 3) if found.group(n)]
        if not all(
            _given_first(f, found.group(n))
            and f.is_place_words((found.group(n).lower(),), found.group(n)) is None
            for n in names
        ):
            continue  # "workers from Romania, Moldova, Albania": places
        for n in names:
            a, b = found.span(n)
            if not f.overlaps(a, b):
                f.add(Mention(found.group(n), "person", a, b, source="role"))


_KIN = re.compile(
    rf"(?<![\w-])(?:zijn|haar|hun|mijn|his|her|their|my)[ \t]+(?:{'|'.join(_KIN_WORDS)})[ \t]+"
    rf"([{_CAP}][\w'’-]*\w)(?![\w'’-]|[ \t]+[{_CAP}])"
)


def kin(f: _Finder) -> None:
    """A single given name right after a possessive and a word for a relative: "voor zijn
    neef Yafet", "her cousin Amina"."""
    for found in _KIN.finditer(f.text):
        a, b = found.span(1)
        word = found.group(1)
        if (
            f.overlaps(a, b)
            or f.is_stop(Token(word, a, b))
            or word.lower() in f.lower_vocab
            or f.lex.is_title(word)
            or f.lex.is_role(word)
            or f.is_place_words((word.lower(),), word) is not None
            or f.lex.is_org_word(word.lower())
        ):
            continue
        f.add(Mention(word, "person", a, b, source="role"))


_BREADCRUMB = re.compile(r"^[^\n]*?(?:[ \t](?:›|>|»)[ \t][^\n]*?){2,}$", re.MULTILINE)
_REFERENCE_GOES_ON = re.compile(r"/[A-Za-z0-9]")


def navigation_and_references(f: _Finder) -> None:
    """No names in a web page's breadcrumb line ("Home › Jobs › Security Guards") nor an
    abbreviation opening a file reference ("Our ref: HPP/HMO/2025/0712"), unless well known."""
    crumbs = [m.span() for m in _BREADCRUMB.finditer(f.text)]
    for m in list(f.mentions):
        if m.source == "known":
            continue
        in_crumb = any(a <= m.start and m.end <= b for a, b in crumbs)
        reference = (
            m.type == "organization"
            and m.text.isupper()
            and _REFERENCE_GOES_ON.match(f.text, m.end) is not None
            and f.text[m.start - 1 : m.start] not in ("/",)
        )
        if in_crumb or reference:
            f._remove(m)


_AGENCY_CREDIT = re.compile(
    rf"\(([{_CAP}][\w'’&.-]*\w(?:[ \t][{_CAP}][\w'’&.-]*\w){{0,2}})(?:,[ \t]+|\)[ \t]*(?:[–—-][ \t]*)?)"
    # "(Noordzeepers) – Redactie: ...", "(Stroomland Pers) Verslaggeving ..."
    r"(?i:redactie|bewerking|eindredactie|verslaggeving|reporting|editing|additional reporting)\b"
)


def agency_credits(f: _Finder) -> None:
    """A news agency credited in brackets at the end of a report, before its editors:
    "(Zuiderpers, redactie Thijs Wolters)", "(Meridian, reporting by ...)"."""
    for found in _AGENCY_CREDIT.finditer(f.text):
        a, b = found.span(1)
        if not f.overlaps(a, b):
            f.add(Mention(found.group(1), "organization", a, b, source="rule"))


# "Ma. Cristina Villanueva": the Filipino short form of Maria, with a given name after it
_MA_BEFORE = re.compile(r"(?:^|(?<=[\s,(:;–-]))Ma\.[ \t]$")
_SURNAME_AFTER = re.compile(
    r"[ \t]([A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)(?=[ \t]*(?:[,;–—(]|$))", re.M
)


def filipino_maria(f: _Finder) -> None:
    """Put "Ma." (Maria, in Filipino names) back before the given name it stands before, and
    the surname after a lone given name on the same line ("Ma. Lourdes Sarmiento-Tan –")."""
    for m in list(f.mentions):
        if m.type != "person" or m.start < 4:
            continue
        if not _MA_BEFORE.search(f.text[max(0, m.start - 5) : m.start]):
            continue
        start, end = m.start - 4, m.end
        if " " not in m.text:
            after = _SURNAME_AFTER.match(f.text, end)
            if after and not f.overlaps(after.start(1), after.end(1)):
                end = after.end(1)
        f._remove(m)
        f.add(Mention(f.text[start:end], "person", start, end, source=m.source))


_NAV_LINE = re.compile(r"^Home[ \t]+\|.*$", re.MULTILINE)
_CAPS_LINE = re.compile(r"[A-Z][A-Z0-9&'’-]+(?:[ \t]+[A-Z][A-Z0-9&'’-]+){0,3}")
_LANGUAGE_LINE = re.compile(r"(?:[^\s|]+[ \t]*\|[ \t]*)+[^\s|]+")


def site_names(f: _Finder) -> None:
    """A web page's name in capitals on the line just before its navigation bar ("Home |
    Vacatures | Contact") or on the first line with words after it ("NEXORA TALENT")."""
    nav = _NAV_LINE.search(f.text, 0, 600)
    if nav is None:
        return
    lines: list[tuple[int, int]] = []
    before_end = nav.start() - 1
    if before_end > 0:
        lines.append((f.text.rfind("\n", 0, before_end) + 1, before_end))
    pos = nav.end() + 1
    while pos < len(f.text):
        end = f.text.find("\n", pos)
        end = len(f.text) if end < 0 else end
        line = f.text[pos:end].strip()
        if line and not _LANGUAGE_LINE.fullmatch(line):
            lines.append((pos, end))
            break
        pos = end + 1
    for a, b in lines:
        name = _CAPS_LINE.fullmatch(f.text, a, b)
        if name is None or f.overlaps(a, b):
            continue
        words = [w.lower() for w in f.text[a:b].split()]
        if all(w in f.lower_vocab or w in f.lex.stopwords for w in words):
            continue  # "OVER ONS": a heading
        f.add(Mention(f.text[a:b], "organization", a, b, source="rule"))


# French state bodies named with a lower-case complement ("Police aux frontières",
# "Gendarmerie nationale", "Police judiciaire")
_FRENCH_BODY = re.compile(
    r"(?<![\w-])(?:Police|Gendarmerie|Douane|Garde)[ \t]+"
    r"(?:aux[ \t]+frontières|nationale|judiciaire|républicaine|municipale)(?![\w-])"
)


def french_bodies(f: _Finder) -> None:
    """A French police or customs body written with its lower-case complement."""
    for m in _FRENCH_BODY.finditer(f.text):
        start, end = m.span()
        inside = _overlapping(f, start, end)
        # "French Police aux frontières": the English adjective stays out of the French name
        if any(
            x.end > end
            or (
                x.start < start
                and f.text[x.start : start].strip().lower() not in f.lex.nationalities
            )
            for x in inside
        ):
            continue
        _replace(f, inside, Mention(m.group(0), "organization", start, end, source="rule"))


# "Persvoorlichting Landelijk Parket": a press desk, then the body it speaks for
_PRESS_DESK = re.compile(
    r"(?<![\w-])(?:Persvoorlichting|Woordvoering|Persdienst)[ \t]+"
    r"([A-Z][\w'’-]*\w(?:[ \t]+(?:[A-Z][\w'’-]*\w|van|voor|de|en)){0,4}?)"
    r"(?=[ \t]*(?:[:,.\n]|$))"
)


def press_desks(f: _Finder) -> None:
    """The body after a press desk's name, without the desk ("Persvoorlichting
    Arrondissementsparket Rotterdam")."""
    for m in _PRESS_DESK.finditer(f.text):
        start, end = m.span(1)
        words = m.group(1).split()
        inside = [x for x in f.mentions if x.start < end and m.start() < x.end]
        if any(x.type != "organization" for x in inside):
            continue
        if not inside and not (f.lex.is_org_head(words[0]) or f.lex.is_org_word(words[-1].lower())):
            continue
        _replace(f, inside, Mention(m.group(1), "organization", start, end, source="rule"))


# "(Reporting by Aisha Rahmani in Doha and Prakriti Shrestha in Kathmandu; ...)"
_SECOND_REPORTER = re.compile(
    r"(?i:reporting[ \t]+by)[^;)\n]*?[ \t]and[ \t]+"
    r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3})[ \t]+in[ \t]+[A-Z]"
)


def second_reporters(f: _Finder) -> None:
    """The second reporter in a wire's credit, after "and", with the town they wrote from."""
    for m in _SECOND_REPORTER.finditer(f.text):
        start, end = m.span(1)
        if f.overlaps(start, end):
            continue
        f.add(Mention(m.group(1), "person", start, end, source="role"))


_CAPITAL_THE_BEFORE = re.compile(r"[a-z0-9,][ \t]+The[ \t]+$")


def capital_the(f: _Finder) -> None:
    """ "The" with a capital inside a sentence is part of the body's name that follows it
    ("supported by The Salvation Army")."""
    for m in list(f.mentions):
        if m.type != "organization":
            continue
        before = _CAPITAL_THE_BEFORE.search(f.text, max(0, m.start - 12), m.start)
        if before is None:
            continue
        start = f.text.rindex("The", before.start(), m.start)
        f._remove(m)
        f.add(Mention(f.text[start : m.end], "organization", start, m.end, source=m.source))


# "Daniel Price, 46, of Bordesley Green, was jailed": an age, then where the person lives
_RESIDENCE_AFTER_AGE = re.compile(
    r"(?<![\w.])\d{1,3},[ \t]+of[ \t]+([A-Z][\w'’-]*\w(?:[ \t]+[A-Z][\w'’-]*\w){0,2})(?=[ \t]*[,.;])"
)


def residences(f: _Finder) -> None:
    """The place after a person's age in an English court or police report is no name."""
    for m in _RESIDENCE_AFTER_AGE.finditer(f.text):
        start, end = m.span(1)
        for x in [x for x in f.mentions if x.start == start and x.end == end]:
            if x.type == "person":
                f._remove(x)


# "Dear Jun,", "Kuya Ben,": a term of address, then one capitalised word and a comma
_ADDRESSED = re.compile(r"(?<![\w-])([A-Z][a-z]+)[ \t]+([A-Z][a-z]{1,12})(?=[,!])")


def addressed_short_names(f: _Finder) -> None:
    """A person addressed by a given name that is also a month or a name particle ("Dear Jun,",
    "Kuya Ben,", "Dear Abdul,"): the term of address before and the comma after make it a
    name."""
    for m in _ADDRESSED.finditer(f.text):
        if not f.lex.is_title(m.group(1).lower()):
            continue
        word = m.group(2).lower()
        if word not in f.lex.calendar and word not in f.lex.particles:
            continue
        if word in f.lower_vocab or f.lex.is_title(word) or f.lex.is_role(word):
            continue
        start, end = m.span(2)
        if f.overlaps(m.start(), end):
            continue
        f.add(Mention(m.group(2), "person", start, end, source="title"))
