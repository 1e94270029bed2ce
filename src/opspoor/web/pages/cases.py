"""Cases: the list, one case with its items, notes, decisions and dossiers, and every change.

Access rules live in opspoor.cases (viewers read their team's cases and change nothing;
analysts work on their team's cases; admins see all); this module only turns forms into calls.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi import Depends, Form, Request
from fastapi.responses import FileResponse, Response

from opspoor.cases import audit
from opspoor.cases.access import Actor, NotFound, require_writer
from opspoor.cases.casework import (
    ITEM_DECISIONS,
    ITEM_RESOLVERS,
    STATUSES,
    add_note,
    attach_item,
    create_case,
    decide_item,
    item_status,
    list_cases,
    read_case,
    remove_item,
    set_status,
)
from opspoor.cases.dossier import FILES, build_dossier
from opspoor.cases.retention import case_dossier_dir
from opspoor.cases.users import list_teams
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import redirect, render

router = page_router()
STAMP = re.compile(r"^\d{8}T\d{6}Z$")
MEDIA_TYPES = {".html": "text/html", ".pdf": "application/pdf", ".json": "application/json"}


def dossier_builds(request: Request, case_id: int) -> list[dict[str, object]]:
    """Dossiers built for a case, newest first: {"stamp", "files": [name, ...]}."""
    root = case_dossier_dir(store_of(request).settings, case_id)
    if not root.is_dir():
        return []
    builds: list[dict[str, object]] = []
    for folder in sorted(root.iterdir(), reverse=True):
        if folder.is_dir() and STAMP.match(folder.name):
            builds.append(
                {"stamp": folder.name, "files": [f for f in FILES if (folder / f).exists()]}
            )
    return builds


@router.get("/cases")
def cases_page(
    request: Request, status: str | None = None, actor: Actor = Depends(current_actor)
) -> Response:
    store = store_of(request)
    rows = list_cases(store, actor, status=status if status in STATUSES else None)
    teams = list_teams(store) if actor.is_admin else []
    return render(
        request,
        "cases.html",
        active="cases",
        cases=rows,
        statuses=STATUSES,
        status=status,
        teams=teams,
    )


@router.post("/cases")
def cases_create(
    request: Request,
    title: str = Form(...),
    summary: str = Form(""),
    team: str = Form(""),
    actor: Actor = Depends(current_actor),
) -> Response:
    case_id = create_case(
        store_of(request), actor, title, summary=summary or None, team=team or None
    )
    return redirect(f"/cases/{case_id}", "case-created")


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: int, actor: Actor = Depends(current_actor)) -> Response:
    store = store_of(request)
    view = read_case(store, actor, case_id)
    access = (
        audit.query_audit(store, case_id=case_id, limit=30, newest_first=True)
        if actor.is_admin
        else []
    )
    return render(
        request,
        "case.html",
        active="cases",
        view=view,
        case=view.case,
        item_status=item_status(view),
        kinds=sorted(ITEM_RESOLVERS),
        statuses=STATUSES,
        item_decisions=ITEM_DECISIONS,
        builds=dossier_builds(request, case_id),
        access=access,
    )


@router.post("/cases/add-item")
def case_add_item_from_elsewhere(
    request: Request,
    case_id: int = Form(...),
    kind: str = Form(...),
    ref: str = Form(...),
    note: str = Form(""),
    actor: Actor = Depends(current_actor),
) -> Response:
    attach_item(store_of(request), actor, case_id, kind, ref, note=note or None)
    return redirect(f"/cases/{case_id}", "item-added")


@router.post("/cases/{case_id}/items")
def case_add_item(
    request: Request,
    case_id: int,
    kind: str = Form(...),
    ref: str = Form(...),
    note: str = Form(""),
    actor: Actor = Depends(current_actor),
) -> Response:
    attach_item(store_of(request), actor, case_id, kind, ref, note=note or None)
    return redirect(f"/cases/{case_id}", "item-added")


@router.post("/cases/{case_id}/items/{item_id}/remove")
def case_remove_item(
    request: Request, case_id: int, item_id: int, actor: Actor = Depends(current_actor)
) -> Response:
    remove_item(store_of(request), actor, case_id, item_id)
    return redirect(f"/cases/{case_id}", "item-removed")


@router.post("/cases/{case_id}/items/{item_id}/decide")
def case_decide_item(
    request: Request,
    case_id: int,
    item_id: int,
    decision: str = Form(...),
    reason: str = Form(...),
    actor: Actor = Depends(current_actor),
) -> Response:
    decide_item(store_of(request), actor, case_id, item_id, decision, reason)
    return redirect(f"/cases/{case_id}", "decided")


@router.post("/cases/{case_id}/notes")
def case_add_note(
    request: Request, case_id: int, body: str = Form(...), actor: Actor = Depends(current_actor)
) -> Response:
    add_note(store_of(request), actor, case_id, body)
    return redirect(f"/cases/{case_id}", "note-added")


@router.post("/cases/{case_id}/status")
def case_set_status(
    request: Request,
    case_id: int,
    status: str = Form(...),
    reason: str = Form(...),
    actor: Actor = Depends(current_actor),
) -> Response:
    set_status(store_of(request), actor, case_id, status, reason)
    return redirect(f"/cases/{case_id}", "status-changed")


@router.post("/cases/{case_id}/dossier")
def case_build_dossier(
    request: Request, case_id: int, actor: Actor = Depends(current_actor)
) -> Response:
    require_writer(actor, "build referral dossiers")
    store = store_of(request)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out_dir = case_dossier_dir(store.settings, case_id) / stamp
    base_url = str(request.base_url).rstrip("/")
    build_dossier(store, actor, case_id, out_dir, base_url=base_url)
    return redirect(f"/cases/{case_id}#dossiers", "dossier-built")


@router.get("/cases/{case_id}/dossiers/{stamp}/{name}")
def case_download(
    request: Request, case_id: int, stamp: str, name: str, actor: Actor = Depends(current_actor)
) -> Response:
    if not STAMP.match(stamp) or name not in FILES:
        raise NotFound("no such dossier file")
    store = store_of(request)
    read_case(store, actor, case_id, purpose=f"download {stamp}/{name}")
    path: Path = case_dossier_dir(store.settings, case_id) / stamp / name
    if not path.is_file():
        raise NotFound("no such dossier file")
    audit.record_now(
        store,
        actor,
        "case.dossier.download",
        object_type="case",
        object_id=case_id,
        case_id=case_id,
        detail={"file": f"{stamp}/{name}"},
    )
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
        filename=f"case-{case_id}-{stamp}-{name}",
    )
