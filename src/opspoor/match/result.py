"""One candidate found for a query: the listed entity, its score, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opspoor.store.records import StoredEntity


@dataclass
class MatchResult:
    """A scored candidate. `to_dict()` gives the MATCH object of DESIGN.md (yente's field names)."""

    entity: StoredEntity
    score: float
    match: bool
    explanation: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.entity.id

    def to_dict(self) -> dict[str, Any]:
        proxy = self.entity.entity
        return {
            "id": self.entity.id,
            "caption": proxy.caption,
            "schema": proxy.schema.name,
            "score": round(float(self.score), 4),
            "match": bool(self.match),
            "datasets": sorted(self.entity.datasets),
            "reference": self.entity.reference,
            "properties": proxy.to_dict().get("properties", {}),
            "explanation": list(self.explanation),
        }
