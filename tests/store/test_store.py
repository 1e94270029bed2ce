"""The store keeps statements with provenance and assembles FtM entities from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from opspoor.store.db import Store, make_entity
from opspoor.store.records import Record


def _person(eid: str, name: str, **props: str) -> Record:
    ent = make_entity("Person", eid)
    ent.add("name", name)
    for k, v in props.items():
        ent.add(k, v)
    return Record(entity=ent, reference=eid.upper(), location=f"test line {len(name)}")


def test_write_and_assemble_roundtrip(store: Store) -> None:
    with store.transaction() as conn:
        sid = store.add_source(
            conn, kind="list_version", dataset="t", sha256="a" * 64, published_at="2024-01-01"
        )
        n = store.write_records(
            conn,
            sid,
            "t",
            [_person("p1", "Mohamed Kashlaf", birthDate="1985-12-02")],
            seen="2024-01-01",
        )
    assert n == 1
    ent = store.get_entity("p1")
    assert ent is not None
    assert ent.entity.get("name") == ["Mohamed Kashlaf"]
    assert ent.entity.get("birthDate") == ["1985-12-02"]
    assert ent.reference == "P1"
    assert ent.datasets == {"t"}
    prov = store.provenance("p1")
    assert {p["prop"] for p in prov} == {"id", "name", "birthDate"}
    assert all(p["location"] == "test line 15" and p["first_seen"] == "2024-01-01" for p in prov)


def test_first_seen_carries_over_between_versions(store: Store) -> None:
    with store.transaction() as conn:
        s1 = store.add_source(
            conn, kind="list_version", dataset="t", sha256="a" * 64, published_at="2020-01-01"
        )
        store.write_records(conn, s1, "t", [_person("p1", "A B")], seen="2020-01-01")
    with store.transaction() as conn:
        s2 = store.add_source(
            conn, kind="list_version", dataset="t", sha256="b" * 64, published_at="2024-01-01"
        )
        store.write_records(
            conn, s2, "t", [_person("p1", "A B", nationality="ly")], seen="2024-01-01"
        )
    assert store.current_source_ids() == [s2]
    rows = {p["prop"]: p for p in store.provenance("p1", source_ids=[s2])}
    assert rows["name"]["first_seen"] == "2020-01-01"
    assert rows["name"]["last_seen"] == "2024-01-01"
    assert rows["nationality"]["first_seen"] == "2024-01-01"


def test_failed_transaction_leaves_store_unchanged(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        sid = store.add_source(conn, kind="list_version", dataset="t", sha256="c" * 64)
        store.write_records(conn, sid, "t", [_person("p1", "X Y")])
        raise RuntimeError("crash mid-import")
    assert store.list_sources() == []
    assert store.count_statements() == 0


def test_duplicate_source_is_refused(store: Store) -> None:
    with store.transaction() as conn:
        store.add_source(conn, kind="list_version", dataset="t", sha256="d" * 64)
    with pytest.raises(Exception), store.transaction() as conn:  # noqa: B017 - driver-specific IntegrityError
        store.add_source(conn, kind="list_version", dataset="t", sha256="d" * 64)
    assert len(store.list_sources()) == 1


def test_statement_ids_are_ftm_statement_keys(store: Store) -> None:
    from followthemoney.statement import Statement

    rec = _person("p9", "Ahmad Dabbashi")
    rec.langs[("name", "Ahmad Dabbashi")] = "eng"
    with store.transaction() as conn:
        sid = store.add_source(conn, kind="list_version", dataset="t", sha256="e" * 64)
        store.write_records(conn, sid, "t", [rec])
    ids = {(p["prop"], p["value"]): p["id"] for p in store.provenance("p9")}
    assert ids[("name", "Ahmad Dabbashi")] == Statement.make_key(
        "t", "p9", "name", "Ahmad Dabbashi", False, lang="eng"
    )
    assert ids[("id", "p9")] == Statement.make_key("t", "p9", "id", "p9", False)


@pytest.mark.parametrize("small_write", [0, 500])
def test_first_seen_lookup_for_large_and_small_writes(
    store: Store, monkeypatch: pytest.MonkeyPatch, small_write: int
) -> None:
    from opspoor.store import db

    monkeypatch.setattr(
        db, "SMALL_WRITE", small_write
    )  # 0: the whole-dataset lookup of big imports
    with store.transaction() as conn:
        s1 = store.add_source(conn, kind="capture", dataset="web", sha256="1" * 64)
        store.write_records(
            conn,
            s1,
            "web",
            [_person("a", "Ann Example"), _person("b", "Bob Example")],
            seen="2025-01-01",
        )
    with store.transaction() as conn:
        s2 = store.add_source(conn, kind="capture", dataset="web", sha256="2" * 64)
        store.write_records(conn, s2, "web", [_person("a", "Ann Example")], seen="2025-02-01")
    rows = {p["prop"]: p for p in store.provenance("a", source_ids=[s2])}
    assert rows["name"]["first_seen"] == "2025-01-01" and rows["name"]["last_seen"] == "2025-02-01"


def test_two_processes_can_open_a_fresh_store_at_once(tmp_path: Path) -> None:
    """Crawl workers open the same new store together; neither may fail creating tables."""
    import subprocess
    import sys

    code = (
        "from opspoor.settings import Settings; from opspoor.store.db import open_store; "
        f"open_store(Settings.from_env({{}}, home={str(tmp_path)!r}))"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
