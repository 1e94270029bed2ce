"""Turn scored pairs and analyst judgements into clusters of entities that are one thing.

    >>> j = {("a", "b"): Judgement("a", "b", NOT_SAME, "mia", "different fathers")}
    >>> pairs = [ScoredPair("a", "b", 0.99), ScoredPair("b", "c", 0.95)]
    >>> result = cluster_pairs(pairs, j, sources={"a": {1}, "b": {2}, "c": {3}})
    >>> result.status[("a", "b")], result.status[("b", "c")]
    ('not_same', 'merge')

Judgements are applied first and transitively, the way nomenklatura's resolver keeps them:
"same" joins two clusters, "not same" between any members of two clusters keeps those
clusters apart for good (no score, and no chain of other merges, can join them), and
"unsure" keeps a pair out of automatic merging and out of the review queue. Only then are
scored pairs merged, best first, when their probability reaches `merge_at` and neither a
"not same" judgement nor the one-source rule stands in the way: two entities from one
source (one list version, one document) are never merged automatically, because a source
does not name the same party twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opspoor.network.groups import DisjointSet

SAME = "same"
NOT_SAME = "not_same"
UNSURE = "unsure"
JUDGEMENTS = (SAME, NOT_SAME, UNSURE)

# Status of a candidate pair after clustering.
MERGE = "merge"  # merged automatically (or already one cluster through other merges)
REVIEW = "review"  # probability in the review band: an analyst should look
BLOCKED = "blocked"  # would merge, but a "not same" judgement or the one-source rule forbids it
BELOW = "below"  # too unlikely to show

DEFAULT_MERGE_AT = 0.9
DEFAULT_REVIEW_AT = 0.5

Pair = tuple[str, str]


def pair_key(a: str, b: str) -> Pair:
    """The order-free key of a pair (smaller id first)."""
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Judgement:
    left: str
    right: str
    judgement: str  # same | not_same | unsure
    analyst: str
    reason: str | None = None
    created_at: dt.datetime | None = None
    id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "left": self.left,
            "right": self.right,
            "judgement": self.judgement,
            "analyst": self.analyst,
            "reason": self.reason,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }


def latest_judgements(judgements: Iterable[Judgement]) -> dict[Pair, Judgement]:
    """The judgement that counts for each pair: the latest one (by time, then id)."""
    out: dict[Pair, Judgement] = {}
    order = sorted(
        judgements,
        key=lambda j: (j.created_at or dt.datetime.min.replace(tzinfo=dt.UTC), j.id or 0),
    )
    for j in order:
        out[pair_key(j.left, j.right)] = j
    return out


@dataclass
class ScoredPair:
    left: str
    right: str
    probability: float
    weight: float = 0.0
    matcher_score: float | None = None
    comparisons: list[dict[str, Any]] = field(default_factory=list)
    status: str | None = None  # as stored by the last clustering

    @property
    def key(self) -> Pair:
        return pair_key(self.left, self.right)


@dataclass
class Clustering:
    """Clusters (only those of two or more), each pair's status and any conflicts found."""

    clusters: list[list[str]]
    status: dict[Pair, str]
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def cluster_of(self) -> dict[str, int]:
        return {member: n for n, members in enumerate(self.clusters) for member in members}

    def review_queue(self, pairs: Sequence[ScoredPair]) -> list[ScoredPair]:
        """Pairs waiting for an analyst, most likely first."""
        queue = [p for p in pairs if self.status.get(p.key) == REVIEW]
        queue.sort(key=lambda p: (-p.probability, p.key))
        return queue


