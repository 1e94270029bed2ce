"""Retention: delete or pseudonymise closed cases after N days, applied by a command and logged.

    >>> set_policy(store, actor, "closed_cases", days=365, action="pseudonymise")
    >>> apply_retention(store, actor)          # e.g. nightly from cron
    {'closed_cases': {'action': 'pseudonymise', 'cases': [4, 9]}, ...}

Pseudonymising keeps a case's shape (status, dates, item kinds, decisions) for statistics and
replaces everything that says who or what: titles, summaries, notes, reasons, item labels and
the store ids items point at (these become keyed hashes, so the same entity in two cases still
maps to the same token). Deleting removes the case, its items, notes and decisions. Either way
the case's dossier files are deleted. The audit log keeps its entries (ids only, no case text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select

from opspoor.cases import audit
from opspoor.cases.access import Actor, require_admin
from opspoor.cases.tables import (
    case_decisions,
    case_items,
    case_notes,
    cases,
    retention_policies,
    web_sessions,
)
from opspoor.errors import OpspoorError
from opspoor.settings import Settings
from opspoor.store.db import Store

SCOPES = ("closed_cases",)
ACTIONS = ("delete", "pseudonymise")
REDACTED = "[pseudonymised]"


def instance_secret(settings: Settings) -> bytes:
    """This installation's secret key (created on first use, readable only by its owner)."""
    path = settings.home / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def pseudonym(key: bytes, value: str) -> str:
    """A stable token for `value`: the same value gives the same token under the same key."""
    return "pseud-" + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:20]


def dossier_root(settings: Settings) -> Path:
    return settings.home / "dossiers"


def case_dossier_dir(settings: Settings, case_id: int) -> Path:
    return dossier_root(settings) / f"case-{case_id}"


def set_policy(store: Store, actor: Actor, scope: str, days: int, action: str) -> None:
    require_admin(actor, "set retention policies")
    if scope not in SCOPES:
        raise OpspoorError(f"retention scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if action not in ACTIONS:
        raise OpspoorError(f"retention action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if days < 0:
        raise OpspoorError("retention days must be 0 or more")
    with store.transaction() as conn:
        values = {
            "days": days,
            "action": action,
            "updated_by": actor.username,
            "updated_at": audit_now(),
        }
        updated = conn.execute(
            retention_policies.update().where(retention_policies.c.scope == scope).values(**values)
        )
        if updated.rowcount == 0:
            conn.execute(retention_policies.insert().values(scope=scope, **values))
        audit.record(
            conn,
            actor,
            "retention.policy",
            object_type="retention",
            object_id=scope,
            detail={"days": days, "action": action},
        )


def remove_policy(store: Store, actor: Actor, scope: str) -> None:
    require_admin(actor, "remove retention policies")
    with store.transaction() as conn:
        conn.execute(retention_policies.delete().where(retention_policies.c.scope == scope))
        audit.record(
            conn,
            actor,
            "retention.policy",
            object_type="retention",
            object_id=scope,
            detail={"removed": True},
        )


def list_policies(store: Store) -> list[dict[str, Any]]:
    with store.connect() as conn:
        return [
            dict(r._mapping)
            for r in conn.execute(select(retention_policies).order_by(retention_policies.c.scope))
        ]


def audit_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def due_cases(store: Store, days: int, action: str, now: dt.datetime) -> list[int]:
    """Closed cases whose closing is older than `days` (and, to pseudonymise, not done yet)."""
    cutoff = now - dt.timedelta(days=days)
    q = select(cases.c.id, cases.c.closed_at).where(
        cases.c.status == "closed", cases.c.closed_at.is_not(None)
    )
    if action == "pseudonymise":
        q = q.where(cases.c.pseudonymised_at.is_(None))
    with store.connect() as conn:
        return sorted(int(r.id) for r in conn.execute(q) if _aware(r.closed_at) <= cutoff)


def apply_retention(
    store: Store, actor: Actor, now: dt.datetime | None = None, dry_run: bool = False
) -> dict[str, Any]:
    """Apply every policy; each case handled is logged, and so is the run itself."""
    require_admin(actor, "apply retention")
    now = now or audit_now()
    report: dict[str, Any] = {"dry_run": dry_run, "at": now.isoformat()}
    key = instance_secret(store.settings)
    for policy in list_policies(store):
        ids = due_cases(store, policy["days"], policy["action"], now)
        report[policy["scope"]] = {"action": policy["action"], "days": policy["days"], "cases": ids}
        if dry_run:
            continue
        for case_id in ids:
            if policy["action"] == "delete":
                _delete_case(store, actor, case_id)
            else:
                _pseudonymise_case(store, actor, case_id, key)
            shutil.rmtree(case_dossier_dir(store.settings, case_id), ignore_errors=True)
    if not dry_run:
        with store.transaction() as conn:
            expired = conn.execute(
                web_sessions.delete().where(web_sessions.c.expires_at < now)
            ).rowcount
            report["expired_sessions"] = int(expired)
            audit.record(
                conn,
                actor,
                "retention.apply",
                object_type="retention",
                detail={k: v for k, v in report.items() if k != "at"},
            )
    return report


def _delete_case(store: Store, actor: Actor, case_id: int) -> None:
    with store.transaction() as conn:
        conn.execute(case_decisions.delete().where(case_decisions.c.case_id == case_id))
        conn.execute(case_notes.delete().where(case_notes.c.case_id == case_id))
        conn.execute(case_items.delete().where(case_items.c.case_id == case_id))
        conn.execute(cases.delete().where(cases.c.id == case_id))
        audit.record(
            conn, actor, "retention.delete", object_type="case", object_id=case_id, case_id=case_id
        )


def _pseudonymise_case(store: Store, actor: Actor, case_id: int, key: bytes) -> None:
    with store.transaction() as conn:
        conn.execute(
            cases.update()
            .where(cases.c.id == case_id)
            .values(
                title=f"Case {case_id} ({REDACTED})", summary=None, pseudonymised_at=audit_now()
            )
        )
        conn.execute(
            case_notes.update().where(case_notes.c.case_id == case_id).values(body=REDACTED)
        )
        conn.execute(
            case_decisions.update()
            .where(case_decisions.c.case_id == case_id)
            .values(reason=REDACTED)
        )
        for item in conn.execute(select(case_items).where(case_items.c.case_id == case_id)).all():
            conn.execute(
                case_items.update()
                .where(case_items.c.id == item.id)
                .values(
                    ref=pseudonym(key, f"{item.kind}:{item.ref}"),
                    entity_id=pseudonym(key, item.entity_id) if item.entity_id else None,
                    source_id=None,
                    label=REDACTED,
                    note=None,
                )
            )
        audit.record(
            conn,
            actor,
            "retention.pseudonymise",
            object_type="case",
            object_id=case_id,
            case_id=case_id,
        )
