"""Non-name evidence: birth dates, countries, gender, identifiers. Pure functions.

    >>> compare_dates(parse_dates(["1985-12-02"]), parse_dates(["1985-02-12"])).why
    'day and month swapped'

Each comparison returns a `Evidence(adjust, why, query, candidate)` where `adjust` is added to
the name score (positive: corroborates, negative: contradicts, 0: says nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from typing import NamedTuple

# props whose values identify a thing; the value must be equal (after normalising) to count
STRONG_ID_PROPS = (
    "passportNumber",
    "idNumber",
    "registrationNumber",
    "taxNumber",
    "imoNumber",
    "mmsi",
    "leiCode",
    "innCode",
    "ogrnCode",
    "swiftBic",
    "vatCode",
    "icaoCode",
    "serialNumber",
    "callSign",
    "okpoCode",
    "uniqueEntityId",
    "socialSecurityNumber",
)
# a conflict on these says the two cannot be the same thing (a vessel has one IMO number);
# people hold several passports and ID cards, so a different one says little
UNIQUE_ID_PROPS = {
    "imoNumber": -0.35,
    "mmsi": -0.15,
    "leiCode": -0.2,
    "innCode": -0.1,
    "ogrnCode": -0.1,
}
ID_CONFLICT_DEFAULT = -0.03
COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "flag", "birthCountry")

_ID_CLEAN = re.compile(r"[^0-9A-Z]")
_IMO_PREFIX = re.compile(r"^IMO")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RANGE = re.compile(r"^\s*(?:between\s+)?(\d{4})\s*(?:-|–|\.\.|/|to|and)\s*(\d{4})\s*$", re.I)


class Evidence(NamedTuple):
    feature: str
    adjust: float
    why: str
    query: str
    candidate: str


class BirthDate(NamedTuple):
    year: int
    month: int | None
    day: int | None
    until_year: int | None  # for a range "1970-1975"
    text: str


def normalize_identifier(value: str) -> str:
    """Upper-case letters and digits only; "IMO 9123456" -> "9123456"."""
    out = _ID_CLEAN.sub("", str(value).upper())
    return _IMO_PREFIX.sub("", out) if out.startswith("IMO") and out[3:].isdigit() else out


def parse_dates(values: Iterable[str]) -> list[BirthDate]:
    """Birth dates from FtM values ("1985-12-02", "1985-12", "1985") or ranges ("1970-1975").

    Values that hold no plausible year are skipped, never an error.
    """
    out: list[BirthDate] = []
    for value in values:
        text = str(value).strip()
        m = _RANGE.match(text)
        if m:
            a, b = sorted((int(m.group(1)), int(m.group(2))))
            if 1000 <= a <= 2200 and b - a <= 50:
                out.append(BirthDate(a, None, None, b, text))
            continue
        m = _DATE.match(text)
        if not m:
            continue
        year = int(m.group(1))
        if not 1000 <= year <= 2200:
            continue
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            month, day = None, None
        if day is not None and not 1 <= day <= 31:
            day = None
        out.append(BirthDate(year, month, day, None, text))
    return out


def _date_pair(a: BirthDate, b: BirthDate) -> tuple[float, str]:
    if a.until_year or b.until_year:
        lo_a, hi_a = a.year, a.until_year or a.year
        lo_b, hi_b = b.year, b.until_year or b.year
        if lo_a <= hi_b and lo_b <= hi_a:
            return 0.03, "birth year within the range"
        gap = min(abs(lo_a - hi_b), abs(lo_b - hi_a))
        return (
            (-0.05, "birth years close to the range") if gap <= 2 else (-0.15, "birth years differ")
        )
    if a.year != b.year:
        gap = abs(a.year - b.year)
        if gap == 1:
            return -0.03, "birth years one apart"
        return (-0.1, "birth years differ") if gap <= 5 else (-0.2, "birth years differ")
    if a.month is None or b.month is None:
        return 0.04, "same birth year"
    if a.month == b.month and (a.day is None or b.day is None or a.day == b.day):
        if a.day is not None and b.day is not None:
            return 0.1, "same birth date"
        return 0.06, "same birth year and month"
    if a.day is not None and b.day is not None and a.day == b.month and a.month == b.day:
        return 0.08, "day and month swapped"
    return -0.04, "same birth year, other day"


def compare_dates(query: Sequence[BirthDate], candidate: Sequence[BirthDate]) -> Evidence | None:
    """Best agreement between any two birth dates; None when one side has none."""
    if not query or not candidate:
        return None
    best: tuple[float, str, BirthDate, BirthDate] | None = None
    for a in query:
        for b in candidate:
            adj, why = _date_pair(a, b)
            if best is None or adj > best[0]:
                best = (adj, why, a, b)
    assert best is not None
    return Evidence("birth_date", best[0], best[1], best[2].text, best[3].text)


def compare_countries(query: Set[str], candidate: Set[str]) -> Evidence | None:
    if not query or not candidate:
        return None
    both = query & candidate
    q, c = ", ".join(sorted(query)), ", ".join(sorted(candidate))
    if both:
        return Evidence("country", 0.03, "same country", q, c)
    return Evidence("country", -0.06, "different countries", q, c)


def compare_gender(query: Set[str], candidate: Set[str]) -> Evidence | None:
    if not query or not candidate or query & candidate:
        return None
    return Evidence(
        "gender", -0.1, "different gender", ", ".join(sorted(query)), ", ".join(sorted(candidate))
    )


def compare_identifiers(
    query: dict[str, set[str]], candidate: dict[str, set[str]]
) -> Evidence | None:
    """A shared identifier (any prop: lists file numbers under different headings) outranks names;
    a different number under the same unique heading (IMO, MMSI) contradicts them."""
    if not query or not candidate:
        return None
    q_all = {v: p for p, vals in query.items() for v in vals}
    c_all = {v: p for p, vals in candidate.items() for v in vals}
    for value, prop in q_all.items():
        if value in c_all and len(value) >= 4:
            return Evidence("identifier", 1.0, f"same {prop}", value, value)
    worst: Evidence | None = None
    for prop, vals in query.items():
        other = candidate.get(prop)
        if other and not vals & other:
            adj = UNIQUE_ID_PROPS.get(prop, ID_CONFLICT_DEFAULT)
            if worst is None or adj < worst.adjust:
                worst = Evidence(
                    "identifier",
                    adj,
                    f"different {prop}",
                    ", ".join(sorted(vals)),
                    ", ".join(sorted(other)),
                )
    return worst
