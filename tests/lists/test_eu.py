"""The EU Financial Sanctions Files (FSF) XML reader, on a hand-written fixture."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opspoor.errors import InputError
from opspoor.lists import eu
from opspoor.lists.formats import read_list, sniff_format
from opspoor.lists.model import ParsedList
from tests.lists.conftest import EU_FIXTURE

REAL_NS = "http://eu.europa.ec/fpi/fsd/export"


def _read(path: Path = EU_FIXTURE) -> ParsedList:
    return eu.read([path], "eu_fsf")


def _parties(p: ParsedList) -> dict[str, object]:
    return {r.reference: r for r in p.main_records()}


def test_fixture_reads_whole() -> None:
    raw = EU_FIXTURE.read_text(encoding="utf-8")
    p = _read()
    assert sniff_format([EU_FIXTURE]) == "eu"
    assert p.format == "eu"
    assert p.published_at == "2026-02-27T17:02:11"  # generationDate in UTC
    assert p.source_counts["sanctionEntity"] == raw.count("<sanctionEntity ") == 8
    assert p.source_counts["person"] == raw.count('code="person"') == 7
    assert p.source_counts["enterprise"] == raw.count('code="enterprise"') == 1
    assert p.schema_counts()["Sanction"] == 8
    assert len(p.main_records()) == 8


def test_libya_traffickers_in_the_eu_format() -> None:
    p = _read()
    records = {r.id: r for r in p.records}
    parties = _parties(p)
    kashlaf = parties["EU.9000.25"]
    ent = kashlaf.entity
    assert ent.id == "eu-fsf-900025"
    assert ent.get("name") == ["Mohammed Al Amin Al-Arabi Kashlaf"]
    assert ent.get("firstName") == ["Mohammed"]
    assert ent.get("middleName") == ["Al Amin Al-Arabi"]
    assert ent.get("lastName") == ["Kashlaf"]
    assert set(ent.get("alias")) == {"Koshlaf", "al-Qasab", "محمد الأمين العربي كشلاف"}
    assert ent.get("weakAlias") == ["Keslaf"]  # strong="false" stays apart
    assert kashlaf.langs[("alias", "محمد الأمين العربي كشلاف")] == "ara"  # nameLanguage="AR"
    assert ent.get("birthDate") == ["1985-12-02"]
    assert ent.get("birthCountry") == ["ly"]
    assert ent.get("nationality") == ["ly"]
    assert ent.get("gender") == ["male"]
    assert ent.get("passportNumber") == ["C17HLRL3"]
    passport = records["eu-fsf-900025-passport-c17hlrl3"].entity
    assert passport.get("holder") == ["eu-fsf-900025"]
    assert passport.get("country") == ["ly"]
    assert passport.get("type") == ["National passport"]
    sanction = records["eu-fsf-900025-sanction"].entity
    assert sanction.get("program") == ["LBY"]
    assert sanction.get("unscId") == ["LYi.025"]
    assert sanction.get("listingDate") == ["2018-06-07"]
    assert sanction.get("startDate") == ["2016-01-20"]
    assert sanction.get("authorityId") == ["EU.9000.25"]
    assert sanction.get("sourceUrl") == [
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32016R0044"
    ]

    ghermay = parties["EU.9000.21"].entity
    assert ghermay.get("birthDate") == ["1980"]
    assert "date of birth circa 1980" in ghermay.get("notes")
    assert set(ghermay.get("weakAlias")) == {"Ermies Ghermay", "Ermias Ghirmay"}
    assert ghermay.get("alias") == ["Ermias Alem"]

    dabbashi = parties["EU.9000.23"].entity
    assert dabbashi.get("idNumber") == ["119880387067"]
    assert records["eu-fsf-900023-id-119880387067"].entity.schema.name == "Identification"
    assert dabbashi.get("birthPlace") == ["Talil neighbourhood, Sabratha, LIBYA"]

    milad = parties["EU.9000.26"].entity
    assert milad.get("title") == ["Navy Major"]
    assert records["eu-fsf-900026-passport-g52fyprl"].entity.get("endDate") == ["2022-05-07"]
    assert (
        "flag: knownExpired"
        in records["eu-fsf-900026-passport-g52fyprl"].entity.get("description")[0]
    )


def test_year_ranges_unknown_countries_and_declared_languages() -> None:
    p = _read()
    zoran = _parties(p)["EU.9000.91"]
    ent = zoran.entity
    assert ent.get("birthDate") == ["1970", "1971", "1972", "1973", "1975-03"]
    assert not ent.get("nationality", quiet=True)  # countryIso2Code="00" UNKNOWN
    assert not ent.get("birthPlace", quiet=True)
    assert zoran.langs[("alias", "Зоран Фиктивник")] == "srp"  # nameLanguage wins over the script
    company = _parties(p)["EU.9000.92"].entity
    assert company.schema.name == "Organization"
    assert company.get("idNumber") == ["RC-000-0001"]
    assert company.get("weakAlias") == ["Example Seaways"]
    assert company.get("address") == ["Harbour Road 1, Zuwara, LIBYA"]


def test_locations_are_real_lines() -> None:
    lines = EU_FIXTURE.read_text(encoding="utf-8").splitlines()
    p = _read()
    rec = _parties(p)["EU.9000.24"]
    line = int(rec.location.rsplit("line ", 1)[1].rstrip(")"))
    assert 'euReferenceNumber="EU.9000.24"' in lines[line - 1]
    weak = rec.locations[("weakAlias", "The Doctor")]
    assert 'wholeName="The Doctor"' in lines[int(weak.rsplit("line ", 1)[1].rstrip(")")) - 1]


@pytest.mark.parametrize("namespace", [REAL_NS, "http://eu.europa.eu/fpi/fsd/export", None])
def test_namespace_does_not_matter(tmp_path: Path, namespace: str | None) -> None:
    text = EU_FIXTURE.read_text(encoding="utf-8")
    replacement = f'xmlns="{namespace}"' if namespace else ""
    path = tmp_path / "eu.xml"
    path.write_text(text.replace(f'xmlns="{REAL_NS}"', replacement), encoding="utf-8")
    p = read_list([path])
    assert p.format == "eu"
    assert sorted(r.id for r in p.records) == sorted(r.id for r in _read().records)


def test_truncated_file(tmp_path: Path) -> None:
    data = EU_FIXTURE.read_bytes()
    path = tmp_path / "eu.xml"
    path.write_bytes(data[: data.index(b'euReferenceNumber="EU.9000.25"')])
    with pytest.raises(InputError) as err:
        read_list([path])
    assert err.value.path == str(path)
    assert err.value.record == "after EU.9000.24"
    assert err.value.line is not None


def test_entity_without_name_or_id(tmp_path: Path) -> None:
    text = EU_FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "eu.xml"
    path.write_text(text.replace('logicalId="900022"', 'logicalId=""'), encoding="utf-8")
    with pytest.raises(InputError) as err:
        _read(path)
    assert err.value.field == "logicalId"
    assert (
        'logicalId=""'
        in text.replace('logicalId="900022"', 'logicalId=""').splitlines()[err.value.line - 1]
    )
    nameless = text.replace('wholeName="EXAMPLE SEAWAYS TRADING LLC"', 'wholeName=""').replace(
        'wholeName="Example Seaways"', 'wholeName=""'
    )
    path.write_text(nameless, encoding="utf-8")
    with pytest.raises(InputError) as err:
        _read(path)
    assert err.value.record == "EU.9000.92"
    assert err.value.field == "nameAlias/@wholeName"


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text("<?xml version='1.0'?><CONSOLIDATED_LIST/>", encoding="utf-8")
    with pytest.raises(InputError, match="not the EU FSF"):
        _read(path)


_EU = EU_FIXTURE.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=len(_EU)),
    start=st.integers(min_value=0, max_value=len(_EU)),
    junk=st.binary(max_size=30),
)
def test_fuzzed_files_parse_or_raise_input_error(cut: int, start: int, junk: bytes) -> None:
    data = _EU[:start] + junk + _EU[start + len(junk) : cut] if start < cut else _EU[:cut]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "eu.xml"
        path.write_bytes(data)
        try:
            p = _read(path)
        except InputError as exc:
            assert exc.path == str(path)
            return
        # every record read is a listing with its reference (duplicates merge into one)
        assert len(p.main_records()) <= p.source_counts["sanctionEntity"]
        assert all(r.reference and r.entity.get("name") for r in p.main_records())


def test_unknown_subject_type_keeps_every_value(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(
        EU_FIXTURE.read_text(encoding="utf-8").replace('code="person"', 'code="vessel"'),
        encoding="utf-8",
    )
    kashlaf = _parties(_read(path))["EU.9000.25"].entity
    assert kashlaf.schema.name == "LegalEntity"
    assert "position: Commander of the Shuhada al-Nasr brigade" in kashlaf.get("notes")
    assert kashlaf.get("country") == ["ly"]
