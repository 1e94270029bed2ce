"""Read the facts OFAC packs into an SDN's remarks: pure functions, driven by a data table.

    >>> [f.values for f in parse_remarks("DOB 1982 to 1983; nationality Libya; a.k.a. 'Amu'.")]
    [('1982', '1983'), ('ly',), ('Amu',)]

The table (`data/ofac_remarks.yml`) maps OFAC's labels ("DOB", "Passport", "MMSI", ...) to
FollowTheMoney properties. sdn.xml carries the same labels as `idType`, so the XML reader feeds
"<idType> <idNumber>" through `parse_fact` too. Nothing here raises on odd text: a fact that
cannot be read becomes a `note` holding the text as published.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from followthemoney import registry

TABLE_PATH = Path(__file__).parent / "data" / "ofac_remarks.yml"
COUNTRIES_PATH = Path(__file__).parent / "data" / "ofac_countries.yml"
NOTE = "note"

MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
# Year ranges up to this span are spelled out year by year ("1985 to 1987" -> 1985, 1986, 1987),
# so a matcher comparing birth years finds every year OFAC allows; wider ones are taken as typos
# and keep their two ends (the same rule as the UN, EU and UK readers).
MAX_YEAR_SPAN = 30
# OFAC's Remarks column holds 1,000 characters; a longer "fact" is not one, and is kept as a note.
MAX_FACT_LENGTH = 2000

_DATE_RE = re.compile(
    r"^(?:(?P<day>\d{1,2})[\s-]+)?(?:(?P<month>[A-Za-z]{3,9})\.?[\s-]+)?(?P<year>\d{4})$"
)
_US_DATE_RE = re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})$")
_ISO_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_CIRCA_RE = re.compile(r"^(?:circa|approximately|approx\.|c\.|about)\s+", re.IGNORECASE)
# "1982 to 1983", "1979 - 1982", "1979-1982" (a dash between years only: "12-Dec-1985" is one date)
_RANGE_RE = re.compile(
    r"\s+(?:to|-|–)\s+|(?<=\d{4})\s*[-–]\s*(?=\d{1,2}\s|\d{4}|[A-Za-z]{3})", re.IGNORECASE
)
_DOCUMENT_RE = re.compile(
    r"^(?P<number>.*?)"
    r"(?:\s*\((?P<country>[^()]*)\))?"
    r"(?:\s*,?\s*issued\s+(?P<issued>[^,]*?))?"
    r"(?:\s*,?\s*expires\s+(?P<expires>[^,]*?))?"
    r"\s*\.?$",
    re.IGNORECASE | re.DOTALL,
)
_WS_RE = re.compile(r"\s+")
_FIRST_WORD_RE = re.compile(r"[^\s:]+")


@dataclass(frozen=True)
class Rule:
    """One row of the table: labels, how to read the value, where it goes."""

    labels: tuple[str, ...]
    parse: str
    props: tuple[str, ...] = ()
    document: str | None = None


@dataclass(frozen=True)
class Fact:
    """One fact read from remarks (or an XML id element).

    `values` are ready for FtM (ISO dates, country codes, names); `keep_text` says the reading
    may have left something out, so the caller keeps `text` in notes as well.
    """

    text: str
    parse: str = NOTE
    label: str | None = None
    props: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    alt: bool = False
    country: str | None = None  # issuing country of a document (ISO code)
    issued: str | None = None
    expires: str | None = None
    document: str | None = None  # FtM schema of a separate identity document entity
    currency: str | None = None  # digital currency code (XBT, ETH, ...)
    keep_text: bool = False


def note(text: str) -> Fact:
    return Fact(text=text)


# -- the table ------------------------------------------------------------------------------


@cache
def load_rules(path: Path = TABLE_PATH) -> tuple[Rule, ...]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    rules = []
    for item in data["rules"]:
        rules.append(
            Rule(
                labels=tuple(str(label) for label in item["labels"]),
                parse=str(item["parse"]),
                props=tuple(item.get("props") or ()),
                document=item.get("document"),
            )
        )
    return tuple(rules)


@cache
def _labels_by_first_word(path: Path = TABLE_PATH) -> dict[str, list[tuple[str, Rule]]]:
    """Labels indexed by their first word, longest first: a dict lookup, then a few
    startswith tests, is much quicker than one regex of some 200 alternatives."""
    index: dict[str, list[tuple[str, Rule]]] = {}
    for rule in load_rules(path):
        for label in rule.labels:
            key = label.casefold()
            index.setdefault(_first_word(key), []).append((key, rule))
    for candidates in index.values():
        candidates.sort(key=lambda item: len(item[0]), reverse=True)
    return index


def _first_word(text: str) -> str:
    m = _FIRST_WORD_RE.match(text)
    return m.group(0) if m else ""


def match_label(text: str) -> tuple[Rule, str, str, bool] | None:
    """(rule, label as written, rest of the text, "alt."?) for a fact; None if no label fits."""
    folded = text.casefold()
    alt = False
    if folded.startswith("alt."):
        alt = True
        skip = len(text) - len(text[4:].lstrip())
        text, folded = text[skip:], folded[skip:]
    for label, rule in _labels_by_first_word().get(_first_word(folded), ()):
        # (the second test guards against letters whose case-folding changes the length)
        if not folded.startswith(label) or text[: len(label)].casefold() != label:
            continue
        rest = text[len(label) :]
        if rest and not (rest[0].isspace() or rest[0] == ":"):
            continue  # "Passports..." is not "Passport"
        rest = rest.strip()
        if rest.startswith(":"):
            rest = rest[1:].strip()
        return rule, text[: len(label)], rest, alt
    return None


# -- splitting ------------------------------------------------------------------------------


def split_remarks(text: str | None) -> list[str]:
    """The facts of a remarks field, in order. sdn.xml may wrap remarks in parentheses."""
    if not text:
        return []
    text = text.strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    return [part for part in (squash(p) for p in text.split(";")) if part]


def parse_remarks(text: str | None) -> list[Fact]:
    """Every fact of a remarks field; unknown ones as notes."""
    return [parse_fact(part) for part in split_remarks(text)]


@lru_cache(maxsize=1 << 16)  # facts repeat a lot ("Gender Male"); a Fact is immutable
def parse_fact(text: str) -> Fact:
    """Read one fact ("Passport A005465 (Libya) issued 12 Apr 2015") with the table."""
    text = squash(text)
    found = match_label(text) if 0 < len(text) <= MAX_FACT_LENGTH else None
    if found is None:
        return note(text)
    rule, label, rest, alt = found
    try:
        fact = _read_value(rule, label, text, rest, alt)
    except (ValueError, OverflowError):  # belt and braces: odd text never escapes as an error
        fact = None
    return note(text) if fact is None else fact


def _read_value(rule: Rule, label: str, text: str, rest: str, alt: bool) -> Fact | None:
    kind = rule.parse

    def fact(*values: str | None, **extra: Any) -> Fact | None:
        if not values or not all(values):
            return None
        clean = tuple(v for v in values if v)
        return Fact(text, kind, label, rule.props, clean, alt, **extra)

    if kind == "provision":
        return fact(strip_final_dot(text))
    if not rest:
        return None
    if kind == "date":
        # "circa 1960" is stored as 1960; the fact's text is kept in notes to say it is approximate.
        return fact(*parse_dates(rest), keep_text=bool(_CIRCA_RE.match(rest)))
    if kind == "text":
        return fact(strip_final_dot(rest))
    if kind == "country":
        return fact(clean_country(strip_final_dot(rest)))
    if kind == "gender":
        return fact(registry.gender.clean(strip_final_dot(rest)))
    if kind == "quoted":
        return fact(unquote(rest))
    if kind == "link":
        return fact(rest)
    if kind == "imo":
        return fact(clean_imo(rest))
    if kind == "phone":
        return fact(clean_phone(rest))
    if kind == "crypto":
        parts = strip_final_dot(rest).split()
        return fact(parts[1], currency=parts[0].upper()) if len(parts) == 2 else None
    if kind == "document":
        return _read_document(rule, label, text, rest, alt)
    return None


def _read_document(rule: Rule, label: str, text: str, rest: str, alt: bool) -> Fact | None:
    m = _DOCUMENT_RE.match(rest)
    if m is None:  # pragma: no cover - the pattern matches any string
        return None
    number = m.group("number").strip().rstrip(".,;").strip()
    country_text = m.group("country")
    country = clean_country(country_text) if country_text else None
    if country_text and country is None:
        # Not a country: the parenthesis belongs to the number ("BIK (RU) 0445...").
        number = f"{number} ({country_text})".strip()
    issued = parse_date(m.group("issued")) if m.group("issued") else None
    expires = parse_date(m.group("expires")) if m.group("expires") else None
    # A date that cannot be read: keep the whole fact as text too.
    keep_text = bool((m.group("issued") and not issued) or (m.group("expires") and not expires))
    if not number:
        return None
    return Fact(
        text,
        "document",
        label,
        rule.props,
        (number,),
        alt,
        country=country,
        issued=issued,
        expires=expires,
        document=rule.document,
        keep_text=keep_text,
    )


# -- values ---------------------------------------------------------------------------------


def squash(text: str) -> str:
    """Collapse runs of blanks and trim (quick when there is nothing to do)."""
    text = text.strip()
    if "  " in text or "\t" in text or "\n" in text or "\r" in text or "\xa0" in text:
        text = _WS_RE.sub(" ", text)
    return text


def strip_final_dot(text: str) -> str:
    """OFAC ends each remarks field with a full stop; drop it (and stray blanks)."""
    text = text.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def unquote(text: str) -> str:
    """'Al Qasseb' -> Al Qasseb (names in remarks are in single quotes)."""
    text = strip_final_dot(text)
    if len(text) >= 2 and text[0] in "'\"" and text[-1] in "'\"":
        text = text[1:-1]
    return text.strip()


@cache
def ofac_countries(path: Path = COUNTRIES_PATH) -> dict[str, str | None]:
    """OFAC's country names (casefolded) -> FtM country codes, None for known non-countries."""
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    table: dict[str, str | None] = {
        str(n).casefold(): None for n in data.get("not_countries") or []
    }
    table.update({str(name).casefold(): str(code) for name, code in data["countries"].items()})
    return table


