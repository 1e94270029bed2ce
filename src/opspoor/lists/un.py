"""Read the UN Security Council consolidated list (the official XML) into FtM entities.

    >>> parsed = read([Path("consolidated.xml")], "un_sc_sanctions")
    >>> parsed.source_counts
    {'individuals': 730, 'entities': 273}

Each INDIVIDUAL becomes a Person, each ENTITY an Organization, with one Sanction per listing
and Passport/Identification/Address entities hanging off the party. Ids derive from the UN
reference number ("LYi.025" -> "unsc-lyi-025"), so versions can be compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from opspoor.errors import InputError
from opspoor.lists.common import (
    Listing,
    clean_text,
    country_codes,
    date_values,
    dates_in_note,
    iso_date,
    iso_timestamp,
    join_text,
    make_id,
    merge_listing,
    read_single_file,
    safe_iterparse,
    script_lang,
    year_range,
)
from opspoor.lists.model import ParsedList
from opspoor.store.records import Record

AUTHORITY = "United Nations Security Council"
SOURCE_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
ID_PREFIX = "unsc"

WEAK_QUALITIES = {"low"}
FORMER_QUALITIES = {"f.k.a.", "fka"}

_PROGRAM_ID_RE = re.compile(r"^([A-Z]{2,3})[ie]\.", re.I)
_MEASURES_RE = re.compile(
    r"resolution[^()]*\(([^)]*(?:Asset Freeze|Travel Ban|Arms Embargo)[^)]*)\)", re.I
)
_ORIGINAL_IN_NOTE_RE = re.compile(r"(?:original script|in arabic)\s*:\s*([^.;]+)", re.I)
_EXPIRY_RE = re.compile(r"expir", re.I)


def read(paths: Sequence[Path], dataset: str) -> ParsedList:
    """Read one UN consolidated list file (the version is that one file)."""
    return read_single_file(paths, dataset, "un", "XML", read_file)


def read_file(path: Path) -> tuple[list[Record], str | None, dict[str, int]]:
    """Records, the list's dateGenerated, and the counts of raw INDIVIDUAL/ENTITY elements."""
    listings: dict[str, Listing] = {}
    counts = {"individuals": 0, "entities": 0}
    published_at: str | None = None
    last_ref: str | None = None
    seen_root = False
    context = safe_iterparse(path)
    try:
        for event, el in context:
            if event == "start":
                if not seen_root:
                    seen_root = True
                    if el.tag != "CONSOLIDATED_LIST":
                        raise InputError(
                            f"root element is <{el.tag}>, not the UN <CONSOLIDATED_LIST>",
                            path=path,
                            line=el.sourceline,
                            hint="pass --format to pick the right reader",
                        )
                    published_at = iso_timestamp(el.get("dateGenerated"))
                continue
            if el.tag not in ("INDIVIDUAL", "ENTITY"):
                continue
            is_person = el.tag == "INDIVIDUAL"
            counts["individuals" if is_person else "entities"] += 1
            listing = read_party(el, path, is_person)
            last_ref = listing.reference
            if listing.id in listings:
                merge_listing(listings[listing.id], listing)
            else:
                listings[listing.id] = listing
            # Free what was parsed so far: the tree stays small however long the list is.
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        after = f"after {last_ref}" if last_ref else None
        raise InputError(
            f"not well-formed XML ({exc.msg})",
            path=path,
            line=exc.lineno or None,
            record=after,
            hint="the file may be cut short or not the UN XML; download it again",
        ) from exc
    if not seen_root:
        raise InputError("no XML content", path=path, line=1)
    records: list[Record] = []
    for listing in listings.values():
        records.extend(listing.records())
    return records, published_at, counts


def _text(el: etree._Element, tag: str) -> str | None:
    return clean_text(el.findtext(tag))


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    return list(el.iterchildren(tag))


def program_id(reference: str) -> str | None:
    """ "LYi.025" -> "LY", "QDe.014" -> "QD"."""
    match = _PROGRAM_ID_RE.match(reference)
    return match.group(1).upper() if match else None


