"""The name tables are data files with their sources named, and they load."""

from __future__ import annotations

from pathlib import Path

import pytest

from opspoor.names.tables import DATA, tables


@pytest.mark.parametrize(
    "path", sorted(p for p in Path(DATA).iterdir() if p.suffix in (".yml", ".csv"))
)
def test_every_table_names_its_source(path: Path) -> None:
    head = path.read_text(encoding="utf-8")[:2000].lower()
    assert "source" in head or "counted by" in head, f"{path.name} does not cite a source"


def test_tables_load() -> None:
    t = tables()
    assert "al" in t.articles
    assert "bin" in t.patronymics
    assert "abu" in t.kunyas
    assert "sheikh" in t.titles
    assert t.canonical("mohamed") == t.canonical("muhammad") == "muhammad"
    assert t.canonical("kashlaf") == "kashlaf"
    assert t.relation("ted", "theodore") == "hypocorism"
    assert t.relation("juan", "john") == "cognate"
    assert t.relation("ahmad", "john") is None
    assert "kim" in t.korean_surnames