@lru_cache(maxsize=4096)
def clean_country(text: str) -> str | None:
    """An FtM country code for OFAC's country names ("Korea, North" -> "kp"); None if unknown."""
    text = _WS_RE.sub(" ", text).strip()
    if not text or len(text) > 80:
        return None
    table = ofac_countries()
    key = text.casefold()
    if key in table:
        return table[key]
    code = registry.country.clean(text)
    return str(code) if code else None


def clean_imo(text: str) -> str | None:
    m = re.search(r"(?<!\d)(\d{7})(?!\d)", text)
    return f"IMO{m.group(1)}" if m else None


def clean_phone(text: str) -> str | None:
    """A phone number in E.164 form if one can be read ("(357)(22660766)" -> "+35722660766")."""
    text = strip_final_dot(text)
    digits = re.sub(r"\D", "", text)
    if not 6 <= len(digits) <= 17:
        return None
    candidates = [text]
    m = re.match(r"^\(\+?(\d{1,4})\)\s*\(?([\d\s-]+)\)?$", text)
    if m:
        candidates.append("+" + m.group(1) + re.sub(r"\D", "", m.group(2)))
    if digits.startswith("00"):
        candidates.append("+" + digits[2:])
    candidates.append("+" + digits)
    for candidate in candidates:
        try:
            cleaned = registry.phone.clean(candidate)
        except Exception:  # phonenumbers raises its own errors on odd input
            cleaned = None
        if cleaned:
            return str(cleaned)
    return None