def read_party(el: etree._Element, path: Path, is_person: bool) -> Listing:
    line = el.sourceline
    kind = "INDIVIDUAL" if is_person else "ENTITY"
    reference = _text(el, "REFERENCE_NUMBER")
    if not reference:
        raise InputError(
            f"{kind} has no REFERENCE_NUMBER",
            path=path,
            line=line,
            record=f"DATAID {_text(el, 'DATAID')}" if _text(el, "DATAID") else None,
            field="REFERENCE_NUMBER",
        )
    listing = Listing(
        "Person" if is_person else "Organization",
        make_id(ID_PREFIX, reference),
        reference,
        f"{kind} {reference} (line {line})",
    )
    _read_names(listing, el, path, is_person)
    listing.add("topics", "sanction", cleaned=True)
    for child in _children(el, "COMMENTS1"):
        listing.add("notes", child.text, line=child.sourceline)
    for tag, prop in (("DESIGNATION", "position"), ("TITLE", "title")):
        for group in _children(el, tag):
            for value in group.iterchildren("VALUE"):
                listing.add(prop, value.text, line=value.sourceline)
    for group in _children(el, "NATIONALITY"):
        for value in group.iterchildren("VALUE"):
            listing.add_country("nationality", value.text, line=value.sourceline)
    gender = el.find("GENDER")
    if gender is not None and is_person:
        listing.add("gender", gender.text, line=gender.sourceline)
    for addr in _children(el, "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS"):
        listing.add_address(
            street=_text(addr, "STREET"),
            city=_text(addr, "CITY"),
            region=_text(addr, "STATE_PROVINCE"),
            postal_code=_text(addr, "ZIP_CODE"),
            country=_text(addr, "COUNTRY"),
            remarks=_text(addr, "NOTE"),
            line=addr.sourceline,
        )
    if is_person:
        for dob in _children(el, "INDIVIDUAL_DATE_OF_BIRTH"):
            _read_birth_date(listing, dob)
        for pob in _children(el, "INDIVIDUAL_PLACE_OF_BIRTH"):
            _read_birth_place(listing, pob)
        for doc in _children(el, "INDIVIDUAL_DOCUMENT"):
            _read_document(listing, doc)
    _read_sanction(listing, el, reference)
    return listing


def _read_names(listing: Listing, el: etree._Element, path: Path, is_person: bool) -> None:
    parts: list[tuple[str, etree._Element]] = []
    for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"):
        child = el.find(tag)
        text = clean_text(child.text) if child is not None else None
        if child is not None and text:
            parts.append((tag, child))
    if not parts:
        raise InputError(
            "listing has no name",
            path=path,
            line=el.sourceline,
            record=listing.reference,
            field="FIRST_NAME",
        )
    full = join_text((clean_text(c.text) for _, c in parts), sep=" ")
    listing.add("name", full, line=parts[0][1].sourceline)
    if is_person:
        by_tag = {tag: child for tag, child in parts}
        for tag, prop in (
            ("FIRST_NAME", "firstName"),
            ("SECOND_NAME", "secondName"),
            ("THIRD_NAME", "middleName"),
        ):
            if tag in by_tag:
                listing.add(prop, by_tag[tag].text, line=by_tag[tag].sourceline)
        if len(parts) > 1:  # the last given part is the family name in the UN's name order
            listing.add("lastName", parts[-1][1].text, line=parts[-1][1].sourceline)
    original = el.find("NAME_ORIGINAL_SCRIPT")
    if original is not None and clean_text(original.text):
        text = clean_text(original.text)
        assert text is not None
        listing.add("alias", text, line=original.sourceline, lang=script_lang(text))
    for alias in _children(el, "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"):
        _read_alias(listing, alias, is_person)


