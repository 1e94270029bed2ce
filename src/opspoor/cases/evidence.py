"""The facts of a case and where each came from, gathered from the store's statements.

    >>> ev = gather_evidence(store, view)      # view = read_case(...)
    >>> ev.facts[0].value, ev.sources[ev.facts[0].source_id].sha256

A fact is one statement (entity, property, value) with its source: a list version (date and
SHA-256), a document (the sentence it was read from) or a crawl capture (WARC record, hash
and time). Items a reviewer rejected are left out; entities that link the case's entities
(family, membership, sanction, mention ...) are brought in one step out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from sqlalchemy import select

from opspoor.cases.casework import CaseView, item_status
from opspoor.store.db import ID_PROP, Store
from opspoor.store.tables import sources, statements

# Properties that hold whole texts or processing details, not facts a reader checks.
SKIP_PROPS = frozenset(
    {
        ID_PROP,
        "bodyText",
        "bodyHtml",
        "indexText",
        "rawText",
        "processingError",
        "processingAgent",
        "processingStatus",
        "translatedText",
        "headers",
    }
)
MAX_VALUE_CHARS = 1000
SENTENCE_CHARS = 320  # how much text around a span the dossier quotes at most
SPAN = re.compile(r"chars?\s+(\d+)\s*[-–]\s*(\d+)")


@dataclass(frozen=True)
class SourceInfo:
    """A source as the dossier cites it."""

    id: int
    kind: str
    dataset: str
    label: str | None
    sha256: str
    published_at: str | None
    imported_at: str
    meta: dict[str, Any]

    @property
    def title(self) -> str:
        kinds = {"list_version": "List version", "document": "Document", "capture": "Web capture"}
        return f"{kinds.get(self.kind, self.kind.replace('_', ' ').title())}: {self.label or self.dataset}"

    def details(self) -> list[tuple[str, str]]:
        """(label, value) lines a reader needs to find and verify the source."""
        rows = [("dataset", self.dataset), ("SHA-256", self.sha256)]
        if self.published_at:
            rows.append(("published" if self.kind == "list_version" else "date", self.published_at))
        rows.append(("stored", self.imported_at[:19].replace("T", " ") + " UTC"))
        for key in sorted(self.meta):
            value = self.meta[key]
            if value in (None, "", [], {}):
                continue
            if isinstance(value, str | int | float) and len(str(value)) <= 300:
                rows.append((key.replace("_", " "), str(value)))
            elif (
                isinstance(value, list)
                and all(isinstance(v, str) for v in value)
                and len(value) <= 10
            ):
                rows.append((key.replace("_", " "), ", ".join(value)))
        return rows


@dataclass(frozen=True)
class Fact:
    """One statement with where it came from."""

    key: str  # F1, F2 ... in dossier order
    entity_id: str
    schema: str
    prop: str
    prop_label: str
    value: str
    statement_id: str
    source_id: int
    location: str | None
    evidence: str | None  # the sentence (documents, captures) the value was read from
    first_seen: str | None
    last_seen: str | None


@dataclass
class EntityFacts:
    entity: EntityProxy
    role: str  # "attached" (an item of the case) or "linked" (one step out)
    items: list[int] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return str(self.entity.caption)


@dataclass
class Evidence:
    entities: dict[str, EntityFacts] = field(default_factory=dict)
    sources: dict[int, SourceInfo] = field(default_factory=dict)

    @property
    def facts(self) -> list[Fact]:
        return [f for ef in self.entities.values() for f in ef.facts]

    def proxies(self) -> list[EntityProxy]:
        return [ef.entity for ef in self.entities.values()]


def item_entity_ids(store: Store, item: dict[str, Any]) -> list[str]:
    """The store entities a case item stands for."""
    kind = item["kind"]
    if kind in ("document", "capture", "flagged_ad") and item.get("source_id") is not None:
        with store.connect() as conn:
            rows = conn.execute(
                select(statements.c.entity_id)
                .where(
                    statements.c.source_id == int(item["source_id"]), statements.c.prop == ID_PROP
                )
                .order_by(statements.c.entity_id)
            )
            return [r[0] for r in rows]
    if kind == "network_group":
        return _network_group_members(store, item["ref"])
    return [item["entity_id"]] if item.get("entity_id") else []


def _network_group_members(store: Store, ref: str) -> list[str]:
    from opspoor.cases.casework import network_group_members

    with store.connect() as conn:
        return network_group_members(conn, ref)


def source_info_from_row(row: Any) -> SourceInfo:
    m = row._mapping
    imported = m["imported_at"]
    return SourceInfo(
        id=int(m["id"]),
        kind=m["kind"],
        dataset=m["dataset"],
        label=m["label"],
        sha256=m["sha256"],
        published_at=m["published_at"],
        imported_at=imported.isoformat() if hasattr(imported, "isoformat") else str(imported),
        meta=dict(m["meta"] or {}),
    )


def linking_entity_ids(
    store: Store, entity_ids: Iterable[str], source_ids: Sequence[int]
) -> set[str]:
    """Entities whose entity-typed properties point at any of `entity_ids` (one step out)."""
    ids = list(set(entity_ids))
    if not ids:
        return set()
    entity_props = sorted(
        {
            p.name
            for s in model.schemata.values()
            for p in s.properties.values()
            if p.type == registry.entity
        }
    )
    found: set[str] = set()
    with store.connect() as conn:
        for i in range(0, len(ids), 500):
            q = select(statements.c.entity_id).where(
                statements.c.value.in_(ids[i : i + 500]),
                statements.c.prop.in_(entity_props),
                statements.c.source_id.in_(list(source_ids)),
            )
            found.update(r[0] for r in conn.execute(q))
    return found - set(ids)


def document_text(store: Store, source_id: int) -> str | None:
    """The plain text of a document or capture, when the store keeps it (FtM bodyText)."""
    with store.connect() as conn:
        row = conn.execute(
            select(statements.c.value)
            .where(statements.c.source_id == source_id, statements.c.prop == "bodyText")
            .limit(1)
        ).first()
    return row[0] if row else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], cut to a readable length around the span."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    left = 0 if left < 0 else left + 1
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    if end - start > SENTENCE_CHARS:
        return text[start:end].strip()
    spare = (SENTENCE_CHARS - (end - start)) // 2
    left, right = max(left, start - spare), min(right, end + spare)
    snippet = " ".join(text[left:right].split())
    prefix = "…" if left > 0 and text[left - 1] not in ".!?\n" else ""
    suffix = "…" if right < len(text) and text[right - 1] not in ".!?" else ""
    return f"{prefix}{snippet}{suffix}"


def gather_evidence(store: Store, view: CaseView, include_rejected: bool = False) -> Evidence:
    """Every fact about the case's entities (and the entities that link them), with sources."""
    status = item_status(view)
    wanted: dict[str, list[int]] = {}
    for item in view.items:
        if status.get(int(item["id"])) == "rejected" and not include_rejected:
            continue
        for eid in item_entity_ids(store, item):
            wanted.setdefault(eid, []).append(int(item["id"]))
    current = store.current_source_ids()
    linked = linking_entity_ids(store, wanted, current)
    ev = Evidence()
    texts: dict[int, str | None] = {}
    all_ids = list(wanted) + sorted(linked)
    stmt_rows = _statements_for(store, all_ids, current)
    assembled = {se.id: se for se in store.iter_entities(source_ids=current, entity_ids=all_ids)}
    missing = [eid for eid in all_ids if eid not in assembled]
    if (
        missing
    ):  # no longer in a current source (e.g. dropped from the newest list): use every version
        assembled.update(
            {
                se.id: se
                for se in store.iter_entities(source_ids=_all_sources(store), entity_ids=missing)
            }
        )
        stmt_rows.extend(_statements_for(store, missing, None))
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for row in stmt_rows:
        by_entity.setdefault(row["entity_id"], []).append(row)
    counter = 0
    for eid in all_ids:
        se = assembled.get(eid)
        if se is None:
            continue
        ef = EntityFacts(
            entity=se.entity,
            role="attached" if eid in wanted else "linked",
            items=wanted.get(eid, []),
        )
        for row in _newest_per_value(by_entity.get(eid, [])):
            prop = se.entity.schema.get(row["prop"])
            if prop is None or row["prop"] in SKIP_PROPS:
                continue
            source_id = int(row["source_id"])
            if source_id not in ev.sources:
                ev.sources[source_id] = _load_source(store, source_id)
            evidence = None
            if ev.sources[source_id].kind in ("document", "capture"):
                if row["prop"] == "summary" and se.entity.schema.edge:
                    evidence = row["value"]
                else:
                    if source_id not in texts:
                        texts[source_id] = document_text(store, source_id)
                    evidence = _quote(texts[source_id], row["location"])
            counter += 1
            ef.facts.append(
                Fact(
                    key=f"F{counter}",
                    entity_id=eid,
                    schema=se.entity.schema.name,
                    prop=row["prop"],
                    prop_label=prop.label,
                    value=row["value"][:MAX_VALUE_CHARS],
                    statement_id=row["id"],
                    source_id=source_id,
                    location=row["location"],
                    evidence=evidence,
                    first_seen=row["first_seen"],
                    last_seen=row["last_seen"],
                )
            )
        ev.entities[eid] = ef
    return ev


