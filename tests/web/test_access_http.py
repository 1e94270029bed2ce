"""Over real HTTP: a viewer changes nothing, and nobody opens another team's case.

Every POST route of the app is listed here with a valid form; a new route makes the
coverage test fail until it is added, so no write path escapes these checks.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from opspoor.cases import audit
from opspoor.cases.casework import read_case
from opspoor.cases.dossier import build_dossier
from opspoor.cases.retention import case_dossier_dir
from opspoor.cases.tables import (
    api_tokens,
    case_decisions,
    case_items,
    case_notes,
    cases,
    retention_policies,
    teams,
    users,
)
from opspoor.cases.users import find_user
from opspoor.screening.tables import alerts, decisions, screening_runs, subjects
from opspoor.store.db import Store
from opspoor.store.tables import entities, sources, statements
from opspoor.web.app import create_app
from tests.web.demo_data import Demo
from tests.web.fixtures import Server, login

# POSTs that are not changes to shared data: a viewer may log out, change their own password
# and screen a name without recording it; /login and /match are open by design.
NOT_WRITES = {"/login", "/logout", "/account/password", "/match/{dataset}"}
WATCHED = [
    cases,
    case_items,
    case_notes,
    case_decisions,
    users,
    teams,
    api_tokens,
    retention_policies,
    alerts,
    decisions,
    subjects,
    screening_runs,
    sources,
    entities,
    statements,
]


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.connect() as conn:
        return {
            t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr) for t in WATCHED
        }


def write_requests(demo: Demo, case_id: int) -> dict[str, tuple[str, dict[str, str]]]:
    """Route template -> (concrete path, valid form) for every POST that changes data."""
    view = read_case(demo.store, find_user(demo.store, "ada").actor(), case_id)  # type: ignore[union-attr]
    item = view.items[0]["id"]
    alert = demo.alerts["Vilmar Demovic"]
    return {
        "/cases": ("/cases", {"title": "sneaky case"}),
        "/cases/add-item": (
            "/cases/add-item",
            {"case_id": str(case_id), "kind": "list_entry", "ref": "unsc-xxi-002", "note": "x"},
        ),
        "/cases/{case_id}/items": (
            f"/cases/{case_id}/items",
            {"kind": "list_entry", "ref": "unsc-xxi-002"},
        ),
        "/cases/{case_id}/items/{item_id}/remove": (f"/cases/{case_id}/items/{item}/remove", {}),
        "/cases/{case_id}/items/{item_id}/decide": (
            f"/cases/{case_id}/items/{item}/decide",
            {"decision": "rejected", "reason": "x"},
        ),
        "/cases/{case_id}/notes": (f"/cases/{case_id}/notes", {"body": "x"}),
        "/cases/{case_id}/status": (
            f"/cases/{case_id}/status",
            {"status": "closed", "reason": "x"},
        ),
        "/cases/{case_id}/dossier": (f"/cases/{case_id}/dossier", {}),
        "/alerts/{alert_id}/decide": (
            f"/alerts/{alert}/decide",
            {"decision": "false_positive", "reason": "x"},
        ),
        "/search": ("/search", {"name": "Vilmar Demovic", "action": "screen", "record": "1"}),
        "/admin/users": (
            "/admin/users",
            {"username": "eve", "password": "a long password", "role": "admin"},
        ),
        "/admin/users/{username}": ("/admin/users/victor", {"role": "admin"}),
        "/admin/retention": (
            "/admin/retention",
            {"scope": "closed_cases", "days": "0", "action": "delete"},
        ),
        "/admin/retention/apply": ("/admin/retention/apply", {}),
    }


def _flat(routes: list[Any]) -> list[Any]:
    """Routes of the app and of every included router (none of ours has a prefix)."""
    out = []
    for route in routes:
        included = getattr(route, "original_router", None)
        out.extend(_flat(included.routes) if included is not None else [route])
    return out


def post_routes(store: Store) -> set[str]:
    app = create_app(store.settings, store)
    return {r.path for r in _flat(app.routes) if "POST" in (getattr(r, "methods", None) or set())}


def test_every_write_route_is_covered(demo: Demo) -> None:
    assert post_routes(demo.store) - NOT_WRITES == set(write_requests(demo, demo.cases["hotline"]))


def test_viewer_cannot_change_anything(demo: Demo, server: Server) -> None:
    victor, csrf = login(server.url, "victor")
    before = snapshot(demo.store)
    for route, (path, form) in write_requests(demo, demo.cases["hotline"]).items():
        resp = victor.post(path, data={**form, "csrf_token": csrf})
        assert resp.status_code == 403, f"{route}: {resp.status_code} {resp.text[:200]}"
    assert snapshot(demo.store) == before
    # ... while reading their own team's case works, and is logged
    assert victor.get(f"/cases/{demo.cases['hotline']}").status_code == 200
    denied = [e for e in audit.query_audit(demo.store, actor="victor") if e["outcome"] == "denied"]
    assert {e["action"] for e in denied} >= {
        "case.item.add",
        "case.note.add",
        "case.status",
        "case.decide",
        "case.item.remove",
    }


@pytest.mark.parametrize("username", ["bruno", "vera"])
def test_nobody_opens_another_teams_case(demo: Demo, server: Server, username: str) -> None:
    case_id = demo.cases["hotline"]
    ada = find_user(demo.store, "ada")
    assert ada is not None
    stamp = "20250101T000000Z"
    build_dossier(
        demo.store,
        ada.actor(),
        case_id,
        case_dossier_dir(demo.store.settings, case_id) / stamp,
        pdf=False,
    )
    client, csrf = login(server.url, username)
    before = snapshot(demo.store)
    for path in (
        f"/cases/{case_id}",
        f"/network/graph.json?case={case_id}",
        f"/cases/{case_id}/dossiers/{stamp}/dossier.html",
        f"/network?case={case_id}",
    ):
        resp = client.get(path)
        if path.startswith(
            "/network?"
        ):  # the page itself is empty; its graph data is what is guarded
            assert resp.status_code == 200 and "Apartments near the station" not in resp.text
            continue
        assert resp.status_code == 403, path
        assert "Apartments near the station" not in resp.text and "Demovic" not in resp.text
    for route, (path, form) in write_requests(demo, case_id).items():
        if "{case_id}" in route or route == "/cases/add-item":
            assert client.post(path, data={**form, "csrf_token": csrf}).status_code == 403, route
    assert snapshot(demo.store) == before
    listed = client.get("/cases")
    assert "Apartments near the station" not in listed.text
    refused = [e for e in audit.query_audit(demo.store, case_id=case_id) if e["actor"] == username]
    assert refused and all(e["outcome"] == "denied" for e in refused)


def test_analyst_of_the_team_can_work(demo: Demo, server: Server) -> None:
    amina, csrf = login(server.url, "amina")
    case_id = demo.cases["hotline"]
    resp = amina.post(f"/cases/{case_id}/notes", data={"body": "seen by amina", "csrf_token": csrf})
    assert resp.status_code == 303 and resp.headers["location"].startswith(f"/cases/{case_id}")
    assert "seen by amina" in amina.get(f"/cases/{case_id}").text
    resp = amina.post("/admin/retention/apply", data={"csrf_token": csrf})
    assert resp.status_code == 403  # analysts are not admins


def test_logged_out_clients_are_sent_to_log_in(server: Server) -> None:
    with httpx.Client(base_url=server.url) as anon:
        page = anon.get("/cases/1")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/cases/1"
        assert anon.get("/network/graph.json?case=1").status_code == 401
        assert anon.post("/cases/1/notes", data={"body": "x"}).status_code == 401
