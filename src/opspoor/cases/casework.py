"""Cases: open them, attach what was found, note, decide, refer, close — every step audited.

    >>> case_id = create_case(store, actor, "Ads around Via Roma", team="hotline")
    >>> attach_item(store, actor, case_id, "alert", "12", note="UN LYi.025 hit on the payee")
    >>> view = read_case(store, actor, case_id)   # logged as case.read

Every function takes the acting user; reads and writes of case data are written to the audit
log (refusals too, with outcome "denied"). A viewer reads the cases of their own team and
changes nothing; analysts work on their own team's cases; admins see every team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from opspoor.cases import audit
from opspoor.cases.access import (
    AccessDenied,
    Actor,
    NotFound,
    can_read_case,
    can_write_case,
    require_writer,
)
from opspoor.cases.tables import case_decisions, case_items, case_notes, cases, teams, users
from opspoor.errors import OpspoorError
from opspoor.store.db import Store
from opspoor.store.tables import entities, sources

STATUSES = ("open", "review", "referred", "closed")
ITEM_DECISIONS = ("confirmed", "rejected")
MAX_TEXT = 20_000  # a note or summary longer than this is a paste accident, not a note


@dataclass(frozen=True)
class ResolvedItem:
    """What a case item points at in the store, checked to exist when it is attached."""

    entity_id: str | None
    source_id: int | None
    label: str


# kind -> function(conn, ref) -> ResolvedItem, raising NotFound when the ref is not in the store.
ItemResolver = Callable[[Connection, str], ResolvedItem]
ITEM_RESOLVERS: dict[str, ItemResolver] = {}


def item_resolver(kind: str) -> Callable[[ItemResolver], ItemResolver]:
    def register(func_: ItemResolver) -> ItemResolver:
        ITEM_RESOLVERS[kind] = func_
        return func_

    return register


@item_resolver("alert")
def _resolve_alert(conn: Connection, ref: str) -> ResolvedItem:
    from opspoor.screening.tables import alerts, subjects

    if not ref.isdigit():
        raise NotFound(f"alert ids are numbers, not {ref!r}")
    row = conn.execute(
        select(alerts.c.entity_id, alerts.c.caption, alerts.c.reference, subjects.c.name)
        .join(subjects, subjects.c.id == alerts.c.subject_id)
        .where(alerts.c.id == int(ref))
    ).first()
    if row is None:
        raise NotFound(f"no alert {ref}")
    ref_text = f" ({row.reference})" if row.reference else ""
    return ResolvedItem(row.entity_id, None, f"{row.name} ↔ {row.caption}{ref_text}")


def _entity_row(conn: Connection, entity_id: str, kinds: tuple[str, ...] | None = None) -> Any:
    q = (
        select(entities.c.entity_id, entities.c.caption, entities.c.schema, entities.c.source_id)
        .join(sources, sources.c.id == entities.c.source_id)
        .where(entities.c.entity_id == entity_id)
        .order_by(entities.c.source_id.desc())
    )
    if kinds:
        q = q.where(sources.c.kind.in_(kinds))
    return conn.execute(q).first()


@item_resolver("entity")
def _resolve_entity(conn: Connection, ref: str) -> ResolvedItem:
    row = _entity_row(conn, ref)
    if row is None:
        raise NotFound(f"no entity {ref!r} in the store")
    return ResolvedItem(row.entity_id, int(row.source_id), f"{row.caption or ref} ({row.schema})")


@item_resolver("list_entry")
def _resolve_list_entry(conn: Connection, ref: str) -> ResolvedItem:
    row = _entity_row(conn, ref, ("list_version",))
    if row is None:
        raise NotFound(f"no list entry {ref!r} in the store")
    return ResolvedItem(row.entity_id, int(row.source_id), f"{row.caption or ref} ({row.schema})")


@item_resolver("mention")
def _resolve_mention(conn: Connection, ref: str) -> ResolvedItem:
    row = _entity_row(conn, ref, ("document", "capture"))
    if row is None:
        raise NotFound(f"no mention {ref!r} in any document or capture")
    return ResolvedItem(row.entity_id, int(row.source_id), f"{row.caption or ref} ({row.schema})")


# FtM's document family: the entity a document or capture source is "about".
DOCUMENT_SCHEMATA = (
    "Document",
    "Pages",
    "Folder",
    "PlainText",
    "HyperText",
    "Email",
    "Message",
    "Image",
    "Table",
    "Workbook",
    "Video",
    "Audio",
    "Package",
    "Article",
)


def _source_item(conn: Connection, ref: str, kinds: tuple[str, ...], what: str) -> ResolvedItem:
    if not ref.isdigit():
        raise NotFound(f"{what} ids are source numbers, not {ref!r}")
    src = conn.execute(
        select(sources).where(sources.c.id == int(ref), sources.c.kind.in_(kinds))
    ).first()
    if src is None:
        raise NotFound(f"no {what} with source id {ref}")
    main = conn.execute(
        select(entities.c.entity_id, entities.c.caption)
        .where(entities.c.source_id == src.id)
        .where(entities.c.schema.in_(DOCUMENT_SCHEMATA))
        .order_by(entities.c.entity_id)
    ).first()
    label = (
        (main.caption if main is not None and main.caption else None)
        or src.label
        or f"source {src.id}"
    )
    return ResolvedItem(main.entity_id if main is not None else None, int(src.id), label)


@item_resolver("document")
def _resolve_document(conn: Connection, ref: str) -> ResolvedItem:
    return _source_item(conn, ref, ("document",), "document")


@item_resolver("capture")
def _resolve_capture(conn: Connection, ref: str) -> ResolvedItem:
    return _source_item(conn, ref, ("capture",), "crawl capture")


@item_resolver("flagged_ad")
def _resolve_flagged_ad(conn: Connection, ref: str) -> ResolvedItem:
    return _source_item(conn, ref, ("capture", "document"), "flagged ad")


def network_group_members(conn: Connection, group_id: str) -> list[str]:
    """The members of a link group in the newest link run that has it (opspoor.network's tables)."""
    from opspoor.network.tables import network_groups

    run_id = conn.execute(
        select(func.max(network_groups.c.run_id)).where(network_groups.c.group_id == group_id)
    ).scalar()
    if run_id is None:
        return []
    q = (
        select(network_groups.c.entity_id)
        .where(network_groups.c.run_id == run_id, network_groups.c.group_id == group_id)
        .order_by(network_groups.c.entity_id)
    )
    return [r[0] for r in conn.execute(q)]


@item_resolver("network_group")
def _resolve_network_group(conn: Connection, ref: str) -> ResolvedItem:
    members = network_group_members(conn, ref)
    if not members:
        raise NotFound(f"no link group {ref!r}; see the network page or `opspoor network` commands")
    return ResolvedItem(None, None, f"link group {ref} ({len(members)} items)")


# -- reading -------------------------------------------------------------------------------
@dataclass
class CaseView:
    """A case with everything attached, as one user may see it."""

    case: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.case["id"])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _case_query() -> Any:
    owner = users.alias("owner")
    return (
        select(cases, teams.c.name.label("team"), owner.c.username.label("owner"))
        .join(teams, teams.c.id == cases.c.team_id)
        .outerjoin(owner, owner.c.id == cases.c.owner_id)
    )


