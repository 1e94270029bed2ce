"""The alert review queue: screening hits to confirm (true match) or clear (false positive)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from opspoor.cases import audit
from opspoor.cases.access import Actor, NotFound, require_writer
from opspoor.cases.casework import cases_with_item, list_cases
from opspoor.screening.alerts import DECISIONS, decide, decision_trail, list_alerts
from opspoor.screening.tables import alerts, subjects
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import redirect, render

router = page_router()
STATUSES = ("open", "true_match", "false_positive")
QUEUE_LIMIT = 200


@router.get("/alerts")
def queue(
    request: Request, status: str = "open", actor: Actor = Depends(current_actor)
) -> Response:
    store = store_of(request)
    wanted = status if status in STATUSES else None
    rows = list_alerts(store, status=wanted, limit=QUEUE_LIMIT)
    with store.connect() as conn:
        counts: dict[str, int] = dict(
            conn.execute(select(alerts.c.status, func.count()).group_by(alerts.c.status)).all()
        )
    return render(
        request,
        "alerts.html",
        active="alerts",
        alerts=rows,
        status=wanted or "all",
        counts=counts,
        statuses=STATUSES,
    )


def load_alert(request: Request, alert_id: int) -> dict[str, Any]:
    q = (
        select(
            alerts,
            subjects.c.name.label("subject_name"),
            subjects.c.properties.label("subject_properties"),
            subjects.c.schema.label("subject_schema"),
        )
        .join(subjects, subjects.c.id == alerts.c.subject_id)
        .where(alerts.c.id == alert_id)
    )
    with store_of(request).connect() as conn:
        row = conn.execute(q).first()
    if row is None:
        raise NotFound(f"no alert {alert_id}")
    return dict(row._mapping)


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, alert_id: int, actor: Actor = Depends(current_actor)) -> Response:
    store = store_of(request)
    alert = load_alert(request, alert_id)
    in_cases = cases_with_item(store, actor, "alert", str(alert_id))
    writable = (
        [c for c in list_cases(store, actor) if c["status"] != "closed"] if actor.can_write else []
    )
    return render(
        request,
        "alert.html",
        active="alerts",
        alert=alert,
        match=alert["match"] or {},
        trail=decision_trail(store, [alert_id]),
        in_cases=in_cases,
        writable_cases=writable,
        decisions=DECISIONS,
    )


@router.post("/alerts/{alert_id}/decide")
def alert_decide(
    request: Request,
    alert_id: int,
    decision: str = Form(...),
    reason: str = Form(...),
    actor: Actor = Depends(current_actor),
) -> Response:
    require_writer(actor, "decide on alerts")
    store = store_of(request)
    load_alert(request, alert_id)
    decide(store, alert_id, decision, reviewer=actor.username, reason=reason)
    with store.transaction() as conn:
        audit.record(
            conn,
            actor,
            "alert.decide",
            object_type="alert",
            object_id=alert_id,
            detail={"decision": decision},
        )
        for case in cases_with_item(store, actor, "alert", str(alert_id)):
            audit.record(
                conn,
                actor,
                "case.alert.decide",
                object_type="alert",
                object_id=alert_id,
                case_id=int(case["id"]),
                detail={"decision": decision},
            )
    return redirect(f"/alerts/{alert_id}", "decided")
