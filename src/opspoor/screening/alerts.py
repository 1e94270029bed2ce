"""Alerts and decisions: what screening found, and what a reviewer said about it.

A decision (true match / false positive, who, when, why) is tied to the list entry as it
was when decided (its checksum). The next screening applies it while the entry is
unchanged, and re-opens the alert when the list changed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from followthemoney.proxy import EntityProxy
from sqlalchemy import Connection, select

from opspoor.errors import OpspoorError
from opspoor.screening.tables import alerts, decisions, screening_runs, subjects
from opspoor.store.db import Store

OPEN, TRUE_MATCH, FALSE_POSITIVE = "open", "true_match", "false_positive"
DECISIONS = (TRUE_MATCH, FALSE_POSITIVE)


def entity_checksum(entity: EntityProxy) -> str:
    """A stable hash of what a list says about an entity (schema and properties)."""
    data = {
        "schema": entity.schema.name,
        "properties": {k: sorted(v) for k, v in entity.properties.items()},
    }
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class AlertOutcome:
    alert_id: int
    status: str
    new: bool  # first time this subject/entity pair alerted
    reason: str  # why it has this status ("new hit", "decision by X still applies", ...)


def start_run(
    conn: Connection, kind: str, label: str, threshold: float, source_ids: list[int]
) -> int:
    res = conn.execute(
        screening_runs.insert().values(
            kind=kind,
            label=label,
            threshold=threshold,
            source_ids=source_ids,
            started_at=now(),
            subject_count=0,
            alert_count=0,
        )
    )
    assert res.inserted_primary_key is not None
    return int(res.inserted_primary_key[0])


def finish_run(conn: Connection, run_id: int, subject_count: int, alert_count: int) -> None:
    conn.execute(
        screening_runs.update()
        .where(screening_runs.c.id == run_id)
        .values(finished_at=now(), subject_count=subject_count, alert_count=alert_count)
    )


def upsert_subject(conn: Connection, subject_id: str, entity: EntityProxy, run_id: int) -> None:
    name = (entity.get("name") or [""])[0]
    row = {
        "schema": entity.schema.name,
        "name": name,
        "properties": entity.to_dict()["properties"],
        "last_screened": now(),
        "last_run_id": run_id,
    }
    updated = conn.execute(subjects.update().where(subjects.c.id == subject_id).values(**row))
    if updated.rowcount == 0:
        conn.execute(subjects.insert().values(id=subject_id, first_screened=now(), **row))


def latest_decision(conn: Connection, subject_id: str, entity_id: str) -> Any:
    q = (
        select(decisions)
        .where(decisions.c.subject_id == subject_id, decisions.c.entity_id == entity_id)
        .order_by(decisions.c.decided_at.desc(), decisions.c.id.desc())
        .limit(1)
    )
    return conn.execute(q).first()


def raise_alert(
    conn: Connection, subject_id: str, match: dict[str, Any], checksum: str, run_id: int
) -> AlertOutcome:
    """Record a hit. Applies the latest decision on this pair while the list entry is unchanged."""
    entity_id = match["id"]
    existing = conn.execute(
        select(alerts).where(alerts.c.subject_id == subject_id, alerts.c.entity_id == entity_id)
    ).first()
    decision = latest_decision(conn, subject_id, entity_id)
    if decision is not None and decision.entity_checksum == checksum:
        status = decision.decision
        reason = f"decision by {decision.reviewer} on {decision.decided_at:%Y-%m-%d} still applies: {decision.reason}"
    elif decision is not None:
        status, reason = OPEN, "re-opened: the list entry changed since the last decision"
    else:
        status, reason = OPEN, "new hit" if existing is None else "still a hit, awaiting review"
    values = {
        "dataset": (match.get("datasets") or [None])[0],
        "reference": match.get("reference"),
        "caption": match.get("caption"),
        "score": float(match["score"]),
        "status": status,
        "entity_checksum": checksum,
        "match": match,
        "run_id": run_id,
        "updated_at": now(),
    }
    if existing is None:
        res = conn.execute(
            alerts.insert().values(
                subject_id=subject_id, entity_id=entity_id, created_at=now(), **values
            )
        )
        assert res.inserted_primary_key is not None
        return AlertOutcome(int(res.inserted_primary_key[0]), status, True, reason)
    conn.execute(alerts.update().where(alerts.c.id == existing.id).values(**values))
    return AlertOutcome(int(existing.id), status, False, reason)


def decide(
    store: Store, alert_id: int, decision: str, reviewer: str, reason: str
) -> dict[str, Any]:
    """Record a reviewer's decision on an alert (kept forever; the latest one applies)."""
    if decision not in DECISIONS:
        raise OpspoorError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if not reviewer.strip() or not reason.strip():
        raise OpspoorError(
            "a decision needs the reviewer's name and a reason (a regulator will ask why)"
        )
    with store.transaction() as conn:
        alert = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
        if alert is None:
            raise OpspoorError(f"no alert {alert_id}; see `opspoor alerts list`")
        when = now()
        conn.execute(
            decisions.insert().values(
                alert_id=alert_id,
                subject_id=alert.subject_id,
                entity_id=alert.entity_id,
                decision=decision,
                reviewer=reviewer.strip(),
                reason=reason.strip(),
                entity_checksum=alert.entity_checksum,
                decided_at=when,
            )
        )
        conn.execute(
            alerts.update().where(alerts.c.id == alert_id).values(status=decision, updated_at=when)
        )
    return {
        "alert_id": alert_id,
        "status": decision,
        "reviewer": reviewer,
        "reason": reason,
        "decided_at": when.isoformat(),
    }


def list_alerts(store: Store, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    q = (
        select(alerts, subjects.c.name.label("subject_name"))
        .join(subjects, subjects.c.id == alerts.c.subject_id)
        .order_by(alerts.c.score.desc(), alerts.c.id)
        .limit(limit)
    )
    if status:
        q = q.where(alerts.c.status == status)
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def decision_trail(store: Store, alert_ids: Iterable[int]) -> list[dict[str, Any]]:
    q = (
        select(decisions)
        .where(decisions.c.alert_id.in_(list(alert_ids)))
        .order_by(decisions.c.decided_at)
    )
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
