"""Write crawl results to the store: projects, runs, pages, captures, flags and, for ads whose
content is new, a source of kind "capture" with the ad's FtM entity.

    >>> project_id, run_id = start_run(store, project)
    >>> writer = CaptureWriter(store, project, project_id, run_id)
    >>> writer.write([analyse(c, project, book) for c in captures])
    >>> update_cross_ad_flags(store, project_id, book)

A capture source's `sha256` is the SHA-256 of "URL\\nSHA-256(payload)", so the same content at
two URLs (or an ad that changes back) stays two distinct, re-usable sources; the payload's own
SHA-256 is in the source's meta, the entity's `contentHash` and `crawl_captures.sha256`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError

from opspoor.crawl.analysis import Analysis
from opspoor.crawl.project import CrawlProject
from opspoor.crawl.schedule import next_visit
from opspoor.crawl.tables import (
    crawl_captures,
    crawl_flags,
    crawl_pages,
    crawl_projects,
    crawl_runs,
)
from opspoor.signals.crossad import AdFacts, cross_ad_flags, persona_names
from opspoor.signals.engine import Flag, score_flags
from opspoor.signals.phones import phone_numbers_in
from opspoor.signals.rules import RuleBook
from opspoor.store.db import Store

CAPTURE = "capture"
ONLINE_OUTCOMES = ("new", "changed", "unchanged")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """Datetimes read back from SQLite are naive; they were written in UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def capture_key(url: str, payload_sha256: str) -> str:
    return hashlib.sha256(f"{url}\n{payload_sha256}".encode()).hexdigest()


# -- projects and runs ------------------------------------------------------------------------
def ensure_project(conn: Connection, project: CrawlProject) -> int:
    now = utcnow()
    row = conn.execute(
        select(crawl_projects.c.id).where(crawl_projects.c.name == project.name)
    ).first()
    if row is not None:
        conn.execute(
            update(crawl_projects)
            .where(crawl_projects.c.id == row[0])
            .values(config=project.to_config(), updated_at=now)
        )
        return int(row[0])
    result = conn.execute(
        crawl_projects.insert().values(
            name=project.name, config=project.to_config(), created_at=now, updated_at=now
        )
    )
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def start_run(
    store: Store, project: CrawlProject, job: str | None = None, warc_file: str | None = None
) -> tuple[int, int]:
    """Record a new run; returns (project id, run id).

    Workers of one distributed crawl start together: when another one creates the project
    between our look-up and our insert, the insert fails on the unique name and the second
    attempt finds the project."""
    try:
        return _start_run(store, project, job, warc_file)
    except IntegrityError:
        return _start_run(store, project, job, warc_file)


def _start_run(
    store: Store, project: CrawlProject, job: str | None, warc_file: str | None
) -> tuple[int, int]:
    with store.transaction() as conn:
        project_id = ensure_project(conn, project)
        result = conn.execute(
            crawl_runs.insert().values(
                project_id=project_id,
                job=job,
                started_at=utcnow(),
                status="running",
                warc_file=warc_file,
            )
        )
        assert result.inserted_primary_key is not None
        return project_id, int(result.inserted_primary_key[0])


def finish_run(store: Store, run_id: int, status: str, stats: dict[str, Any]) -> None:
    with store.transaction() as conn:
        conn.execute(
            update(crawl_runs)
            .where(crawl_runs.c.id == run_id)
            .values(finished_at=utcnow(), status=status, stats=stats)
        )


def due_urls(store: Store, project_id: int, now: dt.datetime, mode: str = "due") -> list[str]:
    """Known pages to visit again: those due (`mode="due"`), all that may be revisited
    (`"all"`), or none. Pages refused, disallowed or skipped by a rule are never revisited."""
    if mode == "none":
        return []
    q = select(crawl_pages.c.url).where(
        crawl_pages.c.project_id == project_id,
        crawl_pages.c.kind != "image",
        crawl_pages.c.status.in_(("online", "gone", "error", "redirect")),
    )
    if mode == "due":
        q = q.where(crawl_pages.c.next_visit_at.is_not(None), crawl_pages.c.next_visit_at <= now)
    with store.connect() as conn:
        return [r[0] for r in conn.execute(q.order_by(crawl_pages.c.id))]


