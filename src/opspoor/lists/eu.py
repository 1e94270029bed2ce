"""Read the EU Financial Sanctions Files (FSF) XML export into FtM entities.

    >>> parsed = read([Path("eu-fsf.xml")], "eu_fsf")

Each `sanctionEntity` becomes a Person (subjectType person), an Organization (enterprise) or
a LegalEntity, with one Sanction per listing. Values sit in attributes; elements are read by
their local name, so the export namespace (`http://eu.europa.ec/fpi/fsd/export`, also seen
spelt `.../eu.europa.eu/...`) does not matter. Ids derive from the FSF logicalId
("eu-fsf-13"); the reference shown to people is the EU reference number ("EU.27.28").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from opspoor.errors import InputError
from opspoor.lists.common import (
    Listing,
    clean_text,
    country_codes,
    dmy_date,
    iso_date,
    iso_timestamp,
    join_text,
    language_code,
    make_id,
    merge_listing,
    read_single_file,
    safe_iterparse,
    script_lang,
    year_range,
)
from opspoor.lists.model import ParsedList
from opspoor.store.records import Record

AUTHORITY = "European Union"
SOURCE_URL = "https://webgate.ec.europa.eu/fsd/fsf"
ID_PREFIX = "eu-fsf"
SCHEMATA = {"person": "Person", "enterprise": "Organization"}
# Codes the FSF uses for "no country" alongside a countryDescription such as UNKNOWN.
NO_COUNTRY = {"", "00", "xx", "zz"}


def read(paths: Sequence[Path], dataset: str) -> ParsedList:
    return read_single_file(paths, dataset, "eu", "XML", read_file)


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def read_file(path: Path) -> tuple[list[Record], str | None, dict[str, int]]:
    listings: dict[str, Listing] = {}
    counts = {"sanctionEntity": 0, "person": 0, "enterprise": 0, "other": 0}
    published_at: str | None = None
    last_ref: str | None = None
    seen_root = False
    context = safe_iterparse(path)
    try:
        for event, el in context:
            if event == "start":
                if not seen_root:
                    seen_root = True
                    if _local(el.tag) != "export":
                        raise InputError(
                            f"root element is <{_local(el.tag)}>, not the EU FSF <export>",
                            path=path,
                            line=el.sourceline,
                            hint="pass --format to pick the right reader",
                        )
                    published_at = iso_timestamp(el.get("generationDate"))
                continue
            if _local(el.tag) != "sanctionEntity":
                continue
            counts["sanctionEntity"] += 1
            listing, kind = read_entity(el, path)
            counts[kind if kind in counts else "other"] += 1
            last_ref = listing.reference
            if listing.id in listings:
                merge_listing(listings[listing.id], listing)
            else:
                listings[listing.id] = listing
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"not well-formed XML ({exc.msg})",
            path=path,
            line=exc.lineno or None,
            record=f"after {last_ref}" if last_ref else None,
            hint="the file may be cut short or not the FSF XML; download it again",
        ) from exc
    if not seen_root:
        raise InputError("no XML content", path=path, line=1)
    records: list[Record] = []
    for listing in listings.values():
        records.extend(listing.records())
    return records, published_at, counts


def _attr(el: etree._Element, name: str) -> str | None:
    return clean_text(el.get(name))


def _kids(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c.tag) == name]


def _country_text(el: etree._Element) -> str | None:
    """The element's country as text: its description ("LIBYA"), else its ISO code."""
    desc = _attr(el, "countryDescription")
    if desc and desc.upper() not in ("UNKNOWN", "N/A", "NOT KNOWN"):
        return desc
    code = (_attr(el, "countryIso2Code") or "").lower()
    if code not in NO_COUNTRY and country_codes(code):
        return code
    return None


def _remarks(el: etree._Element) -> list[str]:
    return [t for t in (clean_text(r.text) for r in _kids(el, "remark")) if t]


def read_entity(el: etree._Element, path: Path) -> tuple[Listing, str]:
    line = el.sourceline
    logical_id = _attr(el, "logicalId")
    if not logical_id:
        raise InputError("sanctionEntity has no logicalId", path=path, line=line, field="logicalId")
    reference = _attr(el, "euReferenceNumber") or logical_id
    subject = next(iter(_kids(el, "subjectType")), None)
    kind = (_attr(subject, "code") or "") if subject is not None else ""
    schema = SCHEMATA.get(kind.lower(), "LegalEntity")
    listing = Listing(
        schema,
        make_id(ID_PREFIX, logical_id),
        reference,
        f"sanctionEntity {reference} (line {line})",
    )
    _read_names(listing, el, path)
    listing.add("topics", "sanction", cleaned=True)
    for remark in _remarks(el):
        listing.add("notes", remark, line=line)
    is_person = schema == "Person"
    for cit in _kids(el, "citizenship"):
        country = _country_text(cit)
        listing.add_country("nationality" if is_person else "country", country, line=cit.sourceline)
    if is_person:
        for birth in _kids(el, "birthdate"):
            _read_birth(listing, birth)
    for ident in _kids(el, "identification"):
        _read_identification(listing, ident)
    for addr in _kids(el, "address"):
        listing.add_address(
            street=join_text([_attr(addr, "street"), _attr(addr, "poBox")]),
            city=join_text([_attr(addr, "city"), _attr(addr, "place")]),
            region=_attr(addr, "region"),
            postal_code=_attr(addr, "zipCode"),
            country=_country_text(addr),
            remarks=join_text(_remarks(addr), sep="; "),
            line=addr.sourceline,
        )
    _read_sanction(listing, el)
    return listing, kind.lower()


