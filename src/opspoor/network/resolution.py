"""Entity resolution across sources: which list entries, document mentions and records are
one person, organisation or vessel.

    >>> report = resolve(store)                     # candidates, scores, clusters
    >>> record_judgement(store, "ofac-24314", "unsc-lyi-023", "same", analyst="mia")
    >>> recluster(store)                            # judgements applied, no re-scoring

A run: candidate pairs from every name and alias the matcher indexes (`blocking`), each pair
scored by the matcher (`opspoor.match.score_profiles`, the same comparison screening uses)
and weighed Fellegi-Sunter style (`scoring`), then clustered with the analysts' judgements
(`resolver`). The clusters land in `network_clusters` and in `statements.canonical_id`, so a
merged entity keeps every statement of every source it was built from. Judgements live in
their own append-only table that no run writes to: a re-run never undoes an analyst.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from followthemoney.exc import InvalidData
from sqlalchemy import Connection, delete, insert, select, update

from opspoor.errors import InputError
from opspoor.match import MatchIndex, score_profiles
from opspoor.match.index import LISTED_SCHEMATA
from opspoor.match.profile import Profile, build_profile
from opspoor.match.scorer import schemata_compatible
from opspoor.network.blocking import name_key_pairs
from opspoor.network.resolver import (
    BLOCKED,
    DEFAULT_MERGE_AT,
    DEFAULT_REVIEW_AT,
    JUDGEMENTS,
    MERGE,
    REVIEW,
    Clustering,
    Judgement,
    Pair,
    ScoredPair,
    assign_canonical_ids,
    cluster_pairs,
    latest_judgements,
    pair_key,
)
from opspoor.network.scoring import PairScorer
from opspoor.network.tables import (
    network_candidates,
    network_clusters,
    network_judgements,
    network_runs,
)
from opspoor.store.db import Store
from opspoor.store.records import StoredEntity
from opspoor.store.tables import statements

# Pairs scored this close to a decision are scored in both directions (the matcher's nickname
# evidence looks from the query's side only) and the better reading kept.
BOTH_WAYS = (0.05, 0.98)


@dataclass
class ResolveReport:
    run_id: int
    entities: int
    candidates: int
    merged_pairs: int
    review_pairs: int
    blocked_pairs: int
    clusters: list[list[str]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "entities": self.entities,
            "candidates": self.candidates,
            "merged_pairs": self.merged_pairs,
            "review_pairs": self.review_pairs,
            "blocked_pairs": self.blocked_pairs,
            "clusters": len(self.clusters),
            "conflicts": self.conflicts,
            "seconds": round(self.seconds, 2),
        }


def candidate_pairs(
    entities: Sequence[StoredEntity],
    index: MatchIndex | None = None,
    scorer: PairScorer | None = None,
) -> list[ScoredPair]:
    """Scored candidate pairs among entities of different sources (pure: no store access)."""
    index = index or MatchIndex.build(entities)
    scorer = scorer or PairScorer.default()
    by_id = {e.id: e for e in entities}
    profiles: dict[str, Profile] = {}

    def profile(entity_id: str) -> Profile:
        if entity_id not in profiles:
            profiles[entity_id] = build_profile(by_id[entity_id].entity)
        return profiles[entity_id]

    out: list[ScoredPair] = []
    for blocked in name_key_pairs(index.names()):
        a, b = by_id.get(blocked.left), by_id.get(blocked.right)
        if a is None or b is None or a.source_ids & b.source_ids:
            continue
        if not schemata_compatible(a.entity.schema.name, b.entity.schema.name):
            continue
        best = _score(profile(a.id), profile(b.id), index, scorer)
        if BOTH_WAYS[0] <= best[0].probability <= BOTH_WAYS[1]:
            other = _score(profile(b.id), profile(a.id), index, scorer)
            if other[0].probability > best[0].probability:
                best = other
        result, matcher_score = best
        out.append(
            ScoredPair(
                a.id,
                b.id,
                probability=result.probability,
                weight=result.weight,
                matcher_score=matcher_score,
                comparisons=result.comparisons,
            )
        )
    return out


def _score(
    query: Profile, candidate: Profile, index: MatchIndex, scorer: PairScorer
) -> tuple[Any, float]:
    matcher_score, explanation = score_profiles(query, candidate, index.freq)
    return scorer.score(explanation), matcher_score


def resolvable_entities(
    store: Store, source_ids: Sequence[int] | None = None
) -> list[StoredEntity]:
    """People, organisations, vessels... of the current sources (what the matcher indexes)."""
    return list(store.iter_entities(source_ids=source_ids, schemata=list(LISTED_SCHEMATA)))


def resolve(
    store: Store,
    source_ids: Sequence[int] | None = None,
    scorer: PairScorer | None = None,
    merge_at: float = DEFAULT_MERGE_AT,
    review_at: float = DEFAULT_REVIEW_AT,
) -> ResolveReport:
    """Find, score and cluster candidate pairs; store the run, its candidates and clusters."""
    started = time.perf_counter()
    _check_thresholds(merge_at, review_at)
    entities = resolvable_entities(store, source_ids)
    pairs = candidate_pairs(entities, scorer=scorer)
    sources = {e.id: e.source_ids for e in entities}
    judgements = load_judgements(store)
    clustering = cluster_pairs(pairs, judgements, sources, merge_at, review_at)
    params = {"merge_at": merge_at, "review_at": review_at, "source_ids": list(source_ids or [])}
    with store.transaction() as conn:
        run_id = _new_run(conn, "resolve", params)
        _store_candidates(conn, run_id, pairs, clustering)
        _store_clusters(conn, run_id, clustering)
        report = _report(run_id, len(entities), pairs, clustering, started)
        conn.execute(
            update(network_runs)
            .where(network_runs.c.id == run_id)
            .values(finished_at=_now(), stats=report.as_dict())
        )
    return report


def recluster(store: Store) -> ResolveReport:
    """Apply the current judgements to the latest run's scored pairs (no re-scoring)."""
    started = time.perf_counter()
    run = latest_run(store, "resolve")
    if run is None:
        raise InputError("nothing resolved yet", hint="run `opspoor network resolve` first")
    params = run["params"] or {}
    pairs = stored_candidates(store, run["id"])
    ids = {p.left for p in pairs} | {p.right for p in pairs}
    sources = _sources_of(store, ids)
    clustering = cluster_pairs(
        pairs,
        load_judgements(store),
        sources,
        params.get("merge_at", DEFAULT_MERGE_AT),
        params.get("review_at", DEFAULT_REVIEW_AT),
    )
    with store.transaction() as conn:
        for pair in pairs:
            if clustering.status.get(pair.key, "below") == pair.status:
                continue
            conn.execute(
                update(network_candidates)
                .where(
                    network_candidates.c.run_id == run["id"],
                    network_candidates.c.left_id == pair.left,
                    network_candidates.c.right_id == pair.right,
                )
                .values(status=clustering.status.get(pair.key, "below"))
            )
        _store_clusters(conn, run["id"], clustering)
    return _report(run["id"], len(ids), pairs, clustering, started)


