"""The UN consolidated list reader, on the real files and on broken input."""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from followthemoney import registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from opspoor.errors import InputError
from opspoor.lists import un
from opspoor.lists.common import clean_text, iso_date, year_range
from opspoor.lists.formats import read_list
from opspoor.lists.model import ParsedList
from tests.conftest import shared_path
from tests.lists.conftest import UN_DEMO, UN_FILES

pytestmark = pytest.mark.shared_data


@cache
def parsed(name: str) -> ParsedList:
    return read_list([shared_path("sanctions", name)])


def _by_id(p: ParsedList) -> dict[str, object]:
    return {r.id: r for r in p.records}


@pytest.mark.parametrize("name", sorted(UN_FILES))
def test_every_record_is_read(name: str) -> None:
    path = shared_path("sanctions", name)
    raw = path.read_text(encoding="utf-8")
    individuals, entities = UN_FILES[name]
    # the file's own count of its records, independent of the reader
    assert raw.count("<INDIVIDUAL>") == individuals
    assert raw.count("<ENTITY>") == entities
    p = parsed(name)
    assert p.format == "un"
    assert p.source_counts == {"individuals": individuals, "entities": entities}
    schemata = p.schema_counts()
    assert schemata["Person"] == individuals
    assert schemata["Organization"] == entities
    assert schemata["Sanction"] == individuals + entities
    refs = re.findall(r"<REFERENCE_NUMBER>([^<]+)</REFERENCE_NUMBER>", raw)
    # references are stripped ("KPe.023 " in the file is KPe.023)
    assert sorted(r.reference for r in p.main_records()) == sorted(r.strip() for r in refs)


