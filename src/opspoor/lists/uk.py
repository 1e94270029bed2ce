"""Read HM Treasury's OFSI consolidated list (ConList.csv, "2022 format") into FtM entities.

    >>> parsed = read([Path("ConList.csv")], "gb_hmt_sanctions")

The file opens with a "Last Updated,dd/mm/yyyy" line, then a header, then one row per name:
a listed party (a "Group ID") has several rows, its primary name, name variations and
aliases, each repeating the party's details. Rows of one group become one Person,
Organization or Vessel with one Sanction. Cells holding several values number them:
"(1) Libya (2) Tunisia". Files saved from Excel come in Windows-1252: the encoding is detected.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from opspoor.errors import InputError
from opspoor.lists.common import (
    Listing,
    clean_text,
    country_codes,
    dmy_date,
    iso_timestamp,
    join_text,
    language_code,
    make_id,
    read_single_file,
    script_lang,
)
from opspoor.lists.model import ParsedList
from opspoor.store.records import Record

AUTHORITY = "HM Treasury, Office of Financial Sanctions Implementation"
SOURCE_URL = "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"
ID_PREFIX = "gb-hmt"
REQUIRED_COLUMNS = ("Name 6", "Group Type", "Group ID")
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")

_NUMBERED_RE = re.compile(r"\((\d{1,2})\)")
_UN_REF_RE = re.compile(r"\(UN Ref\)\s*:?\s*([A-Z]{2,3}[ie]\.\d+)", re.I)
_UK_REF_RE = re.compile(r"\(UK Sanctions List Ref\)\s*:?\s*([A-Z]{2,4}\d{3,5})", re.I)


def read(paths: Sequence[Path], dataset: str) -> ParsedList:
    return read_single_file(paths, dataset, "uk", "CSV", read_file)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was in: UTF-8 (with or without BOM), UTF-16 with a
    BOM, else Windows-1252 (what Excel writes on Windows). Anything else is refused."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path), "utf-16"
    if b"\x00" in data[:4096]:
        raise InputError(
            "the file holds NUL bytes: it is UTF-16 without a byte-order mark, or not text",
            path=path,
            line=data[: data.index(b"\x00")].count(b"\n") + 1,
            hint="save it as CSV UTF-8",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode(data, "cp1252", path), "cp1252"


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"byte {data[exc.start : exc.start + 1]!r} cannot be read as {encoding}",
            path=path,
            line=line,
            hint="save the list as CSV UTF-8",
        ) from exc


@dataclass
class _Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        return clean_text(self.cells.get(column))


@dataclass
class _Group:
    group_id: str
    rows: list[_Row] = field(default_factory=list)


def read_file(path: Path) -> tuple[list[Record], str | None, dict[str, int]]:
    text, _encoding = decode(path.read_bytes(), path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    published_at: str | None = None
    header: list[str] | None = None
    header_line = 0
    groups: dict[str, _Group] = {}
    rows = 0
    line = 1  # physical line where the next row starts
    try:
        for raw in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in raw):
                continue
            if header is None:
                first = raw[0].strip().lstrip("\ufeff")
                if first.lower() == "last updated":
                    published_at = iso_timestamp(raw[1] if len(raw) > 1 else None)
                    continue
                header = [c.strip() for c in raw]
                header_line = start
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise InputError(
                        f"header lacks the column(s) {', '.join(missing)}: not the OFSI ConList format",
                        path=path,
                        line=start,
                        field=missing[0],
                        hint="use the 2022-format ConList.csv from OFSI",
                    )
                continue
            if len(raw) != len(header):
                raise InputError(
                    f"row has {len(raw)} fields, the header (line {header_line}) has {len(header)}",
                    path=path,
                    line=start,
                    record=_group_hint(raw, header),
                    hint="the row is broken (a stray comma or quote); fix it or download the list again",
                )
            cells = dict(zip(header, raw, strict=True))
            group_id = clean_text(cells.get("Group ID"))
            if not group_id:
                raise InputError("row has no Group ID", path=path, line=start, field="Group ID")
            rows += 1
            groups.setdefault(group_id, _Group(group_id)).rows.append(_Row(start, cells))
    except csv.Error as exc:
        raise InputError(
            f"not a well-formed CSV ({exc})",
            path=path,
            line=reader.line_num or line,
            hint="a quote may be left open; download the list again",
        ) from exc
    if header is None:
        raise InputError("no header row found", path=path, line=1, hint="not the OFSI ConList.csv")
    records: list[Record] = []
    for group in groups.values():
        records.extend(read_group(group, path).records())
    return records, published_at, {"rows": rows, "groups": len(groups)}


def _group_hint(raw: list[str], header: list[str]) -> str | None:
    """The Group ID a broken row probably belongs to (counted from the row's end: the Group ID
    is the last column, and a stray comma usually sits in a free-text cell before it)."""
    if "Group ID" not in header:
        return None
    from_end = len(header) - header.index("Group ID")
    idx = len(raw) - from_end
    if 0 <= idx < len(raw) and raw[idx].strip():
        return f"Group ID {raw[idx].strip()}?"
    return None


def numbered(value: str | None) -> list[str]:
    """ "(1) Libya (2) Tunisia" -> ["Libya", "Tunisia"]; a plain value -> [value]."""
    text = clean_text(value)
    if not text:
        return []
    if not _NUMBERED_RE.match(text):
        return [text]
    parts = _NUMBERED_RE.split(text)
    # split gives ["", "1", "Libya ", "2", "Tunisia"]
    return [t for t in (clean_text(p) for p in parts[2::2]) if t]


def full_name(row: _Row) -> str | None:
    return join_text((row.get(c) for c in NAME_COLUMNS), sep=" ")


def read_group(group: _Group, path: Path) -> Listing:
    first = group.rows[0]
    kind = (first.get("Group Type") or "").lower()
    schema = SCHEMATA.get(kind, "LegalEntity")
    listing = Listing(
        schema,
        make_id(ID_PREFIX, group.group_id),
        group.group_id,
        f"{path.name} Group ID {group.group_id} (line {first.line})",
    )
    listing.line_prefix = f"{path.name} Group ID {group.group_id}"
    is_person = schema == "Person"
    primary = next(
        (r for r in group.rows if (r.get("Alias Type") or "").lower() == "primary name"), first
    )
    name = full_name(primary)
    if not name:
        raise InputError(
            "the primary name is empty",
            path=path,
            line=primary.line,
            record=group.group_id,
            field="Name 6",
        )
    listing.add("name", name, line=primary.line)
    if is_person:
        listing.add("firstName", primary.get("Name 1"), line=primary.line)
        listing.add("secondName", primary.get("Name 2"), line=primary.line)
        for col in ("Name 3", "Name 4", "Name 5"):
            listing.add("middleName", primary.get(col), line=primary.line)
        listing.add("lastName", primary.get("Name 6"), line=primary.line)
    listing.add("topics", "sanction", cleaned=True)
    for row in group.rows:
        _read_row(listing, row, is_person, row is primary)
    _read_sanction(listing, group)
    return listing


def _read_row(listing: Listing, row: _Row, is_person: bool, is_primary: bool) -> None:
    line = row.line
    name = full_name(row)
    alias_type = (row.get("Alias Type") or "").lower()
    quality = (row.get("Alias Quality") or "").lower()
    if name and not is_primary:
        if quality == "low":
            prop = "weakAlias"
        elif alias_type in ("fka", "formerly known as"):
            prop = "previousName"
        else:  # a second primary name, a primary name variation, an AKA of good quality
            prop = "alias"
        listing.add(prop, name, line=line)
    original = row.get("Name Non-Latin Script")
    if original:
        lang = language_code(row.get("Non-Latin Script Language")) or script_lang(original)
        listing.add("alias", original, line=line, lang=lang)
    listing.add("title", row.get("Title"), line=line)
    for value in numbered(row.get("Position")):
        listing.add("position", value, line=line)
    listing.add("notes", row.get("Other Information"), line=line)
    if is_person:
        for value in numbered(row.get("DOB")):
            date = dmy_date(value)
            if date:
                listing.add("birthDate", date, line=line, cleaned=True)
            else:
                listing.add("notes", f"date of birth: {value}", line=line)
        birth_country = row.get("Country of Birth")
        listing.add("birthPlace", join_text([row.get("Town of Birth"), birth_country]), line=line)
        for code in country_codes(birth_country):
            listing.add("birthCountry", code, line=line, cleaned=True)
        for value in numbered(row.get("Nationality")):
            listing.add_country("nationality", value, line=line)
        _read_documents(listing, row, "Passport Number", "Passport Details", passport=True)
    _read_documents(
        listing,
        row,
        "National Identification Number",
        "National Identification Details",
        passport=False,
    )
    address_lines = [row.get(f"Address {i}") for i in range(1, 7)]
    if any(address_lines) or row.get("Post/Zip Code") or row.get("Country"):
        # The six address lines are free text (street, district, town ... in no fixed order).
        listing.add_address(
            full=join_text([*address_lines, row.get("Post/Zip Code"), row.get("Country")]),
            postal_code=row.get("Post/Zip Code"),
            country=row.get("Country"),
            line=line,
        )


def _read_documents(
    listing: Listing, row: _Row, number_col: str, details_col: str, passport: bool
) -> None:
    numbers = numbered(row.get(number_col))
    details = numbered(row.get(details_col))
    if len(details) != len(numbers):  # details that do not pair up stay together
        details = [join_text(details, sep="; ") or ""] * len(numbers) if details else []
    for i, number in enumerate(numbers):
        detail = details[i] if i < len(details) else None
        listing.add_document(
            number=number,
            kind="Passport" if passport else "National Identification Number",
            description=detail,
            passport=passport,
            line=row.line,
        )


def _read_sanction(listing: Listing, group: _Group) -> None:
    sanction = listing.make("Sanction", "sanction")
    sanction.add("entity", listing.id)
    sanction.add("authority", AUTHORITY)
    sanction.add("country", "gb")
    sanction.add("recordId", group.group_id)
    sanction.add("sourceUrl", SOURCE_URL)
    for row in group.rows:
        sanction.add("program", row.get("Regime"))
        sanction.add("listingDate", dmy_date(row.get("Listed On")), cleaned=True)
        sanction.add(
            "startDate", dmy_date(row.get("UK Sanctions List Date Designated")), cleaned=True
        )
        sanction.add("modifiedAt", dmy_date(row.get("Last Updated")), cleaned=True)
        info = row.get("Other Information") or ""
        for ref in _UN_REF_RE.findall(info):
            sanction.add("unscId", ref)
        for ref in _UK_REF_RE.findall(info):
            sanction.add("authorityId", ref)
    listing.attach(sanction, line=group.rows[0].line)
