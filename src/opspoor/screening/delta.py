"""Delta re-screen: when a list version lands, check the stored subjects against only what changed.

An entry is "changed" when it is new in this version or its properties differ from the
previous version (by checksum). Hits raise alerts like any screening; decisions on
unchanged entries keep applying, changed entries re-open their alerts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from opspoor.screening.alerts import entity_checksum
from opspoor.screening.screen import effective_threshold, screen_subjects
from opspoor.screening.subjects import Subject
from opspoor.screening.tables import subjects
from opspoor.store.db import Store
from opspoor.store.records import StoredEntity

SCREENED_SCHEMATA = ("LegalEntity", "Vessel", "Airplane")


def changed_entities(store: Store, new_id: int, old_id: int | None) -> list[StoredEntity]:
    """Listed parties of version `new_id` that are new or differ from version `old_id`."""
    new = {e.id: e for e in store.iter_entities(source_ids=[new_id], schemata=SCREENED_SCHEMATA)}
    if old_id is None:
        return list(new.values())
    old = {
        e.id: entity_checksum(e.entity)
        for e in store.iter_entities(source_ids=[old_id], schemata=SCREENED_SCHEMATA)
    }
    return [e for eid, e in new.items() if old.get(eid) != entity_checksum(e.entity)]


def stored_subjects(store: Store) -> list[Subject]:
    from followthemoney import model

    out = []
    with store.connect() as conn:
        for row in conn.execute(select(subjects)):
            entity = model.get_proxy(
                {"id": f"subject-{row.id}", "schema": row.schema, "properties": row.properties}
            )
            out.append(Subject(id=row.id, entity=entity, input={"name": row.name}, line=0))
    return out


def rescreen(
    store: Store, new_id: int, old_id: int | None, threshold: float | None = None
) -> dict[str, Any]:
    """Screen every stored subject against the entries that changed in `new_id`."""
    from opspoor.match import MatchIndex

    with store.connect() as conn:
        if not conn.execute(select(func.count()).select_from(subjects)).scalar_one():
            return {"delta_rescreen": {"subjects": 0, "changed_entries": 0, "new_alerts": 0}}
    changed = changed_entities(store, new_id, old_id)
    threshold = effective_threshold(
        store.settings.match_threshold if threshold is None else threshold
    )
    if not changed:
        return {"delta_rescreen": {"subjects": 0, "changed_entries": 0, "new_alerts": 0}}
    index = MatchIndex.build(changed)
    subs = stored_subjects(store)
    new_alerts: list[dict[str, Any]] = []
    for res in screen_subjects(
        store,
        index,
        subs,
        threshold,
        kind="delta",
        label=f"list version {new_id}",
        source_ids=[new_id],
    ):
        for match, outcome in zip(res.matches, res.outcomes, strict=True):
            if outcome.new or outcome.status == "open":
                new_alerts.append(
                    {
                        "subject": res.subject.id,
                        "entity": match["id"],
                        "reference": match.get("reference"),
                        "score": match["score"],
                        "status": outcome.status,
                        "why": outcome.reason,
                    }
                )
    return {
        "delta_rescreen": {
            "subjects": len(subs),
            "changed_entries": len(changed),
            "new_alerts": len(new_alerts),
            "alerts": new_alerts,
        }
    }


def rescreen_after_import(store: Store, new_id: int, old_id: int | None) -> dict[str, Any]:
    """The import hook (see opspoor.lists.versions.IMPORT_HOOKS)."""
    return rescreen(store, new_id, old_id)
