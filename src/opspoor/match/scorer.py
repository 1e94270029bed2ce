"""Score a query profile against a candidate profile and say why.

    >>> score, explanation = score_profiles(query_profile, candidate_profile)

The name feature leads: the best comparison between any query name and any candidate name
(a weak alias on either side counts for less). Birth date, country and gender then move the
score a little up or down, but only when the names already agree somewhat: they corroborate a
name, they do not make one. A shared identifier (passport, IMO, MMSI, registration number)
outranks the names; a different IMO or MMSI number contradicts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from followthemoney import model

from opspoor.match.features import (
    Evidence,
    compare_countries,
    compare_dates,
    compare_gender,
    compare_identifiers,
)
from opspoor.match.profile import NameEntry, Profile
from opspoor.names.compare import NameComparison, compare_names
from opspoor.names.frequency import FrequencyModel

# a weak alias (nickname, "Low" quality) is weak evidence: alone it stays below the default
# threshold; the given name with a weak one-word alias (a family name given as "Low") a bit more
WEAK_NAME_FACTOR = 0.65
DERIVED_WEAK_FACTOR = 0.85
DERIVED_FACTOR = 0.95
NICKNAME_BONUS = 0.05
CORROBORATE_FROM = 0.35  # dates/countries count once the names score at least this
ID_MATCH_FLOOR = 0.9

Explanation = dict[str, Any]


def schemata_compatible(query_schema: str, candidate_schema: str) -> bool:
    """Can an entity of `query_schema` be the same thing as one of `candidate_schema`?"""
    q, c = model.get(query_schema), model.get(candidate_schema)
    if q is None or c is None:
        return False
    return q.can_match(c) or c.can_match(q)


def best_name(
    query: list[NameEntry],
    candidate: list[NameEntry],
    freq: FrequencyModel,
    pairs: Iterable[tuple[int, int]] | None = None,
    floor: float = 0.0,
) -> tuple[float, NameComparison | None, NameEntry | None, NameEntry | None]:
    """The best comparison between a query name and a candidate name (all pairs, or `pairs`);
    comparisons that cannot reach `floor` may stop early."""
    best: tuple[float, NameComparison | None, NameEntry | None, NameEntry | None] = (
        0.0,
        None,
        None,
        None,
    )
    if pairs is None:
        todo = [(qn, cn) for qn in query for cn in candidate]
    else:
        todo = [(query[i], candidate[j]) for i, j in pairs if i < len(query) and j < len(candidate)]
    for qn, cn in todo:
        # two weak names (nickname against nickname) are no basis for a match
        if qn.weak and cn.weak:
            continue
        cmp = compare_names(qn.parsed, cn.parsed, freq, floor=floor)
        if (qn.derived or cn.derived) and not _given_part_matched(cmp, qn, cn):
            continue
        score = cmp.score * name_factor(qn) * name_factor(cn)
        if score > best[0]:
            best = (score, cmp, qn, cn)
    return best


def _given_part_matched(cmp: NameComparison, qn: NameEntry, cn: NameEntry) -> bool:
    """A made-up name (given name + one-word alias) counts only if its given name matched too:
    else it is the alias alone, which is weak evidence."""
    for entry, side in ((qn, 0), (cn, 1)):
        if not entry.derived:
            continue
        first = next((k for k, p in enumerate(entry.parsed.parts) if p.kind == "name"), None)
        if first is None or not any(first in (m.q if side == 0 else m.c) for m in cmp.matches):
            return False
    return True


def name_factor(entry: NameEntry) -> float:
    if entry.derived:
        return DERIVED_WEAK_FACTOR if entry.weak else DERIVED_FACTOR
    return WEAK_NAME_FACTOR if entry.weak else 1.0


def _nickname_support(
    query: list[NameEntry], candidate: list[NameEntry], freq: FrequencyModel
) -> tuple[NameEntry, NameEntry, float] | None:
    """A query nickname that equals one of the candidate's names or weak aliases."""
    for qn in query:
        if not qn.weak or qn.derived:
            continue
        for cn in candidate:
            cmp = compare_names(qn.parsed, cn.parsed, freq)
            if cmp.score >= 0.8:
                return qn, cn, cmp.score
    return None


