"""Search the store by name, and screen one name against the lists (optionally raising alerts)."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import select

from opspoor.cases import audit
from opspoor.cases.access import Actor, require_writer
from opspoor.screening.subjects import subject_from_fields
from opspoor.store.tables import entities, statements
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import render

router = page_router()
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")
SEARCH_LIMIT = 50
SCHEMATA = ("Person", "Organization", "Company", "Vessel", "LegalEntity")


def search_store(request: Request, text: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Entities of the current sources with a name containing `text` (any case)."""
    store = store_of(request)
    current = store.current_source_ids()
    if not current or not text.strip():
        return []
    q = (
        select(
            statements.c.entity_id,
            statements.c.value,
            statements.c.schema,
            statements.c.dataset,
            statements.c.source_id,
        )
        .where(statements.c.source_id.in_(current), statements.c.prop.in_(NAME_PROPS))
        .where(statements.c.value.icontains(text.strip(), autoescape=True))
        .limit(limit * 4)
    )
    found: dict[str, dict[str, Any]] = {}
    with store.connect() as conn:
        for row in conn.execute(q):
            hit = found.setdefault(
                row.entity_id,
                {
                    "id": row.entity_id,
                    "schema": row.schema,
                    "dataset": row.dataset,
                    "names": [],
                    "source_id": row.source_id,
                },
            )
            if row.value not in hit["names"]:
                hit["names"].append(row.value)
        if found:
            captions = conn.execute(
                select(entities.c.entity_id, entities.c.caption, entities.c.reference).where(
                    entities.c.entity_id.in_(list(found)), entities.c.source_id.in_(current)
                )
            )
            for eid, caption, reference in captions:
                found[eid]["caption"] = caption
                found[eid]["reference"] = reference
    return list(found.values())[:limit]


@router.get("/search")
def search_page(request: Request, _actor: Actor = Depends(current_actor)) -> Response:
    return render(request, "search.html", active="search", form={}, schemata=SCHEMATA)


@router.post("/search")
def search_submit(
    request: Request,
    name: str = Form(""),
    birth_date: str = Form(""),
    nationality: str = Form(""),
    schema_name: str = Form("", alias="schema"),
    action: str = Form("screen"),
    record: str = Form(""),
    actor: Actor = Depends(current_actor),
) -> Response:
    form = {
        "name": name,
        "birth_date": birth_date,
        "nationality": nationality,
        "schema": schema_name,
        "record": bool(record),
    }
    context: dict[str, Any] = {
        "active": "search",
        "form": form,
        "schemata": SCHEMATA,
        "action": action,
    }
    if not name.strip():
        return render(
            request, "search.html", status_code=400, error="Type a name first.", **context
        )
    if action == "search":
        context["hits"] = search_store(request, name)
        return render(request, "search.html", **context)
    if record:
        require_writer(actor, "raise alerts")
    return render(request, "search.html", **context, **screen_one(request, actor, form))


def screen_one(request: Request, actor: Actor, form: dict[str, Any]) -> dict[str, Any]:
    """Screen one name; with `record`, the hits become alerts in the review queue."""
    from opspoor.screening.api import current_index
    from opspoor.screening.screen import effective_threshold, screen_subjects

    store = store_of(request)
    subject = subject_from_fields(
        {
            "name": form["name"],
            "birth_date": form["birth_date"],
            "nationality": form["nationality"],
            "schema": form["schema"],
        },
        # a hash, not the name: subject ids end up in logs and the audit trail
        row_id="web-"
        + hashlib.sha256(
            "|".join(
                [
                    actor.username,
                    form["name"],
                    form["birth_date"],
                    form["nationality"],
                    form["schema"],
                ]
            ).encode()
        ).hexdigest()[:16],
    )
    if subject.error:
        return {"error": subject.error}
    index = current_index(request)
    threshold = effective_threshold(store.settings.match_threshold)
    results = [r.to_dict() for r in index.match(subject.entity, limit=10, threshold=threshold)]
    alerts: list[dict[str, Any]] = []
    if form.get("record"):
        for res in screen_subjects(
            store,
            index,
            [subject],
            threshold,
            limit=10,
            keep=True,
            label=f"web:{actor.username}",
            kind="single",
        ):
            alerts = [{"id": o.alert_id, "status": o.status, "why": o.reason} for o in res.outcomes]
        audit.record_now(
            store,
            actor,
            "screening.single",
            object_type="screening_subject",
            object_id=subject.entity.id,
            detail={"alerts": [a["id"] for a in alerts]},
        )
    return {"results": results, "threshold": threshold, "alerts": alerts}