def _quote(text: str | None, location: str | None) -> str | None:
    if not text or not location:
        return None
    m = SPAN.search(location)
    if m is None:
        return None
    return sentence_around(text, int(m.group(1)), int(m.group(2)))


def _all_sources(store: Store) -> list[int]:
    return [s.id for s in store.list_sources()]


def _statements_for(
    store: Store, entity_ids: Sequence[str], source_ids: Sequence[int] | None
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with store.connect() as conn:
        for i in range(0, len(entity_ids), 500):
            q = select(statements).where(statements.c.entity_id.in_(list(entity_ids[i : i + 500])))
            if source_ids is not None:
                q = q.where(statements.c.source_id.in_(list(source_ids)))
            rows.extend(
                dict(r._mapping)
                for r in conn.execute(q.order_by(statements.c.prop, statements.c.value))
            )
    return rows


def _newest_per_value(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One statement per (property, value): the one from the newest source."""
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["prop"], row["value"])
        if key not in best or int(row["source_id"]) > int(best[key]["source_id"]):
            best[key] = row
    return sorted(best.values(), key=lambda r: (_prop_order(r["prop"]), r["prop"], r["value"]))


def _prop_order(prop: str) -> int:
    order = (
        "name",
        "alias",
        "weakAlias",
        "birthDate",
        "nationality",
        "summary",
        "phoneMentioned",
        "phone",
    )
    return order.index(prop) if prop in order else len(order)


def _load_source(store: Store, source_id: int) -> SourceInfo:
    with store.connect() as conn:
        row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
    assert row is not None, f"statement points at missing source {source_id}"
    info = source_info_from_row(row)
    if info.kind == "capture":
        info.meta.update(capture_evidence(store, source_id))
    return info


def capture_evidence(store: Store, source_id: int) -> dict[str, Any]:
    """The crawl's record of a capture: WARC file, offset and record id, payload SHA-256, fetch time."""
    from opspoor.crawl.tables import crawl_captures

    with store.connect() as conn:
        row = conn.execute(
            select(crawl_captures)
            .where(crawl_captures.c.source_id == source_id)
            .order_by(crawl_captures.c.fetched_at)
            .limit(1)
        ).first()
    if row is None:
        return {}
    fetched = row.fetched_at
    if fetched is not None and fetched.tzinfo is None:  # SQLite hands back naive UTC
        fetched = fetched.replace(tzinfo=dt.UTC)
    found = {
        "captured at": fetched.isoformat() if fetched is not None else None,
        "URL": row.url,
        "HTTP status": row.http_status,
        "WARC file": row.warc_file,
        "WARC offset": row.warc_offset,
        "WARC record id": row.warc_record_id,
        "payload SHA-256": row.sha256,
    }
    return {k: v for k, v in found.items() if v is not None}
