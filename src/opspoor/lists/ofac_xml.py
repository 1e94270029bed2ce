"""Read OFAC's SDN list as XML (sdn.xml, namespace http://tempuri.org/sdnList.xsd or the
newer https://sanctionslistservice.ofac.treas.gov/... one; elements are matched by local name).

    >>> parsed = read_xml(Path("sdn.xml"))
    >>> parsed.published_at, parsed.source_counts["record_count"]

The XML carries in `idList` what the CSV packs into remarks, under the same labels
("Passport", "Gender", "MMSI", ...), so each id is read by the same fact table as CSV remarks.
`publshInformation/Record_Count` must equal the entries read: a file cut short stops the import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from opspoor.errors import InputError
from opspoor.lists.model import ParsedList, files_sha256
from opspoor.lists.ofac_entities import SdnAddress, SdnAlias, SdnEntry, build_records
from opspoor.lists.ofac_remarks import parse_date, parse_fact, parse_remarks

SDN_TYPES = {
    "individual": "individual",
    "entity": "entity",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
ALIAS_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}


def _local(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c) == name]


def _text(el: Any, name: str) -> str | None:
    for child in el:
        if _local(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def _items(el: Any, list_name: str, item_name: str) -> list[Any]:
    out: list[Any] = []
    for lst in _children(el, list_name):
        out.extend(_children(lst, item_name))
    return out


def _name(last: str | None, first: str | None) -> str | None:
    """The CSV's SDN_Name form: "LAST, First" (or just the last name)."""
    if last and first:
        return f"{last}, {first}"
    return last or first


def read_xml(path: Path, dataset: str = "us_ofac_sdn") -> ParsedList:
    """Read one sdn.xml file."""
    entries: list[SdnEntry] = []
    seen: set[str] = set()
    publish_date: str | None = None
    record_count: str | None = None
    root_checked = False
    try:
        context = etree.iterparse(
            str(path),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            remove_comments=True,
            remove_pis=True,
        )
        for event, el in context:
            if event == "start":
                if not root_checked:
                    root_checked = True
                    if _local(el) != "sdnList":
                        raise InputError(
                            f"the root element is <{_local(el)}>, not OFAC's <sdnList>",
                            path=path,
                            line=el.sourceline,
                        )
                continue
            tag = _local(el)
            if tag == "publshInformation":
                publish_date = _text(el, "Publish_Date")
                record_count = _text(el, "Record_Count")
                el.clear()
            elif tag == "sdnEntry":
                entry = _entry(el, path)
                if entry.uid in seen:
                    raise InputError(
                        f"uid {entry.uid} appears twice", path=path, line=el.sourceline, field="uid"
                    )
                seen.add(entry.uid)
                entries.append(entry)
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise InputError(
            f"not well-formed XML: {exc.msg}", path=path, line=line, hint="the file may be cut off"
        ) from exc

    if record_count is None:
        raise InputError(
            "no publshInformation/Record_Count: not a complete sdn.xml",
            path=path,
            field="Record_Count",
        )
    try:
        expected = int(record_count.replace(",", ""))
    except ValueError as exc:
        raise InputError(
            f"Record_Count {record_count!r} is not a number", path=path, field="Record_Count"
        ) from exc
    if expected != len(entries):
        raise InputError(
            f"Record_Count says {expected} entries but the file holds {len(entries)}",
            path=path,
            field="Record_Count",
            hint="the file may be cut off or edited; download it again",
        )
    if not entries:
        raise InputError("the file holds no sdnEntry", path=path)
    return ParsedList(
        format="ofac",
        dataset=dataset,
        files=[path],
        sha256=files_sha256([path]),
        published_at=parse_date(publish_date) if publish_date else None,
        records=build_records(entries),
        source_counts={"record_count": expected, "entries": len(entries)},
    )