# -- captures ---------------------------------------------------------------------------------
def _outcome(a: Analysis, previous_sha: str | None) -> str:
    cap = a.capture
    if cap.kind == "error":
        return cap.outcome_hint or "error"
    if cap.status in (404, 410):
        return "gone"
    if cap.status is None or cap.status >= 400 or not (200 <= cap.status < 300):
        return "error"
    if previous_sha is None:
        return "new"
    return "unchanged" if previous_sha == cap.sha256 else "changed"


def _page_status(outcome: str) -> str:
    if outcome in ONLINE_OUTCOMES:
        return "online"
    return {
        "gone": "gone",
        "redirect": "redirect",
        "refused": "refused",
        "skipped": "skipped",
        "disallowed": "disallowed",
    }.get(outcome, "error")


PAGE_STATE = (
    "status",
    "http_status",
    "first_seen_online",
    "last_seen_online",
    "gone_since",
    "gone_count",
    "last_fetched_at",
    "next_visit_at",
    "interval_hours",
    "fetch_count",
    "change_count",
    "content_sha256",
    "content_capture_id",
    "entity_id",
    "score",
    "error",
)


class CaptureWriter:
    """Writes analysed captures of one run, batch by batch, each batch in one transaction.

    A batch costs a handful of statements (pages read at once, new pages, captures, flags and
    page updates each written with one executemany), plus a source and its statements for
    every ad whose content is new.
    """

    def __init__(
        self, store: Store, project: CrawlProject, project_id: int, run_id: int | None
    ) -> None:
        self.store = store
        self.project = project
        self.project_id = project_id
        self.run_id = run_id
        self.counts: dict[str, int] = {}
        self._conn: Connection | None = None

    def write(self, analyses: Sequence[Analysis]) -> None:
        """Write one batch in one transaction (on the writer's own connection)."""
        conn = self._connection()
        try:
            with conn.begin():
                outcomes = self._write_batch(conn, analyses)
        except IntegrityError:
            # Another worker created one of these pages at the same moment: they exist now.
            with conn.begin():
                outcomes = self._write_batch(conn, analyses)
        for outcome in outcomes:
            self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def _connection(self) -> Connection:
        # One connection for the writer's life: opening and closing one per batch costs more
        # than the batch itself on SQLite (pragmas, WAL checkpoint on close).
        if self._conn is None or self._conn.closed:
            self._conn = self.store.engine.connect()
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- pages ----------------------------------------------------------------------------------
    def _pages(
        self, conn: Connection, wanted: dict[str, tuple[str, int | None]]
    ) -> dict[str, dict[str, Any]]:
        """Page rows by URL, created (in one statement) for URLs not seen before."""
        keys = {url_key(u): u for u in wanted}
        pages: dict[str, dict[str, Any]] = {}
        for row in conn.execute(
            select(crawl_pages).where(
                crawl_pages.c.project_id == self.project_id, crawl_pages.c.url_key.in_(list(keys))
            )
        ):
            pages[row.url] = dict(row._mapping)
        missing = [u for u in wanted if u not in pages]
        if missing:
            rows: list[dict[str, Any]] = [
                {
                    "project_id": self.project_id,
                    "url": u,
                    "url_key": url_key(u),
                    "kind": wanted[u][0],
                    "status": "new",
                    "gone_count": 0,
                    "fetch_count": 0,
                    "change_count": 0,
                    "depth": wanted[u][1],
                }
                for u in missing
            ]
            result = conn.execute(
                crawl_pages.insert().returning(crawl_pages.c.id, sort_by_parameter_order=True), rows
            )
            for url, values, (page_id,) in zip(missing, rows, result.all(), strict=True):
                page: dict[str, Any] = {c.name: None for c in crawl_pages.c}
                page.update(values, id=page_id)
                pages[url] = page
        return pages

    def _visit(
        self,
        page: dict[str, Any],
        outcome: str,
        when: dt.datetime,
        http_status: int | None,
        error: str | None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Update the in-memory page row for one visit."""
        gone_count = (page["gone_count"] or 0) + 1 if outcome == "gone" else 0
        nxt, interval = next_visit(
            when,
            outcome,
            page["interval_hours"],
            self.project.revisit,
            is_ad=page["kind"] == "ad",
            gone_count=gone_count,
        )
        page.update(
            status=_page_status(outcome),
            http_status=http_status,
            last_fetched_at=when,
            fetch_count=(page["fetch_count"] or 0) + 1,
            next_visit_at=nxt,
            interval_hours=interval,
            gone_count=gone_count,
            error=error,
        )
        if outcome in ONLINE_OUTCOMES:
            page["last_seen_online"] = when
            page["gone_since"] = None
            if page["first_seen_online"] is None:
                page["first_seen_online"] = when
        if outcome == "changed":
            page["change_count"] = (page["change_count"] or 0) + 1
        if outcome == "gone" and page["gone_since"] is None:
            page["gone_since"] = when
        page.update(extra or {})

    # -- captures -------------------------------------------------------------------------------
    def _capture_values(
        self, page_id: int, a: Analysis, outcome: str, when: dt.datetime
    ) -> dict[str, Any]:
        cap = a.capture
        values: dict[str, Any] = {c.name: None for c in crawl_captures.c if c.name != "id"}
        values.update(
            page_id=page_id,
            run_id=self.run_id,
            url=cap.url,
            fetched_at=when,
            http_status=cap.status,
            content_type=cap.content_type[:128] if cap.content_type else None,
            sha256=cap.sha256,
            outcome=outcome,
            error=cap.error,
            referer=cap.referer,
            phash=a.phash,
            size=len(cap.body) if cap.body is not None else None,
        )
        if cap.warc is not None:
            values.update(
                warc_file=cap.warc.file,
                warc_offset=cap.warc.offset,
                warc_length=cap.warc.length,
                warc_record_id=cap.warc.record_id,
                size=cap.warc.size,
            )
        if outcome in ("new", "changed") and a.result is not None:
            values.update(
                title=a.title,
                text=a.text,
                language=a.language,
                score=a.result.score,
                images=list(cap.images) or None,
            )
        return values

    def _source(self, conn: Connection, a: Analysis, outcome: str) -> int | None:
        """The capture source of an ad's new content (created, with its entity, if new)."""
        cap = a.capture
        if a.record is None or cap.sha256 is None:
            return None
        key = capture_key(cap.url, cap.sha256)
        if outcome == "changed":  # an ad can change back to content stored before
            existing = self.store.find_source(CAPTURE, self.project.dataset, key, conn=conn)
            if existing is not None:
                return existing.id
        meta: dict[str, Any] = {
            "url": cap.url,
            "payload_sha256": cap.sha256,
            "http_status": cap.status,
            "fetched_at": cap.fetched_at,
            "crawl_project": self.project.name,
            "crawl_run": self.run_id,
        }
        if cap.warc is not None:
            meta.update(
                warc_file=cap.warc.file,
                warc_offset=cap.warc.offset,
                warc_record_id=cap.warc.record_id,
            )
        source_id = self.store.add_source(
            conn,
            kind=CAPTURE,
            dataset=self.project.dataset,
            sha256=key,
            format="html",
            label=cap.url,
            published_at=cap.fetched_at[:19],
            meta=meta,
        )
        self.store.write_records(
            conn, source_id, self.project.dataset, [a.record], seen=cap.fetched_at[:19]
        )
        return source_id

    def _write_batch(self, conn: Connection, analyses: Sequence[Analysis]) -> list[str]:
        wanted: dict[str, tuple[str, int | None]] = {}
        for a in analyses:
            cap = a.capture
            for hop in cap.redirects:
                wanted.setdefault(hop["url"], ("page", cap.depth))
            kind = "image" if cap.kind == "image" else ("ad" if cap.is_ad else "page")
            wanted[cap.url] = (kind, cap.depth)
        pages = self._pages(conn, wanted)
        outcomes: list[str] = []
        capture_rows: list[dict[str, Any]] = []
        flag_lists: list[list[Flag]] = []
        content_pages: list[dict[str, Any] | None] = []
        for a in analyses:
            cap = a.capture
            when = as_utc(dt.datetime.fromisoformat(cap.fetched_at))
            assert when is not None
            for hop in cap.redirects:
                self._visit(
                    pages[hop["url"]],
                    "redirect",
                    when,
                    hop.get("status"),
                    f"redirects to {hop.get('location')}",
                )
            page = pages[cap.url]
            outcome = _outcome(a, page["content_sha256"])
            row = self._capture_values(page["id"], a, outcome, when)
            content = outcome in ("new", "changed")
            if content:
                row["source_id"] = self._source(conn, a, outcome)
                self._visit(
                    page,
                    outcome,
                    when,
                    cap.status,
                    cap.error,
                    {
                        "content_sha256": cap.sha256,
                        "entity_id": a.entity_id,
                        "score": a.result.score if a.result else None,
                    },
                )
            else:
                self._visit(page, outcome, when, cap.status, cap.error)
            capture_rows.append(row)
            flag_lists.append(a.result.flags if content and a.result is not None else [])
            content_pages.append(page if content else None)
            outcomes.append(outcome)
        result = conn.execute(
            crawl_captures.insert().returning(crawl_captures.c.id, sort_by_parameter_order=True),
            capture_rows,
        )
        capture_ids = [r[0] for r in result.all()]
        flag_rows: list[dict[str, Any]] = []
        for capture_id, content_page, flags in zip(
            capture_ids, content_pages, flag_lists, strict=True
        ):
            if content_page is not None:
                content_page["content_capture_id"] = capture_id
                flag_rows.extend(_flag_row(capture_id, content_page["id"], f, False) for f in flags)
        if flag_rows:
            conn.execute(crawl_flags.insert(), flag_rows)
        touched = {p["id"]: p for p in pages.values() if p["status"] != "new"}
        if touched:
            conn.execute(
                update(crawl_pages).where(crawl_pages.c.id == bindparam("page_id")),
                [{"page_id": pid, **{k: p[k] for k in PAGE_STATE}} for pid, p in touched.items()],
            )
        return outcomes


def _flag_row(capture_id: int, page_id: int, f: Flag, cross_ad: bool) -> dict[str, Any]:
    return {
        "capture_id": capture_id,
        "page_id": page_id,
        "rule": f.rule,
        "indicator": f.indicator,
        "source": f.source,
        "text": f.text,
        "span_start": f.start,
        "span_end": f.end,
        "weight": f.weight,
        "cross_ad": cross_ad,
    }


def _row_flag(row: Any) -> Flag:
    return Flag(
        row.rule, row.indicator, row.source, row.text, row.span_start, row.span_end, row.weight
    )


def update_cross_ad_flags(store: Store, project_id: int, book: RuleBook, region: str = "NL") -> int:
    """Recompute the cross-ad flags (one phone, several people) over every ad of the project,
    and the scores they change. Returns the number of cross-ad flags."""
    with store.transaction() as conn:
        rows = conn.execute(
            select(crawl_pages.c.id, crawl_captures.c.id.label("capture_id"), crawl_captures.c.text)
            .join(crawl_captures, crawl_captures.c.id == crawl_pages.c.content_capture_id)
            .where(crawl_pages.c.project_id == project_id, crawl_pages.c.kind == "ad")
        ).all()
        if not rows:
            return 0
        ads = [
            AdFacts(
                str(r.capture_id),
                tuple(phone_numbers_in(r.text or "", region)),
                frozenset(persona_names(r.text or "")),
            )
            for r in rows
        ]
        extra = cross_ad_flags(ads, book.rules)
        capture_ids = [r.capture_id for r in rows]
        flags: dict[int, list[Flag]] = {cid: [] for cid in capture_ids}
        for chunk in _chunks(capture_ids):
            conn.execute(
                delete(crawl_flags).where(
                    crawl_flags.c.capture_id.in_(chunk), crawl_flags.c.cross_ad.is_(True)
                )
            )
            for f in conn.execute(select(crawl_flags).where(crawl_flags.c.capture_id.in_(chunk))):
                flags[f.capture_id].append(_row_flag(f))
        new_rows: list[dict[str, Any]] = []
        scores = []
        for r in rows:
            found = extra.get(str(r.capture_id), [])
            new_rows.extend(_flag_row(r.capture_id, r.id, f, True) for f in found)
            score, _ = score_flags([*flags[r.capture_id], *found])
            scores.append({"c_id": r.capture_id, "p_id": r.id, "score": score})
        if new_rows:
            conn.execute(crawl_flags.insert(), new_rows)
        conn.execute(
            update(crawl_captures)
            .where(crawl_captures.c.id == bindparam("c_id"))
            .values(score=bindparam("score")),
            scores,
        )
        conn.execute(
            update(crawl_pages)
            .where(crawl_pages.c.id == bindparam("p_id"))
            .values(score=bindparam("score")),
            scores,
        )
        return len(new_rows)


def _chunks(values: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]
