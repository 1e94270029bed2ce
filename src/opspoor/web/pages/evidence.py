"""Entities and sources: what the store says about an entity, and where each value came from.

`/sources/{id}?statement={key}` is where a dossier's fact links point: it shows the cited
statement first, then the source's details (dataset, SHA-256, dates) and its other statements.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from opspoor.cases.access import Actor, NotFound
from opspoor.cases.casework import cases_with_item, list_cases
from opspoor.cases.evidence import SourceInfo, source_info_from_row
from opspoor.store.tables import entities, sources, statements
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import render

router = page_router()
PAGE_SIZE = 200


def source_info(request: Request, source_id: int) -> SourceInfo:
    with store_of(request).connect() as conn:
        row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
    if row is None:
        raise NotFound(f"no source {source_id}")
    return source_info_from_row(row)


@router.get("/sources/{source_id}")
def source_page(
    request: Request,
    source_id: int,
    statement: str | None = None,
    page: int = 1,
    _actor: Actor = Depends(current_actor),
) -> Response:
    store = store_of(request)
    src = source_info(request, source_id)
    page = max(1, page)
    cited = None
    with store.connect() as conn:
        if statement:
            row = conn.execute(
                select(statements).where(
                    statements.c.source_id == source_id, statements.c.id == statement
                )
            ).first()
            if row is None:
                raise NotFound(f"source {source_id} has no statement {statement}")
            cited = dict(row._mapping)
        total = conn.execute(
            select(func.count()).select_from(statements).where(statements.c.source_id == source_id)
        ).scalar_one()
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                select(statements)
                .where(statements.c.source_id == source_id)
                .order_by(statements.c.entity_id, statements.c.prop, statements.c.value)
                .offset((page - 1) * PAGE_SIZE)
                .limit(PAGE_SIZE)
            )
        ]
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    return render(
        request,
        "source.html",
        source=src,
        cited=cited,
        statements=rows,
        total=total,
        page=page,
        pages=pages,
    )


@router.get("/entities/{entity_id}")
def entity_page(
    request: Request, entity_id: str, actor: Actor = Depends(current_actor)
) -> Response:
    store = store_of(request)
    stored = store.get_entity(entity_id)
    if stored is None:
        all_ids = [s.id for s in store.list_sources()]
        stored = next(iter(store.iter_entities(source_ids=all_ids, entity_ids=[entity_id])), None)
    if stored is None:
        raise NotFound(f"no entity {entity_id!r} in the store")
    provenance = store.provenance(entity_id)
    with store.connect() as conn:
        kinds = dict(conn.execute(select(sources.c.id, sources.c.kind)).all())
        in_sources = [
            dict(r._mapping)
            for r in conn.execute(
                select(entities.c.source_id, entities.c.reference, entities.c.location)
                .where(entities.c.entity_id == entity_id)
                .order_by(entities.c.source_id)
            )
        ]
    props: dict[str, list[dict[str, Any]]] = {}
    for row in provenance:
        if row["prop"] == "id":
            continue
        props.setdefault(row["prop"], []).append(row)
    from_list = any(kinds.get(s["source_id"]) == "list_version" for s in in_sources)
    from_docs = any(kinds.get(s["source_id"]) in ("document", "capture") for s in in_sources)
    item_kind = "list_entry" if from_list else ("mention" if from_docs else "entity")
    in_cases = []
    for kind in ("entity", "list_entry", "mention"):
        in_cases.extend(cases_with_item(store, actor, kind, entity_id))
    writable = (
        [c for c in list_cases(store, actor) if c["status"] != "closed"] if actor.can_write else []
    )
    return render(
        request,
        "entity.html",
        entity=stored.entity,
        stored=stored,
        props=props,
        in_sources=in_sources,
        kinds=kinds,
        in_cases=in_cases,
        writable_cases=writable,
        item_kind=item_kind,
    )
