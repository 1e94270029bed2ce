"""What the crawl store holds: per project, pages online and gone, due visits, flagged ads.

>>> [p["name"] for p in project_status(store)]
['testsite']
>>> flagged_ads(store, "testsite")[0]["flags"][0]["rule"]
'nl_police.young_age'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from opspoor.crawl.persist import as_utc, utcnow
from opspoor.crawl.tables import (
    crawl_captures,
    crawl_flags,
    crawl_pages,
    crawl_projects,
    crawl_runs,
)
from opspoor.store.db import Store


def _iso(value: dt.datetime | None) -> str | None:
    value = as_utc(value)
    return value.isoformat() if value else None


def project_status(
    store: Store, name: str | None = None, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """One summary per project (or the named one)."""
    now = now or utcnow()
    q = select(crawl_projects).order_by(crawl_projects.c.name)
    if name:
        q = q.where(crawl_projects.c.name == name)
    out = []
    with store.connect() as conn:
        for proj in conn.execute(q).all():
            pid = proj.id
            by_status: dict[str, int] = dict(
                conn.execute(
                    select(crawl_pages.c.status, func.count())
                    .where(crawl_pages.c.project_id == pid)
                    .group_by(crawl_pages.c.status)
                ).all()
            )
            by_kind: dict[str, int] = dict(
                conn.execute(
                    select(crawl_pages.c.kind, func.count())
                    .where(crawl_pages.c.project_id == pid)
                    .group_by(crawl_pages.c.kind)
                ).all()
            )
            due = conn.execute(
                select(func.count()).where(
                    crawl_pages.c.project_id == pid,
                    crawl_pages.c.next_visit_at.is_not(None),
                    crawl_pages.c.next_visit_at <= now,
                )
            ).scalar_one()
            flagged = conn.execute(
                select(func.count()).where(
                    crawl_pages.c.project_id == pid,
                    crawl_pages.c.kind == "ad",
                    crawl_pages.c.score > 0,
                )
            ).scalar_one()
            captures = conn.execute(
                select(func.count())
                .select_from(crawl_captures)
                .join(crawl_pages, crawl_pages.c.id == crawl_captures.c.page_id)
                .where(crawl_pages.c.project_id == pid)
            ).scalar_one()
            last = conn.execute(
                select(crawl_runs)
                .where(crawl_runs.c.project_id == pid)
                .order_by(crawl_runs.c.id.desc())
                .limit(1)
            ).first()
            out.append(
                {
                    "name": proj.name,
                    "pages": sum(by_kind.values()),
                    "ads": by_kind.get("ad", 0),
                    "images": by_kind.get("image", 0),
                    "status": by_status,
                    "captures": captures,
                    "flagged_ads": flagged,
                    "due": due,
                    "last_run": None
                    if last is None
                    else {
                        "id": last.id,
                        "status": last.status,
                        "started_at": _iso(last.started_at),
                        "finished_at": _iso(last.finished_at),
                        "warc_file": last.warc_file,
                        "job": last.job,
                    },
                }
            )
    return out


def flagged_ads(store: Store, name: str, limit: int = 50) -> list[dict[str, Any]]:
    """The project's flagged ads, highest score first, each with its current capture's flags."""
    with store.connect() as conn:
        pid = conn.execute(
            select(crawl_projects.c.id).where(crawl_projects.c.name == name)
        ).scalar_one_or_none()
        if pid is None:
            return []
        pages = conn.execute(
            select(
                crawl_pages,
                crawl_captures.c.warc_file,
                crawl_captures.c.warc_offset,
                crawl_captures.c.sha256,
                crawl_captures.c.fetched_at,
                crawl_captures.c.source_id,
            )
            .join(crawl_captures, crawl_captures.c.id == crawl_pages.c.content_capture_id)
            .where(
                crawl_pages.c.project_id == pid, crawl_pages.c.kind == "ad", crawl_pages.c.score > 0
            )
            .order_by(crawl_pages.c.score.desc(), crawl_pages.c.id)
            .limit(limit)
        ).all()
        ids = [p.content_capture_id for p in pages]
        flags: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            for f in conn.execute(
                select(crawl_flags)
                .where(crawl_flags.c.capture_id.in_(ids))
                .order_by(crawl_flags.c.span_start)
            ):
                flags[f.capture_id].append(
                    {
                        "rule": f.rule,
                        "indicator": f.indicator,
                        "source": f.source,
                        "text": f.text,
                        "start": f.span_start,
                        "end": f.span_end,
                    }
                )
    return [
        {
            "url": p.url,
            "entity_id": p.entity_id,
            "score": p.score,
            "status": p.status,
            "first_seen_online": _iso(p.first_seen_online),
            "last_seen_online": _iso(p.last_seen_online),
            "gone_since": _iso(p.gone_since),
            "capture": {
                "fetched_at": _iso(p.fetched_at),
                "warc_file": p.warc_file,
                "warc_offset": p.warc_offset,
                "sha256": p.sha256,
                "source_id": p.source_id,
            },
            "flags": flags.get(p.content_capture_id, []),
        }
        for p in pages
    ]


def image_hashes(store: Store, name: str | None = None) -> dict[str, list[str]]:
    """Perceptual hashes (hex) of the photos on each ad, by the ad's entity id (for linking)."""
    ads = (
        select(crawl_pages.c.project_id, crawl_pages.c.entity_id, crawl_captures.c.images)
        .join(crawl_captures, crawl_captures.c.id == crawl_pages.c.content_capture_id)
        .where(crawl_pages.c.kind == "ad", crawl_captures.c.images.is_not(None))
    )
    photos = (
        select(crawl_pages.c.project_id, crawl_pages.c.url, crawl_captures.c.phash)
        .join(crawl_captures, crawl_captures.c.page_id == crawl_pages.c.id)
        .where(crawl_pages.c.kind == "image", crawl_captures.c.phash.is_not(None))
        .order_by(crawl_captures.c.id)
    )
    if name:
        pid = select(crawl_projects.c.id).where(crawl_projects.c.name == name).scalar_subquery()
        ads = ads.where(crawl_pages.c.project_id == pid)
        photos = photos.where(crawl_pages.c.project_id == pid)
    with store.connect() as conn:
        latest = {(p, url): phash for p, url, phash in conn.execute(photos)}  # later captures win
        out: dict[str, list[str]] = defaultdict(list)
        for project_id, entity_id, urls in conn.execute(ads):
            for url in urls or []:
                phash = latest.get((project_id, url))
                if phash and phash not in out[entity_id]:
                    out[entity_id].append(phash)
    return dict(out)
