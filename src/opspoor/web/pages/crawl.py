"""Crawl projects and their findings: the ads captured, their indicator flags explained (which
rule, why it matters, which published source it comes from) and the evidence kept for each
capture (WARC record, payload SHA-256, time).

Read from opspoor.crawl's tables; flag explanations from opspoor.signals' rule book.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from opspoor.cases.access import Actor, NotFound
from opspoor.cases.casework import cases_with_item, list_cases
from opspoor.crawl.tables import (
    crawl_captures,
    crawl_flags,
    crawl_pages,
    crawl_projects,
    crawl_runs,
)
from opspoor.store.db import Store
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.pages.documents import Span, document_view, highlight_segments
from opspoor.web.render import render

router = page_router()
FINDINGS_LIMIT = 500


@lru_cache(maxsize=1)
def _rulebook() -> Any:
    from opspoor.signals.rules import default_rulebook

    return default_rulebook()


def explain_rule(rule_id: str, stored_source: str) -> dict[str, Any]:
    """What a flag's rule looks for and where it comes from (the stored citation if the rule is gone)."""
    try:
        rule = _rulebook().rule(rule_id)
    except KeyError:
        return {
            "title": rule_id,
            "description": "",
            "weight": None,
            "sources": [stored_source],
            "ruleset": "",
        }
    return {
        "title": rule.title,
        "description": rule.description,
        "weight": rule.weight,
        "ruleset": rule.ruleset,
        "sources": [s.cite() for s in rule.sources] or [stored_source],
    }


def project_rows(store: Store) -> list[dict[str, Any]]:
    with store.connect() as conn:
        projects = [
            dict(r._mapping)
            for r in conn.execute(select(crawl_projects).order_by(crawl_projects.c.name))
        ]
        for p in projects:
            pid = p["id"]
            p["pages"] = conn.execute(
                select(func.count()).select_from(crawl_pages).where(crawl_pages.c.project_id == pid)
            ).scalar_one()
            p["ads"] = conn.execute(
                select(func.count())
                .select_from(crawl_pages)
                .where(crawl_pages.c.project_id == pid, crawl_pages.c.kind == "ad")
            ).scalar_one()
            p["flagged"] = conn.execute(
                select(func.count(func.distinct(crawl_flags.c.page_id)))
                .join(crawl_pages, crawl_pages.c.id == crawl_flags.c.page_id)
                .where(crawl_pages.c.project_id == pid)
            ).scalar_one()
            p["last_run"] = conn.execute(
                select(func.max(crawl_runs.c.started_at)).where(crawl_runs.c.project_id == pid)
            ).scalar()
    return projects


@router.get("/crawl")
def crawl_page(request: Request, _actor: Actor = Depends(current_actor)) -> Response:
    return render(request, "crawl.html", active="crawl", projects=project_rows(store_of(request)))


@router.get("/crawl/projects/{project_id}")
def crawl_project(
    request: Request,
    project_id: int,
    flagged_only: bool = False,
    _actor: Actor = Depends(current_actor),
) -> Response:
    store = store_of(request)
    with store.connect() as conn:
        project = conn.execute(
            select(crawl_projects).where(crawl_projects.c.id == project_id)
        ).first()
        if project is None:
            raise NotFound(f"no crawl project {project_id}")
        flags_per_page = (
            select(
                crawl_flags.c.page_id,
                func.count().label("flags"),
                func.count(func.distinct(crawl_flags.c.indicator)).label("indicators"),
            )
            .group_by(crawl_flags.c.page_id)
            .subquery()
        )
        q = (
            select(
                crawl_pages,
                crawl_captures.c.source_id,
                crawl_captures.c.title,
                crawl_captures.c.fetched_at,
                func.coalesce(flags_per_page.c.flags, 0).label("flags"),
                func.coalesce(flags_per_page.c.indicators, 0).label("indicators"),
            )
            .outerjoin(crawl_captures, crawl_captures.c.id == crawl_pages.c.content_capture_id)
            .outerjoin(flags_per_page, flags_per_page.c.page_id == crawl_pages.c.id)
            .where(crawl_pages.c.project_id == project_id, crawl_pages.c.kind == "ad")
            .order_by(crawl_pages.c.score.desc().nulls_last(), crawl_pages.c.id)
            .limit(FINDINGS_LIMIT)
        )
        if flagged_only:
            q = q.where(flags_per_page.c.flags > 0)
        findings = [dict(r._mapping) for r in conn.execute(q)]
    return render(
        request,
        "crawl_project.html",
        active="crawl",
        project=dict(project._mapping),
        findings=findings,
        flagged_only=flagged_only,
    )


@router.get("/crawl/captures/{source_id}")
def capture_page(
    request: Request, source_id: int, actor: Actor = Depends(current_actor)
) -> Response:
    store = store_of(request)
    view = document_view(store, source_id, kinds=("capture",))
    with store.connect() as conn:
        capture = conn.execute(
            select(crawl_captures)
            .where(crawl_captures.c.source_id == source_id)
            .order_by(crawl_captures.c.fetched_at.desc())
            .limit(1)
        ).first()
        flags = []
        page = None
        if capture is not None:
            flags = [
                dict(r._mapping)
                for r in conn.execute(
                    select(crawl_flags)
                    .where(crawl_flags.c.capture_id == capture.id)
                    .order_by(crawl_flags.c.span_start, crawl_flags.c.rule)
                )
            ]
            page = conn.execute(
                select(crawl_pages).where(crawl_pages.c.id == capture.page_id)
            ).first()
    text = (capture.text if capture is not None and capture.text else None) or view["text"]
    spans = [s for s in view["spans"] if view["text"] == text]
    spans += [
        Span(f["span_start"], f["span_end"], "flag", f"{f['indicator']}: {f['rule']}")
        for f in flags
    ]
    for flag in flags:
        flag["explained"] = explain_rule(flag["rule"], flag["source"])
    writable = (
        [c for c in list_cases(store, actor) if c["status"] != "closed"] if actor.can_write else []
    )
    return render(
        request,
        "capture.html",
        active="crawl",
        capture=dict(capture._mapping) if capture is not None else None,
        page=dict(page._mapping) if page is not None else None,
        flags=flags,
        text_segments=highlight_segments(text, spans) if text else [],
        writable_cases=writable,
        in_cases=cases_with_item(store, actor, "capture", str(source_id))
        + cases_with_item(store, actor, "flagged_ad", str(source_id)),
        **{k: v for k, v in view.items() if k not in ("segments", "text", "spans")},
    )