def _authorize(
    store: Store, actor: Actor, case_id: int, action: str, write: bool
) -> dict[str, Any]:
    """The case row if `actor` may read (or write) it; refusals are logged before raising."""
    with store.connect() as conn:
        row = conn.execute(_case_query().where(cases.c.id == case_id)).first()
    if row is None:
        audit.record_now(
            store,
            actor,
            action,
            object_type="case",
            object_id=case_id,
            case_id=case_id,
            outcome=audit.FAILED,
            detail={"reason": "not found"},
        )
        raise NotFound(f"no case {case_id}")
    case = dict(row._mapping)
    allowed = (
        can_write_case(actor, case["team_id"]) if write else can_read_case(actor, case["team_id"])
    )
    if not allowed:
        audit.record_now(
            store,
            actor,
            action,
            object_type="case",
            object_id=case_id,
            case_id=case_id,
            outcome=audit.DENIED,
            detail={"role": actor.role},
        )
        if write and can_read_case(actor, case["team_id"]):
            raise AccessDenied(f"{actor.username} ({actor.role}) cannot change case {case_id}")
        raise AccessDenied(f"case {case_id} belongs to another team")
    return case


def read_case(store: Store, actor: Actor, case_id: int, purpose: str = "view") -> CaseView:
    """The case with its items, notes and decisions; logged as `case.read` (with the purpose)."""
    case = _authorize(store, actor, case_id, "case.read", write=False)
    with store.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(_items_query(case_id))]
        notes = [
            dict(r._mapping)
            for r in conn.execute(
                select(case_notes, users.c.username.label("author"))
                .outerjoin(users, users.c.id == case_notes.c.author_id)
                .where(case_notes.c.case_id == case_id)
                .order_by(case_notes.c.created_at, case_notes.c.id)
            )
        ]
        decisions = [
            dict(r._mapping)
            for r in conn.execute(
                select(case_decisions)
                .where(case_decisions.c.case_id == case_id)
                .order_by(case_decisions.c.decided_at, case_decisions.c.id)
            )
        ]
    audit.record_now(
        store,
        actor,
        "case.read",
        object_type="case",
        object_id=case_id,
        case_id=case_id,
        detail={"purpose": purpose, "items": len(items)},
    )
    return CaseView(case=case, items=items, notes=notes, decisions=decisions)


