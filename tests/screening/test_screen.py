"""Batch screening, alerts, decisions that stick, and the delta re-screen on a new list version."""

from __future__ import annotations

from pathlib import Path

from opspoor.lists.versions import import_list
from opspoor.match import MatchIndex
from opspoor.screening import alerts as alert_store
from opspoor.screening.screen import effective_threshold, screen_subjects
from opspoor.screening.subjects import read_subjects
from opspoor.store.db import Store


def _screen(store: Store, people: Path) -> dict[str, list[str]]:
    index = MatchIndex.from_store(store)
    out = {}
    for res in screen_subjects(store, index, read_subjects(people), effective_threshold(None)):
        out[res.subject.id] = [m["id"] for m in res.matches]
    return out


def test_screen_finds_the_listed_and_not_the_common_name(
    store: Store, list_v1: Path, people_csv: Path
) -> None:
    import_list(store, [list_v1])
    hits = _screen(store, people_csv)
    assert hits["c1"][:1] == ["unsc-lyi-025"]  # OFAC's "KOSHLAF, Mohamed"
    assert hits["c2"] == []  # the bare common name "Mohammed Al Amin"
    assert hits["c4"] == []
    queue = alert_store.list_alerts(store, status="open")
    assert {(a["subject_id"], a["entity_id"]) for a in queue} >= {("c1", "unsc-lyi-025")}
    assert all(a["match"]["explanation"] for a in queue)


def test_decision_applies_next_time_until_entry_changes(
    store: Store, list_v1: Path, list_v2: Path, people_csv: Path
) -> None:
    import_list(store, [list_v1])
    _screen(store, people_csv)
    [alert] = [a for a in alert_store.list_alerts(store) if a["subject_id"] == "c1"]
    alert_store.decide(
        store, alert["id"], "false_positive", "analyst A", "different person: other birth date"
    )

    _screen(store, people_csv)  # same list: the decision still applies
    [again] = [a for a in alert_store.list_alerts(store) if a["subject_id"] == "c1"]
    assert again["id"] == alert["id"] and again["status"] == "false_positive"

    # A new version changes the entry (new alias): the delta re-screen re-opens the alert,
    # and raises a new one for the newly listed DABBASHI.
    result = import_list(store, [list_v2])
    delta = result.hook_results["delta_rescreen"]
    assert delta["changed_entries"] == 2  # LYi.025 changed, LYi.021 added; the org unchanged
    reopened = {(a["subject"], a["entity"]): a["status"] for a in delta["alerts"]}
    assert reopened[("c1", "unsc-lyi-025")] == "open"
    assert ("c3", "unsc-lyi-021") in reopened
    trail = alert_store.decision_trail(store, [alert["id"]])
    assert [d["reviewer"] for d in trail] == ["analyst A"]


def test_decision_needs_reviewer_and_reason(store: Store, list_v1: Path, people_csv: Path) -> None:
    import pytest

    from opspoor.errors import OpspoorError

    import_list(store, [list_v1])
    _screen(store, people_csv)
    alert = alert_store.list_alerts(store)[0]
    with pytest.raises(OpspoorError):
        alert_store.decide(store, alert["id"], "false_positive", "analyst", "  ")
    with pytest.raises(OpspoorError):
        alert_store.decide(store, alert["id"], "maybe", "analyst", "because")
    assert alert_store.decision_trail(store, [alert["id"]]) == []


def test_rerun_is_idempotent(store: Store, list_v1: Path, people_csv: Path) -> None:
    import_list(store, [list_v1])
    _screen(store, people_csv)
    first = alert_store.list_alerts(store)
    _screen(store, people_csv)
    second = alert_store.list_alerts(store)
    assert [a["id"] for a in first] == [a["id"] for a in second]


def test_people_named_in_documents_are_not_list_entries(store: Store, list_v1: Path) -> None:
    """The match index holds list versions only: a hotline's own notes raise no alerts."""
    from opspoor.store.db import make_entity
    from opspoor.store.records import Record

    import_list(store, [list_v1])
    named = make_entity("Person", "doc-1-person-vilmar-demovic")
    named.add("name", "Vilmar Demovic")
    with store.transaction() as conn:
        sid = store.add_source(conn, kind="document", dataset="documents", sha256="f" * 64)
        store.write_records(conn, sid, "documents", [Record(entity=named)])
    index = MatchIndex.from_store(store)
    assert [r.entity.id for r in index.match_name("Vilmar Demovic", schema="Person")] == []
    assert index.match_name("Kashlaf", schema="Person")[0].entity.id == "unsc-lyi-025"
