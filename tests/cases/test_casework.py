"""Cases: who may open, read and change them; every read and write lands in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from opspoor.cases import audit
from opspoor.cases.access import AccessDenied, NotFound
from opspoor.cases.casework import (
    add_note,
    attach_item,
    cases_with_item,
    create_case,
    decide_item,
    item_status,
    list_cases,
    read_case,
    remove_item,
    set_status,
    update_case,
)
from opspoor.cases.evidence import gather_evidence
from opspoor.cases.tables import case_decisions, case_items, case_notes, cases
from opspoor.errors import OpspoorError
from opspoor.store.db import Store
from tests.cases.conftest import People


def _counts(store: Store) -> tuple[int, ...]:
    with store.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (cases, case_items, case_notes, case_decisions)
        )


def test_analyst_works_a_case_of_their_team(store: Store, people: People) -> None:
    case_id = create_case(
        store, people.analyst, "Flat near the station", summary="two ads, one phone"
    )
    item = attach_item(store, people.analyst, case_id, "list_entry", "p-one", note="on the list")
    doc_item = attach_item(store, people.analyst, case_id, "document", str(people.doc_source))
    assert (
        attach_item(store, people.analyst, case_id, "list_entry", "p-one") == item
    )  # no duplicate
    add_note(store, people.analyst, case_id, "call the hotline back")
    decide_item(store, people.analyst, case_id, item, "confirmed", "same birth date")
    set_status(store, people.analyst, case_id, "review", "ready for a second look")
    update_case(store, people.analyst, case_id, title="Flat near the station (Via Roma)")

    view = read_case(store, people.analyst, case_id)
    assert (
        view.case["title"] == "Flat near the station (Via Roma)" and view.case["status"] == "review"
    )
    assert view.case["team"] == "red" and view.case["owner"] == "ann"
    assert [i["kind"] for i in view.items] == ["list_entry", "document"]
    assert (
        view.items[0]["label"] == "Vilmar Demovic (Person)"
        and view.items[0]["source_id"] == people.list_source
    )
    assert view.items[1]["entity_id"] == "doc-1"
    assert item_status(view) == {item: "confirmed", doc_item: "pending"}
    assert [n["body"] for n in view.notes] == ["call the hotline back"]
    assert [d["decision"] for d in view.decisions] == ["confirmed", "status:review"]
    actions = [e["action"] for e in audit.query_audit(store, case_id=case_id)]
    assert actions == [
        "case.create",
        "case.item.add",
        "case.item.add",
        "case.note.add",
        "case.decide",
        "case.status",
        "case.update",
        "case.read",
    ]


def test_viewer_reads_but_changes_nothing(store: Store, people: People) -> None:
    case_id = create_case(store, people.analyst, "Case of team red")
    item = attach_item(store, people.analyst, case_id, "list_entry", "p-one")
    before = _counts(store)
    attempts = [
        lambda: create_case(store, people.viewer, "mine now"),
        lambda: attach_item(store, people.viewer, case_id, "list_entry", "p-two"),
        lambda: remove_item(store, people.viewer, case_id, item),
        lambda: add_note(store, people.viewer, case_id, "hello"),
        lambda: decide_item(store, people.viewer, case_id, item, "rejected", "no"),
        lambda: set_status(store, people.viewer, case_id, "closed", "done"),
        lambda: update_case(store, people.viewer, case_id, title="renamed"),
    ]
    for attempt in attempts:
        with pytest.raises(AccessDenied):
            attempt()
    assert _counts(store) == before
    assert read_case(store, people.viewer, case_id).case["title"] == "Case of team red"
    denied = audit.query_audit(store, case_id=case_id, actor="vic")
    assert [e["outcome"] for e in denied].count(audit.DENIED) == 6
    assert denied[-1]["action"] == "case.read" and denied[-1]["outcome"] == audit.OK


def test_other_team_cannot_open_or_list_a_case(store: Store, people: People) -> None:
    case_id = create_case(store, people.analyst, "Red only")
    with pytest.raises(AccessDenied, match="another team"):
        read_case(store, people.other, case_id)
    with pytest.raises(AccessDenied):
        add_note(store, people.other, case_id, "sneaky")
    assert list_cases(store, people.other) == []
    assert [c["id"] for c in list_cases(store, people.admin)] == [case_id]
    assert read_case(store, people.admin, case_id).case["title"] == "Red only"
    refused = audit.query_audit(store, case_id=case_id, actor="bob")
    assert [(e["action"], e["outcome"]) for e in refused] == [
        ("case.read", "denied"),
        ("case.note.add", "denied"),
    ]
    assert cases_with_item(store, people.other, "entity", "x") == []


def test_every_read_is_logged(store: Store, people: People) -> None:
    case_id = create_case(store, people.analyst, "Counted")
    for _ in range(3):
        read_case(store, people.viewer, case_id)
    reads = audit.query_audit(store, case_id=case_id, action="case.read")
    assert len(reads) == 3 and {e["actor"] for e in reads} == {"vic"}
    assert all(e["actor_id"] == people.viewer.user_id and e["client"] == "test" for e in reads)


def test_items_must_exist_in_the_store(store: Store, people: People) -> None:
    case_id = create_case(store, people.analyst, "Strict")
    with pytest.raises(NotFound):
        attach_item(store, people.analyst, case_id, "entity", "no-such-entity")
    with pytest.raises(NotFound):
        attach_item(
            store, people.analyst, case_id, "document", str(people.list_source)
        )  # a list, not a document
    with pytest.raises(NotFound):
        attach_item(store, people.analyst, case_id, "alert", "999")
    with pytest.raises(OpspoorError, match="item kind"):
        attach_item(store, people.analyst, case_id, "rumour", "x")
    with pytest.raises(NotFound):
        read_case(store, people.analyst, 999)
    assert read_case(store, people.analyst, case_id).items == []


def test_bad_values_are_refused(store: Store, people: People) -> None:
    with pytest.raises(OpspoorError, match="title"):
        create_case(store, people.analyst, "   ")
    case_id = create_case(store, people.analyst, "ok")
    with pytest.raises(OpspoorError, match="status"):
        set_status(store, people.analyst, case_id, "finished", "x")
    with pytest.raises(OpspoorError, match="reason"):
        set_status(store, people.analyst, case_id, "closed", " ")
    with pytest.raises(OpspoorError, match="longer"):
        add_note(store, people.analyst, case_id, "x" * 20_001)


def test_rejected_items_stay_out_of_the_evidence(store: Store, people: People) -> None:
    case_id = create_case(store, people.analyst, "Evidence")
    keep = attach_item(store, people.analyst, case_id, "list_entry", "p-one")
    drop = attach_item(store, people.analyst, case_id, "list_entry", "p-two")
    decide_item(store, people.analyst, case_id, drop, "rejected", "different person")
    ev = gather_evidence(store, read_case(store, people.analyst, case_id))
    assert set(ev.entities) == {"p-one"}
    assert ev.entities["p-one"].items == [keep]
    values = {(f.prop, f.value) for f in ev.facts}
    assert {
        ("name", "Vilmar Demovic"),
        ("birthDate", "1979-04-14"),
        ("phone", "+61491570156"),
    } <= values
    for fact in ev.facts:
        src = ev.sources[fact.source_id]
        assert (
            src.kind == "list_version"
            and src.sha256 == "a" * 64
            and src.published_at == "2024-05-01"
        )
