"""Find the names of people, organisations and vessels in Dutch and English text, by rule.

    >>> found = find_names("De Libische commandant Mohammed Kachlaf leidt de Shuhada al-Nasr brigade.")
    >>> [(m.text, m.type) for m in found.mentions]
    [('Mohammed Kachlaf', 'person'), ('Shuhada al-Nasr brigade', 'organization')]

A name is a run of capitalised words, with particles inside (van der, al-, bin, abu), cut
where function words, titles and roles stand. What the run is comes from cues: titles and
roles before it make a person, organisation words and legal forms make an organisation,
vessel words before it make a vessel, place names make a place (returned separately).
Surnames and nicknames met again later in the document are found as well (`refers_to`).
The word lists live in `data/lexicon.yml`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from opspoor.documents.lexicon import Lexicon, lexicon
from opspoor.documents.model import Mention
from opspoor.documents.text import Sentence, Token, sentences, tokenize

_SPACE_GAP = re.compile(r"[ \t\u00a0]{1,3}|[ \t]?\n[ \t]?")
_QUOTES_OPEN = "\"'“‘«„‚"
_QUOTES_CLOSE = "\"'”’»“‘"
_POSSESSIVE = re.compile(r"['’]s?$")
# "(34)", ", 34,", "(52, Litouwen)": an age after a name
_AGE_AFTER = re.compile(r"^\s*(?:\(\s*\d{2}\s*[),]|,\s*\d{2}\s*,)")
# "(IOM)", "(KMar)", "(SRA no. 612345)": two capitals at least ("(Vilnius)" is a place)
_ACRONYM_AFTER = re.compile(
    r"^\s*\(\s*([A-Z](?=[a-z]*[A-Z])[A-Za-z]{1,9})\s*(?:\)|[,;]\s|\s+(?:no|nr)\b)"
)
_WESTERN_PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "ter",
    "ten",
    "te",
    "het",
    "'t",
    "la",
    "le",
    "du",
    "da",
    "di",
    "dos",
    "das",
    "del",
    "della",
    "von",
    "zu",
    "y",
}
_OFFICES = {
    "minister",
    "ministers",
    "ministry",
    "ministerie",
    "staatssecretaris",
    "secretary",
    "department",
    "commissioner",
    "commissaris",
    "ministre",
}
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+")
# merchant and naval ship prefixes ("MV Sea Falcon", "HMC Vigilant", "USS Cole")
_VESSEL_PREFIXES = {
    "MV",
    "M/V",
    "MT",
    "M/T",
    "FV",
    "F/V",
    "MY",
    "HMC",
    "HMS",
    "HMCS",
    "USS",
    "USCGC",
    "HNLMS",
    "RV",
}
# Dutch surname particles written with a capital when no given name or initial stands before
# them: "advocaat Van der Meer", "zei De Haan" (the Dutch spelling rule for surnames).
_SURNAME_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te"}
_ARTICLES = {"de", "het", "the", "la", "le", "el", "al", "een", "a", "an"}
# titles that say "a certain" ("een zekere Ahmed", "ene Yonas"), but not after an article
_CERTAIN = {"ene", "zekere", "certain"}
_COURTS = {"court", "tribunal", "courts"}
# written after a person's name and part of it, never a surname on its own
_NAME_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}
# capitalised title words that open an organisation's name ("General Directorate ...",
# "Generale Directie ...", "Directorate General ...")
_TITLES_IN_ORG_NAMES = {"General", "Generale", "Generaal", "Directorate-General"}
_ARTICLES_BEFORE_HEAD = {"de", "het", "the", "die", "der"}
_WORKS_AT = {"van", "bij", "of", "at", "for", "from"}
# what follows a dotted legal form in the middle of a sentence (the dot is the form's own)
_SENTENCE_GOES_ON = re.compile(r"[ \t]*[,;:)]|[ \t]+[a-z(0-9]")
_ELIDED_GAP = re.compile(r"-[ \u00a0]")  # "Immigratie- en Naturalisatiedienst"
# rigour knows country codes as names too ("De" is Germany); short words must be these.
_COUNTRY_ABBREVIATIONS = {"UK", "US", "USA", "VS", "VK", "UAE", "VAE"}
_DUTCH_PLACE_PREFIX = re.compile(r"['’]s-[^\W\d_]")  # 's-Hertogenbosch
# adjectives listed among the stopwords (they open sentences) that go on inside an
# organisation's name: "Stichting Nieuwe Kansen", "New Hope Foundation"
_SOFT_STOPWORDS = {"new", "nieuwe", "nieuw"}
# words right before a name that is then no person's without a title or role: "the Ocean
# Dawn", "in Hai Phong", "near Agia Galini", "het Venloos Dagblad" (places, vessels,
# programmes, organisations; Dutch "het" is the neuter article, never a person's)
_NO_PERSON_AFTER = {"the", "het", "in", "near", "nabij"}
_ACRONYM = re.compile(r"[A-Z]{3,7}")
# a citation in brackets: "(Lim and Sasaki, 2023; Hartono et al., 2024)", "(zie Jansen 2019)"
_BRACKETS = re.compile(r"\(([^()\n]{4,300})\)")
_CITED = re.compile(
    r"(?:(?:see|zie|cf\.|e\.g\.|bijv\.|also|ook)\s+)*"
    r"([A-Z][\w'’-]+)(?:\s+(?:and|en|&)\s+([A-Z][\w'’-]+))?(?:\s+et\s+al\.?)?,?"
    r"\s+(?:19|20)\d\d[a-z]?(?:[,:]\s*(?:p{1,2}\.\s*)?\d+(?:[-–]\d+)?)?"
)
_DATELINE = re.compile(r"[A-Z][A-Z'’ .-]*[A-Z](?:,[^\n]{0,40}?)?[ \t]+[-–—][ \t]+(?=\S)")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:[-–—,]|\(|$)")
_ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+|(?:https?://|www\.)\S+")
_LABEL_VALUE_END = re.compile(r"[ \t]*(?:$|\n|[<,(;])")
_AMPERSAND_GAP = re.compile(r"[ \t\u00a0]?&[ \t\u00a0]?")
_PLURAL_POSSESSIVE_GAP = re.compile(r"['’][ \t]")  # "Transport Workers' Federation"
# a house number opening an address line ("48 Kingsway Court, London")
_DATELINE_AGENCY = re.compile(
    r"^[ \t]*[A-Z][A-Z'’ .-]*[A-Z](?:,[^\n()]{0,40}?)?[ \t]*"
    r"\(([A-Z][\w'’&.-]*(?:[ \t][A-Z][\w'’&.-]*){0,3})\)[ \t]*[-–—]",
    re.MULTILINE,
)
_MUNICIPALITY = re.compile(
    r"(?<![\w-])(?:Gemeente|Provincie)(?:[ \t]+(?:['’]s-)?[A-Z][\w'’-]*\w){1,3}"
)
_JOINED = re.compile(r"([A-Z][^,;]*?\w) (?:and|en) ([A-Z][^,;]*)")
# a place, not the organisation named after it: "in Leeds", "2500 EA Den Haag"
_PLACE_BEFORE = re.compile(r"(?:(?<![\w])(?:in|near|nabij|te)|\d{4}[ \t]?[A-Z]{2})[ \t]+$")
_TITLE_WORD_AFTER = re.compile(r"[ \t]([A-Z][a-z]+)\b")
# capitalised last words of job titles ("Crime Correspondent", "Senior Policy Officer")
_JOB_TITLE_WORDS = {"correspondent", "officer", "editor", "adviser", "advisor", "analyst"}
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z]|(?:naar|van|voor|of|for|and|en|op|&)\b)")
_FIRM_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")
_HOUSE_NUMBER = re.compile(r"[ \t]*\d{1,4}[a-zA-Z]?[ \t]+")
# an upper-case word opening a line before a colon: a transcript's speaker ("RAMOS: ...")
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
_SPEAKER = re.compile(r"^[ \t]*([A-Z][A-Z'’-]{2,}):[ \t]", re.MULTILINE)


def _phrases_pattern(cues: tuple[tuple[str, ...], ...]) -> str:
    """Word phrases as a regular expression's alternatives, any white space between words."""
    return "|".join(re.escape(" ".join(c)).replace(r"\ ", r"\s+") for c in cues)


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
        # a title before a quoted name: commandant 'Bija'
        (re.compile(rf"(?<![\w])(?i:{titles})\s+{quoted}"), True),
        # a quoted name in brackets right after a name: al-Milad ("Bija")
        (re.compile(rf"(?<=[\w.])\s*\(\s*{quoted}\s*\)"), True),
    ]
    _NICKNAME_PATTERNS[id(lex)] = (quoted, patterns)
    return quoted, patterns


@lru_cache(maxsize=4096)
def _is_country_name(word: str) -> bool:
    """The word is a country's own name ("Canada", "Ireland"; not "Leicester", which rigour
    also places in a country)."""
    from rigour.territories import lookup_territory

    territory = lookup_territory(word)
    return bool(
        territory is not None and territory.is_country and territory.name.lower() == word.lower()
    )


@dataclass(frozen=True)
class PlaceSpan:
    text: str
    start: int
    end: int
    country: str  # ISO code, "" for regions such as "Mediterranean"
    is_country: bool


@dataclass
class FoundNames:
    mentions: list[Mention] = field(default_factory=list)
    places: list[PlaceSpan] = field(default_factory=list)


@dataclass
class _Run:
    tokens: list[Token]
    sentence: Sentence
    index: int  # of the first token in the sentence's token list
    org_tail: bool = False  # ends with a lower-case organisation word ("militia")
    elided: bool = False  # "Zorg- en Veiligheidshuis": a compound, never a person's name
    ampersand: bool = False  # "Nwosu & Daughters Trading": joined by "&", a firm's name
    of_office: bool = False  # right after "minister van", "Secretary of": a ministry's name

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def find_names(
    text: str,
    sents: list[Sentence] | None = None,
    lex: Lexicon | None = None,
    extra: Sequence[Mention] = (),
) -> FoundNames:
    """Names and places in `text`; offsets are into `text`.

    `extra` are mentions found otherwise (the gazetteer of list names): they replace the
    rule-found names they contain and fill gaps; nicknames and surnames are looked for after.
    """
    lex = lex or lexicon()
    sents = sents if sents is not None else sentences(text)
    finder = _Finder(text, lex)
    for sent in sents:
        finder.sentence(sent)
    finder.merge(extra)
    finder.nicknames()
    finder.pseudonyms()
    finder.citations()
    finder.dateline_agencies()
    finder.municipalities()
    finder.split_joined_organisations()
    finder.genitives()
    finder.organisations_again()
    finder.acronyms_again()
    finder.heads_again()
    finder.back_references()
    finder.organisation_short_forms()
    finder.job_titles()
    finder.listed_people()
    finder.mentions.sort(key=lambda m: m.start)
    _renumber(finder.mentions, finder.refers)
    return FoundNames(mentions=finder.mentions, places=sorted(finder.places, key=lambda p: p.start))


def _renumber(mentions: list[Mention], refers: dict[int, Mention]) -> None:
    """Turn `refers_to` from object ids into indexes of the sorted list."""
    position = {id(m): i for i, m in enumerate(mentions)}
    for m in mentions:
        target = refers.get(id(m))
        m.refers_to = position.get(id(target)) if target is not None else None


def name_key(word: str, lex: Lexicon | None = None) -> str:
    """A surname as a lookup key: lower case, no possessive, no "al-"/"abu-" prefix."""
    lex = lex or lexicon()
    w = _POSSESSIVE.sub("", word).lower().replace("’", "'")
    if "-" in w:
        head, rest = w.split("-", 1)
        if head in lex.joined_prefixes and rest:
            w = rest
    return w.replace("'", "")


def _whole_key(word: str) -> str:
    """A name word as a lookup key with its prefix kept: "Ben-Youssef" -> "ben-youssef"."""
    return _POSSESSIVE.sub("", word).lower().replace("’", "").replace("'", "")


def _possessive_len(word: str) -> int:
    m = _POSSESSIVE.search(word)
    return len(m.group(0)) if m else 0


