"""Apply indicator rules to a text: every flag with its rule, source and span, and a score.

    >>> result = scan_text("Escort Lisa, jong meisje, 24/7 beschikbaar. Bel nul zes 12 34 56 78")
    >>> [(f.rule, f.text) for f in result.flags]
    [('nl_police.young_age', 'jong meisje'), ('nl_police.availability_24_7', '24/7'), ...]
    >>> result.score, [(c.indicator, c.weight) for c in result.contributions]
    (0.95, [('young_age', 0.35), ('excessive_availability', 0.3), ('obscured_phone', 0.3)])

The score is transparent on purpose: each indicator found counts once, with the highest
weight among the rules that found it; the weights add up and the sum is capped at 1.0.
`contributions` lists what was added and by which rules, so no one has to trust a bare number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from opspoor.signals.phones import DEFAULT_REGION, PhoneMention, number_words, phone_numbers_in
from opspoor.signals.prefilter import words_in
from opspoor.signals.rules import Rule, RuleBook, default_rulebook, group_value
from opspoor.signals.textnorm import NormalText

MAX_SCORE = 1.0
_WINDOW = 80  # characters looked at around a match for before/after cues


@dataclass(frozen=True)
class Flag:
    """One indicator found in a text: which rule, from which source, which words, where."""

    rule: str
    indicator: str
    source: str
    text: str
    start: int
    end: int
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md flag object."""
        return {
            "rule": self.rule,
            "indicator": self.indicator,
            "source": self.source,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Contribution:
    """What one indicator added to the score, and which rules found it."""

    indicator: str
    weight: float
    rules: tuple[str, ...]
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "weight": self.weight,
            "rules": list(self.rules),
            "count": self.count,
        }


@dataclass
class ScanResult:
    """Flags, score and identifiers of one text."""

    flags: list[Flag]
    score: float
    contributions: list[Contribution]
    phones: list[PhoneMention] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    def to_dict(self, path: str) -> dict[str, Any]:
        """The DESIGN.md scan object, with the score's contributions and the phone numbers."""
        return {
            "path": path,
            "flagged": self.flagged,
            "score": self.score,
            "flags": [f.to_dict() for f in self.flags],
            "contributions": [c.to_dict() for c in self.contributions],
            "identifiers": [p.to_identifier() for p in self.phones],
        }


# -- scoring ----------------------------------------------------------------------------------
def score_flags(flags: Iterable[Flag]) -> tuple[float, list[Contribution]]:
    """Sum of the highest weight per indicator, capped at 1.0, with each indicator's share."""
    by_indicator: dict[str, list[Flag]] = {}
    for f in flags:
        by_indicator.setdefault(f.indicator, []).append(f)
    contributions = [
        Contribution(
            indicator=ind,
            weight=max(f.weight for f in found),
            rules=tuple(dict.fromkeys(f.rule for f in found)),
            count=len(found),
        )
        for ind, found in by_indicator.items()
    ]
    contributions.sort(key=lambda c: (-c.weight, c.indicator))
    total = min(MAX_SCORE, sum(c.weight for c in contributions))
    return round(total, 3), contributions


def with_extra_flags(result: ScanResult, extra: Sequence[Flag]) -> ScanResult:
    """The result with more flags (e.g. cross-ad ones), rescored."""
    if not extra:
        return result
    flags = sorted([*result.flags, *extra], key=lambda f: (f.start, f.end, f.rule))
    score, contributions = score_flags(flags)
    return ScanResult(flags, score, contributions, result.phones, result.personas)


