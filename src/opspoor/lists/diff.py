"""Compare two list versions: who was added, removed, and which fields of whom changed.

A listed party's view folds in the entities hanging off it (its Sanction, passports,
addresses), so a changed listing date or a new passport shows as a change of that party:
field names then read `sanction.listingDate`, `identification.number`.

    >>> d = diff_views(view_of_records(old.records), view_of_records(new.records))
    >>> [e["reference"] for e in d.added]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from opspoor.store.records import Record


@dataclass
class PartyView:
    id: str
    schema: str
    caption: str
    reference: str | None
    fields: dict[str, set[str]] = field(default_factory=dict)

    def brief(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reference": self.reference,
            "schema": self.schema,
            "caption": self.caption,
        }


@dataclass
class ListDiff:
    added: list[PartyView] = field(default_factory=list)
    removed: list[PartyView] = field(default_factory=list)
    changed: list[tuple[PartyView, dict[str, dict[str, list[str]]]]] = field(default_factory=list)
    unchanged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": [p.brief() for p in self.added],
            "removed": [p.brief() for p in self.removed],
            "changed": [dict(p.brief(), fields=f) for p, f in self.changed],
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "unchanged": self.unchanged,
            },
        }


def view_of_records(records: Iterable[Record]) -> dict[str, PartyView]:
    """Listed parties (records with a reference) with their own and attached fields."""
    records = list(records)
    parties: dict[str, PartyView] = {}
    by_id = {r.id: r for r in records}
    owners_of: dict[str, set[str]] = defaultdict(set)  # attached entity id -> party ids
    for rec in records:
        if rec.reference is None:
            continue
        ent = rec.entity
        fields: dict[str, set[str]] = defaultdict(set)
        for prop, value in ent.itervalues():
            if prop.type.name == "entity" and value in by_id and by_id[value].reference is None:
                owners_of[value].add(rec.id)  # e.g. Person.addressEntity -> Address
                continue
            fields[prop.name].add(value)
        parties[rec.id] = PartyView(rec.id, ent.schema.name, ent.caption, rec.reference, fields)
    for rec in records:
        if rec.reference is not None:
            continue
        ent = rec.entity
        owners = set(owners_of.get(rec.id, set()))
        for prop, value in ent.itervalues():
            if prop.type.name == "entity" and value in parties:
                owners.add(value)  # e.g. Sanction.entity -> Person
        prefix = ent.schema.name.lower()
        for owner in owners:
            for prop, value in ent.itervalues():
                if prop.type.name != "entity":
                    parties[owner].fields.setdefault(f"{prefix}.{prop.name}", set()).add(value)
    return parties


def diff_views(old: dict[str, PartyView], new: dict[str, PartyView]) -> ListDiff:
    out = ListDiff()
    for pid, party in new.items():
        before = old.get(pid)
        if before is None:
            out.added.append(party)
            continue
        changes: dict[str, dict[str, list[str]]] = {}
        for name in sorted(set(before.fields) | set(party.fields)):
            a, b = before.fields.get(name, set()), party.fields.get(name, set())
            if a != b:
                changes[name] = {"added": sorted(b - a), "removed": sorted(a - b)}
        if changes:
            out.changed.append((party, changes))
        else:
            out.unchanged += 1
    out.removed = [p for pid, p in old.items() if pid not in new]
    key = lambda p: (p.reference or "", p.id)  # noqa: E731
    out.added.sort(key=key)
    out.removed.sort(key=key)
    out.changed.sort(key=lambda pc: key(pc[0]))
    return out