def _entry(el: Any, path: Path) -> SdnEntry:
    line = el.sourceline
    where = f"{path.name} line {line}"
    uid = _text(el, "uid")
    if not uid or not uid.isdigit():
        raise InputError(
            f"sdnEntry needs a numeric uid, not {uid!r}", path=path, line=line, field="uid"
        )
    raw_type = (_text(el, "sdnType") or "").lower()
    if raw_type not in SDN_TYPES:
        raise InputError(
            f"unknown sdnType {raw_type!r} (expected Individual, Entity, Vessel or Aircraft)",
            path=path,
            line=line,
            record=uid,
            field="sdnType",
        )
    first, last = _text(el, "firstName"), _text(el, "lastName")
    name = _name(last, first)
    if name is None:
        raise InputError("sdnEntry has no name", path=path, line=line, record=uid, field="lastName")
    entry = SdnEntry(
        uid=str(int(uid)),
        sdn_type=SDN_TYPES[raw_type],
        name=name,
        location=where,
        first_name=first,
        last_name=last,
        title=_text(el, "title"),
        programs=[
            p.text.strip()
            for p in _items(el, "programList", "program")
            if p.text and p.text.strip()
        ],
    )
    for aka in _items(el, "akaList", "aka"):
        aka_name = _name(_text(aka, "lastName"), _text(aka, "firstName"))
        if not aka_name:
            continue
        entry.aliases.append(
            SdnAlias(
                name=aka_name,
                kind=ALIAS_TYPES.get((_text(aka, "type") or "a.k.a.").lower(), "aka"),
                weak=(_text(aka, "category") or "").lower() == "weak",
                location=f"{path.name} line {aka.sourceline}",
            )
        )
    for addr in _items(el, "addressList", "address"):
        city = ", ".join(v for v in (_text(addr, "city"), _text(addr, "stateOrProvince")) if v)
        city_line = " ".join(v for v in (city, _text(addr, "postalCode")) if v)
        lines = [v for v in (_text(addr, f"address{i}") for i in (1, 2, 3)) if v]
        if city_line:
            lines.append(city_line)
        entry.addresses.append(
            SdnAddress(
                lines=lines,
                country=_text(addr, "country"),
                location=f"{path.name} line {addr.sourceline}",
            )
        )

    def fact(text: str, item: Any) -> None:
        entry.facts.append((parse_fact(text), f"{path.name} line {item.sourceline}"))

    for item in _items(el, "idList", "id"):
        id_type, number = _text(item, "idType"), _text(item, "idNumber")
        if not id_type and not number:
            continue
        text = " ".join(v for v in (id_type, number) if v)
        if country := _text(item, "idCountry"):
            text += f" ({country})"
        if issued := _text(item, "issueDate"):
            text += f" issued {issued}"
        if expires := _text(item, "expirationDate"):
            text += f" expires {expires}"
        fact(text, item)
    for item in _items(el, "nationalityList", "nationality"):
        if country := _text(item, "country"):
            fact(f"nationality {country}", item)
    for item in _items(el, "citizenshipList", "citizenship"):
        if country := _text(item, "country"):
            fact(f"citizen {country}", item)
    for item in _items(el, "dateOfBirthList", "dateOfBirthItem"):
        if dob := _text(item, "dateOfBirth"):
            fact(f"DOB {dob}", item)
    for item in _items(el, "placeOfBirthList", "placeOfBirthItem"):
        if pob := _text(item, "placeOfBirth"):
            fact(f"POB {pob}", item)
    for vessel in _children(el, "vesselInfo"):
        entry.call_sign = _text(vessel, "callSign")
        entry.vessel_type = _text(vessel, "vesselType")
        entry.vessel_flag = _text(vessel, "vesselFlag")
        entry.vessel_owner = _text(vessel, "vesselOwner")
        entry.tonnage = _text(vessel, "tonnage")
        entry.gross_tonnage = _text(vessel, "grossRegisteredTonnage")
    entry.facts.extend((f, None) for f in parse_remarks(_text(el, "remarks")))
    return entry


def read_xml_files(paths: Sequence[Path], dataset: str) -> ParsedList:
    if len(paths) != 1:
        raise InputError(
            "an OFAC XML version is one file (sdn.xml); pass it alone",
            path=paths[0] if paths else None,
        )
    return read_xml(paths[0], dataset)
