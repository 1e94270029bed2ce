"""The demo data in examples/: the demo list imports, and its real records are the UN's."""

from __future__ import annotations

import csv

import pytest

from opspoor.lists.formats import read_list
from opspoor.lists.versions import import_list
from opspoor.store.db import Store
from tests.conftest import EXAMPLES, shared_path
from tests.lists.conftest import UN_DEMO

LIBYA = [f"LYi.02{i}" for i in range(1, 7)]


def test_demo_list_imports(store: Store) -> None:
    result = import_list(store, [UN_DEMO])
    assert result.created
    assert result.source.dataset == "un_sc_sanctions"
    parsed = read_list([UN_DEMO])
    assert result.source.entity_count == len(parsed.records)
    refs = sorted(e.reference for e in store.iter_entities() if e.reference)
    invented = [r for r in refs if r.startswith("XX")]
    assert [r for r in refs if r.startswith("LYi")] == LIBYA
    assert len(invented) == 8
    for ent in store.iter_entities(schemata=["LegalEntity"]):
        if ent.reference and ent.reference.startswith("XX"):
            assert any("Invented demo entry" in n for n in ent.entity.get("notes")), ent.reference
    kashlaf = store.get_entity("unsc-lyi-025")
    assert kashlaf is not None
    assert kashlaf.entity.get("passportNumber") == ["C17HLRL3"]


@pytest.mark.shared_data
def test_demo_copies_the_real_libya_records() -> None:
    real = read_list([shared_path("sanctions", "un-consolidated-2026-02-27.xml")])
    demo = read_list([UN_DEMO])

    def libya(parsed):  # every entity of the six listings, as FtM dicts
        return {
            r.id: r.entity.to_dict()
            for r in parsed.records
            if any(r.id.startswith(f"unsc-{ref.lower().replace('.', '-')}") for ref in LIBYA)
        }

    real_six, demo_six = libya(real), libya(demo)
    assert len(demo_six) >= 6 + 6  # each party with at least its Sanction
    assert demo_six == real_six


def test_people_to_screen() -> None:
    with open(EXAMPLES / "people.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["id", "name", "birth_date", "nationality", "schema"]
        rows = list(reader)
    assert 15 <= len(rows) <= 20
    assert len({r["id"] for r in rows}) == len(rows)
    names = {r["name"] for r in rows}
    for spelling in (
        "KOSHLAF, Mohamed",
        "DABBASHI, Ahmed",
        "Ahmad 'Al Ammu' Dabbashi",
        "ABU GREIN, Musab",
        "MILAD, Abd al-Rahman",
        "Mohammed Al Amin",
    ):
        assert spelling in names
    assert {r["schema"] for r in rows} <= {"Person", "Organization"}
    for row in rows:
        assert row["birth_date"] == "" or len(row["birth_date"]) == 10


@pytest.mark.shared_data
def test_ofac_spellings_are_ofacs() -> None:
    """p01-p07 are the names OFAC lists the six under (program LIBYA3)."""
    sdn = shared_path("sanctions", "ofac-sdn-2021", "sdn.csv").read_text(encoding="latin-1")
    ofac_names = {
        row[1] for row in csv.reader(sdn.splitlines()) if len(row) > 3 and "LIBYA3" in row[3]
    }
    with open(EXAMPLES / "people.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    listed = [
        r["name"] for r in rows if r["id"] in {f"p0{i}" for i in range(1, 8)} and "," in r["name"]
    ]
    assert len(listed) == 6
    assert set(listed) <= ofac_names
