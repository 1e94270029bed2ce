"""Retention: closed cases are pseudonymised or deleted after N days, by a command, logged."""

from __future__ import annotations

import datetime as dt

import pytest

from opspoor.cases import audit, retention
from opspoor.cases.access import AccessDenied, NotFound
from opspoor.cases.casework import (
    add_note,
    attach_item,
    create_case,
    decide_item,
    read_case,
    set_status,
)
from opspoor.store.db import Store
from tests.cases.conftest import People

LATER = dt.timedelta(days=40)


def _closed_case(store: Store, people: People, title: str) -> tuple[int, int]:
    case_id = create_case(store, people.analyst, title, summary="names a person")
    item = attach_item(store, people.analyst, case_id, "list_entry", "p-one", note="Vilmar again")
    add_note(store, people.analyst, case_id, "Vilmar Demovic phoned the hotline")
    decide_item(store, people.analyst, case_id, item, "confirmed", "Vilmar's birth date matches")
    set_status(store, people.analyst, case_id, "closed", "referred to police, done")
    return case_id, item


def test_pseudonymise_after_n_days(store: Store, people: People) -> None:
    old, _ = _closed_case(store, people, "Vilmar's flat")
    open_case = create_case(store, people.analyst, "Still open")
    folder = retention.case_dossier_dir(store.settings, old) / "20250101T000000Z"
    folder.mkdir(parents=True)
    (folder / "dossier.html").write_text("personal data")
    retention.set_policy(store, people.admin, "closed_cases", days=30, action="pseudonymise")

    soon = retention.apply_retention(
        store, people.admin, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=10)
    )
    assert soon["closed_cases"]["cases"] == []
    report = retention.apply_retention(store, people.admin, now=dt.datetime.now(dt.UTC) + LATER)
    assert report["closed_cases"]["cases"] == [old]
    view = read_case(store, people.admin, old)
    text = repr((view.case, view.items, view.notes, view.decisions))
    assert "Vilmar" not in text and "p-one" not in text and "names a person" not in text
    assert view.case["pseudonymised_at"] is not None and view.case["status"] == "closed"
    assert view.items[0]["kind"] == "list_entry" and view.items[0]["ref"].startswith("pseud-")
    assert [d["decision"] for d in view.decisions] == ["confirmed", "status:closed"]
    assert not folder.exists()
    assert read_case(store, people.admin, open_case).case["title"] == "Still open"
    # applied once: a second run finds nothing new to do
    again = retention.apply_retention(store, people.admin, now=dt.datetime.now(dt.UTC) + LATER)
    assert again["closed_cases"]["cases"] == []
    actions = [e["action"] for e in audit.query_audit(store, action="retention")]
    assert actions == [
        "retention.policy",
        "retention.apply",
        "retention.pseudonymise",
        "retention.apply",
        "retention.apply",
    ]


def test_pseudonyms_are_stable_per_value(store: Store, people: People) -> None:
    one, _ = _closed_case(store, people, "one")
    two, _ = _closed_case(store, people, "two")
    retention.set_policy(store, people.admin, "closed_cases", days=0, action="pseudonymise")
    retention.apply_retention(store, people.admin, now=dt.datetime.now(dt.UTC) + LATER)
    ref_one = read_case(store, people.admin, one).items[0]["ref"]
    ref_two = read_case(store, people.admin, two).items[0]["ref"]
    assert ref_one == ref_two  # same entity, same token: statistics survive, identity does not


def test_delete_after_n_days_and_dry_run(store: Store, people: People) -> None:
    old, _ = _closed_case(store, people, "to delete")
    retention.set_policy(store, people.admin, "closed_cases", days=30, action="delete")
    dry = retention.apply_retention(
        store, people.admin, now=dt.datetime.now(dt.UTC) + LATER, dry_run=True
    )
    assert dry["closed_cases"]["cases"] == [old]
    assert read_case(store, people.admin, old).case["title"] == "to delete"
    retention.apply_retention(store, people.admin, now=dt.datetime.now(dt.UTC) + LATER)
    with pytest.raises(NotFound):
        read_case(store, people.admin, old)
    deleted = audit.query_audit(store, action="retention.delete")
    assert [e["case_id"] for e in deleted] == [old]
    # the case's earlier audit entries are still there
    assert any(e["action"] == "case.create" for e in audit.query_audit(store, case_id=old))


def test_only_admins_set_and_apply(store: Store, people: People) -> None:
    with pytest.raises(AccessDenied):
        retention.set_policy(store, people.analyst, "closed_cases", 1, "delete")
    with pytest.raises(AccessDenied):
        retention.apply_retention(store, people.analyst)
    with pytest.raises(Exception, match="action"):
        retention.set_policy(store, people.admin, "closed_cases", 1, "shred")
    assert retention.list_policies(store) == []
