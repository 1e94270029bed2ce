"""Batch screening: every subject against the match index; hits become alerts.

    >>> index = MatchIndex.from_store(store)
    >>> for result in screen_subjects(store, index, read_subjects(Path("people.csv"))):
    ...     print(result.subject.id, [m["reference"] for m in result.matches])

Subjects and alerts are written in batches, each in its own transaction: a crashed run
can simply be run again (subjects and alerts are upserted, decisions are never touched).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from opspoor.screening.alerts import (
    AlertOutcome,
    entity_checksum,
    finish_run,
    raise_alert,
    start_run,
    upsert_subject,
)
from opspoor.screening.subjects import Subject
from opspoor.store.db import Store

BATCH = 500


def effective_threshold(threshold: float | None) -> float:
    """The given threshold, or the matcher's documented default."""
    if threshold is not None:
        if not 0.0 <= threshold <= 1.0:
            from opspoor.errors import OpspoorError

            raise OpspoorError(f"threshold must be between 0 and 1, not {threshold}")
        return threshold
    from opspoor.match import DEFAULT_THRESHOLD

    return float(DEFAULT_THRESHOLD)


@dataclass
class ScreenResult:
    subject: Subject
    matches: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[AlertOutcome] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSONL row of DESIGN.md: {"id", "input", "matches"} (+ "error" when the row was bad)."""
        matches = []
        outcomes: list[AlertOutcome | None] = list(self.outcomes) or [None] * len(self.matches)
        for match, outcome in zip(self.matches, outcomes, strict=False):
            row = dict(match)
            if outcome is not None:
                row["alert"] = {
                    "id": outcome.alert_id,
                    "status": outcome.status,
                    "why": outcome.reason,
                }
            matches.append(row)
        data: dict[str, Any] = {
            "id": self.subject.id,
            "input": self.subject.input,
            "matches": matches,
        }
        if self.subject.error:
            data["error"] = f"line {self.subject.line}: {self.subject.error}"
        return data


def match_subject(
    index: Any, subject: Subject, threshold: float, limit: int
) -> list[tuple[dict[str, Any], Any]]:
    """(MATCH dict, StoredEntity) pairs at or above the threshold, best first."""
    if subject.error == "empty name" or not subject.entity.get("name"):
        return []
    results = index.match(subject.entity, limit=limit, threshold=threshold)
    return [(r.to_dict(), r.entity) for r in results if r.score >= threshold]


def screen_subjects(
    store: Store,
    index: Any,
    subjects: Iterable[Subject],
    threshold: float,
    limit: int = 5,
    keep: bool = True,
    label: str = "",
    kind: str = "batch",
    source_ids: list[int] | None = None,
) -> Iterator[ScreenResult]:
    """Screen subjects; with `keep`, store them and their hits as alerts (for review and delta re-screens)."""
    run_id = None
    if keep:
        with store.transaction() as conn:
            run_id = start_run(
                conn, kind, label, threshold, source_ids or store.current_source_ids()
            )
    total = alerts_raised = 0
    it = iter(subjects)
    while batch := list(islice(it, BATCH)):
        results: list[tuple[ScreenResult, list[Any]]] = []
        for subject in batch:
            pairs = match_subject(index, subject, threshold, limit)
            results.append((ScreenResult(subject, [m for m, _ in pairs]), [e for _, e in pairs]))
        if keep and run_id is not None:
            with store.transaction() as conn:
                for res, ents in results:
                    if res.subject.error == "empty name":
                        continue
                    upsert_subject(conn, res.subject.id, res.subject.entity, run_id)
                    for match, ent in zip(res.matches, ents, strict=True):
                        res.outcomes.append(
                            raise_alert(
                                conn, res.subject.id, match, entity_checksum(ent.entity), run_id
                            )
                        )
                        alerts_raised += 1
        total += len(batch)
        for res, _ in results:
            yield res
    if keep and run_id is not None:
        with store.transaction() as conn:
            finish_run(conn, run_id, total, alerts_raised)