class _Spans:
    """Sorted, non-overlapping character spans with a quick overlap test."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        # the span starting last before `end` is the only one that can reach into [start, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def remove(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        while self.ends[i] != end:
            i += 1
        del self.starts[i], self.ends[i]


class _Finder:
    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.mentions: list[Mention] = []
        self.places: list[PlaceSpan] = []
        self.refers: dict[int, Mention] = {}  # id(mention) -> the mention it stands for
        # Words written in lower case somewhere in the document: a capitalised form of one at
        # a sentence start or in a headline is an ordinary word, not a name.
        # (e-mail addresses and web addresses left out: "sarah.whitmore@..." is no word)
        prose = _ADDRESS.sub(" ", text)
        self.lower_vocab = {
            m.group(0)
            for m in re.finditer(r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ'-]+", prose)
            if len(m.group(0)) > 2
        }
        self.covered = _Spans()
        self.speakers = self._speaker_labels()
        self._labels: dict[int, str] = {}  # form labels before a position (_form_label)

    def _speaker_labels(self) -> set[str]:
        """Upper-case words that open two lines or more before a colon ("SINCLAIR: ...",
        "RAMOS: ..."): the speakers of a transcript, unless they are ordinary words, roles or
        abbreviations that are no organisation ("NOTE:", "ANSWER:", "MLRO:")."""
        seen: dict[str, int] = {}
        for m in _SPEAKER.finditer(self.text):
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        return {
            word
            for word, n in seen.items()
            if n >= 2
            and word.lower() not in self.lower_vocab
            and word.lower() not in self.lex.stopwords
            and word not in self.lex.not_organizations
            and not self.lex.is_role(word)
            and not self.lex.is_title(word)
            and word not in self.lex.known_by_first
        }

    # -- helpers ------------------------------------------------------------------------------
    def _word(self, tok: Token) -> str:
        return _POSSESSIVE.sub("", tok.text).lower()

    def is_joined_prefix_name(self, tok: Token) -> bool:
        m = re.match(r"^([a-z]+)[-'’](\w)", tok.text)
        return bool(m and m.group(1) in self.lex.joined_prefixes and m.group(2).isupper())

    def is_stop(self, tok: Token) -> bool:
        if _INITIAL.fullmatch(tok.text):
            return False  # "A." in "Youssef A." is an initial, not the article
        if len(tok.text) > 1 and tok.text.isupper():
            return False  # "US", "OM": abbreviations, not the words "us" and "om"
        w = tok.text.lower().rstrip(".")
        return w in self.lex.stopwords or w in self.lex.calendar

    def is_name_part(self, tok: Token) -> bool:
        t = tok.text
        if _DUTCH_PLACE_PREFIX.match(t):
            return True
        if not t[:1].isalpha() or any(c.isdigit() for c in t):
            return False
        if self.is_joined_prefix_name(tok):
            return True
        if not t[:1].isupper():
            return t in self.lex.legal_forms
        if "-" in t:
            last = t.rsplit("-", 1)[1]
            if (
                last[:1].islower()
                and last.lower() not in self.lex.org_trailing
                and not self._double_surname(t)
            ):
                return False  # Dutch compounds: "VN-rapport", "EU-missie"
        w = self._word(tok)
        if t in self.lex.legal_forms:
            return True
        if (
            self.is_stop(tok)
            or self.lex.is_title(w)
            or (self.lex.is_role(w) and not self._firm_word(tok, w))
            or self.lex.compound_role(w)
        ):
            return False
        return not (w in self.lex.nationalities and not t.isupper())

    def _double_surname(self, t: str) -> bool:
        """The first half of a double surname whose second half opens with a particle:
        "Aksoy-van" (Dam), "Dykstra-de" (Vries), "Smit-van der" (Laan)."""
        head, last = t.rsplit("-", 1)
        return last in _SURNAME_PARTICLES and head[:1].isupper() and head[1:2].islower()

    def _firm_word(self, tok: Token, w: str) -> bool:
        """A plural role that ends a firm's name after a capitalised word: "Veldkamp & Nwosu
        Advocaten" (not "Advocaten van Jansen")."""
        before = self.text[max(0, tok.start - 30) : tok.start]
        return w in self.lex.org_words and bool(_FIRM_BEFORE.search(before))

    def is_particle(self, tok: Token) -> bool:
        # "AG" is a legal form, not the Tuareg particle "ag"
        if tok.text.isupper() and tok.text in self.lex.legal_forms:
            return False
        return tok.text.lower() in self.lex.particles

    def gap_ok(self, a: Token, b: Token) -> bool:
        return bool(_SPACE_GAP.fullmatch(self.text[a.end : b.start]))

    def is_place_words(self, words: tuple[str, ...], raw: str) -> tuple[str, bool] | None:
        """(country, is_country) when the words name a place."""
        if words in self.lex.places:
            return self.lex.places[words], False
        if len(raw) < 4 and raw not in _COUNTRY_ABBREVIATIONS:
            return None
        from rigour.territories import lookup_territory

        territory = lookup_territory(raw)
        if territory is None:
            return None
        if len(words) == 1 and words[0] in self.lex.given_names:
            return None  # Jordan, Chad
        return territory.ftm_country or territory.code, True

    def common_word(self, tok: Token, first_in_sentence: bool, headline: bool) -> bool:
        if not (first_in_sentence or headline):
            return False
        w = tok.text.lower()
        if (
            self.lex.is_given(w)
            or self.is_joined_prefix_name(tok)
            or tok.text in self.lex.legal_forms
        ):
            return False
        if not first_in_sentence and w in self.lex.particles:
            return False
        return w in self.lower_vocab or w in self.lex.stopwords

    def overlaps(self, start: int, end: int) -> bool:
        return self.covered.overlaps(start, end)

    def add(self, mention: Mention, refers: Mention | None = None) -> Mention:
        self.mentions.append(mention)
        self.covered.add(mention.start, mention.end)
        if refers is not None:
            self.refers[id(mention)] = refers
        return mention

    def _remove(self, mention: Mention) -> None:
        self.mentions = [m for m in self.mentions if m is not mention]
        self.covered.remove(mention.start, mention.end)
        self.refers.pop(id(mention), None)

    # -- one sentence -------------------------------------------------------------------------
    def sentence(self, sent: Sentence) -> None:
        toks = tokenize(self.text, sent.start, sent.end)
        if not toks:
            return
        headline = self._is_headline(sent)
        # after a dateline ("JABBEKE - De Federale Politie ...") the sentence starts anew
        dateline = _DATELINE.match(sent.text)
        opening = sent.start + dateline.end() if dateline else sent.start
        first = next((k for k, t in enumerate(toks) if t.start >= opening), 0)
        common = [self.common_word(t, i in (0, first), headline) for i, t in enumerate(toks)]
        self.forced = self._known_org_tokens(toks)
        for k in self.forced:
            common[k] = False
        if headline:
            self._headline_org_names(toks, common)
        if (
            common[0]
            and len(toks) > 1
            and self.lex.is_org_word(self._word(toks[0]))
            and self.gap_ok(toks[0], toks[1])
            and self.is_name_part(toks[1])
            and not common[1]
        ):
            common[0] = False  # "Rechtbank Overijssel veroordeelt ...", "Stichting Fier meldt"
        i = 0
        while i < len(toks):
            run = self._run_at(toks, i, common, sent)
            if run is None:
                i += 1
                continue
            self._classify(run, toks)
            i = run.index + len(run.tokens)

    def _headline_org_names(self, toks: list[Token], common: list[bool]) -> None:
        """In a title-case line (a signature, a list of signatories), capitalised words ending
        with an organisation word are a name even when the text writes them in lower case
        elsewhere ("Border Monitoring Collective", "Head of Financial Crime Compliance")."""
        k = 0
        while k < len(toks):
            m = k
            while (
                m < len(toks)
                and toks[m].text[:1].isupper()
                and (m == k or self.gap_ok(toks[m - 1], toks[m]))
            ):
                m += 1
            if m - k >= 2 and self.lex.is_org_word(self._word(toks[m - 1])):
                start = k
                # leave out what cannot be in a name ("Head", "The")
                while start < m - 1 and not self.is_name_part(toks[start]):
                    start += 1
                for x in range(start, m):
                    common[x] = False
            k = max(m, k + 1)

    def _known_org_tokens(self, toks: list[Token]) -> set[int]:
        """Indexes of tokens inside a well-known organisation name ("Tweede Kamer",
        "de Volkskrant"): they are name parts even when they look like ordinary words."""
        forced: set[int] = set()
        texts = [_POSSESSIVE.sub("", t.text) for t in toks]
        index = self.lex.known_by_first
        for k, first in enumerate(texts):
            for known in index.get(first, ()):
                n = len(known)
                if tuple(texts[k : k + n]) == known and all(
                    self.gap_ok(toks[x], toks[x + 1]) for x in range(k, k + n - 1)
                ):
                    forced.update(range(k, k + n))
                    break
        return forced

    def _starts(self, toks: list[Token], i: int, common: list[bool]) -> bool:
        tok = toks[i]
        if i in self.forced:
            return i == 0 or i - 1 not in self.forced or not self.gap_ok(toks[i - 1], tok)
        if self._vietnamese_at(toks, i):
            return True  # "Le Thi Hoa", "Do Van Nam"
        if common[i]:
            return False
        if self.is_particle(tok):
            return tok.text[:1].isupper() and self._particle_leads(toks, i)
        return self.is_name_part(tok)

    def _office_word(self, toks: list[Token], k: int, org_head: bool) -> bool:
        """A capitalised role or title inside an organisation's name, after "of"/"van" or
        another such word ("Office of Inspector General", "Panel van Deskundigen"), not
        before a person's name."""
        t = toks[k]
        if not (org_head and t.text[:1].isupper() and not t.text.isupper()):
            return False
        w = self._word(t)
        if not (self.lex.is_role(w) or self.lex.is_title(w)):
            return False
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return not (nxt is not None and self.gap_ok(t, nxt) and self.is_name_part(nxt))

    def _vietnamese_at(self, toks: list[Token], i: int) -> bool:
        """A family name, a Vietnamese middle name and a capitalised word ("Le Thi Hoa",
        "Tran Van Khai", "Nguyen Thi Lan")."""
        return (
            i + 2 < len(toks)
            and toks[i + 1].text in self.lex.vietnamese_middle_names
            and toks[i].text.lower() in self.lex.family_names
            and toks[i + 2].text[:1].isupper()
            and self.gap_ok(toks[i], toks[i + 1])
            and self.gap_ok(toks[i + 1], toks[i + 2])
        )

    def _particle_leads(self, toks: list[Token], i: int) -> bool:
        """A capitalised particle may start a name when a name part follows ("Abd Al Rahman",
        "Van der Berg"), not a place or organisation word."""
        j = i + 1
        while j < len(toks) and self.is_particle(toks[j]) and self.gap_ok(toks[j - 1], toks[j]):
            j += 1
        if j >= len(toks):
            return False
        nxt = toks[j]
        if not self.gap_ok(toks[j - 1], nxt):
            return False
        first = toks[i].text.lower()
        if i > 0 and self._org_cue_before(toks, i):
            # "de Tunesische krant La Presse": an article starting an organisation's name
            return self.is_name_part(nxt)
        western = all(t.text.lower() in _SURNAME_PARTICLES for t in toks[i:j])
        if western and i > 0 and first in ("van", "de", "den", "ter", "ten"):
            # mid-sentence "De Haan", "Van Reisen", "Van der Meer": a surname on its own
            return self._surname_part(nxt)
        if j == i + 1 and first in ("de", "van", "het", "te", "ten", "ter", "la", "le", "y"):
            return False
        part = self._surname_part(nxt) if western else self.is_name_part(nxt)
        return part and not self._is_placeish(nxt)

    def _surname_part(self, tok: Token) -> bool:
        """A capitalised word after a Dutch particle: also words that are otherwise function
        words ("Van der Meer", "De Wit"), never a title, role, nationality, place or
        organisation word."""
        t = tok.text
        if not t[:1].isupper() or not re.fullmatch(r"[^\W\d_][\w'’-]*", t) or t.isupper():
            return False
        w = self._word(tok)
        return not (
            self.lex.is_title(w)
            or self.lex.is_role(w)
            or w in self.lex.calendar
            or w in self.lex.nationalities
            or w in self.lex.particles
            or self._is_placeish(tok)
        )

    def _org_cue_before(self, toks: list[Token], i: int) -> bool:
        """A kind of organisation written just before token i ("krant", "uitzendbureau"),
        perhaps with a nationality adjective between ("de Libische nieuwssite")."""
        k = i - 1
        if k >= 0 and self._word(toks[k]) in self.lex.nationalities:
            k -= 1
        if k < 0 or not re.fullmatch(
            r"[ \t\u00a0\"'“‘«„]*", self.text[toks[k].end : toks[k + 1].start]
        ):
            return False
        if self.lex.is_org_cue(self._word(toks[k])):
            return True
        before = tuple(self._word(t) for t in toks[max(0, k - 2) : k + 1])
        return before[-2:] in self.lex.org_cues or before in self.lex.org_cues

    def _after_office(self, toks: list[Token], i: int) -> bool:
        """'Minister van Justitie en Veiligheid', 'Secretary of State': the words after an
        office and "van"/"of" name the ministry or department."""
        k = i - 1
        if k >= 0 and toks[k].text.lower() in ("de", "het", "the"):
            k -= 1
        if k < 1 or toks[k].text.lower() not in ("van", "of", "voor", "for"):
            return False
        return self._word(toks[k - 1]) in _OFFICES

    def _is_placeish(self, tok: Token) -> bool:
        w = self._word(tok)
        return (w,) in self.lex.places or self.lex.is_org_word(w)

    def _run_at(self, toks: list[Token], i: int, common: list[bool], sent: Sentence) -> _Run | None:
        if not self._starts(toks, i, common):
            return None
        run = [toks[i]]
        j = i
        of_office = self._after_office(toks, i)
        org_head = (
            of_office
            or self.lex.is_org_head(self._word(toks[i]))
            # "de commissie Mens en Samenleving": after a kind of organisation
            or (i > 0 and self._org_cue_before(toks, i))
        )
        western = False  # a Dutch/European particle group was taken ("van der"): only one
        elided = False
        ampersand = False
        while j + 1 < len(toks):
            nxt = toks[j + 1]
            if self._elided(toks, j):
                # "Immigratie- en Naturalisatiedienst": the first word's ending is left out
                elided = True
                run.extend(toks[j + 1 : j + 3])
                j += 2
                org_head = org_head or self.lex.is_org_head(self._word(toks[j]))
                continue
            if not self.gap_ok(toks[j], nxt):
                listed = self._listed_name(toks, j, run, org_head, common)
                if listed:
                    run.extend(toks[j + 1 : listed + 1])
                    j = listed
                    org_head = True
                    continue
                if (
                    _AMPERSAND_GAP.fullmatch(self.text[toks[j].end : nxt.start])
                    and nxt.text[:1].isupper()
                    and self.is_name_part(nxt)
                    and not common[j + 1]
                ):
                    # "Lotus Wellness & Spa", "Yıldız Trading & Consultancy B.V.": names
                    # joined by "&" make one organisation's name
                    run.append(nxt)
                    j += 1
                    ampersand = org_head = True
                    continue
                if (
                    _PLURAL_POSSESSIVE_GAP.fullmatch(self.text[toks[j].end : nxt.start])
                    and toks[j].text.endswith("s")
                    and self._org_stretch(toks, j + 1, common, joined=True)
                ):
                    run.append(nxt)  # "International Transport Workers' Federation"
                    j += 1
                    org_head = True
                    continue
                break
            if nxt.text in self.lex.post_nominals:
                break  # "Helen Barker KC"
            if (
                toks[j].text.endswith(".")
                and toks[j].text in self.lex.legal_forms
                and nxt.text not in self.lex.legal_forms
                and j > i
            ):
                break  # "... Staffing Ltd. Profile captured ...": the form's stop ends it
            if of_office and nxt.text[:1].isupper() and self.lex.is_given(self._word(nxt)):
                break  # "Minister van Justitie en Veiligheid David van Weel"
            if j + 1 in self.forced and (j in self.forced) == (j + 1 in self.forced):
                run.append(nxt)
                j += 1
                org_head = org_head or self.lex.is_org_head(self._word(nxt))
                continue
            # a well-known organisation starts or ends here ("UN Security Council" goes on,
            # and so does "UN Refugee Agency": an acronym before a name ending in an
            # organisation word)
            boundary = (j + 1 in self.forced) != (j in self.forced) and not org_head
            if (
                boundary
                and not (j + 1 in self.forced and self._known_org(tuple(x.text for x in run)))
                and not (
                    j in self.forced
                    and all(x.text.isupper() for x in run)
                    and self._org_stretch(toks, j + 1, common)
                )
                # "Metropolitan Police Service": an organisation word goes on from a known name
                and not (
                    j in self.forced
                    and nxt.text[:1].isupper()
                    and self.lex.is_org_word(self._word(nxt))
                    and not common[j + 1]
                )
            ):
                break
            if (
                toks[j].text[-2:] in ("'s", "’s")
                and (
                    self.lex.is_org_word(self._word(toks[j]))
                    or not self._org_stretch(toks, j + 1, common)
                    # "the Department of Labor's Office of Inspector General": an organisation's
                    # name owns the unit after its possessive
                    or (j > i and any(self.lex.is_org_head(self._word(x)) for x in run[:-1]))
                    # "Serbia's Commissariat ...", "Frontex's Centre of Excellence": a place or a
                    # well-known organisation owns the name that follows
                    or (j == i and self._owner(toks[j]))
                    # "Bosnia and Herzegovina's Service for ...": a country of several words
                    or (j > i and self._place_owner([*run[:-1], toks[j]]))
                )
            ):
                break  # "Kachlaf's brother", "the US Treasury's Office of ...": the name ends
                # at the possessive, but "the Public Prosecutor's Office" goes on
            if (
                nxt.text[-2:] in ("'s", "’s")
                and (self.lex.is_role(self._word(nxt)) or self.lex.is_title(self._word(nxt)))
                and self._org_stretch(toks, j + 2, common)
            ):
                run.append(nxt)  # "Public Prosecutor's Office": a role inside the name
                j += 1
                continue
            if (
                all(self.is_particle(x) and x.text[:1].isupper() for x in run)
                and not common[j + 1]
                and self._surname_part(nxt)
            ):
                run.append(nxt)  # "voor Ter Haar Maaslogistiek", "De Wit": the surname
                j += 1
                continue
            inside_org = (
                org_head
                and nxt.text[:1].isupper()
                and self._word(nxt) in self.lex.nationalities
                and j + 2 < len(toks)
                and self.gap_ok(nxt, toks[j + 2])
                and self.is_name_part(toks[j + 2])
            )  # "Stichting Eritrean Diaspora Network"
            soft = (
                org_head and nxt.text[:1].isupper() and nxt.text.lower() in _SOFT_STOPWORDS
            )  # "Stichting Nieuwe Kansen Midden"
            if (
                (
                    self.is_name_part(nxt)
                    or inside_org
                    or soft
                    or (
                        self._office_word(toks, j + 1, org_head)
                        and self._office_word(toks, j, True)
                    )
                )
                and not common[j + 1]
                and not self.is_particle(nxt)
            ):
                run.append(nxt)
                j += 1
                org_head = org_head or self.lex.is_org_head(self._word(nxt))
                continue
            if (
                not org_head
                and nxt.text in ("and", "en", "&", "against", "tegen")
                and not self.lex.is_given(self._word(run[0]))
                and not any(x in self.forced for x in range(i, j + 1))
                and self._org_stretch(toks, j + 2, common, or_country=True)
            ):
                # "Gangmasters and Labour Abuse Authority", "US Customs and Border
                # Protection": a name that is no organisation's yet, "and", and an
                # organisation's name: one name
                org_head = True
            if self.is_particle(nxt) or (org_head and nxt.text.lower() in self.lex.org_connectors):
                # particles and linking words only inside a name: look for the next name part
                k = j + 1
                while (
                    k < len(toks)
                    and (
                        self.is_particle(toks[k])
                        or (org_head and toks[k].text.lower() in self.lex.org_connectors)
                    )
                    and self.gap_ok(toks[k - 1], toks[k])
                ):
                    k += 1
                taken = [x.text.lower() for x in toks[j + 1 : k]]
                is_western = any(w in _WESTERN_PARTICLES for w in taken)
                joins_two = any(
                    w in ("en", "and", "&") for w in taken
                )  # "Inspectie SZW en CoMensha"
                # "the Clingendael Institute and the Global Initiative": an article after
                # "and" starts another name
                new_name = joins_two and taken[-1] in ("the", "de", "het")
                # "the Federal Bureau of Investigation and IRS Criminal Investigation"
                new_name = new_name or (
                    joins_two
                    and org_head
                    and k < len(toks)
                    and len(toks[k].text) >= 2
                    and toks[k].text.isupper()
                )
                # "Patrick Hermans van Flexcraft": after a given name and a surname, "van"
                # is the preposition; "het Libische Nationale Leger van Khalifa Haftar": an
                # organisation's name does not go on into a person's
                named = [x for x in run if not self.is_particle(x)]
                new_name = new_name or (
                    taken[0] == "van"
                    and not org_head
                    and len(named) >= 2
                    and not self.lex.is_given(self._word(named[-1]))
                    and not _INITIAL.fullmatch(named[-1].text)
                )
                new_name = new_name or (
                    org_head
                    and k < len(toks)
                    and toks[k].text[:1].isupper()
                    and self.lex.is_given(self._word(toks[k]))
                )
                # "the UK Financial Intelligence Unit of the National Crime Agency", "het
                # Panel of Experts on Libya van de VN-Veiligheidsraad": a unit of two words or
                # more and the organisation it belongs to are two names
                new_name = new_name or (
                    org_head
                    and taken[0] in ("of", "van")
                    and len(named) >= 2
                    and any(self.lex.is_org_head(self._word(x)) for x in named)
                    and k < len(toks)
                    and (
                        (k in self.forced and (k == 0 or k - 1 not in self.forced))
                        or self._org_stretch(toks, k, common)
                    )
                    and not any(
                        tuple(x.text for x in toks[k : k + len(u)]) == u
                        for u in self.lex.umbrella_organizations
                    )
                )
                part = (
                    self._surname_part(toks[k])
                    if k < len(toks) and is_western and not org_head
                    else k < len(toks)
                    and (self.is_name_part(toks[k]) or self._office_word(toks, k, org_head))
                )
                if (
                    k < len(toks)
                    and k > j + 1
                    and not new_name
                    and self.gap_ok(toks[k - 1], toks[k])
                    and part
                    and (org_head or not self._is_placeish(toks[k]))
                    and (org_head or k not in self.forced)
                    and not (joins_two and k in self.forced)
                    and not (is_western and western and not org_head)
                    and not common[k]
                ):
                    western = western or is_western
                    run.extend(toks[j + 1 : k + 1])
                    j = k
                    continue
                if self.is_particle(nxt) and nxt.text[:1].isupper() and self.is_name_part(nxt):
                    run.append(nxt)  # "Abd Al Rahman": capitalised particle inside the name
                    j += 1
                    continue
            break
        # a legal form of several words that starts inside the run ("Silesia Sp. z o.o.")
        for p in range(i, j + 1):
            n = self._legal_phrase_at(toks, p)
            if n and p + n - 1 > j:
                run.extend(toks[j + 1 : p + n])
                j = p + n - 1
                break
        # a capitalised stretch ending in a legal form is one company, whatever stands inside
        # it ("Golden Dune General Trading LLC")
        k = j + 1
        while (
            k < len(toks)
            and self.gap_ok(toks[k - 1], toks[k])
            and (toks[k].text[:1].isupper() or toks[k].text in self.lex.legal_forms)
            and not self.is_stop(toks[k])
        ):
            phrase = self._legal_phrase_at(toks, k)
            if phrase:
                run.extend(toks[j + 1 : k + phrase])
                j = k + phrase - 1
                break
            if toks[k].text in self.lex.legal_forms:
                run.extend(toks[j + 1 : k + 1])
                j = k
                break
            k += 1
        # "and Premier Agri Labour Ltd": a role word opening a company's name ends in a
        # legal form
        if run[-1].text in self.lex.legal_forms:
            while (
                i > 1
                and toks[i - 1].text[:1].isupper()
                and self.gap_ok(toks[i - 1], toks[i])
                and i - 1 not in self.forced
                and not self.is_stop(toks[i - 1])
                and (
                    self.lex.is_role(self._word(toks[i - 1])) or self.lex.is_title(toks[i - 1].text)
                )
            ):
                i -= 1
                run.insert(0, toks[i])
        # "Vakbond FNV", "Persbureau ANP": a kind of organisation before a well-known one
        if (
            len(run) > 1
            and i not in self.forced
            and i + 1 in self.forced
            and self.lex.is_org_cue(self._word(run[0]))
        ):
            run = run[1:]
            i += 1
        # strip particles and linking words from the end ("Mohammed al" -> "Mohammed")
        while len(run) > 1 and (
            self.is_particle(run[-1]) or run[-1].text in self.lex.org_connectors
        ):
            run.pop()
        result = _Run(
            tokens=run,
            sentence=sent,
            index=i,
            of_office=of_office,
            elided=elided,
            ampersand=ampersand,
        )
        # a lower-case organisation word right after the name: "the Anas al-Dabbashi militia"
        after = i + len(run)
        if (
            after < len(toks)
            and self.gap_ok(run[-1], toks[after])
            and toks[after].text in self.lex.org_trailing
            # "Smuggling gang jailed": one capitalised word opening a sentence is no name
            and not (i == 0 and len(run) == 1 and not self.is_joined_prefix_name(run[0]))
        ):
            result.tokens = [*run, toks[after]]
            result.org_tail = True
        return result

    def _owner(self, tok: Token) -> bool:
        """A possessive word that is a place or a well-known organisation ("Serbia's")."""
        bare = _POSSESSIVE.sub("", tok.text)
        if _ACRONYM.fullmatch(bare) and bare not in self.lex.not_organizations:
            return True  # "the CPS's Complex Casework Unit"
        return self._known_org((bare,)) or self.is_place_words((bare.lower(),), bare) is not None

    def _place_owner(self, toks: list[Token]) -> bool:
        raw = _POSSESSIVE.sub("", self.text[toks[0].start : toks[-1].end])
        words = tuple(raw.lower().split())
        return len(words) >= 2 and self.is_place_words(words, raw) is not None

    def _legal_phrase_at(self, toks: list[Token], k: int) -> int:
        """The number of tokens of a legal form of several words starting at token k
        ("Sp. z o.o.", "spol. s r.o."), else 0."""
        for phrase in self.lex.legal_phrases:
            n = len(phrase)
            if tuple(t.text for t in toks[k : k + n]) == phrase and all(
                self.gap_ok(toks[x], toks[x + 1]) for x in range(k, k + n - 1)
            ):
                return n
        return 0

    def _named_by(self, toks: list[Token], i: int) -> str | None:
        """'role' after "a smuggler called", 'org' after "a group called", else None."""
        window = [self._word(t) for t in toks[max(0, i - 5) : i]]
        for phrase in self.lex.naming_words:
            n = len(phrase)
            if len(window) > n and tuple(window[-n:]) == phrase:
                noun = window[-n - 1]
                if noun in self.lex.person_nouns:
                    return "role"
                if self.lex.is_org_cue(noun):
                    return "org"
        return None

    def _particles_before(self, toks: list[Token], x: int) -> int:
        """Where a surname met again starts: with the capitalised particles written before
        it ("De Haan", "Van der Meer"), else at the word itself."""
        k = x
        while (
            k > 0
            and toks[k - 1].text.lower() in _SURNAME_PARTICLES
            and self.gap_ok(toks[k - 1], toks[k])
        ):
            k -= 1
        if k < x and toks[k].text[:1].isupper() and not self.overlaps(toks[k].start, toks[x].start):
            return toks[k].start
        return toks[x].start

    def _looks_personal(self, tokens: list[Token], cue: str) -> bool:
        """After an organisation cue, a name is still a person's when it starts with a given
        name; after "woordvoerder van" also when it has a surname's particle or prefix or is
        the surname of someone named before ("a spokesman for Haftar")."""
        if self.lex.is_given(self._word(tokens[0])):
            return True
        if cue == "org":
            return False
        if any(self.is_particle(t) or self.is_joined_prefix_name(t) for t in tokens):
            return True
        key = name_key(tokens[-1].text, self.lex)
        return any(
            m.type == "person" and name_key(m.text.split()[-1], self.lex) == key
            for m in self.mentions
        )

    def _elided(self, toks: list[Token], j: int) -> bool:
        """toks[j] is a capitalised word whose ending is left out before "en"/"of" and a
        capitalised compound: "Zorg- en Veiligheidshuis"."""
        if j + 2 >= len(toks) or not toks[j].text[:1].isupper():
            return False
        gap = self.text[toks[j].end : toks[j + 1].start]
        return (
            bool(_ELIDED_GAP.fullmatch(gap))
            and toks[j + 1].text in ("en", "of")
            and self.gap_ok(toks[j + 1], toks[j + 2])
            and toks[j + 2].text[:1].isupper()
        )

    def _listed_name(
        self, toks: list[Token], j: int, run: list[Token], org_head: bool, common: list[bool]
    ) -> int:
        """A name that lists its fields with commas and a last "and"/"en"/"&" ("Foreign,
        Commonwealth & Development Office", "Immigration, Refugees and Citizenship Canada",
        "Kenniscentrum Arbeid, Migratie en Recht"): the index of its last token, else 0.
        One organisation word only, at the head or at the end: "Stichting A, Stichting B en
        Stichting C" are three names."""
        if not re.fullmatch(r",[ \t]", self.text[toks[j].end : toks[j + 1].start]):
            return 0
        if any(x.text.isupper() for x in run) or any(
            k in self.forced for k in range(j - len(run) + 1, j + 1)
        ):
            return 0

        def part(k: int) -> bool:
            t = toks[k]
            return (
                t.text[:1].isupper()
                and not t.text.isupper()
                and k not in self.forced
                and not common[k]
                and self.is_name_part(t)
                and not self.lex.is_given(self._word(t))
            )

        k = j + 1
        final = False
        while True:
            if k >= len(toks) or not part(k):
                return 0
            while k + 1 < len(toks) and self.gap_ok(toks[k], toks[k + 1]) and part(k + 1):
                k += 1
            if final:
                break
            if k + 1 >= len(toks):
                return 0
            gap = self.text[toks[k].end : toks[k + 1].start]
            if re.fullmatch(r",[ \t]", gap):
                k += 1
            elif _AMPERSAND_GAP.fullmatch(gap):
                k, final = k + 1, True
            elif (
                toks[k + 1].text in ("and", "en")
                and self.gap_ok(toks[k], toks[k + 1])
                and k + 2 < len(toks)
                and self.gap_ok(toks[k + 1], toks[k + 2])
            ):
                k, final = k + 2, True
            else:
                return 0
        words = [self._word(t) for t in toks[j + 1 : k + 1] if t.text[:1].isupper()]
        if any(self.lex.is_org_word(w) for w in words[:-1]):
            return 0
        last = toks[k].text
        ends = self.lex.is_org_word(words[-1]) or _is_country_name(last)
        if org_head == ends:
            return 0
        inner = [*run, *(t for t in toks[j + 1 : k] if t.text[:1].isupper())]
        if any(self.is_place_words((self._word(t),), t.text) for t in inner):
            return 0  # "in Birmingham, Coventry and Leicester": places
        return k

    def _org_stretch(
        self,
        toks: list[Token],
        k: int,
        common: list[bool],
        joined: bool = False,
        or_country: bool = False,
    ) -> bool:
        """The name parts from token k on end with an organisation word ("Refugee Agency");
        `joined`: token k is known to go on from the one before it; `or_country`: or with a
        country ("Social Development Canada")."""
        last = None
        first = k
        while (
            k < len(toks)
            and k not in self.forced
            and (
                (joined and k == first)
                or self.gap_ok(toks[k - 1], toks[k])
                # "Cleaning Workers' Union"
                or (
                    k > first
                    and toks[k - 1].text.endswith("s")
                    and bool(
                        _PLURAL_POSSESSIVE_GAP.fullmatch(self.text[toks[k - 1].end : toks[k].start])
                    )
                )
            )
            and self.is_name_part(toks[k])
            and not common[k]
        ):
            last = toks[k]
            k += 1
        if last is not None and or_country and k - first >= 2 and _is_country_name(last.text):
            return True
        return last is not None and self.lex.is_org_word(self._word(last))

    # -- what a run is ------------------------------------------------------------------------
    def _context_before(self, toks: list[Token], run: _Run) -> tuple[str | None, str | None, bool]:
        """(cue, role word, public) from the words just before the run; cue is 'title',
        'role', 'vessel', 'org' (a kind of organisation: "de krant"), 'member' (a role and
        "van"/"at": "journalisten van") or None."""
        i = run.index
        if i == 0:
            return None, None, False
        if self._person_label_before(run):
            return "role", None, False
        label = self._form_label(run.start)
        if label in self.lex.name_labels:
            return "role", None, False  # "Surname: URSU", "Forename(s): Serghei"
        if label in self.lex.org_labels:
            return "org", None, False  # "Handelsnaam: Fryslân Wenje"
        gap = self.text[toks[i - 1].end : run.start]
        if not re.fullmatch(r"[\s\"'“‘«„]*", gap):
            return None, None, False
        prev = [self._word(t).rstrip(".") for t in toks[max(0, i - 3) : i]]
        prev_raw = [t.text.lower() for t in toks[max(0, i - 3) : i]]
        for cue in self.lex.vessel_cues:
            if tuple(prev_raw[-len(cue) :]) == cue:
                return "vessel", None, False
        last = prev[-1]
        if (self.lex.is_title(last) or self.lex.is_title(prev_raw[-1])) and not (
            last in _CERTAIN and len(prev) >= 2 and prev[-2] in _ARTICLES
        ):  # "een zekere Ahmed", not "de ene SUV na de andere"
            return "title", last, False
        if self._org_cue_before(toks, i):
            return "org", None, False
        named = self._named_by(toks, i)
        if named is not None:
            return named, None, False
        works_at = prev[:-1] if prev[-1] in _ARTICLES else prev
        if (
            len(works_at) >= 2
            and works_at[-1] in _WORKS_AT
            and works_at[-2] in self.lex.org_member_cues
        ):
            return "member", works_at[-2], False
        for phrase in self.lex.role_phrases:
            if tuple(prev[-len(phrase) :]) == phrase:
                return "role", " ".join(phrase), True
        if last in self.lex.public_roles:
            return "role", last, True
        if last in self.lex.suspect_roles:
            return "role", last, False
        # "de journalist van de NOS X" is too far; a role with one adjective between counts.
        if (
            len(prev) >= 2
            and prev[-2] in self.lex.public_roles
            and prev[-1] in self.lex.nationalities
        ):
            return "role", prev[-2], True
        return None, None, False

    def _form_label(self, start: int) -> str:
        """The label of a form line whose value starts at `start` ("Surname: ", "Forename(s):
        ", "Handelsnaam: "), lower case, else ""."""
        known = self._labels.get(start)
        if known is not None:
            return known
        label = self._find_form_label(start)
        self._labels[start] = label
        return label

    def _find_form_label(self, start: int) -> str:
        line_start = self.text.rfind("\n", 0, start) + 1
        if ":" not in self.text[line_start:start]:
            return ""
        prefix = self.text[line_start:start].lstrip("-•*> \t").rstrip()
        if not prefix.endswith(":") or len(prefix) > 30:
            # "... opgericht 2017. Handelsnaam: X": a label inside a line
            m = re.search(
                r"(?:^|[.;]\s)([^\W\d][^.:;\n]{0,25}):[ \t]*$", self.text[line_start:start]
            )
            if m is None:
                return ""
            prefix = m.group(1) + ":"
        return " ".join(prefix[:-1].lower().split())

    def _person_label_before(self, run: _Run) -> bool:
        """The run opens a header or form line whose label names a person ("Cc: ...",
        "Aan: ...", "Tolk Tigrinya: ...") or a by-line ("Door ...", "Asked by ..."), is two
        words or more and ends the line or stands before an address, a comma or a bracket
        ("To: Money Laundering Reporting Officer" is a role, "To: Hotline" a desk)."""
        start = run.start
        if len(run.tokens) < 2 or not _LABEL_VALUE_END.match(self.text, run.end):
            return False
        line_start = self.text.rfind("\n", 0, start) + 1
        prefix = self.text[line_start:start].lstrip("> \t").rstrip()
        if not prefix or len(prefix) > 40:
            return False
        if prefix.endswith(":"):
            words = re.findall(r"[^\W\d_]+", prefix.lower())
            # "Voorzitter: ...", "Treasurer: ...": a post, then who holds it
            return bool(words) and (
                words[0] in self.lex.person_labels
                or all(self.lex.is_role(w) or self.lex.is_title(w) for w in words)
            )
        return " ".join(prefix.lower().split()) in self.lex.bylines

    def _role_after(self, end: int) -> str | None:
        """ "Jan Smit, a journalist with ...", "X, minister van ...": the public role word."""
        tail = self.text[end : min(len(self.text), end + 60)]
        if not re.match(r"\s*,", tail):
            return None
        words = [w.lower() for w in re.findall(r"\w+", tail)[:4]]
        while words and words[0] in (
            "a",
            "an",
            "the",
            "de",
            "het",
            "een",
            "former",
            "voormalig",
            "voormalige",
        ):
            words = words[1:]
        if words and words[0] in self.lex.nationalities:
            words = words[1:]
        return words[0] if words and words[0] in self.lex.public_roles else None

    def _classify(self, run: _Run, toks: list[Token]) -> None:
        lex = self.lex
        tokens = list(run.tokens)
        # vessel prefix written as part of the name: "MV Sea Falcon"
        vessel = False
        if tokens[0].text.upper() in _VESSEL_PREFIXES and len(tokens) > 1:
            tokens = tokens[1:]
            vessel = True
        cue, role, public = self._context_before(toks, run)
        if cue == "title" and len(tokens) > 1 and self._word(tokens[0]) in lex.title_continuations:
            tokens = tokens[1:]  # "Mr Justice Fairweather"
        raw_words = tuple(t.text for t in tokens)
        words = tuple(self._word(t) for t in tokens)
        is_org = (run.org_tail or run.elided or run.ampersand) or self._org_words(
            tokens, self._in_headline(run)
        )
        k = run.index
        if (
            not is_org
            and len(tokens) == 1
            and k > 0
            and lex.is_org_word(words[0])
            and toks[k - 1].text[:1].isupper()
            and self._word(toks[k - 1]) in lex.nationalities
            and self.gap_ok(toks[k - 1], toks[k])
        ):
            is_org = True  # "the African Union": the adjective makes the word a name
        if run.of_office and len(tokens) > 1 and not lex.is_given(words[0]):
            is_org = True
        if (
            cue in ("org", "member")
            and not self._looks_personal(tokens, cue)
            and self.is_place_words(words, " ".join(raw_words)) is None
        ):
            is_org = True
        if (
            is_org
            and not run.org_tail
            and len(tokens) >= 3
            and lex.is_org_word(words[0])
            and lex.is_given(words[1])
            and not any(lex.is_org_word(w) for w in words[1:])
            and tokens[-1].text not in lex.legal_forms
            and not self._known_org(raw_words)
        ):
            # "Det Garda Seán McGettigan", "Politie Jan de Wit": a rank or body word before a
            # person's name
            tokens, words, raw_words = tokens[1:], words[1:], raw_words[1:]
            is_org, cue = False, "title"
        if not is_org:
            # leading nationality adjectives belong only to organisation names
            while len(tokens) > 1 and words[0] in lex.nationalities:
                tokens, words, raw_words = tokens[1:], words[1:], raw_words[1:]
            # "Smokkelbaas Ahmed Dabbashi": an unknown word at a sentence start before a given
            # name; "Head of People Ana Paula Rocha": a word the text also writes in lower case
            if (
                len(tokens) > 2
                and (run.index == 0 or words[0] in self.lower_vocab)
                and lex.is_given(words[1])
                and not lex.is_given(words[0])
                and words[0] not in lex.family_names  # "Pham Minh Duc": family name first
                and not self.is_particle(tokens[0])
            ):
                tokens, words, raw_words = tokens[1:], words[1:], raw_words[1:]
        start, end = tokens[0].start, tokens[-1].end
        # possessive: the name ends before 's
        end -= _possessive_len(tokens[-1].text)
        text = self.text[start:end]
        if self.overlaps(start, end):
            return
        if vessel or cue == "vessel":
            self.add(Mention(text, "vessel", start, end, source="vessel-cue"))
            return
        if text in self.speakers and _SPEAKER.match(self.text, self.text.rfind("\n", 0, start) + 1):
            self.add(Mention(text, "person", start, end, source="speaker"))
            return
        known = self._known_org(tuple(_POSSESSIVE.sub("", w) for w in raw_words))
        if not known and cue not in ("title", "role") and self._law(run, toks, words):
            return  # "Wet Bibob", "Proceeds of Crime Act", "Operation Harbourline"
        if run.ampersand and all(
            self.is_place_words((w,), t.text) is not None
            for t, w in zip(tokens, words, strict=True)
        ):
            return  # "the UK, Canada & Australia": places joined by "&"
        if not known and _HOUSE_NUMBER.fullmatch(
            self.text, self.text.rfind("\n", 0, start) + 1, start
        ):
            return  # "48 Kingsway Court, London": an address line
        if known or is_org:
            # "Libyan Coast Guard", "European Union": an adjective before belongs to the name
            k = run.index
            while (
                k > 0
                and toks[k - 1].text[:1].isupper()
                and self._word(toks[k - 1]) in lex.nationalities
            ):
                if not self.gap_ok(toks[k - 1], toks[k]) or self.overlaps(toks[k - 1].start, start):
                    break
                if self._word(toks[k - 1]) in lex.apposition_adjectives and (
                    words[-1] in lex.english_org_endings
                    or any(w in ("of", "for", "the") for w in words)
                ):
                    break  # "de Britse National Crime Agency": a Dutch adjective, English name
                k -= 1
            if (
                k > 0
                and (
                    toks[k - 1].text in _TITLES_IN_ORG_NAMES
                    or toks[k - 1].text in lex.org_opening_adjectives
                )
                and self.gap_ok(toks[k - 1], toks[k])
                and not self.overlaps(toks[k - 1].start, start)
            ):
                k -= 1  # "General Directorate Border Police", "Royal Thai Police"
            if (
                k > 0
                and tokens[-1].text in lex.legal_forms
                and re.fullmatch(r"\d{6,}", toks[k - 1].text)
                and self.gap_ok(toks[k - 1], toks[k])
            ):
                k -= 1  # "9999817 Ontario Inc.": a numbered company
            start = toks[k].start
            # "Golden Heron Technology Co., Ltd.": the comma inside the legal form
            co_ltd = re.match(r",[ \t]?(?:Ltd\.?|Limited)(?!\w)", self.text[end : end + 12])
            if tokens[-1].text in ("Co.", "Co") and co_ltd:
                end += co_ltd.end()
                form_end = co_ltd.group(0).lstrip(", \t")
                tokens = [*tokens, Token(form_end, end - len(form_end), end)]
            # "the Municipal Court in Prague": a court named with its seat
            seat = re.match(r"[ \t]in[ \t]([A-Z][\w'’-]+)", self.text[end : end + 40])
            if (
                seat
                and words[-1] in _COURTS
                and len(tokens) > 1
                and self.is_place_words((seat.group(1).lower(),), seat.group(1)) is not None
            ):
                end += seat.end()
            # "the Sea-Watch 3": a ship or a paper named after the body, with its number
            if (
                re.match(r"[ \t]\d{1,3}(?![\w.,:/-])", self.text[end : end + 6])
                and tokens[-1].text not in lex.legal_forms
            ):
                return
            last = tokens[-1].text
            form = f"{tokens[-2].text} {last}" if len(tokens) > 1 else last
            if (
                last.endswith(".")
                and last[:-1] in lex.legal_forms
                and _SENTENCE_GOES_ON.match(self.text, end) is None
                and last not in lex.dotted_legal_forms
                and form not in lex.dotted_legal_forms
            ):
                end -= 1  # "... Fishing Co. Ltd. A former crew member": the full stop's
            text = self.text[start:end]
            self.add(Mention(text, "organization", start, end, source="known" if known else "rule"))
            self._acronym_after(end)
            return
        if (
            len(words) > 1
            and words[-1].rstrip(".") in lex.address_words
            and not self.is_particle(tokens[-2])
        ):
            return  # "Dock Street": an address, but "Anna van Dijk", "Jan van de Laan" are not
        place = self.is_place_words(words, text)
        if place is not None and cue not in ("title", "role"):
            self.places.append(PlaceSpan(text, start, end, place[0], place[1]))
            return
        if cue is None and len(tokens) > 1:
            # "via Libië Italië bereikten": places side by side, each on its own
            each = [self.is_place_words((w,), t.text) for t, w in zip(tokens, words, strict=True)]
            if all(p is not None for p in each):
                for t, p in zip(tokens, each, strict=True):
                    assert p is not None
                    self.places.append(PlaceSpan(t.text, t.start, t.end, p[0], p[1]))
                return
        if (
            cue is None
            and len(tokens) > 1
            and re.fullmatch(r"[A-Z]{2,6}", raw_words[0])
            and not lex.is_given(words[0])
            and raw_words[0] not in lex.not_organizations
            and not self._in_headline(run)
            and self.is_place_words((words[0],), raw_words[0]) is None
            and not all(t.text.isupper() for t in tokens)
        ):
            # "SOS Balkanroute", "ECPAT Nederland": a name opening with an abbreviation
            self.add(Mention(text, "organization", start, end, source="rule"))
            return
        if cue is None and self._unknown_acronym(run, toks, tokens):
            self.add(Mention(text, "organization", start, end, source="rule"))
            return
        if (
            cue is None
            and len(tokens) > 1
            and words[0] in lex.place_leading
            and not lex.is_given(words[0])
        ):
            return  # "County Cork", "Provincie Utrecht", "Agia Galini": a place
        if cue is None and len(tokens) > 1 and not lex.is_given(words[0]):
            if words[-1] in lex.place_trailing:
                return  # "Edo State", "Member States", "Kurdistan Region": a place
            if self._ends_with_country(tokens, words):
                # "Safe Harbour Ireland", "Refugee Voices Libya": a person's name does not
                # end with a country, an organisation's branch does
                self.add(Mention(text, "organization", start, end, source="rule"))
                return
        name_words = [w for t, w in zip(tokens, words, strict=True) if not self.is_particle(t)]
        age = bool(_AGE_AFTER.match(self.text[end : end + 8]))
        person_cue = (
            cue in ("title", "role")
            or (lex.is_given(words[0]) and not (len(tokens) == 1 and raw_words[0].isupper()))
            or age
            or (
                len(tokens) > 1
                and any(self.is_particle(t) or self.is_joined_prefix_name(t) for t in tokens)
                # "PROCES-VERBAAL VAN VERHOOR": in capitals "VAN" is no surname's particle
                and not all(t.text.isupper() for t in tokens)
            )
            or _INITIAL.fullmatch(tokens[0].text) is not None
            or _INITIAL.fullmatch(tokens[-1].text) is not None
            or self._family_cue(tokens, words)
        )
        if (
            len(name_words) == 1
            and len(tokens) == 2
            and tokens[0].text.lower() in _SURNAME_PARTICLES
            and cue not in ("title", "role")
        ):
            # "De Tweeling", "in De Wallen": one capitalised particle and one word make a
            # surname only after a title or role ("advocaat Van Reisen", but "Van der Valk"
            # is one anywhere); one met before
            # ("Mirjam van Reisen ... Van Reisen") is found again as a back-reference
            return
        if cue is None and not age and self._after_article(toks, run.index):
            return  # "the Ocean Dawn", "the National Referral Mechanism": no person's name
        if (
            cue is None
            and len(tokens) == 2
            and re.fullmatch(r"[A-Z]|\d{1,2}", raw_words[1])
            and (words[0] in self.lower_vocab or words[0] in lex.person_nouns)
        ):
            return  # "Child B", "Victim 2": a label standing for a person, no name
        signed = cue is None and len(tokens) == 1 and self._signature(run)
        # a form's field ("Forename(s): Serghei") is a name whatever its line looks like
        labelled = self._form_label(start) in lex.name_labels
        if len(name_words) >= 2 or person_cue or signed:
            if (
                not signed
                and len(name_words) == 1
                and (
                    len(text) < 3
                    or (self._in_headline(run) and not labelled)
                    or (len(tokens) == 1 and words[0] in self.lower_vocab)
                    or _INITIAL.fullmatch(text)
                )
            ):
                return
            if not person_cue and self._in_headline(run):
                return  # "Money Laundering Reporting Officer": title-case lines need a cue
            if not person_cue and any(w in self.lower_vocab for w in name_words):
                return  # "Paid Well": words this document also writes in lower case
            if not public and (after := self._role_after(end)):
                role, public = after, True
            source = cue if cue in ("title", "role") else ("age" if age else "rule")
            if signed:
                source = "signature"
            self.add(
                Mention(text, "person", start, end, source=source, public_role=public, role=role)
            )

    def _family_cue(self, tokens: list[Token], words: tuple[str, ...]) -> bool:
        """A family name makes a name a person's: first ("Nguyen Thi Lan", "Sok Chanthy") or
        last ("Maria Popescu") in a name of two words or more, or alone when its shape says
        so ("Beridze", "Kovalenko") or it is a common one of four letters or more ("Zhou").
        Words in capitals count only as a name of two words or more."""
        lex = self.lex
        if len(tokens) == 1:
            w, t = words[0], tokens[0].text
            return (
                not t.isupper()
                and len(w) >= 4
                and w not in self.lower_vocab
                and w not in lex.nationalities
                and lex.is_family(w)
            )
        if all(t.text.isupper() for t in tokens):
            return False
        if any(lex.is_org_word(w) for w in words):
            return False
        return (words[0] in lex.family_names and not self.is_particle(tokens[0])) or lex.is_family(
            words[-1]
        )

    def _law(self, run: _Run, toks: list[Token], words: tuple[str, ...]) -> bool:
        """The run names a law, a procedure or an investigation: it starts with a word such
        as "Wet" or "Operation" (or one stands in lower case right before it: "onderzoek
        Kraanvogel"), or ends with one such as "Act"."""
        if len(words) > 1 and words[0] in self.lex.law_leading:
            return True
        if len(words) > 1 and words[-1] in self.lex.law_trailing:
            return True
        k = run.index
        return (
            k > 0 and toks[k - 1].text in self.lex.law_leading and self.gap_ok(toks[k - 1], toks[k])
        )

    def _ends_with_country(self, tokens: list[Token], words: tuple[str, ...]) -> bool:
        """The last word is a country ("Ireland", "Oost-Nederland"), the words before are no
        places ("Bosnia and Herzegovina", "Saint Lucia" are countries as a whole)."""
        last = tokens[-1].text
        base = last.rsplit("-", 1)[-1] if "-" in last else last
        place = self.is_place_words((base.lower(),), base)
        if place is None or not place[1]:
            return False
        if self.is_place_words(words, " ".join(t.text for t in tokens)) is not None:
            return False
        return not any(
            self.is_particle(t) or self.is_place_words((w,), t.text) is not None
            for t, w in zip(tokens[:-1], words[:-1], strict=True)
        )

    def _after_article(self, toks: list[Token], i: int) -> bool:
        """English "the", or "in"/"near", right before token i: a person's name is not
        written so ("the Ocean Dawn", "a man in Hai Phong"), except a family's ("the
        Dabbashi family", left to the back-references)."""
        return (
            i > 0
            and toks[i - 1].text.lower() in _NO_PERSON_AFTER
            and bool(_SPACE_GAP.fullmatch(self.text[toks[i - 1].end : toks[i].start]))
        )

    def _signature(self, run: _Run) -> bool:
        """A capitalised word alone on its line right under a letter's closing ("Best,",
        "Met vriendelijke groet,"): the writer's name."""
        line_start = self.text.rfind("\n", 0, run.start) + 1
        line_end = self.text.find("\n", run.end)
        line_end = len(self.text) if line_end < 0 else line_end
        if self.text[line_start:line_end].strip() != self.text[run.start : run.end]:
            return False
        before = self.text[: max(0, line_start - 1)].rstrip()
        previous = before[before.rfind("\n") + 1 :].strip().rstrip(",!.").strip().lower()
        return " ".join(previous.split()) in self.lex.valedictions

    def _unknown_acronym(self, run: _Run, toks: list[Token], tokens: list[Token]) -> bool:
        """An abbreviation of three to six capitals standing alone in running text ("een
        bouwer als BAM", "ITF inspector"): an organisation's, unless it is a place, a role, a
        document word or a dateline ("ATHENS - ...")."""
        if len(tokens) != 1 or not _ACRONYM.fullmatch(tokens[0].text):
            return False
        word = tokens[0].text
        if len(word) == 7 and (word.lower() in self.lower_vocab or self.is_stop(tokens[0])):
            return False  # "MISSING", "WARNING": a word in capitals
        k = run.index
        if k > 0 and toks[k - 1].text.lower() in ("een", "a", "an"):
            return False  # "een DAF met Roemeens kenteken": a product, one of many
        after = re.match(r"[ \t]+([a-z]+)", self.text[run.end : run.end + 20])
        if after and after.group(1) in self.lex.non_org_after_acronym:
            return False  # "the PALM scheme", "a DBS check"
        if (
            word in self.lex.not_organizations
            or word in self.lex.post_nominals
            or word in self.lex.legal_forms
            or self.lex.is_title(word)
            or self.lex.is_role(word)
            or self.is_place_words((word.lower(),), word) is not None
            or self._in_headline(run)
        ):
            return False
        near = self.text[max(0, run.start - 6) : run.start] + self.text[run.end : run.end + 6]
        if re.search(r"\d", near):
            return False  # a group of letters in an account number ("2345 MTLC AST0")
        opening = self.text[run.sentence.start : run.end]
        line_start = self.text.rfind("\n", 0, run.start) + 1
        if (
            opening.upper() == opening
            and _DATELINE_AFTER.match(self.text, run.end)
            and not self.text[line_start : run.sentence.start].strip()
        ):
            return False  # "DEN HAAG - ...", "ATHENS, June 3" (a line's opening)
        line_start = self.text.rfind("\n", 0, run.start) + 1
        line_end = self.text.find("\n", run.end)
        line = self.text[line_start : len(self.text) if line_end < 0 else line_end]
        return line.upper() != line  # a line in capitals is a heading

    def _in_headline(self, run: _Run) -> bool:
        return self._is_headline(run.sentence)

    def _is_headline(self, sent: Sentence) -> bool:
        """A title-case line: short, mostly capitalised words, no closing full stop."""
        if sent.text.rstrip()[-1:] in ".!?;,":
            return False
        if sent.text[:1] in "-•*" and sent.text[1:2].isspace():
            return False  # a list item ("- J.W. de Koning (Arbeidsinspectie)") is no title
        if re.match(r"[^\W\d_]{2,12}:\s", sent.text) and re.search(r"\s[a-z]", sent.text):
            return False  # "Subject: Unusual transactions, customer ...": a label, then prose
        toks = [t for t in tokenize(self.text, sent.start, sent.end) if t.text[:1].isalpha()]
        caps = sum(1 for t in toks if t.text[:1].isupper())
        if len(toks) >= 2 and all(t.text.isupper() for t in toks):
            return True  # "POLICE APPEAL"
        return 3 <= len(toks) <= 16 and caps / len(toks) >= 0.6

    def _org_words(self, tokens: list[Token], headline: bool = False) -> bool:
        words = [self._word(t) for t in tokens]
        if all(t.text in self.lex.legal_forms for t in tokens):
            return False  # "Company filings ...": a legal form needs a name before it
        if tokens[-1].text in self.lex.legal_forms:
            return True
        if headline:
            # in a title-case line only a name ending with its organisation word, or one that
            # starts with it and goes on with "van"/"of", counts ("Canterbury Crown Court",
            # "Ministerie van Justitie", not "Police Appeal"), or one that starts with a
            # word such as "Stichting" (a signature line)
            if len(words) < 2:
                return False
            if words[0] in self.lex.org_leading:
                return True
            if len(words) == 2 and self.lex.is_org_head(words[0]):
                # "Rechtbank Midden-Nederland", "Politie Oost-Brabant": a body and its region
                last = tokens[-1].text.rsplit("-", 1)[-1]
                if self.is_place_words((last.lower(),), last) is not None:
                    return True
            return self.lex.is_org_word(words[-1]) or (
                self.lex.is_org_head(words[0]) and any(w in self.lex.org_connectors for w in words)
            )
        if len(words) == 1:
            # "Veiligheidsraad", but not a kind of organisation ("Uitzendbureau, ...")
            return (
                self.lex.is_org_word(words[0])
                and words[0] not in self.lex.org_words
                and not self.lex.is_org_cue(words[0])
            )
        if any(self.lex.is_org_word(w) for w in words):
            return True
        if (
            "-" in tokens[-1].text
            and tokens[-1].text.rsplit("-", 1)[1].lower() in self.lex.org_trailing
        ):
            return True
        for phrase in self.lex.org_phrases:
            n = len(phrase)
            if any(tuple(words[k : k + n]) == phrase for k in range(len(words) - n + 1)):
                return True
        return False

    def _exactly_known(self, text: str) -> bool:
        words = tuple(text.split())
        return bool(words) and words in self.lex.known_by_first.get(words[0], ())

    def _known_org(self, raw_words: tuple[str, ...]) -> bool:
        index = self.lex.known_by_first
        for k, first in enumerate(raw_words):
            for known in index.get(first, ()):
                n = len(known)
                if raw_words[k : k + n] == known and (n > 1 or len(raw_words) == 1):
                    return True
        return False

    def _acronym_after(self, end: int) -> None:
        m = _ACRONYM_AFTER.match(self.text[end : end + 20])
        if m:
            start = end + m.start(1)
            acronym = m.group(1)
            if not self.overlaps(start, start + len(acronym)):
                self.add(
                    Mention(acronym, "organization", start, start + len(acronym), source="acronym")
                )

    # -- document-wide passes -----------------------------------------------------------------
    def merge(self, extra: Sequence[Mention]) -> None:
        """Add mentions found otherwise; a longer one replaces the rule-found names inside it."""
        if not extra:
            return
        mentions = list(self.mentions)
        for hit in sorted(extra, key=lambda m: (m.start, -(m.end - m.start))):
            if any(p.start < hit.end and hit.start < p.end for p in self.places):
                if not any(p.start <= hit.start and hit.end <= p.end for p in self.places):
                    self.places = [
                        p for p in self.places if not (p.start < hit.end and hit.start < p.end)
                    ]
                else:
                    continue
            inside = [m for m in mentions if m.start < hit.end and hit.start < m.end]
            if any(m.start <= hit.start and hit.end <= m.end for m in inside):
                continue  # the rules found a longer name around it ("Mohammed Kachlaf" around "Kachlaf")
            if any(m.end - m.start > hit.end - hit.start for m in inside):
                continue  # partly overlapping a longer name: keep that
            mentions = [m for m in mentions if all(m is not x for x in inside)]
            mentions.append(hit)
        self.mentions = []
        self.covered = _Spans()
        for m in sorted(mentions, key=lambda m: m.start):
            self.add(m)

    def listed_people(self) -> None:
        """Names listed with persons ("Kuba, Ilona en Bogdan", "Thank you Jules and Hoa",
        "Researchers: A B, C D, E F"): an unfound capitalised name between commas and a last
        "and"/"en" is a person when another item is one, or two others in a list of three."""
        for m in _NAME_LIST.finditer(self.text):
            items = [(i.start(), i.end()) for i in _LIST_ITEM.finditer(self.text, *m.span())]
            people = [
                any(x.start == a and x.end == b and x.type == "person" for x in self.mentions)
                for a, b in items
            ]
            joined = re.search(r"\s(?:and|en|&)\s", m.group(0)) is not None
            if sum(people) < (1 if joined else 2) or all(people):
                continue
            before = self.text[max(0, m.start() - 6) : m.start()].lower().split()
            if before and before[-1] in _LIST_NOT_AFTER:
                continue  # "two brothers from Kunduz, Wahid and Sharif": a place first
            new = [
                (a, b)
                for (a, b), known in zip(items, people, strict=True)
                if not known and self._listed_person(a, b)
            ]
            if len(new) + sum(people) < len(items):
                continue  # one item is a place, an organisation or a common word
            for a, b in new:
                self.add(Mention(self.text[a:b], "person", a, b, source="list"))

    def _listed_person(self, a: int, b: int) -> bool:
        if self.overlaps(a, b):
            return False
        value = self.text[a:b]
        words = value.split()
        if any(
            w.isupper() or w.lower() in self.lower_vocab or w.lower() in self.lex.stopwords
            for w in words
        ):
            return False
        low = tuple(w.lower() for w in words)
        if any(self.lex.is_org_word(w) for w in low) or any(
            w in self.lex.nationalities or w[:-1] in self.lex.nationalities for w in low
        ):  # "two other Filipinos, Arnel and Jun-Jun"
            return False
        return all(self.is_place_words((w,), r) is None for w, r in zip(low, words, strict=True))

    def nicknames(self) -> None:
        """Nicknames, of the person named just before or of someone unnamed:
        'bijgenaamd "Bija"', 'known as al-Bija', 'a man they called "The Doctor"',
        "commandant 'Bija'", 'Abd al-Rahman al-Milad ("Bija")'."""
        q_open = _QUOTES_OPEN
        quoted, patterns = _nickname_patterns(self.lex)
        for pattern, must_capitalise in patterns:
            for m in pattern.finditer(self.text):
                group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
                start, end = m.start(group), m.end(group)
                while start < end and self.text[start].isspace():
                    start += 1
                while end > start and self.text[end - 1].isspace():
                    end -= 1
                # "Chaudhry Sahib": an honorific after the name is no part of it
                cut = self.text.rfind(" ", start, end)
                if cut > start and self.text[cut + 1 : end] in self.lex.post_nominals:
                    end = cut
                value = self.text[start:end]
                if end - start < 2:
                    continue
                if self.overlaps(start, end):
                    # the gazetteer found the nickname already: say whose it is
                    for other in self.mentions:
                        if (
                            other.start == start
                            and other.end == end
                            and other.source == "gazetteer"
                        ):
                            target = self._person_before(m.start())
                            if target is not None and id(other) not in self.refers:
                                self.refers[id(other)] = target
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
                if low.split()[0] in self.lex.law_leading and not self._known_org(
                    tuple(value.split())
                ):
                    continue  # "known as Operation Harbourline": an investigation's name
                quoted_value = start > 0 and self.text[start - 1] in q_open
                if not quoted_value and (
                    low in self.lex.nationalities
                    or (self.lex.is_role(low) and not value[:1].isupper())
                    or self.lex.is_title(low)
                ):
                    continue  # "die zich Libiër noemde", "die zich journalist noemt"
                if self.text.startswith("die", m.start()) and self._org_noun_before(m.start()):
                    # "De groep, die zich Maskar noemt": a group's name
                    self.add(Mention(value, "organization", start, end, source="rule"))
                    continue
                target = self._person_before(m.start())
                mention = Mention(value, "person", start, end, source="nickname")
                self.add(mention, refers=target)
        self._nicknames_with_or(quoted)
        self._lower_case_given_names(_phrases_pattern(self.lex.plain_name_cues))

    def _nicknames_with_or(self, quoted: str) -> None:
        """A quoted name given with "or" after a person's name or nickname: 'known as Al
        Ammu, or "the Uncle"'."""
        alternative = re.compile(rf"[{_QUOTES_CLOSE}]?[ \t]*,?[ \t]+(?:or|of)[ \t]+{quoted}")
        # in a list of aliases ("Also known as: Sergiu Ursu, "Serioja", "Ursul"") a comma is
        # enough
        listed = re.compile(rf"[{_QUOTES_CLOSE}]?[ \t]*,[ \t]*{quoted}")
        cue = _alias_cues(self.lex)
        todo = [x for x in self.mentions if x.type == "person"]
        while todo:
            m = todo.pop(0)
            found = alternative.match(self.text, m.end)
            if found is None:
                found = listed.match(self.text, m.end)
                line = self.text[self.text.rfind("\n", 0, m.start) + 1 : m.start]
                if found is not None and not cue.search(line):
                    found = None
            if found is None:
                continue
            start, end = found.span(1)
            value = self.text[start:end]
            if value != value.strip() or len(value.split()) > 4:
                continue
            if not (value[:1].isupper() or re.match(r"(?:de|het|the|el|al)\s+[A-Z]", value)):
                continue
            if not self.overlaps(start, end):
                target = self.refers.get(id(m), m)
                added = Mention(value, "person", start, end, source="nickname")
                self.add(added, refers=target)
                todo.append(added)

    def dateline_agencies(self) -> None:
        """The news agency in a wire dateline: "TRIPOLI (Noordpers) -", "AGADEZ, Niger, Sept 9
        (Westmark Wire) -"."""
        for m in _DATELINE_AGENCY.finditer(self.text):
            start, end = m.span(1)
            value = m.group(1)
            if self._word_is_common(value):
                continue
            inside = [x for x in self.mentions if x.start < end and start < x.end]
            if any(x.type == "organization" for x in inside):
                continue
            for x in inside:
                self._remove(x)
            self.add(Mention(value, "organization", start, end, source="rule"))

    def municipalities(self) -> None:
        """A municipality written with a capital as an organisation: "Gemeente Amsterdam",
        "Provincie Limburg" (lower-case "de gemeente Venlo" names the place)."""
        for m in _MUNICIPALITY.finditer(self.text):
            start, end = m.span()
            inside = [x for x in self.mentions if x.start < end and start < x.end]
            if any(x.start < start or x.end > end for x in inside):
                continue
            for x in inside:
                self._remove(x)
            self.add(Mention(m.group(0), "organization", start, end, source="rule"))

    def split_joined_organisations(self) -> None:
        """Two organisations joined by "and"/"en", each ending with the same organisation
        word ("Hillingdon Council and Coventry City Council") or the first a well-known one."""
        for x in list(self.mentions):
            if x.type != "organization":
                continue
            m = _JOINED.fullmatch(x.text)
            if m is None:
                continue
            left, right = m.group(1), m.group(2)
            head = left.rsplit(None, 1)[-1]
            # "the Home Office and Defra": a well-known name is whole before "and"
            known = (
                self._exactly_known(left)
                and not self._exactly_known(x.text)
                and (len(right.split()) == 1 or self._exactly_known(right))
            )
            if not known and not (
                self.lex.is_org_head(head)
                and right.rsplit(None, 1)[-1] == head
                and len(left.split()) > 1
                and len(right.split()) > 1
                and left.split()[0].lower() not in self.lex.org_heads
            ):
                continue
            self._remove(x)
            self.add(Mention(left, "organization", x.start, x.start + len(left), source=x.source))
            r_start = x.start + m.start(2)
            self.add(Mention(right, "organization", r_start, x.end, source=x.source))

    def _word_is_common(self, value: str) -> bool:
        words = value.split()
        return all(w.lower() in self.lex.stopwords for w in words) or value.isdigit()

    def pseudonyms(self) -> None:
        """A name the writer gave: 'Ruksana (not her real name)', 'in het dossier Bao genoemd
        (niet zijn echte naam)'."""
        markers = "|".join(re.escape(m) for m in self.lex.pseudonym_markers)
        if not markers:
            return
        pattern = re.compile(
            rf"(?<![\w-])([A-Z][\w'’-]*\w)(?:[ \t]+(?:genoemd|called|named))?[ \t]*"
            rf"\(\s*(?i:{markers})"
        )
        for m in pattern.finditer(self.text):
            start, end = m.span(1)
            word = m.group(1)
            if (
                self.overlaps(start, end)
                or word.lower() in self.lex.stopwords
                or self.lex.is_role(word)
                or self.lex.is_title(word)
            ):
                continue
            self.add(Mention(word, "person", start, end, source="nickname"))

    def citations(self) -> None:
        """Authors' family names in a citation: "(Lim and Sasaki, 2023; Hartono et al.,
        2024)". Not abbreviations, well-known bodies or places ("(UNODC, 2023)")."""
        for bracket in _BRACKETS.finditer(self.text):
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
                            or self.overlaps(start, end)
                            or self._known_org((word,))
                            or self.lex.is_org_word(word)
                            or word.lower() in self.lex.stopwords
                            or word.lower() in self.lex.calendar
                            or self.is_place_words((word.lower(),), word) is not None
                        ):
                            continue
                        self.add(Mention(word, "person", start, end, source="citation"))
                pos += len(piece) + 1

    def acronyms_again(self) -> None:
        """The initials of an organisation's name of three words or more, met anywhere in
        the document: "Hospitality and Cleaning Workers' Union" ... "HCWU"."""
        acronyms: dict[str, Mention] = {}
        for m in self.mentions:
            if m.type != "organization" or m.source not in ("rule", "known"):
                continue
            caps = [t.text for t in tokenize(m.text) if t.text[:1].isupper()]
            if len(caps) < 3 or any(w.isupper() for w in caps):
                continue
            acronym = "".join(w[0] for w in caps)
            if acronym not in self.lex.not_organizations:
                acronyms.setdefault(acronym, m)
        if not acronyms:
            return
        pattern = re.compile(r"(?<![\w-])(" + "|".join(acronyms) + r")(?![\w-])")
        for found in pattern.finditer(self.text):
            start, end = found.span(1)
            if not self.overlaps(start, end):
                mention = Mention(found.group(1), "organization", start, end, source="backref")
                self.add(mention, refers=acronyms[found.group(1)])

    def _lower_case_given_names(self, cues: str) -> None:
        """A common given name in lower case after "heet", "named": 'die klant heet kevin'."""
        pattern = re.compile(rf"(?<![\w])(?i:{cues})[ \t]+([a-zà-ÿ][a-zà-ÿ'-]+)(?![\w@.-]\w)")
        for m in pattern.finditer(self.text):
            word = m.group(1)
            if (
                len(word) < 3
                or word not in self.lex.given_names
                or word in self.lex.stopwords
                or self.overlaps(m.start(1), m.end(1))
            ):
                continue
            mention = Mention(word, "person", m.start(1), m.end(1), source="nickname")
            self.add(mention, refers=self._person_before(m.start()))

    def _org_noun_before(self, pos: int) -> bool:
        """A kind of organisation is the last word before `pos` ("de groep, die ...")."""
        words = re.findall(r"[^\W\d_]+", self.text[max(0, pos - 40) : pos])
        return bool(words) and (
            self.lex.is_org_cue(words[-1].lower()) or self.lex.is_org_word(words[-1].lower())
        )

    def _person_before(self, pos: int) -> Mention | None:
        """The person mention that ends closest before `pos`, within 80 characters."""
        best: Mention | None = None
        for m in self.mentions:
            near = (
                m.type == "person" and m.end <= pos and pos - m.end <= 80 and m.source != "nickname"
            )
            if near and (best is None or m.end > best.end):
                best = m
        return best

    def organisations_again(self) -> None:
        """The first words of a company or organisation named before, met again on their
        own: "Flexcraft Staffing B.V. ... Flexcraft", "Blue Horizon Marine Services Ltd ...
        Blue Horizon". A person found there by no other cue than its two capitalised words
        becomes the organisation."""
        short: dict[tuple[str, ...], Mention] = {}
        # "Karl Grech ... Grech Bunkering Co. ... Grech": a person's surname stays his
        surnames = {
            [w for w in m.text.split() if w not in _NAME_SUFFIXES][-1]
            for m in self.mentions
            if m.type == "person" and " " in m.text
        }
        for m in self.mentions:
            if m.type != "organization" or m.source not in ("rule", "known"):
                continue
            words = [t.text for t in tokenize(m.text)]
            if len(words) < 2 or not self._org_words(tokenize(m.text)):
                continue
            for n in range(1, len(words)):
                head = tuple(words[:n])
                low = [w.lower() for w in head]
                if (
                    not head[-1][:1].isupper()
                    or low[-1] in self.lex.org_connectors
                    or low[0] in self.lex.given_names
                    or low[0] in self.lex.nationalities
                    or low[0] in self.lex.particles
                    or any(w in self.lex.stopwords for w in low)
                    # ordinary words: none in one word, at most a third of a longer head
                    # ("Premier Agri Labour" although the text writes "labour")
                    or 3 * sum(w in self.lower_vocab for w in low) > len(low)
                    or (n == 1 and low[0] in self.lower_vocab)
                    or self.lex.is_org_word(low[-1])
                    or (n == 1 and (len(head[0]) < 4 or head[0] in surnames))
                    or self.is_place_words(tuple(low), " ".join(head)) is not None
                ):
                    continue
                short.setdefault(head, m)
        if not short:
            return
        longest = max(len(k) for k in short)
        toks = tokenize(self.text)
        by_start = {m.start: m for m in self.mentions}
        x = 0
        while x < len(toks):
            for n in range(min(longest, len(toks) - x), 0, -1):
                head = tuple(t.text for t in toks[x : x + n])
                if head not in short or not all(
                    self.gap_ok(toks[y], toks[y + 1]) for y in range(x, x + n - 1)
                ):
                    continue
                start, end = toks[x].start, toks[x + n - 1].end
                if (
                    x + n < len(toks)
                    and self.gap_ok(toks[x + n - 1], toks[x + n])
                    and toks[x + n].text[:1].isupper()
                ):
                    continue  # part of a longer name
                if _PLACE_BEFORE.search(self.text, max(0, start - 12), start):
                    continue  # "a house in Coventry" after "Coventry City Council"
                found = by_start.get(start)
                inside = [
                    m
                    for m in self.mentions
                    if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
                ]
                if inside and all(m.source in ("rule", "role", "title") for m in inside):
                    # "Premier Agri Labour" where the role word cut "Agri Labour" off
                    for m in inside:
                        self._remove(m)
                if found is not None and found.end == end and found.type == "person":
                    if found.source == "rule":
                        found.type = "organization"
                        found.source = "backref"
                        self.refers[id(found)] = short[head]
                elif not self.overlaps(start, end):
                    self.add(
                        Mention(self.text[start:end], "organization", start, end, source="backref"),
                        refers=short[head],
                    )
                x += n - 1
                break
            x += 1

    def heads_again(self) -> None:
        """The last word of an organisation's name met again after an article, later in the
        document: "de Tweede Kamer ... de Kamer", "de Europese Commissie ... de Commissie"."""
        heads: dict[str, Mention] = {}
        for m in self.mentions:
            if m.type != "organization" or m.source not in ("rule", "known"):
                continue
            words = tokenize(m.text)
            last = words[-1].text if words else ""
            if (
                len(words) >= 2
                and last[:1].isupper()
                and not last.isupper()
                and last not in self.lex.legal_forms
                and self.lex.is_org_word(last.lower())
                # "the US Treasury ... the Treasury": a country's body may be another's
                and words[0].text not in _COUNTRY_ABBREVIATIONS
                and self.is_place_words((words[0].text.lower(),), words[0].text) is None
            ):
                heads.setdefault(last, m)
        if not heads:
            return
        toks = tokenize(self.text)
        for x in range(1, len(toks)):
            tok = toks[x]
            named = heads.get(tok.text)
            if named is None or tok.start < named.end:
                continue
            prev = toks[x - 1]
            if prev.text not in _ARTICLES_BEFORE_HEAD or not self.gap_ok(prev, tok):
                continue
            if x + 1 < len(toks) and self.gap_ok(tok, toks[x + 1]) and toks[x + 1].is_capitalized:
                continue  # part of a longer name
            if self.overlaps(tok.start, tok.end):
                continue
            mention = Mention(tok.text, "organization", tok.start, tok.end, source="backref")
            self.add(mention, refers=named)

    def genitives(self) -> None:
        """'Yonas Gebremariams broer' where the text also writes 'Yonas Gebremariam': the
        Dutch genitive s is not part of the name."""
        people = {m.text for m in self.mentions if m.type == "person"}
        for m in self.mentions:
            if m.type == "person" and m.text.endswith("s") and m.text[:-1] in people:
                i = self.covered.starts.index(m.start)
                self.covered.ends[i] -= 1
                m.text, m.end = m.text[:-1], m.end - 1

    def job_titles(self) -> None:
        """Capitalised words that are part of a job title, not a name: "Home Affairs
        Correspondent", "Senior Environmental Health Officer"."""
        for m in list(self.mentions):
            if m.source != "rule":
                continue
            found = _TITLE_WORD_AFTER.match(self.text, m.end)
            if found is not None and found.group(1).lower() in _JOB_TITLE_WORDS:
                self._remove(m)

    def organisation_short_forms(self) -> None:
        """Short names of an organisation named in full before: "the Council" after
        "Westbury District Council", "Zonnebloem" after "Stichting Zonnebloem", "Harcourt"
        after "Harcourt Foods Ltd"."""
        shorts: dict[str, Mention] = {}
        heads: dict[str, Mention] = {}
        for m in sorted(self.mentions, key=lambda x: x.start):
            if m.type != "organization" or m.source not in ("rule", "known", "gazetteer"):
                continue
            words = m.text.split()
            if len(words) < 2:
                continue
            last = words[-1]
            if last[:1].isupper() and last.lower() in self.lex.org_heads:
                heads.setdefault(last, m)
            if words[0].lower() in self.lex.org_leading and len(words) <= 3:
                short = " ".join(words[1:])
                if all(w[:1].isupper() for w in words[1:]) and len(short) >= 4:
                    shorts.setdefault(short, m)
            elif len(words) >= 3 and last in self.lex.legal_forms:
                first = words[0]
                if self._short_company_word(first):
                    shorts.setdefault(first, m)
        for short, target in shorts.items():
            pattern = rf"(?<![\w&-]){re.escape(short)}(?=['’]s\b|(?![\w&-]))"
            for found in re.finditer(pattern, self.text):
                before = self.text[max(0, found.start() - 30) : found.start()]
                after = self.text[found.end() : found.end() + 12]
                if _PLACE_BEFORE.search(before) or _NAME_GOES_ON.match(after):
                    continue  # "in Harcourt" is the town; "Harcourt Road" another name
                self._add_short_form(found.start(), found.end(), target)
        for head, target in heads.items():
            pattern = rf"(?<![\w-])(?:[Tt]he|[Dd]e|[Hh]et|[Uu]w)[ \t]+({re.escape(head)})(?![\w&-])"
            for found in re.finditer(pattern, self.text):
                if found.start(1) > target.end and not re.match(
                    r"[ \t]+(?:of|van|voor|for|[A-Z])", self.text[found.end(1) :]
                ):
                    self._add_short_form(found.start(1), found.end(1), target)

    def _short_company_word(self, word: str) -> bool:
        """A company's first word that can stand for its name: "Harcourt" in "Harcourt
        Foods Ltd", not "Dutch", "Global" or a place."""
        low = word.lower()
        return (
            len(word) >= 4
            and word[:1].isupper()
            and not word.isupper()
            and word.isalpha()
            and low not in self.lex.stopwords
            and low not in self.lex.nationalities
            and (low,) not in self.lex.places
            and not self.lex.is_org_word(low)
            and not any(low.endswith(e) for e in self.lex.org_cue_endings)
            and not self.lex.is_given(word)
        )

    def _add_short_form(self, start: int, end: int, target: Mention) -> None:
        if self.overlaps(start, end):
            return
        referent = self.refers.get(id(target), target)
        mention = Mention(self.text[start:end], "organization", start, end, source="backref")
        self.add(mention, refers=referent)

    def back_references(self) -> None:
        """Surnames (and nicknames) of people already found, met again on their own."""
        keys: dict[str, Mention] = {}
        # surnames that are also given names ("Semere Kahsay", "Tarek Ben-Youssef"), by their
        # whole word: only that word itself or its genitive ("Kahsays") refers back to them
        surnames: dict[str, Mention] = {}
        # surnames written as an initial ("Amanuel W.", "Soufiane el-K."): "W." on its own
        # refers back when one person only has that initial
        initials: dict[str, Mention | None] = {}
        phrases: dict[str, Mention] = {}
        for m in sorted(self.mentions, key=lambda x: x.start):
            if m.type != "person":
                continue
            toks = tokenize(m.text)
            if m.source == "nickname":
                if len(toks) == 1:
                    keys.setdefault(name_key(toks[0].text, self.lex), m)
                elif m.text[:1].isupper() or re.match(r"(?:de|het|the|el|al)\s", m.text):
                    phrases.setdefault(m.text, m)  # "The Doctor", "de Dokter" again later
                continue
            parts = [
                t
                for t in toks
                if not self.is_particle(t)
                and not _INITIAL.fullmatch(t.text)
                and t.text not in _NAME_SUFFIXES
            ]
            last = toks[-1].text
            # family name first ("Le Thi Hoa", "Zhou Wei", "Sok Chanthy"): a common family
            # name, even a short one or a particle, is the name met again
            if (
                len(toks) >= 2
                and toks[0].text.lower() in self.lex.family_names
                and not self.lex.is_given(toks[0].text)
                and (
                    toks[1].text in self.lex.vietnamese_middle_names
                    or toks[-1].text.lower() not in self.lex.family_names
                    or self.lex.is_given(toks[-1].text)
                )
            ):
                keys.setdefault(toks[0].text.lower(), m)
            if len(toks) >= 2 and last.endswith(".") and last[-2:-1].isupper() and len(last) <= 6:
                key = last.lower()
                same = initials.get(key, m)
                initials[key] = same if same is not None and same.text == m.text else None
            if len(parts) == 1 and m.source in ("title", "role", "age"):
                keys.setdefault(name_key(parts[0].text, self.lex), m)  # "Semere (24)"
            if len(parts) >= 2:
                key = name_key(parts[-1].text, self.lex)
                if len(key) >= 3 and key not in self.lex.given_names:
                    keys.setdefault(key, m)
                elif len(key) >= 3:
                    surnames.setdefault(_whole_key(parts[-1].text), m)
                # family name first ("Nguyen Van Thanh"): the first part when it is no given name
                first = name_key(parts[0].text, self.lex)
                sure = len(toks) >= 3 or m.source in ("title", "role", "age")
                if sure and len(first) >= 4 and first not in self.lex.given_names:
                    keys.setdefault(first, m)
                # the given name on its own ("Chidi Okonkwo ... Thanks, Chidi")
                if len(first) >= 3 and first in self.lex.given_names:
                    surnames.setdefault(_whole_key(parts[0].text), m)
        orgs: dict[str, Mention] = {m.text: m for m in self.mentions if m.source == "acronym"}
        for phrase, target in phrases.items():
            # "de Dokter" is "De Dokter" at the start of a sentence
            first = f"[{phrase[0]}{phrase[0].upper()}]" if phrase[0].islower() else phrase[0]
            pattern = rf"(?<!\w){first}{re.escape(phrase[1:])}(?!\w)"
            for found in re.finditer(pattern, self.text):
                if not self.overlaps(found.start(), found.end()):
                    referent = self.refers.get(id(target), target)
                    mention = Mention(
                        found.group(0), "person", found.start(), found.end(), source="backref"
                    )
                    self.add(mention, refers=referent)
        if not keys and not orgs and not surnames and not initials:
            return
        # one-word names the gazetteer found ("Kachlaf") that stand for a fuller name here
        for m in self.mentions:
            if m.source == "gazetteer" and m.type == "person" and " " not in m.text.strip():
                full = keys.get(name_key(m.text, self.lex))
                if full is not None and full is not m:
                    self.refers[id(m)] = self.refers.get(id(full), full)
                    m.source = "backref"
        all_toks = tokenize(self.text)
        exact = {(m.start, m.end): m for m in self.mentions}
        places = _Spans()
        for p in sorted(self.places, key=lambda p: p.start):
            places.add(p.start, p.end)
        for x, tok in enumerate(all_toks):
            if places.overlaps(tok.start, tok.end):
                continue  # "Bani Walid" is a town, whoever "Walid Hamdan" is
            if self.overlaps(tok.start, tok.end):
                # A one-word name the rules already took as a person ("Tesfay is a close
                # associate of ...") is the same person as the fuller name met earlier.
                same = exact.get((tok.start, tok.end))
                if same is not None and same.type == "person" and same.source == "rule":
                    named = keys.get(name_key(tok.text, self.lex)) or surnames.get(
                        _whole_key(tok.text)
                    )
                    if named is not None and named is not same and named.start < same.start:
                        same.source = "backref"
                        self.refers[id(same)] = self.refers.get(id(named), named)
                continue
            if tok.text in orgs:
                self.add(
                    Mention(tok.text, "organization", tok.start, tok.end, source="backref"),
                    refers=orgs[tok.text],
                )
                continue
            if not (tok.text[:1].isupper() or self.is_joined_prefix_name(tok)):
                continue
            if self.lex.is_role(tok.text) or self.lex.is_title(tok.text):
                continue  # "United States Attorney Thomas ...": a role, whoever bears it
            named = (
                keys.get(name_key(tok.text, self.lex))
                or surnames.get(_whole_key(tok.text))
                or initials.get(tok.text.lower())
            )
            end = tok.end - _possessive_len(tok.text)
            if named is None and len(tok.text) > 4 and tok.text.endswith("s"):
                # Dutch genitive without apostrophe: "Kahsays advocaat"
                named = keys.get(name_key(tok.text[:-1], self.lex)) or surnames.get(
                    _whole_key(tok.text[:-1])
                )
                end = tok.end - 1
            if named is None:
                continue
            start = self._particles_before(all_toks, x)
            referent = self.refers.get(id(named), named)
            mention = Mention(self.text[start:end], "person", start, end, source="backref")
            mention.public_role = referent.public_role
            mention.role = referent.role
            self.add(mention, refers=referent)
