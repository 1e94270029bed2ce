"""OFAC's legacy CSV set: the real 2019 and 2021 sets read whole, the fixture set, broken input."""

from __future__ import annotations

import csv
import gc
import io
import re
import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from followthemoney import registry

from opspoor.errors import InputError
from opspoor.lists.formats import read_list
from opspoor.lists.model import ParsedList
from opspoor.lists.ofac_csv import read_csv_set
from opspoor.lists.versions import import_list
from opspoor.store.db import Store
from opspoor.store.records import Record
from tests.conftest import FIXTURES, shared_path

CSV_FIXTURE = FIXTURES / "lists" / "ofac" / "csv"
REAL_SETS = {"ofac-sdn-2019-01": 7379, "ofac-sdn-2021": 8976}
LIBYA3_SIX = {
    # ent_num: (last name, first name, birth dates, nationality, aliases OFAC quotes in remarks)
    "24310": ("ABU GREIN", "Musab", ["1982", "1983"], "ly", []),
    "24311": ("KOSHLAF", "Mohamed", ["1985-12-12"], "ly", ["Al Qasseb"]),
    "24312": ("MILAD", "Abd al-Rahman", ["1986-07-27"], "ly", ["al-Bija"]),
    "24313": ("FITWI", "Abd al-Razzak", ["1985", "1986", "1987"], "sd", []),
    "24314": ("DABBASHI", "Ahmed", ["1988-07-05"], "ly", ["Amu"]),
    "24004": ("GHERMAY", "Ermias", [str(y) for y in range(1972, 1978)], "et", []),
}


# -- helpers: the raw files read with nothing but the csv module ----------------------------------


def raw_rows(folder: Path, name: str) -> list[list[str]]:
    text = (folder / name).read_bytes().rstrip(b"\x1a").decode("cp1252")
    return [row for row in csv.reader(io.StringIO(text, newline="")) if row]


def raw_value(text: str) -> str:
    text = text.strip()
    return "" if text in ("-0-", "-0") else text


def raw_remarks(folder: Path) -> dict[str, str]:
    remarks = {row[0]: raw_value(row[11]) for row in raw_rows(folder, "sdn.csv")}
    for row in raw_rows(folder, "sdn_comments.csv"):
        remarks[row[0]] += row[1]
    return remarks


@cache
def parsed_set(name: str) -> ParsedList:
    return read_list([shared_path("sanctions", name)])


def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.id: r for r in parsed.records}


def values(record: Record, prop: str) -> list[str]:
    return list(record.entity.get(prop, quiet=True))


def snapshot(store: Store) -> tuple[int, int]:
    return len(store.list_sources()), store.count_statements()


