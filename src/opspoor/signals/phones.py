"""Phone numbers in ad text, including the ones written to slip past scrapers.

    >>> [(p.e164, p.obfuscated, p.tricks) for p in phone_numbers_in("bel nul zes 12 drie vier 56 78")]
    [('+31612345678', True, ('number words',))]
    >>> phone_numbers_in("Bel 06-12345678")[0].obfuscated
    False

A number is read as a run of "digit atoms" - digits (any script, styled or emoji keycap),
Dutch and English number words ("zes", "twaalf", "vijfentwintig", "six"), and the letters O
and l/I where they touch a digit - joined by short separators. A run counts when it holds
9 to 15 digits and `phonenumbers` finds a valid number (default region NL). What made a
number obscured is reported as `tricks`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers
import yaml

from opspoor.signals.textnorm import NormalText

NUMBERS_FILE = Path(__file__).parent / "lexicons" / "numbers.yml"
SEPARATORS = frozenset(" \t-./()_*~•·,|\u2010\u2011\u2012\u2013\u2014\u2212")
ODD_SEPARATORS = frozenset("_*~•·,|")
STRONG_SEPARATORS = frozenset("/,|")
MAX_GAP = 3
MAX_GROUPS = 40  # longer runs of numbers are tables, not phones; split them
MIN_DIGITS, MAX_DIGITS = 9, 15
DEFAULT_REGION = "NL"


@dataclass(frozen=True)
class PhoneMention:
    """One phone number found in a text; `start`/`end` index the original text."""

    start: int
    end: int
    raw: str
    digits: str
    e164: str
    obfuscated: bool
    tricks: tuple[str, ...] = ()

    def to_identifier(self) -> dict[str, object]:
        """The DESIGN.md identifier object, plus what made the number obscured."""
        return {
            "type": "phone",
            "value": self.raw,
            "normalized": self.e164,
            "start": self.start,
            "end": self.end,
            "obfuscated": self.obfuscated,
            "tricks": list(self.tricks),
        }


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    digits: str
    kind: str  # digit | word | lookalike


@lru_cache(maxsize=1)
def number_words() -> dict[str, str]:
    """Every number word (lower case) and the digits it stands for, 0-99, Dutch and English."""
    data = yaml.safe_load(NUMBERS_FILE.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for section in ("units", "teens", "tens"):
        for table in data[section].values():
            for word, value in table.items():
                words[str(word).lower()] = str(value)
    for lang, templates in data["compose"].items():
        units = {w: v for w, v in data["units"][lang].items() if 1 <= v <= 9}
        for tens_word, tens_value in data["tens"][lang].items():
            for unit_word, unit_value in units.items():
                for template in templates:
                    word = template.format(unit=unit_word, tens=tens_word).lower()
                    words[word] = str(tens_value + unit_value)
    return words


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, str]:
    data = yaml.safe_load(NUMBERS_FILE.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["lookalikes"].items()}


# Letter runs and single digits: number words are looked up per token, which is much faster
# than one regex alternation of every number word tried at every position.
_TOKEN = re.compile(r"[^\W\d_]+|\d\u20e3?")


def _atoms(text: str) -> list[_Atom]:
    out: list[_Atom] = []
    words = number_words()
    looks = _lookalikes()
    look_chars = "".join(looks)
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            start, end = m.span()
            out.append(_Atom(start, end, str(unicodedata.digit(token[0])), "digit"))
            continue
        value = words.get(token.lower())
        if value is None and token.strip(look_chars):
            continue  # an ordinary word: the common case
        start, end = m.span()
        if value is not None:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind == "word"
                and len(prev.digits) == 2
                and prev.digits.endswith("0")
                and len(value) == 1
                and value != "0"
                and text[prev.end : start] in (" ", "-")
            ):  # "twenty five", "twenty-five"
                out[-1] = _Atom(prev.start, end, prev.digits[0] + value, "word")
            else:
                out.append(_Atom(start, end, value, "word"))
            continue
        # only look-alike letters (O, l, I): digits when they touch a digit
        if (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
            out.extend(
                _Atom(start + k, start + k + 1, looks[ch], "lookalike")
                for k, ch in enumerate(token)
            )
    return out


def _groups(text: str, atoms: list[_Atom]) -> list[list[list[_Atom]]]:
    """Atoms -> runs of groups: a group is atoms that touch; groups in a run are joined by
    short separators."""
    runs: list[list[list[_Atom]]] = []
    run: list[list[_Atom]] = []
    digits = 0
    prev: _Atom | None = None
    for atom in atoms:
        if prev is not None and atom.start == prev.end:
            run[-1].append(atom)
        else:
            gap = text[prev.end : atom.start] if prev is not None else None
            joinable = (
                gap is not None
                and len(gap) <= MAX_GAP
                and all(ch in SEPARATORS for ch in gap)
                # a comma joins dictated number words ("zero six, one two"), never digits
                # ("09.00-17.30, 7 dagen" is opening hours, not a phone)
                and (
                    "," not in gap
                    or (prev is not None and prev.kind == "word" and atom.kind == "word")
                )
                and not (digits >= MIN_DIGITS and any(ch in STRONG_SEPARATORS for ch in gap))
                and len(run) < MAX_GROUPS
            )
            if joinable:
                run.append([atom])
            else:
                if run:
                    runs.append(run)
                run = [[atom]]
                digits = 0
        digits += len(atom.digits)
        prev = atom
    if run:
        runs.append(run)
    return runs


def _tricks(view: NormalText, groups: list[list[_Atom]], start: int, end: int) -> tuple[str, ...]:
    atoms = [a for g in groups for a in g]
    tricks: list[str] = []
    if any(a.kind == "word" for a in atoms):
        tricks.append("number words")
    o_start, o_end = view.original_span(start, end)
    raw = view.original[o_start:o_end]
    if any(
        ord(ch) > 0x7F
        and (ch.isdigit() or unicodedata.digit(ch, None) is not None or ch == "\u20e3")
        for ch in raw
    ):
        tricks.append("emoji or styled digits")
    if any(a.kind == "lookalike" for a in atoms):
        tricks.append("look-alike letters")
    singles = sum(1 for g in groups if len(g) == 1 and g[0].kind == "digit")
    if singles >= 6:
        tricks.append("spaced digits")
    gaps = "".join(
        view.text[groups[i][-1].end : groups[i + 1][0].start] for i in range(len(groups) - 1)
    )
    if any(ch in ODD_SEPARATORS for ch in gaps):
        tricks.append("odd separators")
    return tuple(tricks)


@lru_cache(maxsize=65536)
def _parse(digits: str, plus: bool, region: str) -> str | None:
    text = "+" + digits if plus else digits
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _try_run(
    view: NormalText, groups: list[list[_Atom]], region: str
) -> tuple[PhoneMention, int, int] | None:
    """The longest valid number in this run of groups, with its first and end group index."""
    text = view.text
    n = len(groups)
    group_digits = ["".join(a.digits for a in g) for g in groups]
    for length in range(n, 0, -1):
        for i in range(0, n - length + 1):
            digits = "".join(group_digits[i : i + length])
            if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
                continue
            chosen = groups[i : i + length]
            start = chosen[0][0].start
            plus = start > 0 and text[start - 1] == "+"
            if plus:
                start -= 1
            end = chosen[-1][-1].end
            tricks: tuple[str, ...] | None = None
            if not (plus or digits.startswith("0")):
                tricks = _tricks(view, chosen, start, end)
                if not tricks:
                    continue  # a bare 9-digit number is an id or an amount, not a phone
            e164 = _parse(digits, plus, region)
            if e164 is None:
                continue
            if tricks is None:
                tricks = _tricks(view, chosen, start, end)
            o_start, o_end = view.original_span(start, end)
            mention = PhoneMention(
                start=o_start,
                end=o_end,
                raw=view.original[o_start:o_end],
                digits=("+" if plus else "") + digits,
                e164=e164,
                obfuscated=bool(tricks),
                tricks=tricks,
            )
            return mention, i, i + length
    return None


def phone_numbers_in(text: str | NormalText, region: str = DEFAULT_REGION) -> list[PhoneMention]:
    """Every phone number in `text`, plainly written or obscured, in order."""
    view = text if isinstance(text, NormalText) else NormalText.of(text)
    found: list[PhoneMention] = []
    for run in _groups(view.text, _atoms(view.text)):
        found.extend(_numbers_in_run(view, run, region))
    return found


def _numbers_in_run(view: NormalText, run: list[list[_Atom]], region: str) -> list[PhoneMention]:
    if sum(len(a.digits) for g in run for a in g) < MIN_DIGITS:
        return []
    hit = _try_run(view, run, region)
    if hit is None:
        return []
    mention, first, after = hit
    return [
        *_numbers_in_run(view, run[:first], region),
        mention,
        *_numbers_in_run(view, run[after:], region),
    ]