def _items_query(case_id: int) -> Any:
    return (
        select(case_items, users.c.username.label("added_by_name"))
        .outerjoin(users, users.c.id == case_items.c.added_by)
        .where(case_items.c.case_id == case_id)
        .order_by(case_items.c.added_at, case_items.c.id)
    )


def list_cases(store: Store, actor: Actor, status: str | None = None) -> list[dict[str, Any]]:
    """The cases `actor` may see (own team; admins all), newest first; logged as `case.list`."""
    q = _case_query().order_by(cases.c.updated_at.desc(), cases.c.id.desc())
    if not actor.is_admin:
        if actor.team_id is None:
            return []
        q = q.where(cases.c.team_id == actor.team_id)
    if status:
        q = q.where(cases.c.status == status)
    counts = (
        select(case_items.c.case_id, func.count().label("n"))
        .group_by(case_items.c.case_id)
        .subquery()
    )
    q = q.add_columns(func.coalesce(counts.c.n, 0).label("item_count")).outerjoin(
        counts, counts.c.case_id == cases.c.id
    )
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    audit.record_now(
        store,
        actor,
        "case.list",
        object_type="case",
        detail={"case_ids": [r["id"] for r in rows][:200], "status": status},
    )
    return rows


def cases_with_item(store: Store, actor: Actor, kind: str, ref: str) -> list[dict[str, Any]]:
    """The visible cases an alert/entity/source is attached to (for "in case ..." links)."""
    q = (
        select(cases.c.id, cases.c.title, cases.c.team_id, cases.c.status)
        .join(case_items, case_items.c.case_id == cases.c.id)
        .where(case_items.c.kind == kind, case_items.c.ref == str(ref))
    )
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    visible = [r for r in rows if can_read_case(actor, r["team_id"])]
    if visible:  # the titles shown are case data: logged like any list of cases
        audit.record_now(
            store,
            actor,
            "case.list",
            object_type="case",
            detail={"case_ids": [r["id"] for r in visible], "via": kind},
        )
    return visible


# -- writing -------------------------------------------------------------------------------
def _text(value: str | None, what: str, required: bool = False) -> str | None:
    text = (value or "").strip()
    if required and not text:
        raise OpspoorError(f"{what} cannot be empty")
    if len(text) > MAX_TEXT:
        raise OpspoorError(f"{what} is longer than {MAX_TEXT} characters")
    return text or None


