"""The UK OFSI ConList.csv reader: grouping rows, encodings, broken rows."""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opspoor.errors import InputError
from opspoor.lists import uk
from opspoor.lists.formats import read_list, sniff_format
from opspoor.lists.model import ParsedList
from tests.lists.conftest import UK_CP1252, UK_FIXTURE


def _read(path: Path = UK_FIXTURE) -> ParsedList:
    return uk.read([path], "gb_hmt_sanctions")


def _parties(p: ParsedList) -> dict[str, object]:
    return {r.reference: r for r in p.main_records()}


def _raw_rows(path: Path = UK_FIXTURE) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return list(csv.DictReader(lines))


def test_fixture_reads_whole() -> None:
    rows = _raw_rows()
    p = _read()
    assert sniff_format([UK_FIXTURE]) == "uk"
    assert p.published_at == "2026-02-27"
    assert p.source_counts == {"rows": len(rows), "groups": len({r["Group ID"] for r in rows})}
    assert sorted(r.reference for r in p.main_records()) == sorted({r["Group ID"] for r in rows})
    kinds = {r.reference: r.entity.schema.name for r in p.main_records()}
    assert kinds["90025"] == "Person"
    assert kinds["99901"] == "Organization"
    assert kinds["99902"] == "Vessel"
    # every name row of the file is on its party as name, alias or weak alias
    parties = _parties(p)
    for row in rows:
        name = " ".join(row[f"Name {i}"] for i in range(1, 7) if row[f"Name {i}"])
        ent = parties[row["Group ID"]].entity
        prop = (
            "weakAlias"
            if row["Alias Quality"] == "Low"
            else ("name" if row["Alias Type"] == "Primary name" else "alias")
        )
        assert name in ent.get(prop), (row["Group ID"], name, prop)


def test_libya_traffickers_in_the_uk_format() -> None:
    p = _read()
    records = {r.id: r for r in p.records}
    parties = _parties(p)
    dabbashi = parties["90023"]
    ent = dabbashi.entity
    assert ent.id == "gb-hmt-90023"
    assert ent.get("name") == ["Ahmad Oumar Imhamad AL-FITOURI"]
    assert ent.get("firstName") == ["Ahmad"]
    assert ent.get("lastName") == ["AL-FITOURI"]
    assert set(ent.get("weakAlias")) == {
        "AL-DABACHI",
        "AL AMMU",
        "THE UNCLE",
        "AL-AHWAL",
        "AL DABBASHI",
    }
    assert ent.get("alias") == ["احمد عمر امحمد الفيتوري"]
    assert dabbashi.langs[("alias", "احمد عمر امحمد الفيتوري")] == "ara"
    assert ent.get("birthDate") == ["1988-05-07"]
    assert ent.get("nationality") == ["ly"]
    assert ent.get("passportNumber") == ["LY53FP76"]
    assert ent.get("idNumber") == ["119880387067"]
    passport = records["gb-hmt-90023-passport-ly53fp76"].entity
    assert passport.get("holder") == ["gb-hmt-90023"]
    assert passport.get("description") == ["Issued 29/09/2015 in Tripoli"]
    sanction = records["gb-hmt-90023-sanction"].entity
    assert sanction.get("program") == ["Libya"]
    assert sanction.get("listingDate") == ["2018-06-07"]
    assert sanction.get("startDate") == ["2020-12-31"]
    assert sanction.get("unscId") == ["LYi.023"]
    assert sanction.get("authorityId") == ["LIB9023"]

    ghermay = parties["90021"].entity
    assert ghermay.get("birthDate") == ["1980"]  # 00/00/1980
    assert set(ghermay.get("alias")) == {"Ermias GHERMAY", "GURO"}
    assert ghermay.get("address") == ["Tarig sure no. 51, Tripoli, Libya"]

    musab = parties["90024"].entity
    assert musab.get("passportNumber") == ["782633", "540794"]  # "(1) 782633 (2) 540794"
    assert records["gb-hmt-90024-passport-540794"].entity.get("description") == [
        "Issued 12/01/2008"
    ]
    assert "Musab Mustafa Abu al Qassim OMAR" in musab.get("alias")  # primary name variation

    zoran = parties["99903"]
    assert zoran.entity.get("birthDate") == ["1970", "1975-03"]  # "(1) 00/00/1970 (2) 00/03/1975"
    assert zoran.entity.get("nationality") == ["rs"]
    assert "nationality: Unknown" in zoran.entity.get("notes")
    assert zoran.langs[("alias", "Зоран Фиктивник")] == "srp"  # the declared script language


def test_locations_give_the_row_line() -> None:
    lines = UK_FIXTURE.read_text(encoding="utf-8").splitlines()
    rec = _parties(_read())["90025"]
    assert rec.location.startswith("uk-conlist-libya.csv Group ID 90025 (line ")
    keslaf_line = int(rec.locations[("weakAlias", "KESLAF")].rsplit("line ", 1)[1].rstrip(")"))
    assert lines[keslaf_line - 1].startswith("KESLAF,")


