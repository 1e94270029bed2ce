"""What the UN, EU and UK readers share: ids, dates, countries, scripts, and `Listing`.

A `Listing` gathers one listed party (a Person, Organization or Vessel) with the entities
hanging off it (its Sanction, passports, addresses), remembering where each value was read:

    >>> listing = Listing("Person", "unsc-lyi-025", "LYi.025", "INDIVIDUAL LYi.025 (line 13549)")
    >>> listing.add("name", "Mohammed Al Amin Al-Arabi Kashlaf", line=13553)
    >>> listing.add("alias", "محمد الأمين العربي كشلاف", lang="ara")
    >>> records = listing.records()
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from followthemoney import model, registry
from followthemoney.proxy import EntityProxy
from lxml import etree

from opspoor.errors import InputError
from opspoor.lists.model import ParsedList, files_sha256
from opspoor.store.records import Record

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_SPACE_RE = re.compile(r"\s+")
# An ISO date, maybe with a time or a zone after it ("1960-01-01-05:00" is in UN files).
_ISO_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*|[+-]\d{2}:?\d{2}|Z)?$")
_YEAR_SPAN_RE = re.compile(r"^(\d{4})\s*(?:-|–|to)\s*(\d{4})$")
_DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_YEAR_RE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b",
    re.I,
)
_MONTHS_THEN_YEAR_RE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:and|or|-)\s+"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})\b",
    re.I,
)
_MONTH_ONLY_RE = re.compile(
    r"^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I
)
# A year range wider than this is not a birth-date range but a typo; keep just its ends.
MAX_YEAR_SPAN = 30

# Unicode script (first word of a character's name) -> ISO 639-3 code used as statement lang.
# The lists do not say which language a non-Latin name is in, only the script it is written in;
# we tag the script's main language so original-script names stay apart from transliterations.
SCRIPT_LANGS = {
    "ARABIC": "ara",
    "CYRILLIC": "rus",
    "HANGUL": "kor",
    "CJK": "zho",
    "HIRAGANA": "jpn",
    "KATAKANA": "jpn",
    "HEBREW": "heb",
    "GREEK": "ell",
    "GEORGIAN": "kat",
    "ARMENIAN": "hye",
    "ETHIOPIC": "amh",
    "THAI": "tha",
    "MYANMAR": "mya",
    "DEVANAGARI": "hin",
}


# -- text and ids -----------------------------------------------------------------------------
def clean_text(value: str | None) -> str | None:
    """Collapse whitespace; None for empty values."""
    if value is None:
        return None
    text = _SPACE_RE.sub(" ", value).strip()
    return text or None


def slug(value: str) -> str:
    """Lowercase ASCII slug for entity ids: "LYi.025" -> "lyi-025"."""
    text = _SLUG_RE.sub("-", value.lower()).strip("-")
    if not text:  # a value in another script only: keep it stable all the same
        text = hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]
    return text


def make_id(*parts: str | None) -> str:
    """An FtM entity id from the given parts: make_id("unsc", "LYi.025") -> "unsc-lyi-025"."""
    return "-".join(slug(p) for p in parts if p)


def short_hash(*parts: str | None) -> str:
    text = "\x1f".join(p or "" for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def join_text(parts: Iterable[str | None], sep: str = ", ") -> str | None:
    return clean_text(sep.join(p for p in (clean_text(x) for x in parts) if p))


# -- countries, languages, scripts ------------------------------------------------------------
@lru_cache(maxsize=4096)
def country_codes(text: str | None) -> tuple[str, ...]:
    """ISO codes for a country name, code or demonym; () when none can be told.

    "Libya" -> ("ly",); "Sudan/South Sudan" -> ("sd", "ss"); "Libya (in custody)" -> ("ly",).
    """
    value = clean_text(text)
    if not value:
        return ()
    code = registry.country.clean(value)
    if code:
        return (code,)
    stripped = clean_text(re.sub(r"\([^)]*\)", " ", value))
    if stripped and stripped != value:
        code = registry.country.clean(stripped)
        if code:
            return (code,)
    parts = [p for p in re.split(r"/|,|;|\bor\b|\band\b", stripped or value) if clean_text(p)]
    if len(parts) > 1:
        codes = [registry.country.clean(clean_text(p) or "") for p in parts]
        found = tuple(dict.fromkeys(c for c in codes if c))
        if found:
            return found
    return ()


@lru_cache(maxsize=256)
def language_code(code: str | None) -> str | None:
    """ISO 639-3 for a language code or name ("AR", "ru", "ara") or None."""
    value = clean_text(code)
    if not value:
        return None
    return registry.language.clean(value.lower())


def script_lang(text: str) -> str | None:
    """The language tag for a name written in a non-Latin script, from its letters."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F:  # past Latin Extended-B
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script = max(counts, key=lambda s: counts[s])
    return SCRIPT_LANGS.get(script)