@pytest.mark.parametrize("name", sorted(UN_FILES))
def test_every_alias_and_birth_date_is_kept(name: str) -> None:
    """Count ALIAS_NAME and DOB elements in the raw XML and find each one on its party."""
    p = parsed(name)
    parties = {r.reference: r.entity for r in p.main_records()}
    tree = etree.parse(str(shared_path("sanctions", name)))
    aliases = dobs = 0
    for party in tree.iter("INDIVIDUAL", "ENTITY"):
        entity = parties[party.findtext("REFERENCE_NUMBER").strip()]
        names = defaultdict(set)
        for prop in ("alias", "weakAlias", "previousName"):
            names[prop] = set(entity.get(prop))
        for alias in party.iter("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
            text = clean_text(alias.findtext("ALIAS_NAME"))
            if not text:
                continue
            text = registry.name.clean(text)  # FtM drops wrapping quotes: '"HASSAN, Sheikh"'
            assert text
            aliases += 1
            quality = alias.findtext("QUALITY") or ""
            prop = {"Low": "weakAlias", "f.k.a.": "previousName"}.get(quality, "alias")
            assert text in names[prop], (party.findtext("REFERENCE_NUMBER"), quality, text)
            # weak aliases stay apart from strong ones
            strong = {
                registry.name.clean(a.findtext("ALIAS_NAME") or "")
                for a in party.iter("INDIVIDUAL_ALIAS", "ENTITY_ALIAS")
                if a.findtext("QUALITY") != "Low"
            }
            if prop == "weakAlias" and text not in strong:
                assert text not in names["alias"]
        birth_dates = set(entity.get("birthDate", quiet=True))
        for dob in party.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            expected = [dob.findtext("DATE"), dob.findtext("YEAR")]
            expected += year_range(dob.findtext("FROM_YEAR"), dob.findtext("TO_YEAR"))
            for value in filter(None, expected):
                dobs += 1
                assert iso_date(value) in birth_dates, (party.findtext("REFERENCE_NUMBER"), value)
        for alias_dob in party.iter("DATE_OF_BIRTH"):  # a date of birth given with an alias
            text = (alias_dob.text or "").strip()
            for year_or_date in re.findall(r"\d{4}(?:-\d\d-\d\d)?", text):
                dobs += 1
                assert year_or_date in birth_dates, (party.findtext("REFERENCE_NUMBER"), text)
    raw = shared_path("sanctions", name).read_text(encoding="utf-8")
    assert aliases == len(re.findall(r"<ALIAS_NAME>\s*[^<\s]", raw))
    assert dobs >= raw.count("<DATE>") + raw.count("<YEAR>")


def test_published_at_is_the_date_generated() -> None:
    assert parsed("un-consolidated-2020-03-20.xml").published_at == "2020-03-20T23:09:21"
    assert parsed("un-consolidated-2024-09-26.xml").published_at == "2024-09-26T00:00:07"
    assert parsed("un-consolidated-2026-02-27.xml").published_at == "2026-02-27T00:00:09"


def test_ids_are_valid_unique_and_references_resolve() -> None:
    for name in UN_FILES:
        p = parsed(name)
        ids = [r.id for r in p.records]
        assert len(ids) == len(set(ids))
        known = set(ids)
        for rec in p.records:
            assert registry.entity.clean(rec.id) == rec.id
            for prop, value in rec.entity.itervalues():
                if prop.type == registry.entity:
                    assert value in known, (rec.id, prop.name, value)


def test_libya_trafficking_leaders() -> None:
    p = parsed("un-consolidated-2026-02-27.xml")
    records = _by_id(p)
    people = {
        r.reference: r for r in p.main_records() if r.reference and r.reference.startswith("LYi.02")
    }
    kashlaf = people["LYi.025"].entity
    assert kashlaf.id == "unsc-lyi-025"
    assert kashlaf.get("name") == ["Mohammed Al Amin Al-Arabi Kashlaf"]
    assert kashlaf.get("firstName") == ["Mohammed"]
    assert kashlaf.get("lastName") == ["Kashlaf"]
    assert set(kashlaf.get("alias")) == {
        "Kashlaf",
        "Koshlaf",
        "al-Qasab",
        "محمد الأمين العربي كشلاف",
    }
    assert kashlaf.get("weakAlias") == ["Keslaf"]
    assert kashlaf.get("birthDate") == ["1985-12-02"]
    assert kashlaf.get("birthPlace") == ["Zawiya, Libya"]
    assert kashlaf.get("nationality") == ["ly"]
    assert kashlaf.get("passportNumber") == ["C17HLRL3"]
    assert people["LYi.025"].langs[("alias", "محمد الأمين العربي كشلاف")] == "ara"
    passport = records["unsc-lyi-025-passport-c17hlrl3"].entity
    assert passport.schema.name == "Passport"
    assert passport.get("holder") == ["unsc-lyi-025"]
    assert passport.get("number") == ["C17HLRL3"]
    assert passport.get("startDate") == ["2015-12-30"]
    sanction = records["unsc-lyi-025-sanction"].entity
    assert sanction.get("program") == ["Libya"]
    assert sanction.get("programId") == ["LY"]
    assert sanction.get("listingDate") == ["2018-06-07"]
    assert sanction.get("unscId") == ["LYi.025"]
    assert sanction.get("provisions") == ["Travel Ban, Asset Freeze"]

    dabbashi = people["LYi.023"].entity
    assert set(dabbashi.get("weakAlias")) == {
        "Al-Dabachi",
        "Al Ammu",
        "The Uncle",
        "Al-Ahwal",
        "Al Dabbashi",
    }
    assert not dabbashi.get("alias", quiet=True) or "Al Ammu" not in dabbashi.get("alias")
    assert dabbashi.get("birthDate") == ["1988-05-07"]
    assert dabbashi.get("passportNumber") == ["LY53FP76"]
    assert dabbashi.get("idNumber") == ["119880387067"]
    assert records["unsc-lyi-023-passport-ly53fp76"].entity.get("country") == ["ly"]
    assert people["LYi.023"].langs[("alias", "احمد عمر امحمد الفيتوري")] == "ara"

    ghermay = people["LYi.021"].entity
    assert ghermay.get("birthDate") == ["1980"]  # "APPROXIMATELY 1980"
    assert set(ghermay.get("weakAlias")) == {"Ermies Ghermay", "Ermias Ghirmay"}
    assert ghermay.get("nationality") == ["er"]
    abdelrazak = people["LYi.022"].entity
    assert abdelrazak.get("birthDate", quiet=True) == []  # only "30-35 years old" is known
    assert "date of birth: 30-35 years old" in abdelrazak.get("notes")
    assert people["LYi.024"].entity.get("passportNumber") == ["782633", "540794"]
    milad = people["LYi.026"].entity
    assert milad.get("title") == ["Navy Major"]
    assert milad.get("position") == ["Commander of the Coast Guard in Zawiya"]
    assert milad.get("birthDate") == ["1986-07-27"]
    assert records["unsc-lyi-026-passport-g52fyprl"].entity.get("endDate") == ["2022-05-07"]

    # locations point at the real line of each record in the file
    lines = (
        shared_path("sanctions", "un-consolidated-2026-02-27.xml")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    loc = people["LYi.025"].location
    line_no = int(re.search(r"line (\d+)", loc).group(1))  # type: ignore[union-attr]
    assert loc.startswith("INDIVIDUAL LYi.025 (line ")
    assert lines[line_no - 1].strip() == "<INDIVIDUAL>"
    assert "<REFERENCE_NUMBER>LYi.025<" in "".join(lines[line_no : line_no + 10])
    alias_line = int(
        people["LYi.025"].locations[("weakAlias", "Keslaf")].rsplit(" ", 1)[1].rstrip(")")
    )
    assert "Keslaf" in lines[alias_line - 1]


def test_year_range_birth_dates() -> None:
    p = parsed("un-consolidated-2026-02-27.xml")
    tree = etree.parse(str(shared_path("sanctions", "un-consolidated-2026-02-27.xml")))
    dob = next(tree.iter("FROM_YEAR")).getparent()
    ref = dob.getparent().findtext("REFERENCE_NUMBER")
    entity = next(r.entity for r in p.main_records() if r.reference == ref)
    start, end = int(dob.findtext("FROM_YEAR")), int(dob.findtext("TO_YEAR"))
    assert {str(y) for y in range(start, end + 1)} <= set(entity.get("birthDate"))


def test_demo_list_without_shared_data() -> None:
    p = un.read([UN_DEMO], "un_sc_sanctions")
    assert p.source_counts == {"individuals": 11, "entities": 3}
    northwind = next(r.entity for r in p.main_records() if r.reference == "XXe.001")
    assert northwind.schema.name == "Organization"
    assert northwind.get("alias") == ["Northwind Demo Maritime"]
    assert northwind.get("previousName") == ["Blue Placeholder Lines"]  # f.k.a.
    between = next(r.entity for r in p.main_records() if r.reference == "XXi.002")
    assert between.get("birthDate") == ["1968", "1969", "1970", "1971"]


# -- broken input -------------------------------------------------------------------------------
def test_truncated_xml_names_file_line_and_record(tmp_path: Path) -> None:
    data = UN_DEMO.read_bytes()
    cut = data.index(b"<REFERENCE_NUMBER>LYi.024")
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data[:cut])
    with pytest.raises(InputError) as err:
        read_list([path])
    exc = err.value
    assert exc.path == str(path)
    assert exc.line is not None and exc.line >= data[:cut].count(b"\n")
    assert exc.record == "after LYi.023"
    assert "not well-formed XML" in str(exc)


def test_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    text = UN_DEMO.read_text(encoding="utf-8")
    path = tmp_path / "consolidated.xml"
    # declared UTF-8 but written as Latin-1 (what a careless re-save does)
    path.write_bytes(
        text.replace("Vilmar Demović", "Vilmar Demovíc")
        .encode("utf-8")
        .replace("í".encode(), "í".encode("latin-1"))
    )
    with pytest.raises(InputError) as err:
        read_list([path], format="un")
    bad_line = next(i for i, line in enumerate(text.splitlines(), 1) if "Vilmar Demović" in line)
    assert err.value.line == bad_line
    assert err.value.path == str(path)


def test_other_xml_is_not_taken_for_the_un_list(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><sdnList><x/></sdnList>', encoding="utf-8")
    with pytest.raises(InputError, match="not the UN"):
        un.read([path], "un_sc_sanctions")


def test_missing_reference_names_the_field(tmp_path: Path) -> None:
    text = UN_DEMO.read_text(encoding="utf-8").replace(
        "<REFERENCE_NUMBER>XXi.003</REFERENCE_NUMBER>", ""
    )
    path = tmp_path / "consolidated.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        un.read([path], "un_sc_sanctions")
    assert err.value.field == "REFERENCE_NUMBER"
    assert err.value.record == "DATAID 9000003"
    assert err.value.line is not None and "<INDIVIDUAL>" in text.splitlines()[err.value.line - 1]


def test_two_files_are_refused() -> None:
    with pytest.raises(InputError, match="one XML file"):
        un.read([UN_DEMO, UN_DEMO], "un_sc_sanctions")


_DEMO = UN_DEMO.read_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=len(_DEMO)),
    start=st.integers(min_value=0, max_value=len(_DEMO)),
    junk=st.binary(max_size=40),
)
def test_fuzzed_files_parse_or_raise_input_error(cut: int, start: int, junk: bytes) -> None:
    """Cut the file short and splice junk into it: the reader reads it or says where it broke."""
    data = _DEMO[:start] + junk + _DEMO[start + len(junk) : cut] if start < cut else _DEMO[:cut]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "consolidated.xml"
        path.write_bytes(data)
        try:
            p = un.read([path], "un_sc_sanctions")
        except InputError as exc:
            assert exc.path == str(path)
            return
        assert len(p.main_records()) <= sum(p.source_counts.values())
        assert all(r.reference and r.entity.get("name") for r in p.main_records())
