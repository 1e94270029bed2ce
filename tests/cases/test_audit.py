"""The audit log is append-only and exports as JSON lines and CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from opspoor.cases import audit
from opspoor.cases.casework import create_case, read_case
from opspoor.store.db import Store
from tests.cases.conftest import People


def test_audit_rows_cannot_be_changed_or_deleted(store: Store, people: People) -> None:
    create_case(store, people.analyst, "Logged")
    before = audit.query_audit(store)
    assert before
    for sql in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.transaction() as conn:
            conn.execute(text(sql))
    assert audit.query_audit(store) == before


def test_export_jsonl_and_csv(store: Store, people: People, tmp_path: Path) -> None:
    case_id = create_case(store, people.analyst, "Exported")
    read_case(store, people.viewer, case_id)
    n = audit.export_audit(store, tmp_path / "audit.jsonl", case_id=case_id)
    rows = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert n == len(rows) == 2
    assert [(r["actor"], r["action"], r["case_id"]) for r in rows] == [
        ("ann", "case.create", case_id),
        ("vic", "case.read", case_id),
    ]
    assert rows[1]["at"].endswith("+00:00")
    audit.export_audit(store, tmp_path / "audit.csv", case_id=case_id)
    with open(tmp_path / "audit.csv", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["action"] for r in table] == ["case.create", "case.read"]
    assert json.loads(table[1]["detail"]) == {"items": 0, "purpose": "view"}
    assert list(table[0]) == audit.EXPORT_FIELDS


def test_filters(store: Store, people: People) -> None:
    one = create_case(store, people.analyst, "One")
    two = create_case(store, people.analyst, "Two")
    read_case(store, people.admin, two)
    assert {e["case_id"] for e in audit.query_audit(store, case_id=one)} == {one}
    assert [e["action"] for e in audit.query_audit(store, actor="ada")] == ["case.read"]
    assert len(audit.query_audit(store, action="case.")) == 3
    newest = audit.query_audit(store, limit=1, newest_first=True)
    assert newest[0]["action"] == "case.read"