def gender(value: str | None) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    cleaned: str | None = registry.gender.clean(text)
    return cleaned


# -- dates --------------------------------------------------------------------------------------
def iso_date(text: str | None) -> str | None:
    """ "1985-12-02", "1985-12", "1985" (or with a time part) -> the same ISO prefix; else None."""
    value = clean_text(text)
    if not value:
        return None
    match = _ISO_DATE_RE.match(value)
    if not match:
        return None
    return _ymd(match.group(1), match.group(2), match.group(3))


def date_values(text: str | None) -> list[str]:
    """Dates in a date field: an ISO date, or a year span "1960 - 1965" as every year in it."""
    value = clean_text(text)
    if not value:
        return []
    span = _YEAR_SPAN_RE.match(value)
    if span:
        return year_range(span.group(1), span.group(2))
    date = iso_date(value)
    return [date] if date else []


def dmy_date(text: str | None) -> str | None:
    """ "02/12/1985" -> "1985-12-02"; "00/00/1985" -> "1985"; "00/12/1985" -> "1985-12"."""
    value = clean_text(text)
    if not value:
        return None
    match = _DMY_RE.match(value)
    if not match:
        return None
    day, month, year = match.groups()
    return _ymd(year, month, day)


def _ymd(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if y < 1000:
        return None
    m = int(month) if month else 0
    d = int(day) if day else 0
    if not 1 <= m <= 12:
        return f"{y:04d}"
    if d == 0:
        return f"{y:04d}-{m:02d}"
    try:
        dt.date(y, m, d)
    except ValueError:  # e.g. 31/02: keep what is certain
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def year_range(start: str | int | None, end: str | int | None) -> list[str]:
    """Every year from start to end as year-precision dates: (1980, 1982) -> ["1980", "1981", "1982"]."""
    years = [int(y) for y in (start, end) if y is not None and str(y).strip().isdigit()]
    years = [y for y in years if 1000 <= y <= 9999]
    if not years:
        return []
    low, high = min(years), max(years)
    if high - low > MAX_YEAR_SPAN:
        return [str(low), str(high)]
    return [str(y) for y in range(low, high + 1)]


def dates_in_note(text: str | None, year: str | None = None) -> list[str]:
    """Month or day precision dates written out in a note: "Nov. 1973" -> ["1973-11"],
    "Between Aug. and Sep. 1977" -> ["1977-08", "1977-09"], "Sep." with year 1958 -> ["1958-09"]."""
    value = clean_text(text)
    if not value:
        return []
    found: list[str] = []
    for m1, m2, y in _MONTHS_THEN_YEAR_RE.findall(value):
        for mon in (m1, m2):
            found.append(f"{int(y):04d}-{_MONTHS[mon.lower()]:02d}")
    for day, mon, y in _MONTH_YEAR_RE.findall(value):
        date = _ymd(y, str(_MONTHS[mon.lower()]), day or None)
        if date:
            found.append(date)
    only = _MONTH_ONLY_RE.match(value)
    if only and year and year.isdigit():
        found.append(f"{int(year):04d}-{_MONTHS[only.group(1).lower()]:02d}")
    return list(dict.fromkeys(found))


def iso_timestamp(text: str | None) -> str | None:
    """A publisher's timestamp as UTC "YYYY-MM-DDTHH:MM:SS" (or a bare date), comparable as text.

    "2020-03-20T19:09:21.822-04:00" -> "2020-03-20T23:09:21"; "26/09/2024" -> "2024-09-26".
    """
    value = clean_text(text)
    if not value:
        return None
    dmy = dmy_date(value)
    if dmy:
        return dmy
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return iso_date(value)
    if len(value) <= 10:
        return parsed.date().isoformat()
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed.replace(microsecond=0).isoformat()


# -- one listed party with its attached entities ----------------------------------------------
class Listing:
    """One listed party and the entities attached to it, with provenance per value."""

    def __init__(self, schema: str, entity_id: str, reference: str, location: str) -> None:
        self.entity = model.make_entity(schema)
        self.entity.id = entity_id
        self.reference = reference
        self.location = location
        self.locations: dict[tuple[str, str], str] = {}
        self.langs: dict[tuple[str, str], str] = {}
        self.attached: dict[str, EntityProxy] = {}
        self.attached_lines: dict[str, int] = {}
        self.line_prefix = location.split(" (line", 1)[0]

    @property
    def id(self) -> str:
        assert self.entity.id is not None
        return self.entity.id

    def add(
        self,
        prop: str,
        value: str | None,
        line: int | None = None,
        lang: str | None = None,
        cleaned: bool = False,
    ) -> str | None:
        """Add a value to the party; returns the value as stored (None if empty or invalid)."""
        if value is None:
            return None
        if not cleaned:
            value = clean_text(value)
            if value is None:
                return None
        prop_obj = self.entity.schema.properties.get(prop)
        if prop_obj is None:  # e.g. a position given for a LegalEntity: keep it as a note
            if prop == "notes":
                return None
            return self.add("notes", f"{prop}: {value}", line=line)
        added = self.entity.unsafe_add(prop_obj, value, cleaned=cleaned)
        if added is None:
            return None
        key = (prop, added)
        if line is not None and key not in self.locations:
            self.locations[key] = f"{self.line_prefix} (line {line})"
        if lang:
            self.langs.setdefault(key, lang)
        return added

    def add_country(self, prop: str, text: str | None, line: int | None = None) -> tuple[str, ...]:
        """Add the ISO codes of a country text; unresolved texts go to notes so nothing is lost."""
        codes = country_codes(text)
        for code in codes:
            self.add(prop, code, line=line, cleaned=True)
        if not codes and clean_text(text) and self.entity.schema.get("notes") is not None:
            self.add("notes", f"{prop}: {clean_text(text)}", line=line)
        return codes

    def attach(self, entity: EntityProxy, line: int | None = None) -> EntityProxy:
        """Attach a related entity (merged with an earlier one of the same id)."""
        assert entity.id is not None
        existing = self.attached.get(entity.id)
        if existing is None:
            self.attached[entity.id] = entity
            if line is not None:
                self.attached_lines[entity.id] = line
            return entity
        existing.merge(entity)
        return existing

    def make(self, schema: str, *suffix: str | None) -> EntityProxy:
        """A new entity whose id derives from the party's: make("Sanction", "sanction")."""
        entity = model.make_entity(schema)
        entity.id = make_id(self.id, *suffix)
        return entity

    def add_address(
        self,
        full: str | None = None,
        street: str | None = None,
        city: str | None = None,
        region: str | None = None,
        postal_code: str | None = None,
        country: str | None = None,
        remarks: str | None = None,
        line: int | None = None,
    ) -> EntityProxy | None:
        """Address text on the party, plus an FtM Address entity when there is more than a country."""
        codes = self.add_country("country", country, line=line)
        parts = [street, city, region, postal_code, country]
        text = clean_text(full) or join_text(parts)
        if not any(clean_text(p) for p in (full, street, city, region, postal_code)):
            if clean_text(remarks) and not text:
                text = clean_text(remarks)
                remarks = None
            elif not clean_text(remarks):
                return None  # a country alone is already on the party
        if not text:
            return None
        self.add("address", text, line=line)
        address = self.make("Address", "address", short_hash(text.lower()))
        address.add("full", text)
        address.add("street", street)
        address.add("city", city)
        address.add("region", region)
        address.add("postalCode", postal_code)
        address.add("remarks", remarks)
        address.add("country", list(codes), cleaned=True)
        address = self.attach(address, line=line)
        self.add("addressEntity", address.id, cleaned=True)
        return address

    def add_document(
        self,
        number: str | None,
        kind: str | None = None,
        country: str | None = None,
        issued: str | None = None,
        expires: str | None = None,
        authority: str | None = None,
        description: str | None = None,
        passport: bool | None = None,
        line: int | None = None,
    ) -> EntityProxy | None:
        """A passport or other identity document: `passportNumber`/`idNumber` on the party and an
        FtM Passport/Identification entity with holder, number, country and type."""
        number = clean_text(number)
        if not number:
            if clean_text(kind) or clean_text(description):
                note = join_text([kind, description], sep=": ")
                self.add("notes", f"document without number: {note}", line=line)
            return None
        if passport is None:
            passport = is_passport(kind)
        is_person = self.entity.schema.is_a("Person")
        if passport and is_person:
            self.add("passportNumber", number, line=line)
            doc = self.make("Passport", "passport", number)
        else:
            if self.entity.schema.get("idNumber") is not None:
                self.add("idNumber", number, line=line)
            doc = self.make("Identification", "id", number)
        doc.add("holder", self.id)
        doc.add("number", number)
        doc.add("type", clean_text(kind))
        doc.add("country", list(country_codes(country)), cleaned=True)
        doc.add("startDate", issued)
        doc.add("endDate", expires)
        doc.add("authority", clean_text(authority))
        doc.add("description", clean_text(description))
        return self.attach(doc, line=line)

    def records(self) -> list[Record]:
        """The party's record first (with the reference), then its attached entities."""
        out = [
            Record(
                entity=self.entity,
                reference=self.reference,
                location=self.location,
                locations=self.locations,
                langs=self.langs,
            )
        ]
        for entity_id, entity in self.attached.items():
            line = self.attached_lines.get(entity_id)
            location = f"{self.line_prefix} (line {line})" if line is not None else self.location
            out.append(Record(entity=entity, location=location))
        return out


_PASSPORT_RE = re.compile(r"pass|pasaporte|паспорт", re.I)


def is_passport(kind: str | None) -> bool:
    return bool(kind and _PASSPORT_RE.search(kind))


def merge_listing(into: Listing, other: Listing) -> None:
    """Fold a second record with the same reference into the first (a publisher's duplicate)."""
    into.entity.merge(other.entity)
    for key, loc in other.locations.items():
        into.locations.setdefault(key, loc)
    for key, lang in other.langs.items():
        into.langs.setdefault(key, lang)
    for entity_id, entity in other.attached.items():
        into.attach(entity, line=other.attached_lines.get(entity_id))


FileReader = Callable[[Path], tuple[list[Record], str | None, dict[str, int]]]


def read_single_file(
    paths: Sequence[Path], dataset: str, fmt: str, what: str, read_file: FileReader
) -> ParsedList:
    """A list version that is one file (UN, EU, UK): refuse several, read the one."""
    if len(paths) != 1:
        raise InputError(
            f"the {fmt.upper()} list is one {what} file, got {len(paths)} files",
            path=", ".join(str(p) for p in paths),
            hint=f"import one {what} file at a time",
        )
    records, published_at, counts = read_file(paths[0])
    return ParsedList(
        format=fmt,
        dataset=dataset,
        files=list(paths),
        sha256=files_sha256(paths),
        published_at=published_at,
        records=records,
        source_counts=counts,
    )


def safe_iterparse(path: Path) -> Any:
    """lxml's iterparse with entity resolution and network access off (list files are untrusted)."""
    return etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