class Scored:
    """A score and what it was made of; the explanation is written only when asked for."""

    __slots__ = ("cmp", "cn", "evidence", "name_score", "nickname", "qn", "schema_clash", "score")

    def __init__(self) -> None:
        self.cmp: NameComparison | None = None
        self.qn: NameEntry | None = None
        self.cn: NameEntry | None = None
        self.name_score = 0.0
        self.score = 0.0
        self.evidence: list[Evidence] = []
        self.nickname: tuple[NameEntry, NameEntry, float] | None = None
        self.schema_clash: tuple[str, str] | None = None

    def explanation(self) -> list[Explanation]:
        if self.schema_clash is not None:
            q, c = self.schema_clash
            return [
                {
                    "feature": "schema",
                    "query": q,
                    "candidate": c,
                    "score": 0.0,
                    "why": "different kinds of thing",
                }
            ]
        out: list[Explanation] = []
        cmp, qn, cn = self.cmp, self.qn, self.cn
        if cmp is not None and qn is not None and cn is not None:
            why = cmp.explain()
            for entry, side in ((qn, "query"), (cn, "listed")):
                if entry.derived:
                    why += f"; {side} name made of the given name and a one-word {'weak ' if entry.weak else ''}alias"
                elif entry.weak:
                    why += f"; {side} name is a weak alias"
            out.append(
                {
                    "feature": "name",
                    "query": qn.text,
                    "candidate": cn.text,
                    "score": round(self.name_score, 3),
                    "why": why,
                }
            )
        if self.nickname is not None:
            nq, nc, nscore = self.nickname
            out.append(
                {
                    "feature": "nickname",
                    "query": nq.text,
                    "candidate": nc.text,
                    "score": round(nscore, 3),
                    "why": "nickname matches a listed name or alias",
                }
            )
        for ev in self.evidence:
            out.append(
                {
                    "feature": ev.feature,
                    "query": ev.query,
                    "candidate": ev.candidate,
                    "score": round(ev.adjust, 3),
                    "why": ev.why,
                }
            )
        return out


def score_pair(
    query: Profile,
    candidate: Profile,
    freq: FrequencyModel | None = None,
    pairs: Iterable[tuple[int, int]] | None = None,
    floor: float = 0.0,
) -> Scored:
    """`score_profiles` without writing the explanation (call `.explanation()` for it)."""
    freq = freq or FrequencyModel.default()
    out = Scored()
    if not schemata_compatible(query.schema, candidate.schema):
        out.schema_clash = (query.schema, candidate.schema)
        return out
    name_score, cmp, qn, cn = best_name(query.names, candidate.names, freq, pairs or None, floor)
    out.name_score, out.cmp, out.qn, out.cn = name_score, cmp, qn, cn
    score = name_score
    ident = compare_identifiers(query.ids, candidate.ids)
    if ident is not None and ident.adjust >= 1.0:
        score = max(score, ID_MATCH_FLOOR + (1 - ID_MATCH_FLOOR) * name_score)
        out.evidence.append(ident)
    elif ident is not None:
        out.evidence.append(ident)
        score += ident.adjust
    if name_score >= CORROBORATE_FROM:
        if query.kind == "person" or candidate.kind == "person":
            for ev in (
                compare_dates(query.dates, candidate.dates),
                compare_gender(query.gender, candidate.gender),
            ):
                if ev is not None:
                    out.evidence.append(ev)
                    score += ev.adjust
        ev = compare_countries(query.countries, candidate.countries)
        if ev is not None:
            out.evidence.append(ev)
            score += ev.adjust
        nick = _nickname_support(query.names, candidate.names, freq)
        if nick is not None and nick[0] is not qn:
            score += NICKNAME_BONUS
            out.nickname = nick
    out.score = max(0.0, min(1.0, score))
    return out


def score_profiles(
    query: Profile,
    candidate: Profile,
    freq: FrequencyModel | None = None,
    pairs: Iterable[tuple[int, int]] | None = None,
    floor: float = 0.0,
) -> tuple[float, list[Explanation]]:
    """0..1 and the explanation list ({"feature","query","candidate","score","why"}).

    `pairs` ((query name number, candidate name number), from the index) limits which names
    are compared; by default all are. An empty list compares all as well. With a `floor`, name
    comparisons that cannot reach it may stop early (scores below the floor are then bounds)."""
    scored = score_pair(query, candidate, freq, pairs, floor)
    return scored.score, scored.explanation()