def _read_alias(listing: Listing, alias: etree._Element, is_person: bool) -> None:
    name_el = alias.find("ALIAS_NAME")
    name = clean_text(name_el.text) if name_el is not None else None
    quality = (clean_text(alias.findtext("QUALITY")) or "").lower()
    line = name_el.sourceline if name_el is not None else alias.sourceline
    prop = "alias"  # Good, a.k.a. and any quality the UN adds later count as strong
    if name:
        if quality in WEAK_QUALITIES:
            prop = "weakAlias"
        elif quality in FORMER_QUALITIES:
            prop = "previousName"
        listing.add(prop, name, line=line, lang=script_lang(name))
    note = _text(alias, "NOTE")
    if note:
        listing.add("notes", f"alias {name}: {note}" if name else note, line=line)
        for original in _ORIGINAL_IN_NOTE_RE.findall(note):
            text = clean_text(original)
            lang = script_lang(text or "")
            if text and lang:  # only names actually written in another script
                listing.add(prop, text, line=line, lang=lang)
    if is_person:
        for child in alias.iterchildren("DATE_OF_BIRTH"):
            values = date_values(child.text)
            for value in values:
                listing.add("birthDate", value, line=child.sourceline, cleaned=True)
            if not values and clean_text(child.text) not in (None, "null"):
                listing.add(
                    "notes",
                    f"alias {name}: date of birth {clean_text(child.text)}",
                    line=child.sourceline,
                )
        place = join_text([_text(alias, "CITY_OF_BIRTH"), _text(alias, "COUNTRY_OF_BIRTH")])
        listing.add("birthPlace", place, line=line)
        for code in country_codes(_text(alias, "COUNTRY_OF_BIRTH")):
            listing.add("birthCountry", code, line=line, cleaned=True)


def _read_birth_date(listing: Listing, dob: etree._Element) -> None:
    line = dob.sourceline
    year = _text(dob, "YEAR")
    values: list[str] = []
    date = _text(dob, "DATE")
    if date:
        parsed = iso_date(date)
        if parsed:
            values.append(parsed)
        else:
            listing.add("notes", f"date of birth: {date}", line=line)
    if year:
        parsed = iso_date(year)
        if parsed:
            values.append(parsed)
        else:
            listing.add("notes", f"year of birth: {year}", line=line)
    values.extend(year_range(_text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")))
    note = _text(dob, "NOTE")
    if note:
        values.extend(dates_in_note(note, year=year))
        listing.add("notes", f"date of birth: {note}", line=line)
    for value in values:
        listing.add("birthDate", value, line=line, cleaned=True)


def _read_birth_place(listing: Listing, pob: etree._Element) -> None:
    country = _text(pob, "COUNTRY")
    parts = [_text(pob, "STREET"), _text(pob, "CITY"), _text(pob, "STATE_PROVINCE"), country]
    place = join_text(parts)
    note = _text(pob, "NOTE")
    if note:
        place = f"{place} ({note})" if place else note
    listing.add("birthPlace", place, line=pob.sourceline)
    for code in country_codes(country):
        listing.add("birthCountry", code, line=pob.sourceline, cleaned=True)


def _read_document(listing: Listing, doc: etree._Element) -> None:
    kind = join_text([_text(doc, "TYPE_OF_DOCUMENT"), _text(doc, "TYPE_OF_DOCUMENT2")], sep="; ")
    note = _text(doc, "NOTE")
    city = _text(doc, "CITY_OF_ISSUE")
    description = join_text([note, f"issued in {city}" if city else None], sep="; ")
    expires = None
    if note and _EXPIRY_RE.search(note):
        found = dates_in_note(note)
        expires = found[-1] if found else None
    listing.add_document(
        number=_text(doc, "NUMBER"),
        kind=kind,
        country=_text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE"),
        issued=iso_date(_text(doc, "DATE_OF_ISSUE")),
        expires=expires,
        description=description,
        line=doc.sourceline,
    )


def _read_sanction(listing: Listing, el: etree._Element, reference: str) -> None:
    sanction = listing.make("Sanction", "sanction")
    sanction.add("entity", listing.id)
    sanction.add("authority", AUTHORITY)
    sanction.add("program", _text(el, "UN_LIST_TYPE"))
    sanction.add("programId", program_id(reference))
    sanction.add("unscId", reference)
    sanction.add("recordId", _text(el, "DATAID"))
    sanction.add("listingDate", iso_date(_text(el, "LISTED_ON")), cleaned=True)
    sanction.add("sourceUrl", SOURCE_URL)
    for group in _children(el, "LAST_DAY_UPDATED"):
        for value in group.iterchildren("VALUE"):
            sanction.add("modifiedAt", iso_date(value.text), cleaned=True)
    comments = _text(el, "COMMENTS1") or ""
    for measures in _MEASURES_RE.findall(comments):
        sanction.add("provisions", measures)
    listing.attach(sanction)
