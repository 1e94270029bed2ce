"""Documents: the list of stored documents, and one document's text with what was found in it
highlighted (names, phones, e-mail addresses, accounts, places) and the relations read from it.

Highlights come from the store: every value extracted from a document is a statement whose
location is the character span it was read from ("chars 120-135").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response
from followthemoney import model
from sqlalchemy import select

from opspoor.cases.access import Actor, NotFound
from opspoor.cases.casework import DOCUMENT_SCHEMATA, cases_with_item, list_cases
from opspoor.cases.evidence import document_text
from opspoor.store.db import ID_PROP, Store
from opspoor.store.tables import entities, sources, statements
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import render

router = page_router()
SPAN = re.compile(r"chars?\s+(\d+)\s*[-–]\s*(\d+)")
LIST_LIMIT = 500


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # css class suffix: person, organization, phone, email, account, location, identifier, flag
    title: str  # shown on hover: what was found


@dataclass(frozen=True)
class Segment:
    text: str
    span: Span | None = None


def span_kind(schema: str, prop: str) -> str:
    """The highlight class of a value found in a document."""
    schema_obj = model.get(schema)
    qualified = schema_obj.get(prop) if schema_obj is not None else None
    type_name = qualified.type.name if qualified is not None else ""
    if type_name == "phone":
        return "phone"
    if type_name == "email":
        return "email"
    if prop in ("ibanMentioned", "iban", "accountNumber"):
        return "account"
    if prop in ("locationMentioned", "address", "country") or type_name in ("address", "country"):
        return "location"
    if prop == "peopleMentioned" or (
        prop == "name" and schema_obj is not None and schema_obj.is_a("Person")
    ):
        return "person"
    if prop in ("companiesMentioned",) or (
        prop == "name" and schema in ("Organization", "Company")
    ):
        return "organization"
    return "identifier"


def parse_span(location: str | None) -> tuple[int, int] | None:
    if not location:
        return None
    m = SPAN.search(location)
    if m is None:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if end > start else None


def highlight_segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` into plain and highlighted segments (overlaps: the earlier, then longer, span wins).

    Joining the segments' texts gives back `text` exactly.
    """
    chosen: list[Span] = []
    last_end = 0
    for span in sorted(
        spans, key=lambda s: (s.start, -(s.end - s.start), s.kind == "identifier", s.kind)
    ):
        start, end = max(0, span.start), min(len(text), span.end)
        if start < last_end or end <= start:
            continue
        chosen.append(Span(start, end, span.kind, span.title))
        last_end = end
    out: list[Segment] = []
    pos = 0
    for span in chosen:
        if span.start > pos:
            out.append(Segment(text[pos : span.start]))
        out.append(Segment(text[span.start : span.end], span))
        pos = span.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def document_rows(
    store: Store, kind: str = "document", limit: int = LIST_LIMIT
) -> list[dict[str, Any]]:
    """Stored documents (or captures) with their main entity's title, language and file name."""
    with store.connect() as conn:
        srcs = [
            dict(r._mapping)
            for r in conn.execute(
                select(sources)
                .where(sources.c.kind == kind)
                .order_by(sources.c.imported_at.desc())
                .limit(limit)
            )
        ]
        if not srcs:
            return []
        ids = [s["id"] for s in srcs]
        mains = conn.execute(
            select(
                entities.c.source_id, entities.c.entity_id, entities.c.caption, entities.c.schema
            )
            .where(entities.c.source_id.in_(ids), entities.c.schema.in_(DOCUMENT_SCHEMATA))
            .order_by(entities.c.source_id, entities.c.entity_id)
        )
        main_of: dict[int, Any] = {}
        for row in mains:
            main_of.setdefault(int(row.source_id), row)
        props = conn.execute(
            select(statements.c.source_id, statements.c.prop, statements.c.value).where(
                statements.c.source_id.in_(ids),
                statements.c.prop.in_(
                    ["detectedLanguage", "language", "fileName", "title", "sourceUrl"]
                ),
            )
        )
        extra: dict[int, dict[str, str]] = {}
        for prop_row in props:
            extra.setdefault(int(prop_row.source_id), {}).setdefault(prop_row.prop, prop_row.value)
    for src in srcs:
        main = main_of.get(int(src["id"]))
        src["entity_id"] = main.entity_id if main is not None else None
        src["title"] = (main.caption if main is not None else None) or src["label"]
        src.update(extra.get(int(src["id"]), {}))
    return srcs


def document_view(
    store: Store, source_id: int, kinds: tuple[str, ...] = ("document",)
) -> dict[str, Any]:
    """Everything the document page shows: text segments, mentions, identifiers, relations."""
    with store.connect() as conn:
        src = conn.execute(
            select(sources).where(sources.c.id == source_id, sources.c.kind.in_(kinds))
        ).first()
        if src is None:
            raise NotFound(f"no {' or '.join(kinds)} with source id {source_id}")
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                select(statements).where(
                    statements.c.source_id == source_id, statements.c.prop != ID_PROP
                )
            )
        ]
    proxies = {se.id: se.entity for se in store.iter_entities(source_ids=[source_id])}
    text = document_text(store, source_id) or ""
    spans: list[Span] = []
    for row in rows:
        where = parse_span(row["location"])
        if where is None or row["prop"] in ("bodyText", "summary"):
            continue
        schema_obj = model.get(row["schema"])
        prop_obj = schema_obj.get(row["prop"]) if schema_obj is not None else None
        if prop_obj is None or prop_obj.type.name == "entity" or schema_obj.edge:  # type: ignore[union-attr]
            continue  # links and mention plumbing: the span belongs to the name they point at
        kind = span_kind(row["schema"], row["prop"])
        spans.append(Span(where[0], where[1], kind, f"{row['prop']}: {row['value']}"))
    mentions = [e for e in proxies.values() if e.schema.name == "Mention"]
    named = [
        e for e in proxies.values() if e.schema.is_a("LegalEntity") or e.schema.name == "Vessel"
    ]
    relations = [e for e in proxies.values() if e.schema.edge]
    main = next((e for e in proxies.values() if e.schema.name in DOCUMENT_SCHEMATA), None)
    identifiers: list[tuple[str, str]] = []
    if main is not None:
        for prop in ("phoneMentioned", "emailMentioned", "ibanMentioned", "locationMentioned"):
            identifiers.extend((main.schema.get(prop).label, v) for v in main.get(prop))  # type: ignore[union-attr]
    return {
        "source": dict(src._mapping),
        "main": main,
        "text": text,
        "segments": highlight_segments(text, spans) if text else [],
        "spans": spans,
        "mentions": mentions,
        "named": named,
        "relations": relations,
        "identifiers": identifiers,
        "proxies": proxies,
    }


@router.get("/documents")
def documents_page(request: Request, _actor: Actor = Depends(current_actor)) -> Response:
    return render(
        request, "documents.html", active="documents", documents=document_rows(store_of(request))
    )


@router.get("/documents/{source_id}")
def document_page(
    request: Request, source_id: int, actor: Actor = Depends(current_actor)
) -> Response:
    store = store_of(request)
    view = document_view(store, source_id)
    writable = (
        [c for c in list_cases(store, actor) if c["status"] != "closed"] if actor.can_write else []
    )
    return render(
        request,
        "document.html",
        active="documents",
        writable_cases=writable,
        in_cases=cases_with_item(store, actor, "document", str(source_id)),
        **view,
    )
