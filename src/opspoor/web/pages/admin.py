"""Administration: users and teams, the audit log (view and export) and retention."""

from __future__ import annotations

import io
from typing import Any

from fastapi import Depends, Form, Request
from fastapi.responses import Response, StreamingResponse

from opspoor.cases import audit, retention
from opspoor.cases.access import ROLES, Actor, require_admin
from opspoor.cases.users import create_user, list_teams, list_users, update_user
from opspoor.errors import OpspoorError
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import redirect, render

router = page_router()
AUDIT_PAGE = 200


def admin_actor(actor: Actor = Depends(current_actor)) -> Actor:
    require_admin(actor, "open the administration pages")
    return actor


def _admin_page(request: Request, status_code: int = 200, **extra: Any) -> Response:
    store = store_of(request)
    return render(
        request,
        "admin.html",
        status_code=status_code,
        active="admin",
        users=list_users(store),
        teams=list_teams(store),
        roles=ROLES,
        policies=retention.list_policies(store),
        scopes=retention.SCOPES,
        actions=retention.ACTIONS,
        **extra,
    )


@router.get("/admin")
def admin_page(request: Request, _actor: Actor = Depends(admin_actor)) -> Response:
    return _admin_page(request)


@router.post("/admin/users")
def admin_create_user(
    request: Request,
    username: str = Form(...),
    password: str = Form(...),
    role: str = Form(...),
    team: str = Form(""),
    display_name: str = Form(""),
    actor: Actor = Depends(admin_actor),
) -> Response:
    try:
        create_user(
            store_of(request),
            username,
            password,
            role=role,
            team=team or None,
            display_name=display_name or None,
            by=actor,
        )
    except OpspoorError as exc:
        return _admin_page(request, status_code=400, error=str(exc))
    return redirect("/admin", "user-saved")


@router.post("/admin/users/{username}")
def admin_update_user(
    request: Request,
    username: str,
    role: str = Form(""),
    team: str = Form(""),
    active: str = Form(""),
    password: str = Form(""),
    actor: Actor = Depends(admin_actor),
) -> Response:
    try:
        update_user(
            store_of(request),
            username,
            by=actor,
            role=role or None,
            team=team or None,
            active={"yes": True, "no": False}.get(active),
            password=password or None,
        )
    except OpspoorError as exc:
        return _admin_page(request, status_code=400, error=str(exc))
    return redirect("/admin", "user-saved")


@router.post("/admin/retention")
def admin_set_retention(
    request: Request,
    scope: str = Form(...),
    days: int = Form(...),
    action: str = Form(...),
    actor: Actor = Depends(admin_actor),
) -> Response:
    retention.set_policy(store_of(request), actor, scope, days, action)
    return redirect("/admin", "retention-saved")


@router.post("/admin/retention/apply")
def admin_apply_retention(request: Request, actor: Actor = Depends(admin_actor)) -> Response:
    report = retention.apply_retention(store_of(request), actor)
    return _admin_page(request, retention_report=report)


def _filters(case: str | None, actor_name: str | None, action: str | None) -> dict[str, Any]:
    return {
        "case_id": int(case) if case and case.isdigit() else None,
        "actor": actor_name or None,
        "action": action or None,
    }


@router.get("/admin/audit")
def admin_audit(
    request: Request,
    case: str | None = None,
    who: str | None = None,
    action: str | None = None,
    actor: Actor = Depends(admin_actor),
) -> Response:
    store = store_of(request)
    filters = _filters(case, who, action)
    entries = audit.query_audit(store, limit=AUDIT_PAGE, newest_first=True, **filters)
    audit.record_now(
        store,
        actor,
        "audit.read",
        object_type="audit",
        detail={k: v for k, v in filters.items() if v is not None},
    )
    return render(
        request,
        "audit.html",
        active="admin",
        entries=entries,
        form={"case": case or "", "who": who or "", "action": action or ""},
    )


@router.get("/admin/audit.{fmt}")
def admin_audit_export(
    request: Request,
    fmt: str,
    case: str | None = None,
    who: str | None = None,
    action: str | None = None,
    actor: Actor = Depends(admin_actor),
) -> Response:
    if fmt not in ("jsonl", "csv"):
        raise OpspoorError("export as audit.jsonl or audit.csv")
    store = store_of(request)
    filters = _filters(case, who, action)
    buffer = io.StringIO()
    count = audit.write_audit(audit.iter_audit(store, **filters), buffer, fmt)
    audit.record_now(
        store,
        actor,
        "audit.export",
        object_type="audit",
        detail={
            "count": count,
            "format": fmt,
            **{k: v for k, v in filters.items() if v is not None},
        },
    )
    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(
        iter([buffer.getvalue()]),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="opspoor-audit.{fmt}"'},
    )