# -- the real sets --------------------------------------------------------------------------------


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_every_sdn_row_is_one_listed_party(name: str) -> None:
    folder = shared_path("sanctions", name)
    rows = raw_rows(folder, "sdn.csv")
    assert len(rows) == REAL_SETS[name]
    parsed = parsed_set(name)
    assert parsed.format == "ofac" and parsed.published_at is None
    assert sorted(r.reference for r in parsed.main_records()) == sorted(row[0] for row in rows)
    types = Counter(raw_value(row[2]) for row in rows)
    schemata = parsed.schema_counts()
    assert schemata["Person"] == types["individual"]
    assert schemata["Vessel"] == types["vessel"]
    assert schemata["Airplane"] == types["aircraft"]
    assert schemata["Organization"] == types[""]
    assert schemata["Sanction"] == len(rows)
    records = by_id(parsed)
    for row in rows:
        party = records[f"ofac-{row[0]}"]
        assert values(party, "name") == [row[1]]
        sanction = records[f"ofac-{row[0]}-sanction"]
        assert values(sanction, "recordId") == [row[0]]
        programs = [p.strip(" []") for p in re.split(r"\] \[", row[3])]
        assert sorted(values(sanction, "program")) == sorted(programs)
        assert values(sanction, "authority") == ["Office of Foreign Assets Control"]


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_every_alias_row_is_kept(name: str) -> None:
    folder = shared_path("sanctions", name)
    records = by_id(parsed_set(name))
    rows = raw_rows(folder, "alt.csv")
    assert parsed_set(name).source_counts["alt_rows"] == len(rows)
    for ent, _num, alt_type, alt_name, _remarks in rows:
        party = records[f"ofac-{ent}"]
        props = {"fka": ["previousName"]}.get(alt_type, ["alias", "weakAlias"])
        assert any(alt_name in values(party, p) for p in props), (ent, alt_type, alt_name)


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_every_address_row_is_kept(name: str) -> None:
    folder = shared_path("sanctions", name)
    records = by_id(parsed_set(name))
    rows = raw_rows(folder, "add.csv")
    assert parsed_set(name).source_counts["add_rows"] == len(rows)
    empty = 0
    for ent, _num, street, city, country, _remarks in rows:
        street, city, country = raw_value(street), raw_value(city), raw_value(country)
        party = records[f"ofac-{ent}"]
        if street or city:
            full = ", ".join(p for p in (street, city, country) if p)
            assert full in values(party, "address"), (ent, full)
        elif country:
            code = registry.country.clean(country)
            if code:
                assert code in values(party, "country"), (ent, country)
            else:
                assert country in values(party, "address"), (ent, country)
        else:
            empty += 1  # OFAC ships address rows with every field "-0-": nothing to keep
    assert empty < len(rows) / 4


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_birth_dates_match_the_remarks(name: str) -> None:
    """Every year in a DOB remark is a birth date (prefix) of its person."""
    records = by_id(parsed_set(name))
    with_dob = 0
    for ent, remarks in raw_remarks(shared_path("sanctions", name)).items():
        parts = [p.strip() for p in remarks.split(";")]
        dobs = [p for p in parts if re.match(r"^(alt\. )?DOB ", p)]
        party = records[f"ofac-{ent}"]
        birth_dates = values(party, "birthDate")
        if dobs and party.entity.schema.name == "Person":
            with_dob += 1
        for dob in dobs:
            for year in re.findall(r"\b(1[89]\d\d|20\d\d)\b", dob):
                assert any(d.startswith(year) for d in birth_dates), (ent, dob, birth_dates)
    persons_with_dates = sum(
        1 for r in records.values() if r.entity.schema.name == "Person" and values(r, "birthDate")
    )
    assert persons_with_dates == with_dob


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_quoted_aliases_links_and_vessel_ids_are_kept(name: str) -> None:
    records = by_id(parsed_set(name))
    links = Counter(
        r.entity.first("subject") for r in records.values() if r.entity.schema.name == "UnknownLink"
    )
    for ent, remarks in raw_remarks(shared_path("sanctions", name)).items():
        party = records[f"ofac-{ent}"]
        for alias in re.findall(r"(?:^|; )a\.k\.a\. '(.+?)'\.?(?=;|$)", remarks):
            alias = " ".join(alias.split())  # blanks are collapsed
            assert alias in values(party, "weakAlias"), (ent, alias)
        linked = remarks.count("Linked To:")
        unresolved = sum(1 for n in values(party, "notes") if n.startswith("Linked To:"))
        assert links[party.id] + unresolved == linked, (ent, remarks)
        for imo in re.findall(r"Vessel Registration Identification IMO (\d{7})", remarks):
            assert f"IMO{imo}" in values(party, "imoNumber")
        for mmsi in re.findall(r"MMSI (\d{9})", remarks):
            assert mmsi in values(party, "mmsi")


@pytest.mark.shared_data
def test_libya3_traffickers_in_the_2019_set() -> None:
    records = by_id(parsed_set("ofac-sdn-2019-01"))
    check_libya3_six(records)
    koshlaf = records["ofac-24311"]
    assert values(koshlaf, "birthPlace") == ["Zawiya, Libya"]
    assert "KASHLAF, Mohamed" in values(koshlaf, "alias")
    assert koshlaf.location == "sdn.csv line 6575"
    # each alias cites the alt.csv line it came from
    assert koshlaf.locations[("alias", "KASHLAF, Mohamed")].startswith("alt.csv line ")


