"""OFAC's sdn.xml: the fixture read whole, the same entities as the CSV set, broken files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from opspoor.errors import InputError
from opspoor.lists.diff import diff_views, view_of_records
from opspoor.lists.formats import read_list, sniff_format
from opspoor.lists.model import ParsedList
from opspoor.lists.ofac_xml import read_xml
from opspoor.lists.versions import import_list
from opspoor.store.db import Store
from opspoor.store.records import Record
from tests.conftest import FIXTURES
from tests.lists.test_ofac_csv import CSV_FIXTURE, by_id, check_libya3_six, snapshot, values

XML_FIXTURE = FIXTURES / "lists" / "ofac" / "sdn.xml"
NEW_NAMESPACE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"


def xml_text() -> str:
    return XML_FIXTURE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "sdn.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixture_reads_whole() -> None:
    raw = xml_text()
    parsed = read_list([XML_FIXTURE])
    assert sniff_format([XML_FIXTURE]) == "ofac"
    assert parsed.format == "ofac"
    assert parsed.published_at == "2019-01-24"
    assert parsed.source_counts == {"record_count": 15, "entries": 15}
    assert raw.count("<sdnEntry>") == len(parsed.main_records()) == 15
    schemata = parsed.schema_counts()
    assert schemata["Person"] == raw.count("<sdnType>Individual</sdnType>")
    assert schemata["Organization"] == raw.count("<sdnType>Entity</sdnType>")
    assert schemata["Vessel"] == schemata["Airplane"] == 1
    records = by_id(parsed)
    check_libya3_six(records)
    # every aka element is kept, weak ones as weakAlias
    alias_count = sum(
        len(values(r, p))
        for r in parsed.main_records()
        for p in ("alias", "weakAlias", "previousName")
    )
    assert alias_count == raw.count("<aka>")
    assert values(records["ofac-24311"], "weakAlias") == ["Al Qasseb"]
    assert records["ofac-24311"].location.startswith("sdn.xml line ")


def test_vessel_aircraft_documents_and_links() -> None:
    records = by_id(read_xml(XML_FIXTURE))
    vessel = records["ofac-23425"]
    assert values(vessel, "imoNumber") == ["IMO8688171"]
    assert values(vessel, "mmsi") == ["249000882"]
    assert values(vessel, "callSign") == ["9HB3103"]
    assert values(vessel, "flag") == ["mt"]
    plane = records["ofac-15431"]
    assert plane.entity.schema.name == "Airplane"
    assert values(plane, "model") == ["IL76-TD"]
    assert values(plane, "buildDate") == ["1992"]
    # POUYA AIR is not in this file: the link is kept as a note
    assert "Linked To: POUYA AIR" in values(plane, "notes")
    assert values(records["ofac-23203-link-23193"], "object") == ["ofac-23193"]
    passports = [
        r
        for r in records.values()
        if r.entity.schema.name == "Passport" and values(r, "holder") == ["ofac-26137"]
    ]
    assert len(passports) == 1
    assert values(passports[0], "startDate") == ["2008-10-28"]
    assert values(passports[0], "endDate") == ["2013-10-29"]
    sanction = records["ofac-26137-sanction"]
    assert values(sanction, "provisions") == [
        "Additional Sanctions Information - Subject to Secondary Sanctions"
    ]


def key_values(record: Record) -> dict[str, list[str]]:
    props = ("name", "firstName", "lastName", "birthDate", "nationality", "citizenship", "gender", "weakAlias",
             "passportNumber", "idNumber", "imoNumber", "mmsi", "callSign", "flag", "dunsCode", "vatCode")  # fmt: skip
    return {p: sorted(values(record, p)) for p in props}


def test_xml_and_csv_give_the_same_parties() -> None:
    from_xml = by_id(read_xml(XML_FIXTURE))
    from_csv = by_id(read_list([CSV_FIXTURE]))
    parties = {r.id for r in from_csv.values() if r.reference}
    assert parties == {r.id for r in from_xml.values() if r.reference}
    for entity_id in parties:
        assert key_values(from_xml[entity_id]) == key_values(from_csv[entity_id]), entity_id
    # links resolve to the same parties whichever form was read
    links = {r.id for r in from_csv.values() if r.entity.schema.name == "UnknownLink"}
    assert links == {r.id for r in from_xml.values() if r.entity.schema.name == "UnknownLink"}


def test_a_diff_of_the_csv_and_xml_forms_finds_no_change() -> None:
    old = view_of_records(read_list([CSV_FIXTURE]).records)
    new = view_of_records(read_xml(XML_FIXTURE).records)
    diff = diff_views(old, new)
    assert not diff.added and not diff.removed
    # the one difference: an unresolved "Linked To: POUYA AIR." ends the CSV remarks with a stop
    assert [(party.id, sorted(fields)) for party, fields in diff.changed] == [
        ("ofac-15431", ["notes"])
    ]
    assert diff.unchanged == 14


def test_the_newer_namespace_reads_the_same(tmp_path: Path) -> None:
    path = write(tmp_path, xml_text().replace("http://tempuri.org/sdnList.xsd", NEW_NAMESPACE))
    old, new = read_xml(XML_FIXTURE), read_xml(path)
    assert [r.entity.to_dict() for r in old.records] == [r.entity.to_dict() for r in new.records]


def test_import_and_reimport(store: Store) -> None:
    result = import_list(store, [XML_FIXTURE])
    assert result.created
    assert result.source.published_at == "2019-01-24"
    count = store.count_statements()
    assert not import_list(store, [XML_FIXTURE]).created
    assert store.count_statements() == count


def broken(text: str) -> dict[str, str]:
    return {
        "truncated": text[: text.index("<uid>24312</uid>")],
        "record count": text.replace(
            "<Record_Count>15</Record_Count>", "<Record_Count>16</Record_Count>"
        ),
        "no record count": text.replace("<Record_Count>15</Record_Count>", ""),
        "bad type": text.replace("<sdnType>Vessel</sdnType>", "<sdnType>Submarine</sdnType>"),
        "no uid": text.replace("<uid>24311</uid>", "<uid></uid>"),
        "not sdnList": text.replace("<sdnList ", "<sdnLists ").replace("</sdnList>", "</sdnLists>"),
    }


@pytest.mark.parametrize("case", list(broken("<uid>24312</uid>")))
def test_a_broken_file_changes_nothing(store: Store, tmp_path: Path, case: str) -> None:
    import_list(store, [CSV_FIXTURE])  # an earlier good version
    before = snapshot(store)
    path = write(tmp_path, broken(xml_text())[case])
    with pytest.raises(InputError) as err:
        import_list(store, [path], format="ofac")
    assert err.value.path == str(path)
    if case == "truncated":
        assert err.value.line is not None and err.value.line > 500
    if case in ("record count", "no record count"):
        assert err.value.field == "Record_Count"
    assert snapshot(store) == before


def test_record_count_mismatch_says_both_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, broken(xml_text())["record count"])
    with pytest.raises(InputError, match="Record_Count says 16 entries but the file holds 15"):
        read_xml(path)


def test_an_empty_file_is_refused(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(InputError, match="empty"):
        import_list(store, [path], format="ofac")
    path = write(tmp_path, '<?xml version="1.0"?>\n')
    with pytest.raises(InputError):
        import_list(store, [path], format="ofac")
    assert snapshot(store) == (0, 0)


def test_xml_and_csv_together_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not both"):
        read_list([XML_FIXTURE, CSV_FIXTURE / "sdn.csv"], format="ofac")


def parsed_xml() -> ParsedList:
    return read_xml(XML_FIXTURE)


def test_every_id_element_lands_somewhere() -> None:
    """Each <id> of the fixture is a property value, a provision, a wallet or a note."""
    from lxml import etree

    tree = etree.parse(str(XML_FIXTURE))
    ns = {"s": "http://tempuri.org/sdnList.xsd"}
    records = by_id(parsed_xml())
    for entry in tree.iterfind("s:sdnEntry", ns):
        uid = entry.findtext("s:uid", namespaces=ns)
        related = [
            r for r in records.values() if r.id == f"ofac-{uid}" or r.id.startswith(f"ofac-{uid}-")
        ]
        everything = {
            v.casefold().replace(" ", "") for r in related for _, v in r.entity.itervalues()
        }
        for item in entry.iterfind("s:idList/s:id", ns):
            number = (item.findtext("s:idNumber", namespaces=ns) or "").casefold().replace(" ", "")
            assert any(number in v for v in everything), (uid, number)
