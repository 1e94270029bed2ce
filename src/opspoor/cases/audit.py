"""The audit log: who read or wrote which case data, when, and with what outcome.

    >>> record(conn, actor, "case.read", object_type="case", object_id=7, case_id=7)
    >>> export_audit(store, Path("audit.jsonl"))

The table is append-only (database triggers refuse UPDATE and DELETE). Entries hold ids,
actions and counts, never case text, so they can be kept after a case is deleted.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, select

from opspoor.cases.access import Actor
from opspoor.cases.tables import audit_log
from opspoor.errors import OpspoorError
from opspoor.store.db import Store

OK, DENIED, FAILED = "ok", "denied", "failed"
EXPORT_FIELDS = [
    "id",
    "at",
    "actor",
    "actor_id",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "case_id",
    "client",
    "detail",
]


def record(
    conn: Connection,
    actor: Actor,
    action: str,
    *,
    object_type: str | None = None,
    object_id: str | int | None = None,
    case_id: int | None = None,
    outcome: str = OK,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one entry (inside the caller's transaction, so it lands with the change it logs)."""
    conn.execute(
        audit_log.insert().values(
            at=dt.datetime.now(dt.UTC),
            actor_id=actor.user_id,
            actor=actor.username,
            action=action,
            outcome=outcome,
            object_type=object_type,
            object_id=None if object_id is None else str(object_id),
            case_id=case_id,
            detail=detail or None,
            client=actor.client,
        )
    )


def record_now(store: Store, actor: Actor, action: str, **kwargs: Any) -> None:
    """Append one entry in its own transaction (for reads and refusals, which change nothing else)."""
    with store.transaction() as conn:
        record(conn, actor, action, **kwargs)


def query_audit(
    store: Store,
    *,
    case_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[dict[str, Any]]:
    return list(
        iter_audit(
            store,
            case_id=case_id,
            actor=actor,
            action=action,
            since=since,
            limit=limit,
            newest_first=newest_first,
        )
    )


def iter_audit(
    store: Store,
    *,
    case_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> Iterator[dict[str, Any]]:
    q = select(audit_log).order_by(audit_log.c.id.desc() if newest_first else audit_log.c.id)
    if case_id is not None:
        q = q.where(audit_log.c.case_id == case_id)
    if actor:
        q = q.where(audit_log.c.actor == actor)
    if action:
        q = q.where(audit_log.c.action.startswith(action, autoescape=True))
    if since is not None:
        q = q.where(audit_log.c.at >= since)
    if limit:
        q = q.limit(limit)
    with store.connect() as conn:
        for row in conn.execute(q):
            entry = dict(row._mapping)
            at = entry["at"]
            if at.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
                at = at.replace(tzinfo=dt.UTC)
            entry["at"] = at.isoformat()
            yield entry


def write_audit(entries: Iterator[dict[str, Any]], fh: IO[str], fmt: str) -> int:
    """Write entries as JSON lines or CSV; returns the count."""
    if fmt not in ("jsonl", "csv"):
        raise OpspoorError(f"audit export format must be jsonl or csv, not {fmt!r}")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for entry in entries:
            row = dict(entry)
            row["detail"] = (
                json.dumps(entry.get("detail"), sort_keys=True) if entry.get("detail") else ""
            )
            writer.writerow(row)
            count += 1
        return count
    for entry in entries:
        fh.write(
            json.dumps({k: entry.get(k) for k in EXPORT_FIELDS}, ensure_ascii=False, sort_keys=True)
        )
        fh.write("\n")
        count += 1
    return count


def export_audit(store: Store, path: Path, fmt: str | None = None, **filters: Any) -> int:
    """Write the audit log (optionally filtered) to a .jsonl or .csv file."""
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        return write_audit(iter_audit(store, **filters), fh, fmt)
