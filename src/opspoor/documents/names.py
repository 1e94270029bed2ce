"""Find the names of people, organisations and vessels in Dutch and English text, by rule.

    >>> found = find_names("De Libische commandant Mohammed Kachlaf leidt de Shuhada al-Nasr brigade.")
    >>> [(m.text, m.type) for m in found.mentions]
    [('Mohammed Kachlaf', 'person'), ('Shuhada al-Nasr brigade', 'organization')]

A name is a run of capitalised words, with particles inside (van der, al-, bin, abu), cut
where function words, titles and roles stand. What the run is comes from cues: titles and
roles before it make a person, organisation words and legal forms make an organisation,
vessel words before it make a vessel, place names make a place (returned separately).
Surnames and nicknames met again later in the document are found as well (`refers_to`).
The passes over the whole document after the sentences are in `name_passes.py`.
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
_SARL = re.compile(r"[ \t]?à[ \t]r\.l\.")
_POSTCODE_BEFORE = re.compile(r"(?<!\d)\d{4}[ \t]?[A-Z]{2}[ \t]+$")
_CREDIT = re.compile(r"(?:^|[)–—,-])[ \t]*([^\W\d_]+)[ \t]*:?$")
_CREDIT_WORDS = {"redactie", "eindredactie", "verslaggeving", "tekst", "foto", "fotografie"}
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w'’-]+[ \t][A-Z][\w'’-]+,[ \t]$")
_INHABITANT_ENDINGS = ("ënaar", "enaar", "naar", "ër", "r")
_COURTESY = {
    "mevrouw",
    "mevr",
    "mw",
    "meneer",
    "dhr",
    "heer",
    "mr",
    "mrs",
    "ms",
    "miss",
    "madame",
    "monsieur",
}
_ONE_INITIAL = re.compile(r"[A-Z]\.")
# "de Italiaanse Guardia di Finanza": linking words of a name in another language
_FOREIGN_CONNECTORS = ("di", "della", "del", "des", "du", "pour", "für")
# Dutch compounds naming a bank's or a firm's department ("Transactiemonitoring")
_DEPARTMENT_ENDINGS = ("monitoring", "screening", "compliance", "onderzoeken", "beheer")
# lower-case words after a title-case kind of permit ("Skilled Worker visas")
_PERMIT_WORDS = frozenset({"visa", "visas", "permit", "permits", "licence", "licences"})
# words for prosecution, police and inspectorate of other languages opening a body's name
_FOREIGN_BODY_WORDS = frozenset(
    {"prokuratura", "policja", "policia", "poliția", "politia", "inspectoratul", "parchetul"}
)
_HEADER_LABEL = re.compile(r"[ \t>]*(?:from|to|van|aan)[ \t]*:", re.IGNORECASE)
_NAME_DASH_BEFORE = re.compile(r"([A-Z][\w'’-]+)[ \t]+[–—][ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
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
# the capitalised word right after a name ("RIEC Limburg")
_NEXT_NAME = re.compile(r"[ \t]([A-Z][\w-]*\w)(?![\w-])")
# a region named by a compass point ("Oost-Nederland", "Midden-Nederland", "Zeeland-West-Brabant")
_REGION = re.compile(
    r"(?:[A-Z][a-z]+-)?(?:Noord|Oost|Zuid|West|Midden|North|East|South|West)(?:-[A-Z][a-z]+)+"
)
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
# kinds of organisation left out of the name after them (annotation notes, heldout15):
# "Vakbond FNV", "Brancheorganisatie Glastuinbouw Nederland" (a trade association)
_KINDS_LEFT_OUT = {"vakbond", "uitzendbureau", "brancheorganisatie", "branchevereniging"}
# words for a client before the initials that stand for the client's name ("klant R.K.")
_CLIENT_WORDS = {"customer", "klant"}
# capitalised words before an office inside an organisation's name ("High Commissioner")
_OFFICE_RANKS = {"High", "Special", "Chief"}
_SURNAME_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te"}
_ARTICLES = {"de", "het", "the", "la", "le", "el", "al", "een", "a", "an"}
# titles that say "a certain" ("een zekere Ahmed", "ene Yonas"), but not after an article
_CERTAIN = {"ene", "zekere", "certain"}
_COURTS = {"court", "tribunal", "courts"}
# capitalised title words that open an organisation's name ("General Directorate ...",
# "Generale Directie ...", "Directorate General ...")
_TITLES_IN_ORG_NAMES = {"General", "Generale", "Generaal", "Directorate-General"}
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
_DATELINE = re.compile(r"[A-Z][A-Z'’ .-]*[A-Z](?:,[^\n]{0,40}?)?[ \t]+[-–—][ \t]+(?=\S)")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:[-–—,]|\(|$)")
_ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+|(?:https?://|www\.)\S+")
_LABEL_VALUE_END = re.compile(r"[ \t]*(?:$|\n|[<,(;])")
_AMPERSAND_GAP = re.compile(r"[ \t\u00a0]?&[ \t\u00a0]?")
_PLURAL_POSSESSIVE_GAP = re.compile(r"['’][ \t]")  # "Transport Workers' Federation"
_FIRM_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")
# a house number opening an address line ("48 Kingsway Court, London")
_HOUSE_NUMBER = re.compile(r"[ \t]*\d{1,4}[a-zA-Z]?[ \t]+")
# "Case study 3: ...", "Casus 2 – ...": a heading before a name, not a title line
_CASE_HEADING = re.compile(r"(?:case study|case|casus)\b[ \t\w.]{0,6}[:–—-][ \t]+[A-Z]", re.I)
# an upper-case word opening a line before a colon: a transcript's speaker ("RAMOS: ...")
_SPEAKER = re.compile(r"^[ \t]*([A-Z][A-Z'’-]{2,}):[ \t]", re.MULTILINE)


def _phrases_pattern(cues: tuple[tuple[str, ...], ...]) -> str:
    """Word phrases as a regular expression's alternatives, any white space between words."""
    return "|".join(re.escape(" ".join(c)).replace(r"\ ", r"\s+") for c in cues)


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
    from opspoor.documents import name_passes  # not at the top: it imports this module

    lex = lex or lexicon()
    sents = sents if sents is not None else sentences(text)
    finder = _Finder(text, lex)
    for sent in sents:
        finder.sentence(sent)
    finder.merge(extra)
    name_passes.nicknames(finder)
    name_passes.pseudonyms(finder)
    name_passes.citations(finder)
    name_passes.dateline_agencies(finder)
    name_passes.agency_credits(finder)
    name_passes.second_reporters(finder)
    name_passes.municipalities(finder)
    name_passes.french_bodies(finder)
    name_passes.press_desks(finder)
    name_passes.split_joined_organisations(finder)
    name_passes.bracketed_legal_forms(finder)
    name_passes.dotted_acronyms(finder)
    name_passes.genitives(finder)
    name_passes.organisations_again(finder)
    name_passes.acronyms_again(finder)
    name_passes.heads_again(finder)
    name_passes.team_lists(finder)
    name_passes.appositions(finder)
    name_passes.kin(finder)
    name_passes.back_references(finder)
    name_passes.organisation_short_forms(finder)
    name_passes.job_titles(finder)
    name_passes.listed_people(finder)
    name_passes.filipino_maria(finder)
    name_passes.initials(finder)
    name_passes.navigation_and_references(finder)
    name_passes.site_names(finder)
    name_passes.capital_the(finder)
    name_passes.residences(finder)
    name_passes.addressed_short_names(finder)
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
            # not the start of a user name ("nyasha_c: ...", "piotr.gdansk: ...")
            for m in re.finditer(r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ'-]+(?![\w]|\.[a-z])", prose)
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
        if w in ("general", "generaal") and self._trade_word_after(tok):
            return True  # "Al Wafra General Trading": a title word in a business's name
        if w == "sheriff":
            nxt = _NEXT_WORD.match(self.text, tok.end)
            if nxt is not None and nxt.group(1) == "Court":
                return True  # "Peterhead Sheriff Court"
        if (
            self.is_stop(tok)
            or w in _CREDIT_WORDS
            or self.lex.is_title(w)
            or (self.lex.is_role(w) and not self._firm_word(tok, w))
            or (self.lex.compound_role(w) and w not in self.lex.org_words)  # not "Contracting"
        ):
            return False
        return not (w in self.lex.nationalities and not t.isupper())

    def _trade_word_after(self, tok: Token) -> bool:
        nxt = _NEXT_WORD.match(self.text, tok.end)
        return nxt is not None and nxt.group(1).lower() in self.lex.org_words

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

    def inhabitant(self, word: str) -> bool:
        """A Dutch noun for someone from a place: "Surinamer", "Curaçaoënaar", "Hengeloër"."""
        w = word.lower()
        if len(w) < 6 or w in self.lex.family_names or self.lex.is_given(w):
            return False
        for ending in _INHABITANT_ENDINGS:
            stem = w[: -len(ending)]
            if w.endswith(ending) and self.is_place_words((stem,), stem.capitalize()) is not None:
                return True
        return False

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
                # "RIEC Limburg", "Caritas Malta": a known body's branch in a place or region
                and not (
                    j in self.forced
                    and len(run) == 1
                    and self._branch_place(nxt, countries=len(run[0].text) > 2)
                    and (j + 2 >= len(toks) or not toks[j + 2].text[:1].isupper())
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
                        # "Office of the UN High Commissioner for Human Rights"
                        and (self._office_word(toks, j, True) or toks[j].text in _OFFICE_RANKS)
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
            if (
                not org_head
                and nxt.text == "for"
                and not self.lex.is_given(self._word(run[0]))
                and j + 2 < len(toks)
                and toks[j + 2].text in ("General", "Trading", "Import", "Contracting")
                and self._org_stretch(toks, j + 2, common)
            ):
                org_head = True  # "Kurdistan Star for General Trading": a trading firm's name
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
                # "South Wales Police and Mid and West Wales Fire and Rescue Service": a
                # whole organisation's name, "and", and another one of three words or more
                new_name = new_name or (
                    joins_two
                    and org_head
                    and len(run) >= 3
                    and self.lex.is_org_word(self._word(run[-1]))
                    and self.lex.is_org_word(self._word(self._name_end(toks, k)))
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
                    and (
                        self.is_name_part(toks[k])
                        or self._office_word(toks, k, org_head)
                        # "Vereniging van Nederlandse Gemeenten": an adjective of nationality
                        # and a name part inside an organisation's name
                        or (
                            org_head
                            and toks[k].text[:1].isupper()
                            and self._word(toks[k]) in self.lex.nationalities
                            and k + 1 < len(toks)
                            and self.gap_ok(toks[k], toks[k + 1])
                            and self.is_name_part(toks[k + 1])
                            and not common[k + 1]
                        )
                    )
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
        # "Vakbond ACV Transcom", "Uitzendbureau Zuidwest Flex": these kinds of organisation
        # written before a name are left out of it, capitalised or not
        if (
            len(run) > 1
            and self._word(run[0]) in _KINDS_LEFT_OUT
            and run[1].text[:1].isupper()
            and self.gap_ok(run[0], run[1])
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
            # "een Surinaams-Antilliaans netwerk": adjectives of nationality, not a name
            and not all(
                p.lower() in self.lex.nationalities or f"{p.lower()}e" in self.lex.nationalities
                for p in run[-1].text.split("-")
            )
        ):
            result.tokens = [*run, toks[after]]
            result.org_tail = True
        return result

    def _branch_place(self, tok: Token, countries: bool) -> bool:
        """A place or region written after a body's name for its branch there ("Limburg",
        "Oost-Nederland", "Zeeland-West-Brabant"); a country only with `countries` ("ITF
        Ireland", but "the UN Libya mission" is the UN's)."""
        if not tok.text[:1].isupper():
            return False
        if _REGION.fullmatch(tok.text):
            return True
        place = self.is_place_words((self._word(tok),), tok.text)
        return place is not None and (countries or not place[1])

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

    def _name_end(self, toks: list[Token], k: int) -> Token:
        """The last capitalised word of the name parts and linking words from token k on
        (three capitalised words at least, else token k)."""
        last = toks[k]
        caps = 0
        x = k
        while x < len(toks) and (x == k or self.gap_ok(toks[x - 1], toks[x])):
            t = toks[x]
            if t.text[:1].isupper() and self.is_name_part(t):
                last, caps = t, caps + 1
            elif t.text.lower() not in self.lex.org_connectors:
                break
            x += 1
        return last if caps >= 3 else toks[k]

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
        # "(Stroomland Pers) Verslaggeving Annelies Kok, eindredactie Ferdi Brouwers",
        # "(Noordzeepers) – Redactie: Tine Vercruysse": a credit word after a bracket, dash or
        # comma at the end of a report
        credit = _CREDIT.search(prefix)
        if credit is not None and credit.group(1).lower() in _CREDIT_WORDS:
            return True
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
        if self._inside_rank(run, toks, cue):
            return
        if cue == "title" and len(tokens) > 1 and self._word(tokens[0]) in lex.title_continuations:
            tokens = tokens[1:]  # "Mr Justice Fairweather"
        raw_words = tuple(t.text for t in tokens)
        words = tuple(self._word(t) for t in tokens)
        is_org = (run.org_tail or run.elided or run.ampersand) or self._org_words(
            tokens, self._in_headline(run)
        )
        # "Danubia Crew Management S.à r.l.": a legal form the tokenizer splits
        sarl = _SARL.match(self.text, tokens[-1].end) if tokens[-1].text == "S." else None
        is_org = is_org or (sarl is not None and len(tokens) > 1)
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
            # leading nationality adjectives belong only to organisation names, and so do
            # nouns for someone from a place ("Surinamer Errol Sewdien")
            while len(tokens) > 1 and (words[0] in lex.nationalities or self.inhabitant(words[0])):
                tokens, words, raw_words = tokens[1:], words[1:], raw_words[1:]
            if len(tokens) == 1 and self.inhabitant(words[0]):
                return  # "Hengeloër (23) verdacht": someone from Hengelo
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
        before = self.text[max(0, start - 12) : start]
        if not known and (
            _POSTCODE_BEFORE.search(before)
            or (re.fullmatch(r"[A-Z]{2}", tokens[0].text) and re.search(r"\d{4}[ \t]?$", before))
        ):
            return  # "Postbus 16375 2500 BJ Den Haag": a Dutch postcode, then the town
        if (
            (is_org or not lex.is_given(words[0]))
            and not known
            and self._department_after_name(run, tokens)
        ):
            return  # "From: Oliver Strachan, Financial Crime Investigations"
        if is_org and len(tokens) > 2 and words[0] in _CLIENT_WORDS:
            # "Customer Bao Minh Trading Ltd": the word for a client is no part of the name
            tokens, words, raw_words = tokens[1:], words[1:], raw_words[1:]
            start = tokens[0].start
            text = self.text[start:end]
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
                if (
                    self._word(toks[k - 1]) in lex.apposition_adjectives
                    and (
                        words[-1] in lex.english_org_endings
                        or any(w in ("of", "for", "the", *_FOREIGN_CONNECTORS) for w in words)
                        # "de Poolse Trans-Orient Logistyka Sp. z o.o.": a firm with its own
                        # legal form; "het Duitse Bundeskriminalamt": a German body
                        or (len(tokens) > 1 and tokens[-1].text in lex.legal_forms)
                        or (len(words[-1]) > 6 and words[-1].endswith(("amt", "polizei")))
                        or words[0] in _FOREIGN_BODY_WORDS  # "de Poolse Prokuratura Krajowa"
                    )
                    # "the Vietnamese Community Association": an English adjective
                    and not (k >= 2 and toks[k - 2].text.lower() in ("the", "a", "an"))
                ):
                    break  # "de Britse National Crime Agency": a Dutch adjective, English name
                if len(tokens) == 1 and raw_words[0].isupper() and known:
                    break  # "de Nigeriaanse NAPTIP": an acronym takes no adjective
                k -= 1
                if (
                    k > 0
                    and toks[k - 1].text in ("South", "North", "East", "West", "Central")
                    and self.gap_ok(toks[k - 1], toks[k])
                    and not self.overlaps(toks[k - 1].start, start)
                ):
                    k -= 1  # "South African Police Service": the compass point is the name's
                    break
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
            if sarl is not None and len(tokens) > 1:
                end = sarl.end()
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
            # "het RIEC Limburg", "de GGD Drenthe": the regional branch of a body written with
            # its province is one name
            region = _NEXT_NAME.match(self.text, end)
            if (
                region
                and len(tokens) == 1
                and raw_words[0].isupper()
                and len(last) > 1
                and self._branch_place(
                    Token(region.group(1), region.start(1), region.end(1)), False
                )
            ):
                end = region.end(1)
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
        if len(words) > 1 and " ".join(words)[:-1] in lex.nationalities and words[-1][-1] == "s":
            return  # "Sri Lankans": people of a nationality
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
        if (
            cue == "role"
            and len(tokens) == 1
            and len(words[0]) > 12
            and words[0].endswith(_DEPARTMENT_ENDINGS)
        ):
            return  # "Analist Transactiemonitoring": a post's department, no person
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
                # "mevrouw Z.", "Mr K.": a courtesy title and one initial name a person
                and not (cue == "title" and role in _COURTESY and _ONE_INITIAL.fullmatch(text))
                and (
                    len(text) < 3
                    or (self._in_headline(run) and not labelled)
                    or (len(tokens) == 1 and words[0] in self.lower_vocab)
                    # "klant R.K.", "Customer H.A.M.": initials of two letters or more after
                    # a word for the person stand for a name
                    or (
                        _INITIAL.fullmatch(text)
                        and not (cue == "title" and len(text) >= 4 and role in _CLIENT_WORDS)
                    )
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

    def _department_after_name(self, run: _Run, tokens: list[Token]) -> bool:
        """A department or a post after a person's name and a comma on a memo's header line
        ("From: Oliver Strachan, Financial Crime Investigations"), or after a dash in a team
        list ("Hassan Abdi – Gulf Operations")."""
        if tokens[-1].text in self.lex.legal_forms:
            return False
        line_start = self.text.rfind("\n", 0, run.start) + 1
        before = self.text[line_start : run.start]
        if _HEADER_LABEL.match(before) and _NAME_COMMA_BEFORE.search(before):
            return True
        dash = _NAME_DASH_BEFORE.search(before)
        return dash is not None and any(
            m.type == "person" and m.end == line_start + dash.end(1) for m in self.mentions
        )

    def _inside_rank(self, run: _Run, toks: list[Token], cue: str | None) -> bool:
        """A word between a title and a capitalised title or role: "Detective Staff Sergeant
        Carla Moretti"; an office after a person's name and a comma: "Ngozi Abara, Senior Crown
        Prosecutor with ..."."""
        after = run.index + len(run.tokens)
        if len(run.tokens) > 2 or after >= len(toks) or not toks[after].is_capitalized:
            return False
        nxt = self._word(toks[after])
        if not (self.lex.is_title(nxt) or self.lex.is_role(nxt)):
            return False
        if not self.gap_ok(run.tokens[-1], toks[after]):
            return False
        if any(self.lex.is_given(self._word(t)) for t in run.tokens):
            return False
        if cue == "title":
            return True
        return bool(_NAME_COMMA_BEFORE.search(self.text, max(0, run.start - 40), run.start))

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
        after = k + len(run.tokens)
        if (
            after < len(toks)
            and toks[after].text in _PERMIT_WORDS
            and self.gap_ok(toks[after - 1], toks[after])
            and not any(self.lex.is_given(w) for w in words)
        ):
            return True  # "their Skilled Worker visas": a kind of visa or permit
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
        # a closing quote after the full stop still ends a sentence ('"Thank you Mr Smith!"')
        if sent.text.rstrip().rstrip(_QUOTES_CLOSE)[-1:] in ".!?;,":
            return False
        if sent.text[:1] in "-•*" and sent.text[1:2].isspace():
            return False  # a list item ("- J.W. de Koning (Arbeidsinspectie)") is no title
        if re.match(r"[^\W\d_]{2,12}:\s", sent.text) and re.search(r"\s[a-z]", sent.text):
            return False  # "Subject: Unusual transactions, customer ...": a label, then prose
        if _CASE_HEADING.match(sent.text):
            return False  # "Case study 3: Anil and Mala Perera": a label, then names
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
            # "Royal Borough of Kingsmere": an opening adjective before the body's word
            lead = 1 if tokens[0].text in self.lex.org_opening_adjectives else 0
            return self.lex.is_org_word(words[-1]) or (
                self.lex.is_org_head(words[lead])
                and any(w in self.lex.org_connectors for w in words)
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

    # -- after the sentences (the other document-wide passes are in name_passes.py) ----------
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