def create_case(
    store: Store,
    actor: Actor,
    title: str,
    summary: str | None = None,
    team: str | None = None,
) -> int:
    """Open a case for `team` (default: the actor's own team)."""
    require_writer(actor, "open cases")
    title_text = _text(title, "the case title", required=True)
    with store.transaction() as conn:
        if team:
            team_id = conn.execute(select(teams.c.id).where(teams.c.name == team)).scalar()
            if team_id is None:
                raise OpspoorError(f"no team {team!r}; see `opspoor users teams`")
        else:
            team_id = actor.team_id
        if team_id is None:
            raise OpspoorError("say which team the case belongs to (--team)")
        if not can_write_case(actor, int(team_id)):
            raise AccessDenied(f"{actor.username} cannot open cases for another team")
        when = _now()
        res = conn.execute(
            cases.insert().values(
                title=title_text,
                summary=_text(summary, "the summary"),
                status="open",
                team_id=team_id,
                owner_id=actor.user_id,
                created_by=actor.user_id,
                created_at=when,
                updated_at=when,
            )
        )
        assert res.inserted_primary_key is not None
        case_id = int(res.inserted_primary_key[0])
        audit.record(
            conn,
            actor,
            "case.create",
            object_type="case",
            object_id=case_id,
            case_id=case_id,
            detail={"team_id": int(team_id)},
        )
    return case_id


def update_case(
    store: Store,
    actor: Actor,
    case_id: int,
    *,
    title: str | None = None,
    summary: str | None = None,
    owner: str | None = None,
) -> None:
    _authorize(store, actor, case_id, "case.update", write=True)
    values: dict[str, Any] = {}
    if title is not None:
        values["title"] = _text(title, "the case title", required=True)
    if summary is not None:
        values["summary"] = _text(summary, "the summary")
    with store.transaction() as conn:
        if owner is not None:
            owner_id = conn.execute(select(users.c.id).where(users.c.username == owner)).scalar()
            if owner_id is None:
                raise OpspoorError(f"no user {owner!r}")
            values["owner_id"] = owner_id
        values["updated_at"] = _now()
        conn.execute(cases.update().where(cases.c.id == case_id).values(**values))
        audit.record(
            conn,
            actor,
            "case.update",
            object_type="case",
            object_id=case_id,
            case_id=case_id,
            detail={"changed": sorted(k for k in values if k != "updated_at")},
        )


def set_status(store: Store, actor: Actor, case_id: int, status: str, reason: str) -> None:
    """Move a case to open | review | referred | closed; the reason goes into the review trail."""
    if status not in STATUSES:
        raise OpspoorError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    reason_text = _text(reason, "the reason", required=True)
    case = _authorize(store, actor, case_id, "case.status", write=True)
    with store.transaction() as conn:
        when = _now()
        conn.execute(
            cases.update()
            .where(cases.c.id == case_id)
            .values(status=status, updated_at=when, closed_at=when if status == "closed" else None)
        )
        conn.execute(
            case_decisions.insert().values(
                case_id=case_id,
                item_id=None,
                decision=f"status:{status}",
                reason=reason_text,
                reviewer_id=actor.user_id,
                reviewer=actor.username,
                decided_at=when,
            )
        )
        audit.record(
            conn,
            actor,
            "case.status",
            object_type="case",
            object_id=case_id,
            case_id=case_id,
            detail={"from": case["status"], "to": status},
        )


