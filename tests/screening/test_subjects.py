"""Reading rows to screen: column aliases, bad files, odd values."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from opspoor.errors import InputError
from opspoor.screening.subjects import read_subjects, subject_from_fields


def test_aliases_and_types(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "Full Name;Date of Birth;Nationality\nKOSHLAF, Mohamed;12/12/1985;Libya\n", encoding="utf-8"
    )
    [subject] = list(read_subjects(path))
    assert subject.entity.schema.name == "Person"  # a birth date makes it a person
    assert subject.entity.get("name") == ["KOSHLAF, Mohamed"]
    assert subject.entity.get("birthDate") == ["1985-12-12"]
    assert subject.entity.get("nationality") == ["ly"]
    assert subject.error is None


def test_xlsx_input(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "name", "schema"])
    ws.append(["v1", "MARIE DE LOURDES", "Vessel"])
    path = tmp_path / "in.xlsx"
    wb.save(path)
    [subject] = list(read_subjects(path))
    assert (subject.id, subject.entity.schema.name) == ("v1", "Vessel")


def test_missing_name_column_names_file_and_header(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,surname\n1,Smith\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(read_subjects(path))
    assert "in.csv" in str(err.value) and "line 1" in str(err.value) and "name" in str(err.value)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00", b"   \n"])
def test_empty_and_binary_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        list(read_subjects(path))
    assert "in.csv" in str(err.value)


def test_bad_rows_are_kept_with_their_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "id,name,schema\n1,,Person\n2,Ali Baba,Spaceship\n3,Ok Name,Person\n", encoding="utf-8"
    )
    rows = list(read_subjects(path))
    assert [r.error for r in rows] == ["empty name", rows[1].error, None]
    assert "unknown schema" in (rows[1].error or "")
    assert rows[0].line == 2


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "name", "birth_date", "nationality", "schema"]),
        st.text(max_size=300),
    )
)
def test_subject_from_any_fields_never_crashes(fields: dict[str, str]) -> None:
    subject = subject_from_fields(fields)
    assert subject.entity.schema is not None
    assert subject.error is not None or subject.entity.get("name")