def test_windows_1252_file_is_detected() -> None:
    data = UK_CP1252.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    p = read_list([UK_CP1252])
    assert p.format == "uk"
    musab = _parties(p)["90024"].entity
    assert musab.get("name") == ["Mus’ab Mustafa Abu al Qassim OMAR"]
    company = _parties(p)["99901"].entity
    assert company.get("address") == ["Harbour Road 1, Quartier Aïn Zara, Zuwara, Libya"]


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)]
)
def test_byte_order_marks(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "ConList.csv"
    path.write_bytes(bom + UK_FIXTURE.read_text(encoding="utf-8").encode(encoding))
    p = read_list([path])
    assert p.published_at == "2026-02-27"
    assert sorted(r.id for r in p.records) == sorted(r.id for r in _read().records)


def test_utf16_without_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_bytes(UK_FIXTURE.read_text(encoding="utf-8").encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        uk.read([path], "gb_hmt_sanctions")
    assert "NUL bytes" in err.value.message
    assert err.value.line == 1


def test_broken_row_names_line_and_group(tmp_path: Path) -> None:
    lines = UK_FIXTURE.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, line in enumerate(lines) if line.startswith("KESLAF,"))
    lines[bad] = lines[bad].replace(",Libya,", ",Libya,,", 1)  # a stray comma
    path = tmp_path / "ConList.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        uk.read([path], "gb_hmt_sanctions")
    assert err.value.line == bad + 1
    assert err.value.record == "Group ID 90025?"
    assert "37 fields" in err.value.message


def test_open_quote_is_refused(tmp_path: Path) -> None:
    text = UK_FIXTURE.read_text(encoding="utf-8")
    cut = text.index('"(UK Sanctions List Ref):LIB9026')
    path = tmp_path / "ConList.csv"
    path.write_text(text[: cut + 10], encoding="utf-8")  # cut inside a quoted field
    with pytest.raises(InputError) as err:
        uk.read([path], "gb_hmt_sanctions")
    assert err.value.path == str(path)
    assert err.value.line == text[:cut].count("\n") + 1


def test_missing_columns_and_group_ids(tmp_path: Path) -> None:
    text = UK_FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "ConList.csv"
    path.write_text(text.replace(",Group ID\n", ",Group Ident\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        uk.read([path], "gb_hmt_sanctions")
    assert err.value.field == "Group ID"
    assert err.value.line == 2
    rows = list(csv.reader(io.StringIO(text)))
    rows[5][-1] = ""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    with pytest.raises(InputError) as err:
        uk.read([path], "gb_hmt_sanctions")
    assert err.value.field == "Group ID"
    assert err.value.line == 6


def test_numbered_cells() -> None:
    assert uk.numbered("(1) Libya (2) Tunisia") == ["Libya", "Tunisia"]
    assert uk.numbered("Libya") == ["Libya"]
    assert uk.numbered(" ") == []


_UK = UK_FIXTURE.read_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=len(_UK)),
    start=st.integers(min_value=0, max_value=len(_UK)),
    junk=st.binary(max_size=30),
)
def test_fuzzed_files_parse_or_raise_input_error(cut: int, start: int, junk: bytes) -> None:
    data = _UK[:start] + junk + _UK[start + len(junk) : cut] if start < cut else _UK[:cut]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ConList.csv"
        path.write_bytes(data)
        try:
            p = uk.read([path], "gb_hmt_sanctions")
        except InputError as exc:
            assert exc.path == str(path)
            return
        assert len(p.main_records()) == p.source_counts["groups"]
        assert all(r.entity.get("name") for r in p.main_records())


def test_unknown_group_type_keeps_every_value(tmp_path: Path) -> None:
    text = UK_FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "ConList.csv"
    path.write_text(text.replace(",Individual,", ",Airship,"), encoding="utf-8")
    p = uk.read([path], "gb_hmt_sanctions")
    milad = _parties(p)["90026"].entity
    assert milad.schema.name == "LegalEntity"  # the publisher did not say what it is
    assert "title: Navy Major" in milad.get("notes")  # LegalEntity has no title: kept as a note
    assert milad.get("idNumber") == ["2519910"]


def test_bytes_of_no_known_encoding_are_refused(tmp_path: Path) -> None:
    data = UK_CP1252.read_bytes()
    at = data.index(b"Harbour Road 1")
    path = tmp_path / "ConList.csv"
    path.write_bytes(data[:at] + b"\x81" + data[at:])  # undefined in Windows-1252, not UTF-8
    with pytest.raises(InputError) as err:
        uk.read([path], "gb_hmt_sanctions")
    assert err.value.line == data[:at].count(b"\n") + 1
    assert "cp1252" in err.value.message