def attach_item(
    store: Store, actor: Actor, case_id: int, kind: str, ref: str, note: str | None = None
) -> int:
    """Attach a store object (alert, entity, document, capture, ...) to a case; returns the item id."""
    resolver = ITEM_RESOLVERS.get(kind)
    if resolver is None:
        raise OpspoorError(
            f"item kind must be one of {', '.join(sorted(ITEM_RESOLVERS))}, not {kind!r}"
        )
    _authorize(store, actor, case_id, "case.item.add", write=True)
    ref = str(ref).strip()
    with store.transaction() as conn:
        resolved = resolver(conn, ref)
        existing = conn.execute(
            select(case_items.c.id).where(
                case_items.c.case_id == case_id, case_items.c.kind == kind, case_items.c.ref == ref
            )
        ).scalar()
        if existing is not None:
            return int(existing)
        res = conn.execute(
            case_items.insert().values(
                case_id=case_id,
                kind=kind,
                ref=ref,
                entity_id=resolved.entity_id,
                source_id=resolved.source_id,
                label=resolved.label[:1000],
                note=_text(note, "the note"),
                added_by=actor.user_id,
                added_at=_now(),
            )
        )
        assert res.inserted_primary_key is not None
        item_id = int(res.inserted_primary_key[0])
        conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=_now()))
        audit.record(
            conn,
            actor,
            "case.item.add",
            object_type="case_item",
            object_id=item_id,
            case_id=case_id,
            detail={"kind": kind},  # not the ref: store ids can hold names, and this log is kept
        )
    return item_id


def remove_item(store: Store, actor: Actor, case_id: int, item_id: int) -> None:
    _authorize(store, actor, case_id, "case.item.remove", write=True)
    with store.transaction() as conn:
        res = conn.execute(
            case_items.delete().where(case_items.c.id == item_id, case_items.c.case_id == case_id)
        )
        if res.rowcount == 0:
            raise NotFound(f"case {case_id} has no item {item_id}")
        conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=_now()))
        audit.record(
            conn,
            actor,
            "case.item.remove",
            object_type="case_item",
            object_id=item_id,
            case_id=case_id,
        )


def add_note(store: Store, actor: Actor, case_id: int, body: str) -> int:
    _authorize(store, actor, case_id, "case.note.add", write=True)
    text = _text(body, "the note", required=True)
    with store.transaction() as conn:
        res = conn.execute(
            case_notes.insert().values(
                case_id=case_id, author_id=actor.user_id, body=text, created_at=_now()
            )
        )
        assert res.inserted_primary_key is not None
        note_id = int(res.inserted_primary_key[0])
        conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=_now()))
        audit.record(
            conn,
            actor,
            "case.note.add",
            object_type="case_note",
            object_id=note_id,
            case_id=case_id,
        )
    return note_id


def decide_item(
    store: Store, actor: Actor, case_id: int, item_id: int, decision: str, reason: str
) -> int:
    """A reviewer's decision on one item: confirmed (goes into the dossier) or rejected (left out)."""
    if decision not in ITEM_DECISIONS:
        raise OpspoorError(f"decision must be one of {', '.join(ITEM_DECISIONS)}, not {decision!r}")
    reason_text = _text(reason, "the reason", required=True)
    _authorize(store, actor, case_id, "case.decide", write=True)
    with store.transaction() as conn:
        found = conn.execute(
            select(case_items.c.id).where(
                case_items.c.id == item_id, case_items.c.case_id == case_id
            )
        ).scalar()
        if found is None:
            raise NotFound(f"case {case_id} has no item {item_id}")
        res = conn.execute(
            case_decisions.insert().values(
                case_id=case_id,
                item_id=item_id,
                decision=decision,
                reason=reason_text,
                reviewer_id=actor.user_id,
                reviewer=actor.username,
                decided_at=_now(),
            )
        )
        assert res.inserted_primary_key is not None
        decision_id = int(res.inserted_primary_key[0])
        conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=_now()))
        audit.record(
            conn,
            actor,
            "case.decide",
            object_type="case_item",
            object_id=item_id,
            case_id=case_id,
            detail={"decision": decision, "decision_id": decision_id},
        )
    return decision_id


def item_status(view: CaseView) -> dict[int, str]:
    """The latest decision on each item (items without one are "pending")."""
    status = {int(item["id"]): "pending" for item in view.items}
    for dec in view.decisions:
        if dec["item_id"] is not None and int(dec["item_id"]) in status:
            status[int(dec["item_id"])] = dec["decision"]
    return status