# -- matching ---------------------------------------------------------------------------------
def _age(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    digits = number_words().get(value.lower())
    return int(digits) if digits is not None else None


def _cancelled(rule: Rule, view: NormalText, start: int, end: int) -> bool:
    text = view.lower
    for cue in rule.negatives:
        if cue.scope == "before":
            if cue.regex.search(text[max(0, start - _WINDOW) : start]):
                return True
        elif cue.scope == "after":
            if cue.regex.search(text[end : end + _WINDOW]):
                return True
        else:
            left, right = view.sentence_bounds(start, end)
            for m in cue.regex.finditer(text[left:right]):
                if cue.scope == "sentence":
                    return True
                if m.start() + left < end and m.end() + left > start:  # overlap
                    return True
    return False


def _flag(rule: Rule, view: NormalText, start: int, end: int) -> Flag:
    o_start, o_end = view.original_span(start, end)
    return Flag(
        rule=rule.id,
        indicator=rule.indicator,
        source=rule.source_text,
        text=view.original[o_start:o_end],
        start=o_start,
        end=o_end,
        weight=rule.weight,
    )


def apply_rules(
    view: NormalText,
    rules: Sequence[Rule],
    book: RuleBook,
    phones: Sequence[PhoneMention],
    prefilter: bool = True,
) -> list[Flag]:
    """Every flag the rules raise on the text (cross-ad rules excepted).

    `prefilter` skips a rule whose possible first words are all absent (same result, faster).
    """
    flags: list[Flag] = []
    contexts: dict[str, bool] = {}
    words = words_in(view.lower)
    for rule in rules:
        if rule.context:
            present = contexts.get(rule.context)
            if present is None:
                present = bool(book.contexts[rule.context].search(view.lower))
                contexts[rule.context] = present
            if not present:
                continue
        if rule.detector == "obscured_phone":
            for p in phones:
                if p.obfuscated:
                    flags.append(
                        Flag(
                            rule.id,
                            rule.indicator,
                            rule.source_text,
                            p.raw,
                            p.start,
                            p.end,
                            rule.weight,
                        )
                    )
            continue
        # cross-ad and behavioural rules have no regex: they are computed elsewhere
        for regex, text, starts in (
            (rule.regex, view.lower, rule.first_words),
            (rule.regex_cs, view.text, rule.first_words_cs),
        ):
            if regex is None or (prefilter and starts is not None and starts.isdisjoint(words)):
                continue
            for m in regex.finditer(text):
                start, end = m.span()
                if start == end:
                    continue
                if rule.age_range is not None:
                    age = _age(group_value(m, "age") or "")
                    if age is None or not rule.age_range[0] <= age <= rule.age_range[1]:
                        continue
                if _cancelled(rule, view, start, end):
                    continue
                flags.append(_flag(rule, view, start, end))
    flags.sort(key=lambda f: (f.start, f.end, f.rule))
    return flags


def scan_text(
    text: str,
    book: RuleBook | None = None,
    domains: Sequence[str] | None = None,
    rulesets: Sequence[str] | None = None,
    region: str = DEFAULT_REGION,
) -> ScanResult:
    """Flags, score, phone numbers and advertised names of one text."""
    from opspoor.signals.crossad import persona_names

    book = book or default_rulebook()
    view = NormalText.of(text)
    phones = phone_numbers_in(view, region=region)
    flags = apply_rules(view, book.select(domains, rulesets), book, phones)
    score, contributions = score_flags(flags)
    return ScanResult(flags, score, contributions, phones, persona_names(view.text))


def scan_texts(
    texts: Sequence[str],
    book: RuleBook | None = None,
    domains: Sequence[str] | None = None,
    rulesets: Sequence[str] | None = None,
    region: str = DEFAULT_REGION,
) -> list[ScanResult]:
    """Scan several texts as one corpus: single-text rules, then cross-ad rules over all."""
    from opspoor.signals.crossad import AdFacts, cross_ad_flags

    book = book or default_rulebook()
    results = [scan_text(t, book, domains, rulesets, region) for t in texts]
    ads = [AdFacts(str(i), tuple(r.phones), frozenset(r.personas)) for i, r in enumerate(results)]
    extra = cross_ad_flags(ads, book.select(domains, rulesets))
    return [with_extra_flags(r, extra.get(str(i), [])) for i, r in enumerate(results)]
