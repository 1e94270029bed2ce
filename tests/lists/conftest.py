"""Fixtures for the list readers: paths to fixtures and shared files, and a quiet import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from opspoor.lists import versions
from tests.conftest import EXAMPLES, FIXTURES

LIST_FIXTURES = FIXTURES / "lists"
UN_DEMO = EXAMPLES / "lists" / "un-demo.xml"
EU_FIXTURE = LIST_FIXTURES / "eu-fsf-libya.xml"
UK_FIXTURE = LIST_FIXTURES / "uk-conlist-libya.csv"
UK_CP1252 = LIST_FIXTURES / "uk-conlist-cp1252.csv"

# The UN files in ../shared/data with the counts of INDIVIDUAL / ENTITY records they hold.
UN_FILES = {
    "un-consolidated-2020-03-20.xml": (709, 305),
    "un-consolidated-2024-09-26.xml": (682, 193),
    "un-consolidated-2026-02-27.xml": (730, 273),
}


@pytest.fixture(autouse=True)
def no_import_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Import hooks (the screening delta re-screen) are tested with screening; here an import
    is just the list landing in the store."""
    monkeypatch.setattr(versions, "IMPORT_HOOKS", [])
    yield


def copy_to(tmp_path: Path, source: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    target.write_bytes(source.read_bytes())
    return target