class _Constrained:
    """Union-find that refuses unions across a "not same" judgement or within one source."""

    def __init__(self, sources: Mapping[str, Iterable[int]]) -> None:
        self.sets = DisjointSet()
        self._never: dict[object, set[str]] = defaultdict(set)  # root -> entities it must not join
        self._sources: dict[object, set[int]] = {}
        self._all_sources = {k: set(v) for k, v in sources.items()}

    def _root(self, item: str) -> object:
        root = self.sets.find(item)
        if root not in self._sources:
            self._sources[root] = set(self._all_sources.get(item, ()))
        return root

    def forbid(self, a: str, b: str) -> None:
        self._never[self._root(a)].add(b)
        self._never[self._root(b)].add(a)

    def forbidden(self, a: str, b: str) -> bool:
        ra, rb = self._root(a), self._root(b)
        if any(self.sets.find(x) == rb for x in self._never.get(ra, ())):
            return True
        return any(self.sets.find(x) == ra for x in self._never.get(rb, ()))

    def share_source(self, a: str, b: str) -> bool:
        return bool(self._sources[self._root(a)] & self._sources[self._root(b)])

    def join(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra == rb:
            return
        never = self._never.pop(ra, set()) | self._never.pop(rb, set())
        srcs = self._sources.pop(ra) | self._sources.pop(rb)
        self.sets.union(a, b)
        root = self.sets.find(a)
        if never:
            self._never[root] = never
        self._sources[root] = srcs


def cluster_pairs(
    pairs: Sequence[ScoredPair],
    judgements: Mapping[Pair, Judgement],
    sources: Mapping[str, Iterable[int]] | None = None,
    merge_at: float = DEFAULT_MERGE_AT,
    review_at: float = DEFAULT_REVIEW_AT,
) -> Clustering:
    """Clusters from judgements (first, transitively) and scored pairs (then, best first)."""
    state = _Constrained(sources or {})
    status: dict[Pair, str] = {}
    conflicts: list[dict[str, Any]] = []
    for key, j in judgements.items():
        state.sets.add(key[0])
        state.sets.add(key[1])
        if j.judgement == NOT_SAME:
            state.forbid(*key)
    positives = sorted(
        (j for j in judgements.values() if j.judgement == SAME),
        key=lambda j: (j.created_at or dt.datetime.min.replace(tzinfo=dt.UTC), j.id or 0),
    )
    for j in positives:
        key = pair_key(j.left, j.right)
        if state.forbidden(*key):
            conflicts.append(
                {
                    "left": key[0],
                    "right": key[1],
                    "problem": "judged the same, but a 'not same' judgement keeps their clusters apart",
                    "judgement": j.as_dict(),
                }
            )
            continue
        state.join(*key)  # an analyst may merge two entities of one source
    for key, j in judgements.items():
        status[key] = j.judgement
    for pair in sorted(pairs, key=lambda p: (-p.probability, p.key)):
        key = pair.key
        if key in status:
            continue
        if pair.probability >= merge_at:
            if state.sets.same(*key):
                status[key] = MERGE
            elif state.forbidden(*key) or state.share_source(*key):
                status[key] = BLOCKED
            else:
                state.join(*key)
                status[key] = MERGE
        elif pair.probability >= review_at:
            status[key] = MERGE if state.sets.same(*key) else REVIEW
        else:
            status[key] = BELOW
    # A "not same" pair must never end up in one cluster; check it held (it is the promise).
    for key, j in judgements.items():
        if j.judgement == NOT_SAME and state.sets.same(*key):  # pragma: no cover - guarded above
            raise AssertionError(f"not-same pair {key} was merged")
    clusters = [[str(m) for m in members] for members in state.sets.sets() if len(members) > 1]
    return Clustering(clusters=clusters, status=status, conflicts=conflicts)


def assign_canonical_ids(
    clusters: Sequence[Sequence[str]], previous: Mapping[str, str] | None = None
) -> dict[str, str]:
    """entity id -> canonical id for every member of a cluster of two or more.

    A cluster keeps the canonical id most of its members had before (so references to it in
    cases and exports stay valid when a cluster grows); new clusters get an id derived from
    their smallest member.
    """
    previous = previous or {}
    out: dict[str, str] = {}
    taken: set[str] = set()
    ordered = sorted(clusters, key=lambda c: (-len(c), min(c)))
    for members in ordered:
        votes = Counter(previous[m] for m in members if m in previous)
        chosen = None
        for cid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if cid not in taken:
                chosen = cid
                break
        if chosen is None:
            chosen = "nk-" + hashlib.sha1(min(members).encode("utf-8")).hexdigest()[:20]
            while chosen in taken:  # pragma: no cover - sha1 prefix collision
                chosen = "nk-" + hashlib.sha1(chosen.encode("utf-8")).hexdigest()[:20]
        taken.add(chosen)
        for m in members:
            out[m] = chosen
    return out
