"""A small sanctions list as FtM JSON lines (two versions) for screening tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

KASHLAF: dict[str, Any] = {
    "id": "unsc-lyi-025",
    "schema": "Person",
    "properties": {
        "name": ["MOHAMED AL AMIN AL-ARABI KASHLAF"],
        "alias": ["Kashlaf", "Koshlaf", "al-Qasab", "محمد الأمين العربي كشلاف"],
        "weakAlias": ["Keslaf"],
        "birthDate": ["1985-12-02"],
        "nationality": ["ly"],
        "passportNumber": ["C17HLRL3"],
    },
}
DABBASHI: dict[str, Any] = {
    "id": "unsc-lyi-021",
    "schema": "Person",
    "properties": {
        "name": ["AHMAD OUMAR AL-FAR DABBASHI"],
        "weakAlias": ["Al Ammu", "The Uncle"],
        "birthDate": ["1986-07-05"],
        "nationality": ["ly"],
    },
}
OTHER: dict[str, Any] = {
    "id": "test-org-1",
    "schema": "Organization",
    "properties": {"name": ["Zawiya Coast Trading Company"], "country": ["ly"]},
}


def write_jsonl(path: Path, entities: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    return path


@pytest.fixture
def list_v1(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "list-v1.jsonl", [KASHLAF, OTHER])


@pytest.fixture
def list_v2(tmp_path: Path) -> Path:
    changed = json.loads(json.dumps(KASHLAF))
    changed["properties"]["alias"].append("Kachlaf")
    return write_jsonl(tmp_path / "list-v2.jsonl", [changed, DABBASHI, OTHER])


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(
        "id,name,birth_date,nationality,schema\n"
        'c1,"KOSHLAF, Mohamed",1985-12-12,Libya,Person\n'
        "c2,Mohammed Al Amin,,,Person\n"
        "c3,Ahmad 'Al Ammu' Dabbashi,1986,ly,Person\n"
        "c4,Jan de Vries,1970-01-01,nl,Person\n",
        encoding="utf-8",
    )
    return path
