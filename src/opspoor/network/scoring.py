"""Score candidate pairs the Fellegi-Sunter way (as Splink does): each comparison adds
log2(m/u) bits of evidence, and the sum gives a match probability.

    >>> scorer = PairScorer.default()
    >>> result = scorer.score(match_result.explanation)
    >>> result.probability, result.weight
    (0.97, 5.1)
    >>> [c["level"] for c in result.comparisons]
    ['names nearly equal', 'same birth date', 'same country']

The comparison levels read the matcher's explanation (`opspoor.match`: name, nickname,
birth_date, country, gender, identifier features), so names are compared one way only.
The parameters are a data file (`data/scoring.yml`) with their source stated there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from opspoor.errors import InputError

DEFAULT_PARAMETERS = Path(__file__).parent / "data" / "scoring.yml"


@dataclass(frozen=True)
class Level:
    label: str
    min: float | None
    m: float
    u: float

    @property
    def weight(self) -> float:
        """Bits of evidence: log2(m/u) (positive: for a match)."""
        return math.log2(self.m / self.u)


@dataclass(frozen=True)
class Comparison:
    name: str
    feature: str
    levels: tuple[Level, ...]
    missing: Level

    def level_for(self, value: float | None) -> Level:
        if value is None:
            return self.missing
        for level in self.levels:
            if level.min is None or value >= level.min:
                return level
        return self.levels[-1]


@dataclass(frozen=True)
class PairScore:
    probability: float
    weight: float  # log2 odds
    comparisons: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "probability": round(self.probability, 4),
            "weight": round(self.weight, 3),
            "comparisons": self.comparisons,
        }


def probability_of(weight: float) -> float:
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    odds = 2.0**weight
    return odds / (1.0 + odds)


class PairScorer:
    """A Fellegi-Sunter model: a prior and comparisons with m/u per level."""

    def __init__(self, prior: float, comparisons: Sequence[Comparison]) -> None:
        if not 0 < prior < 1:
            raise ValueError("prior must be between 0 and 1")
        self.prior = prior
        self.comparisons = list(comparisons)

    @classmethod
    def default(cls) -> PairScorer:
        return cls.from_file(DEFAULT_PARAMETERS)

    @classmethod
    def from_file(cls, path: Path) -> PairScorer:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"cannot read scoring parameters: {exc}", path=path) from exc
        return cls.from_dict(data, path=str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "scoring parameters") -> PairScorer:
        comparisons = []
        try:
            for name, spec in data["comparisons"].items():
                levels = tuple(_level(lv) for lv in spec["levels"])
                missing = _level({"label": "missing", **spec.get("missing", {"m": 1.0, "u": 1.0})})
                comparisons.append(Comparison(name, spec.get("feature", name), levels, missing))
            return cls(float(data["prior"]), comparisons)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"bad scoring parameters: {exc!r}", path=path, field="comparisons"
            ) from exc

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1 - self.prior))

    def score(self, explanation: Sequence[Mapping[str, Any]]) -> PairScore:
        """Score one pair from the matcher's explanation of it."""
        values: dict[str, float] = {}
        shown: dict[str, str] = {}
        for item in explanation:
            feature = str(item.get("feature"))
            value = float(item.get("score", 0.0))
            if feature not in values or value > values[feature]:
                values[feature] = value
                shown[feature] = f"{item.get('query', '')} | {item.get('candidate', '')}"
        weight = self.prior_weight
        parts: list[dict[str, Any]] = []
        for comp in self.comparisons:
            found = values.get(comp.feature)
            level = comp.level_for(found)
            w = level.weight
            weight += w
            if found is not None:
                parts.append(
                    {
                        "comparison": comp.name,
                        "level": level.label,
                        "weight": round(w, 2),
                        "values": shown[comp.feature],
                    }
                )
        return PairScore(probability=probability_of(weight), weight=weight, comparisons=parts)


def _level(spec: Mapping[str, Any]) -> Level:
    m, u = float(spec["m"]), float(spec["u"])
    if not (0 < m <= 1 and 0 < u <= 1):
        raise ValueError(f"m and u must be in (0, 1]: {spec}")
    low = spec.get("min")
    return Level(str(spec.get("label", "")), None if low is None else float(low), m, u)
