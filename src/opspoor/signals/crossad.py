"""Signals that need many ads at once: one phone number behind ads for different people.

    >>> ads = [AdFacts("a1", (phone,), frozenset({"lisa"})), AdFacts("a2", (phone,), frozenset({"mia"}))]
    >>> flags = cross_ad_flags(ads, default_rulebook().rules)
    >>> sorted(flags)
    ['a1', 'a2']

An ad is one key with its phone numbers and the names it advertises ("Ik ben Lisa",
"Mia (19)"). A phone shared by ads naming at least `min_people` different people raises the
`shared_phone` rule on every one of those ads, quoting the number as that ad wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from opspoor.signals.engine import Flag
from opspoor.signals.phones import PhoneMention
from opspoor.signals.rules import Rule

PERSONA_FILE = Path(__file__).parent / "lexicons" / "persona.yml"


@dataclass(frozen=True)
class AdFacts:
    """What the cross-ad rules need of one ad."""

    key: str
    phones: tuple[PhoneMention, ...]
    personas: frozenset[str]


@lru_cache(maxsize=1)
def _persona_patterns() -> tuple[list[re.Pattern[str]], frozenset[str]]:
    data = yaml.safe_load(PERSONA_FILE.read_text(encoding="utf-8"))
    patterns = [re.compile(p, re.MULTILINE) for p in data["patterns"]]
    return patterns, frozenset(w.lower() for w in data.get("not_names", []))


def persona_names(text: str) -> list[str]:
    """The names an ad advertises, lower-cased, in order of first appearance."""
    patterns, not_names = _persona_patterns()
    found: dict[str, int] = {}
    for pattern in patterns:
        for m in pattern.finditer(text):
            name = m.group("name").lower()
            if name not in not_names and name not in found:
                found[name] = m.start("name")
    return sorted(found, key=lambda n: found[n])


def cross_ad_flags(ads: Sequence[AdFacts], rules: Sequence[Rule]) -> dict[str, list[Flag]]:
    """Flags of the cross-ad rules among `rules`, per ad key."""
    out: dict[str, list[Flag]] = {}
    for rule in rules:
        if rule.detector != "shared_phone":
            continue
        min_people = int(rule.params.get("min_people", 2))
        min_ads = int(rule.params.get("min_ads", 2))
        by_phone: dict[str, list[AdFacts]] = {}
        for ad in ads:
            for e164 in {p.e164 for p in ad.phones}:
                by_phone.setdefault(e164, []).append(ad)
        for e164, group in by_phone.items():
            people = set().union(*(ad.personas for ad in group))
            if len(group) < min_ads or len(people) < min_people:
                continue
            for ad in group:
                first = next(p for p in ad.phones if p.e164 == e164)
                out.setdefault(ad.key, []).append(
                    Flag(
                        rule.id,
                        rule.indicator,
                        rule.source_text,
                        first.raw,
                        first.start,
                        first.end,
                        rule.weight,
                    )
                )
    return out