def _report(
    run_id: int,
    n_entities: int,
    pairs: Sequence[ScoredPair],
    clustering: Clustering,
    started: float,
) -> ResolveReport:
    counts: dict[str, int] = defaultdict(int)
    for pair in pairs:
        counts[clustering.status.get(pair.key, "below")] += 1
    return ResolveReport(
        run_id=run_id,
        entities=n_entities,
        candidates=len(pairs),
        merged_pairs=counts[MERGE],
        review_pairs=counts[REVIEW],
        blocked_pairs=counts[BLOCKED],
        clusters=clustering.clusters,
        conflicts=clustering.conflicts,
        seconds=time.perf_counter() - started,
    )


def _check_thresholds(merge_at: float, review_at: float) -> None:
    if not 0 < review_at <= merge_at <= 1:
        raise InputError(
            f"thresholds must satisfy 0 < review ({review_at}) <= merge ({merge_at}) <= 1",
            field="threshold",
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _new_run(conn: Connection, kind: str, params: dict[str, Any]) -> int:
    result = conn.execute(insert(network_runs).values(kind=kind, started_at=_now(), params=params))
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def _store_candidates(
    conn: Connection, run_id: int, pairs: Sequence[ScoredPair], clustering: Clustering
) -> None:
    # Only the latest run's candidates are kept: they are the review queue, not history.
    conn.execute(delete(network_candidates).where(network_candidates.c.run_id != run_id))
    rows = [
        {
            "run_id": run_id,
            "left_id": p.left,
            "right_id": p.right,
            "matcher_score": p.matcher_score,
            "probability": p.probability,
            "weight": p.weight,
            "comparisons": p.comparisons,
            "status": clustering.status.get(p.key, "below"),
        }
        for p in pairs
    ]
    for i in range(0, len(rows), 5000):
        conn.execute(insert(network_candidates), rows[i : i + 5000])


def _store_clusters(conn: Connection, run_id: int, clustering: Clustering) -> None:
    previous = {
        r[0]: r[1]
        for r in conn.execute(select(network_clusters.c.entity_id, network_clusters.c.canonical_id))
    }
    mapping = assign_canonical_ids(clustering.clusters, previous)
    now = _now()
    conn.execute(delete(network_clusters))
    rows = [
        {"entity_id": e, "canonical_id": c, "run_id": run_id, "updated_at": now}
        for e, c in mapping.items()
    ]
    for i in range(0, len(rows), 5000):
        conn.execute(insert(network_clusters), rows[i : i + 5000])
    # statements.canonical_id follows: reset those that left a cluster, set the members'.
    changed = {e for e, c in previous.items() if mapping.get(e) != c}
    if changed:
        ids = sorted(changed)
        for i in range(0, len(ids), 500):
            conn.execute(
                update(statements)
                .where(statements.c.entity_id.in_(ids[i : i + 500]))
                .values(canonical_id=statements.c.entity_id)
            )
    by_canonical: dict[str, list[str]] = defaultdict(list)
    for entity_id, canonical in mapping.items():
        by_canonical[canonical].append(entity_id)
    for canonical, members in by_canonical.items():
        conn.execute(
            update(statements)
            .where(statements.c.entity_id.in_(members))
            .values(canonical_id=canonical)
        )


def _sources_of(store: Store, entity_ids: Iterable[str]) -> dict[str, set[int]]:
    ids = sorted(set(entity_ids))
    out: dict[str, set[int]] = defaultdict(set)
    with store.connect() as conn:
        for i in range(0, len(ids), 500):
            q = select(statements.c.entity_id, statements.c.source_id).where(
                statements.c.entity_id.in_(ids[i : i + 500])
            )
            for entity_id, source_id in conn.execute(q.distinct()):
                out[entity_id].add(source_id)
    return out


# -- judgements ---------------------------------------------------------------------------
def record_judgement(
    store: Store,
    left: str,
    right: str,
    judgement: str,
    analyst: str,
    reason: str | None = None,
    conn: Connection | None = None,
) -> Judgement:
    """Append an analyst's judgement on a pair (the latest judgement on a pair counts)."""
    if judgement not in JUDGEMENTS:
        raise InputError(
            f"judgement must be one of {', '.join(JUDGEMENTS)}, not {judgement!r}",
            field="judgement",
        )
    if left == right:
        raise InputError("a judgement needs two different entities", field="right")
    if not analyst or not analyst.strip():
        raise InputError("say who judges (analyst name)", field="analyst")
    a, b = pair_key(left, right)
    created = _now()
    values = {
        "left_id": a,
        "right_id": b,
        "judgement": judgement,
        "analyst": analyst.strip(),
        "reason": reason,
        "created_at": created,
    }
    if conn is None:
        with store.transaction() as c:
            result = c.execute(insert(network_judgements).values(**values))
    else:
        result = conn.execute(insert(network_judgements).values(**values))
    assert result.inserted_primary_key is not None
    return Judgement(
        a, b, judgement, analyst.strip(), reason, created, int(result.inserted_primary_key[0])
    )


def judgement_history(store: Store) -> list[Judgement]:
    """Every judgement ever recorded, oldest first."""
    q = select(network_judgements).order_by(
        network_judgements.c.created_at, network_judgements.c.id
    )
    with store.connect() as conn:
        return [
            Judgement(
                r.left_id, r.right_id, r.judgement, r.analyst, r.reason, _aware(r.created_at), r.id
            )
            for r in conn.execute(q)
        ]


def load_judgements(store: Store) -> dict[Pair, Judgement]:
    """The judgement that counts for each judged pair."""
    return latest_judgements(judgement_history(store))


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# -- reading results ----------------------------------------------------------------------
def latest_run(store: Store, kind: str) -> dict[str, Any] | None:
    q = (
        select(network_runs)
        .where(network_runs.c.kind == kind)
        .order_by(network_runs.c.id.desc())
        .limit(1)
    )
    with store.connect() as conn:
        row = conn.execute(q).first()
    return dict(row._mapping) if row else None


def stored_candidates(
    store: Store, run_id: int | None = None, status: str | None = None
) -> list[ScoredPair]:
    if run_id is None:
        run = latest_run(store, "resolve")
        if run is None:
            return []
        run_id = int(run["id"])
    q = select(network_candidates).where(network_candidates.c.run_id == run_id)
    if status:
        q = q.where(network_candidates.c.status == status)
    q = q.order_by(
        network_candidates.c.probability.desc(),
        network_candidates.c.left_id,
        network_candidates.c.right_id,
    )
    with store.connect() as conn:
        return [
            ScoredPair(
                r.left_id,
                r.right_id,
                r.probability,
                r.weight,
                r.matcher_score,
                list(r.comparisons or []),
                r.status,
            )
            for r in conn.execute(q)
        ]


def review_queue(store: Store) -> list[ScoredPair]:
    """Pairs of the latest run waiting for an analyst (no judgement yet), most likely first."""
    return stored_candidates(store, status=REVIEW)


def canonical_map(store: Store) -> dict[str, str]:
    """entity id -> canonical id, for every entity merged with another."""
    with store.connect() as conn:
        return {
            r[0]: r[1]
            for r in conn.execute(
                select(network_clusters.c.entity_id, network_clusters.c.canonical_id)
            )
        }


def cluster_members(store: Store, canonical_id: str) -> list[str]:
    q = select(network_clusters.c.entity_id).where(network_clusters.c.canonical_id == canonical_id)
    with store.connect() as conn:
        return sorted(r[0] for r in conn.execute(q))


def canonical_statements(store: Store, canonical_id: str) -> list[dict[str, Any]]:
    """Every statement of every source behind a (merged) entity: its full provenance."""
    members = cluster_members(store, canonical_id) or [canonical_id]
    out: list[dict[str, Any]] = []
    for member in members:
        out.extend(store.provenance(member))
    return out


def merge_entities(group: Sequence[StoredEntity], canonical_id: str) -> StoredEntity:
    """One entity from several stored ones, every value of every member kept."""
    first = group[0]
    proxy = first.entity.clone()
    for other in group[1:]:
        try:
            proxy.merge(other.entity)
        except InvalidData:
            continue  # an incompatible schema cannot be folded in; resolution never pairs them
    proxy.id = canonical_id
    return StoredEntity(
        entity=proxy,
        datasets=set().union(*(g.datasets for g in group)),
        reference="; ".join(sorted({g.reference for g in group if g.reference})) or None,
        source_ids=set().union(*(g.source_ids for g in group)),
    )


def merged_entities(
    entities: Iterable[StoredEntity], mapping: dict[str, str]
) -> Iterator[tuple[StoredEntity, list[str]]]:
    """(merged entity, member ids) per canonical id; unmerged entities pass through as they are."""
    groups: dict[str, list[StoredEntity]] = defaultdict(list)
    for stored in entities:
        canonical = mapping.get(stored.id)
        if canonical is None:
            yield stored, [stored.id]
        else:
            groups[canonical].append(stored)
    for canonical, group in groups.items():
        group.sort(key=lambda s: s.id)
        yield merge_entities(group, canonical), [g.id for g in group]