def check_libya3_six(records: dict[str, Record]) -> None:
    for ent, (last, first, dates, nationality, quoted) in LIBYA3_SIX.items():
        person = records[f"ofac-{ent}"]
        assert person.entity.schema.name == "Person"
        assert person.reference == ent
        assert values(person, "name") == [f"{last}, {first}"]
        assert values(person, "lastName") == [last]
        assert values(person, "firstName") == [first]
        assert sorted(values(person, "birthDate")) == dates
        assert values(person, "nationality") == [nationality]
        assert values(person, "gender") == ["male"]
        assert sorted(values(person, "weakAlias")) == sorted(quoted)
        sanction = records[f"ofac-{ent}-sanction"]
        assert values(sanction, "program") == ["LIBYA3"]
        assert values(sanction, "entity") == [person.id]


@pytest.mark.shared_data
def test_a_vessel_with_imo_and_mmsi() -> None:
    records = by_id(parsed_set("ofac-sdn-2019-01"))
    vessel = records["ofac-23425"]
    assert vessel.entity.schema.name == "Vessel"
    assert values(vessel, "imoNumber") == ["IMO8688171"]
    assert values(vessel, "mmsi") == ["249000882"]
    assert values(vessel, "callSign") == ["9HB3103"]
    assert values(vessel, "flag") == ["mt"]
    link = records["ofac-23425-link-23410"]
    assert values(link, "object") == ["ofac-23410"]  # WORLD WATER FISHERIES LIMITED
    # "99,144" in sdn.csv; "None Identified" is no flag, so that fact stays a note
    tanker = records["ofac-15036"]
    assert values(tanker, "tonnage") == ["99144"]
    assert values(tanker, "grossRegisteredTonnage") == ["56068"]
    assert values(tanker, "type") == ["Crude/Oil Products Tanker"]
    assert sorted(values(tanker, "pastFlags")) == ["mt", "tv", "tz"]
    assert "alt. Former Vessel Flag None Identified" in values(tanker, "notes")


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_real_set_imports_whole_and_once(sqlite_store: Store, name: str) -> None:
    folder = shared_path("sanctions", name)
    result = import_list(sqlite_store, [folder])
    assert result.created
    assert result.source.entity_count == len(parsed_set(name).records)
    stored = list(sqlite_store.iter_entities())
    assert sum(1 for e in stored if e.reference) == REAL_SETS[name]
    count = sqlite_store.count_statements()
    again = import_list(sqlite_store, [folder])
    assert not again.created
    assert again.source.id == result.source.id
    assert sqlite_store.count_statements() == count
    assert len(sqlite_store.list_sources()) == 1


# -- the fixture set ------------------------------------------------------------------------------


def test_fixture_set_reads_whole() -> None:
    parsed = read_list([CSV_FIXTURE])
    assert parsed.format == "ofac"
    assert [p.name for p in parsed.files] == ["add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv"]
    assert parsed.source_counts == {
        "sdn_rows": 15,
        "alt_rows": 16,
        "add_rows": 22,
        "comment_rows": 1,
    }
    assert len(parsed.main_records()) == 15
    records = by_id(parsed)
    check_libya3_six(records)
    # the remark cut at "(Li" continues in sdn_comments.csv with "bya) issued ..."
    ghawil = records["ofac-19769"]
    assert values(ghawil, "passportNumber") == ["A005465"]
    assert values(ghawil, "position") == [
        "Prime Minister and Defense Minister of the National Salvation Government"
    ]
    assert values(ghawil, "notes") == []  # the title repeated in remarks is not kept twice
    passport = next(
        r
        for r in parsed.records
        if r.entity.schema.name == "Passport" and r.entity.first("holder") == "ofac-19769"
    )
    assert values(passport, "country") == ["ly"]
    assert values(passport, "startDate") == ["2015-04-12"]
    assert values(passport, "endDate") == ["2017-04-11"]
    wallet = next(r for r in parsed.records if r.entity.schema.name == "CryptoWallet")
    assert values(wallet, "holder") == ["ofac-26137"]
    assert values(wallet, "currency") == ["XBT"]


def test_sdn_csv_alone_finds_its_companions() -> None:
    parsed = read_csv_set([CSV_FIXTURE / "sdn.csv"])
    assert len(parsed.files) == 4
    assert parsed.sha256 == read_list([CSV_FIXTURE]).sha256