def parse_date(text: str) -> str | None:
    """One OFAC date ("12 Dec 1985", "Dec 1985", "1985", "12/06/2024") as ISO 8601."""
    text = strip_final_dot(text)
    m = _DATE_RE.match(text) or _US_DATE_RE.match(text) or _ISO_DATE_RE.match(text)
    if m is None:
        return None
    year = int(m.group("year"))
    if not 1000 <= year <= 2999:
        return None
    month_text = m.group("month")
    if month_text is None:
        if m.group("day"):
            return None  # "12 1985": a day without a month
        return f"{year:04d}"
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:3].lower())
    if month is None or not 1 <= month <= 12:
        return None
    day_text = m.group("day")
    if day_text is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(day_text)).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"  # "31 Feb 1960": keep what is certain


def parse_dates(text: str) -> list[str]:
    """A DOB-style value: one date, "circa" a date, or a range ("1982 to 1983")."""
    text = _CIRCA_RE.sub("", strip_final_dot(text))
    parts = _RANGE_RE.split(text)
    if len(parts) == 1:
        one = parse_date(text)
        return [one] if one else []
    if len(parts) != 2:
        return []
    start, end = (parse_date(p) for p in parts)
    if start is None or end is None:
        return []
    if len(start) == 4 and len(end) == 4 and 0 < int(end) - int(start) <= MAX_YEAR_SPAN:
        return [str(year) for year in range(int(start), int(end) + 1)]
    return [start] if start == end else [start, end]


def split_person_name(name: str) -> tuple[str | None, str | None]:
    """OFAC writes people as "LAST, First": return (last, first)."""
    if "," not in name:
        return (name.strip() or None, None)
    last, first = name.split(",", 1)
    return (last.strip() or None, first.strip() or None)


def split_programs(text: str | None) -> list[str]:
    """'SDGT] [LIBYA3' -> ['SDGT', 'LIBYA3'] (sdn.csv joins programs this way)."""
    if not text:
        return []
    parts = re.split(r"\]\s*\[", text)
    return [p.strip(" []") for p in parts if p.strip(" []")]


def normalize_name(name: str) -> str:
    """A key to find an SDN by its published name (for "Linked To:" and vessel owners)."""
    return _WS_RE.sub(" ", name.casefold()).strip().rstrip(".").strip()
