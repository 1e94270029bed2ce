"""Words and sentences of a text, with their character offsets.

>>> [s.text for s in sentences("Dr. Ali kwam. Hij bleef.")]
['Dr. Ali kwam.', 'Hij bleef.']
>>> [t.text for t in tokenize("Mus'ab Abu-Quarin (37), B.V., 's-Hertogenbosch")]
["Mus'ab", 'Abu-Quarin', '37', 'B.V.', "'s-Hertogenbosch"]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A word: letters with inner apostrophes and hyphens ("Mus'ab", "al-Milad", "Abu-Quarin"),
# a dotted abbreviation ("B.V.", "U.S."), a single initial with its dot ("J."), or digits.
TOKEN_RE = re.compile(
    r"['’]s-[^\W\d_][\w'’-]*[^\W_]"  # 's-Hertogenbosch, 's-Gravenzande (Dutch place names)
    r"|(?<![\w'’])['’]t(?=[ \t])"  # the particle 't: "Elske van 't Zand"
    r"|(?:[^\W\d_]\.){2,}"  # B.V., U.S., a.k.a.
    r"|[^\W\d_](?:[\w'’`‘-]*[^\W_])?\.?"  # a word, with a dot that tokenize() may give back
    r"|\d+(?:[.,]\d+)*"
)
# Abbreviations whose dot does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "dhr", "mw", "mevr", "drs", "ir", "ing", "gen", "col",
    "lt", "maj", "capt", "sgt", "cmdr", "adm", "jr", "sr", "no", "nr", "nos", "vs", "ca", "bijv",
    "o.a", "e.g", "i.e", "etc", "ltd", "inc", "co", "corp", "b.v", "n.v", "a.k.a", "art", "p", "pp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "tel",
    "fig", "vol", "blz", "resp", "evt", "m.b.t", "t.a.v", "i.v.m", "z.g", "zgn", "şti", "sti",
    "pvt", "pty", "pte", "sdn", "bhd", "sp", "spol", "kft", "zrt", "nyrt", "lda", "zn", "gebr",
}  # fmt: skip
# A surname written as an initial after a prefix: "Soufiane el-K.", "Youssef Ben-S."
_PREFIXED_INITIAL = re.compile(r"[-'’][^\W\d_]\.$")
# Lines of hard-wrapped text (e-mail, plain-text reports) are at most about 80 characters.
_WRAP_WIDTH = 100
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*(?=\s)|\n\s*\n|\n(?=\s*[-•*]\s)")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of text[start:end], offsets into `text`."""
    out = []
    for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        word = m.group(0)
        # A trailing dot belongs to the word only for initials and known abbreviations.
        if (
            word.endswith(".")
            and len(word) > 2
            and word.count(".") == 1
            and word[:-1].lower() not in ABBREVIATIONS
            and not (_PREFIXED_INITIAL.search(word) and word[-2].isupper())
        ):
            out.append(Token(word[:-1], m.start(), m.end() - 1))
            continue
        out.append(Token(word, m.start(), m.end()))
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences with offsets. Splits after . ! ? (not after abbreviations or initials), at
    blank lines and list bullets, and at line ends that close a short line (headlines)."""
    out: list[Sentence] = []
    pos = 0
    for brk in sorted(set(_iter_breaks(text))):
        _add_sentence(text, pos, brk, out)
        pos = brk
    _add_sentence(text, pos, len(text), out)
    return out


def _iter_breaks(text: str) -> Iterator[int]:
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] == ".":
            before = text[max(0, m.start() - 12) : m.start()]
            word = re.search(r"([^\s(\"'“]+)$", before)
            if word:
                w = word.group(1).lower().rstrip(".")
                if w in ABBREVIATIONS or re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", w):
                    continue  # "Dr.", an initial "J." or "J.P."
                if re.search(r"[-'’][^\W\d_]$", word.group(1)) and word.group(1)[-1].isupper():
                    continue  # "el-K."
        yield m.end()
    # A single newline ends a sentence when the line before it is short (headlines, list
    # items, letter headers) or ends with a colon; in a text whose paragraphs are written on
    # one line each (a line longer than hard-wrapped text has), every line ends one: lists
    # of people with their posts, table rows.
    wrapped = max((len(x) for x in text.split("\n")), default=0) <= _WRAP_WIDTH
    for m in re.finditer(r"\n", text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()].strip()
        if line and (len(line) < 60 or line.endswith(":") or not wrapped):
            yield m.end()


def _add_sentence(text: str, start: int, end: int, out: list[Sentence]) -> None:
    if end <= start:
        return
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail <= lead:
        return
    out.append(Sentence(text[start + lead : start + trail], start + lead, start + trail))