def test_fixture_imports_once(store: Store) -> None:
    result = import_list(store, [CSV_FIXTURE])
    assert result.created and result.source.format == "ofac"
    person = store.get_entity("ofac-24311")
    assert person is not None and person.reference == "24311"
    assert person.entity.get("weakAlias") == ["Al Qasseb"]
    count = store.count_statements()
    assert not import_list(store, [CSV_FIXTURE]).created
    assert store.count_statements() == count


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    alt = folder / "alt.csv"
    alt.write_bytes(
        alt.read_bytes().rstrip(b"\x1a") + '24311,99999,"aka","PÉREZ, José",-0- '.encode("cp1252")
    )
    records = by_id(read_list([folder]))
    assert "PÉREZ, José" in values(records["ofac-24311"], "alias")


# -- bad input ------------------------------------------------------------------------------------


def copy_set(tmp_path: Path) -> Path:
    folder = tmp_path / "ofac"
    shutil.copytree(CSV_FIXTURE, folder)
    return folder


def replace_line(path: Path, line: int, text: str) -> None:
    lines = path.read_bytes().split(b"\r\n")
    lines[line - 1] = text.encode("ascii")
    path.write_bytes(b"\r\n".join(lines))


@pytest.mark.parametrize(
    ("file", "line", "text", "message"),
    [
        ("sdn.csv", 3, '23189,"DEBONO, Darren,"individual","LIBYA3",-0- ', "unbalanced"),
        (
            "sdn.csv",
            3,
            '23189,"DEBONO, Darren","individual","LIBYA3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 09 Jan 1974',
            "unbalanced",
        ),
        ("sdn.csv", 4, '23193,"DEBONO, Gordon","individual","LIBYA3"', "expected 12 columns"),
        ("alt.csv", 2, '19769,31188,"aka","AL-GHUWAYL, Khalifah",-0- ,extra', "expected 5 columns"),
        ("add.csv", 5, '99999,1,-0- ,-0- ,"Libya",-0- ', "ent_num 99999 is not in sdn.csv"),
        (
            "sdn.csv",
            2,
            'x19769,"GHAWIL","individual","LIBYA3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
            "ent_num must be a number",
        ),
    ],
)
def test_a_broken_row_names_file_and_line_and_changes_nothing(
    store: Store, tmp_path: Path, file: str, line: int, text: str, message: str
) -> None:
    import_list(store, [read_list([CSV_FIXTURE]).files[0].parent])  # an earlier good version
    before = snapshot(store)
    folder = copy_set(tmp_path)
    replace_line(folder / file, line, text)
    with pytest.raises(InputError) as err:
        import_list(store, [folder])
    assert err.value.path == str(folder / file)
    assert err.value.line == line
    assert message in str(err.value)
    assert snapshot(store) == before


@pytest.mark.parametrize("content", [b"", b"\x1a", b"\r\n\x1a"])
def test_an_empty_sdn_csv_is_refused(store: Store, tmp_path: Path, content: bytes) -> None:
    folder = copy_set(tmp_path)
    (folder / "sdn.csv").write_bytes(content)
    with pytest.raises(InputError) as err:
        import_list(store, [folder])
    assert err.value.path == str(folder / "sdn.csv")
    assert snapshot(store) == (0, 0)


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    replace_line(folder / "alt.csv", 3, '23203,36512,"aka","PETRO\x00PLUS",-0- ')
    with pytest.raises(InputError, match="NUL bytes") as err:
        read_list([folder])
    assert err.value.line == 3


def test_the_garbage_collector_is_back_on_after_a_read(tmp_path: Path) -> None:
    assert gc.isenabled()
    read_list([CSV_FIXTURE])
    assert gc.isenabled()
    folder = copy_set(tmp_path)
    replace_line(folder / "alt.csv", 2, "garbage")
    with pytest.raises(InputError):
        read_list([folder])
    assert gc.isenabled()


def test_a_missing_alias_file_is_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    (folder / "alt.csv").unlink()
    with pytest.raises(InputError, match=r"alt\.csv is missing"):
        read_list([folder])


def test_a_stranger_in_the_folder_is_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    (folder / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match="not a file of OFAC's CSV set"):
        read_list([folder], format="ofac")