def _read_names(listing: Listing, el: etree._Element, path: Path) -> None:
    primary_done = False
    is_person = listing.entity.schema.is_a("Person")
    for alias in _kids(el, "nameAlias"):
        line = alias.sourceline
        parts = [_attr(alias, "firstName"), _attr(alias, "middleName"), _attr(alias, "lastName")]
        whole = _attr(alias, "wholeName") or join_text(parts, sep=" ")
        strong = (_attr(alias, "strong") or "true").lower() != "false"
        lang = language_code(_attr(alias, "nameLanguage"))
        if whole:
            written_lang = script_lang(whole)
            if not strong:
                listing.add("weakAlias", whole, line=line, lang=lang or written_lang)
            elif not primary_done and written_lang is None:
                listing.add("name", whole, line=line)
                primary_done = True
            else:
                listing.add("alias", whole, line=line, lang=lang or written_lang)
        if strong and is_person:
            for prop, value in zip(("firstName", "middleName", "lastName"), parts, strict=True):
                listing.add(prop, value, line=line)
        listing.add("position", _attr(alias, "function"), line=line)
        if is_person:
            listing.add("title", _attr(alias, "title"), line=line)
            listing.add("gender", _attr(alias, "gender"), line=line)
    if not primary_done:
        # Only non-Latin or weak names: the first of them stands as the name.
        names = listing.entity.get("alias") or listing.entity.get("weakAlias")
        if not names:
            raise InputError(
                "sanctionEntity has no name",
                path=path,
                line=el.sourceline,
                record=listing.reference,
                field="nameAlias/@wholeName",
            )
        listing.add("name", names[0], line=el.sourceline)


def _read_birth(listing: Listing, birth: etree._Element) -> None:
    line = birth.sourceline
    dates: list[str] = []
    full = _attr(birth, "birthdate")
    if full:
        parsed = iso_date(full) or dmy_date(full)
        if parsed:
            dates.append(parsed)
        else:
            listing.add("notes", f"date of birth: {full}", line=line)
    year = _attr(birth, "year")
    if year:
        month = _attr(birth, "monthOfYear")
        day = _attr(birth, "dayOfMonth")
        text = year if not month else f"{year}-{month}" + (f"-{day}" if day else "")
        parsed = iso_date(text) or iso_date(year)
        if parsed:
            dates.append(parsed)
    dates.extend(year_range(_attr(birth, "yearRangeFrom"), _attr(birth, "yearRangeTo")))
    for value in dates:
        listing.add("birthDate", value, line=line, cleaned=True)
    if (_attr(birth, "circa") or "").lower() == "true" and dates:
        span = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
        listing.add("notes", f"date of birth circa {span}", line=line)
    country = _country_text(birth)
    place = join_text(
        [_attr(birth, "place"), _attr(birth, "city"), _attr(birth, "region"), country]
    )
    listing.add("birthPlace", place, line=line)
    for code in country_codes(country):
        listing.add("birthCountry", code, line=line, cleaned=True)


def _read_identification(listing: Listing, ident: etree._Element) -> None:
    code = (_attr(ident, "identificationTypeCode") or "").lower()
    description = _attr(ident, "identificationTypeDescription")
    flags = [
        name
        for name in ("diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer")
        if (_attr(ident, name) or "").lower() == "true"
    ]
    notes = join_text(
        [*_remarks(ident), *(f"flag: {f}" for f in flags), _attr(ident, "nameOnDocument")], sep="; "
    )
    number = _attr(ident, "number") or _attr(ident, "latinNumber")
    listing.add_document(
        number=number,
        kind=description or code or None,
        country=_country_text(ident),
        issued=iso_date(_attr(ident, "issuedDate")) or iso_date(_attr(ident, "validFrom")),
        expires=iso_date(_attr(ident, "validTo")),
        authority=_attr(ident, "issuedBy"),
        description=notes,
        passport=code == "passport" or None,
        line=ident.sourceline,
    )


def _read_sanction(listing: Listing, el: etree._Element) -> None:
    sanction = listing.make("Sanction", "sanction")
    sanction.add("entity", listing.id)
    sanction.add("authority", AUTHORITY)
    sanction.add("authorityId", _attr(el, "euReferenceNumber"))
    sanction.add("recordId", _attr(el, "logicalId"))
    sanction.add("unscId", _attr(el, "unitedNationId"))
    sanction.add("reason", _attr(el, "designationDetails"))
    published: list[str] = []
    in_force: list[str] = []
    for reg in _kids(el, "regulation"):
        programme = _attr(reg, "programme")
        sanction.add("program", programme)
        sanction.add("programId", programme)
        title = _attr(reg, "numberTitle")
        pub = iso_date(_attr(reg, "publicationDate"))
        force = iso_date(_attr(reg, "entryIntoForceDate"))
        if pub:
            published.append(pub)
        if force:
            in_force.append(force)
        kind = _attr(reg, "regulationType") or "regulation"
        if title:
            sanction.add("description", f"{kind} {title}" + (f" published {pub}" if pub else ""))
        for url in _kids(reg, "publicationUrl"):
            sanction.add("sourceUrl", clean_text(url.text))
    listing_date = iso_date(_attr(el, "designationDate")) or (min(published) if published else None)
    sanction.add("listingDate", listing_date, cleaned=True)
    if in_force:
        sanction.add("startDate", min(in_force), cleaned=True)
    if not sanction.get("sourceUrl"):
        sanction.add("sourceUrl", SOURCE_URL)
    listing.attach(sanction, line=el.sourceline)
