"""Candidate pairs for resolution: entities whose names share rare, spelling-tolerant keys.

    >>> names = [("e1", "KOSHLAF, Mohamed", False), ("e2", "Mohammed Al Amin Kashlaf", False)]
    >>> [(p.left, p.right) for p in name_key_pairs(names)]
    [('e1', 'e2')]

Every name and alias (what `MatchIndex.names()` lists) is parsed into name parts
(`opspoor.names.parse_name`; particles like al-, abu, bin and function words are left out),
each part keyed by its consonant skeleton (Koshlaf, Kashlaf and Kachlaf share one key).
Two names are a candidate pair when the keys they share carry at least `min_overlap` of the
rarer-weighted (IDF) keys of the shorter name. Unlike one query at a time against an index,
this is symmetric: a long name with many common words cannot crowd a short name's one true
partner out of a candidate list. Keys on more than `max_df` entities (Mohammed, al) only add
weight to pairs a rarer key already found.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from opspoor.names import parse_name
from opspoor.names.parts import NAME

DEFAULT_MIN_OVERLAP = 0.5
DEFAULT_MAX_DF = 200
DEFAULT_PER_ENTITY = 5


@dataclass(frozen=True)
class BlockedPair:
    left: str  # left < right
    right: str
    overlap: float  # 0..1, the share of the shorter name's key weight the two names share


def name_keys(name: str) -> frozenset[str]:
    """Spelling-tolerant keys of a name's parts (particles and one-letter parts left out).

    A short part whose skeleton is one letter ("Su", "Ali") keys by its spelling instead, so
    it still tells Kang Chol Su from Kang Chol.
    """
    keys = set()
    for part in parse_name(name).parts:
        if part.kind != NAME or len(part.form) < 2:
            continue
        keys.add(part.key if len(part.key) >= 2 else "=" + part.form)
    return frozenset(keys)


def name_key_pairs(
    names: Iterable[tuple[str, str, bool]],
    min_overlap: float = DEFAULT_MIN_OVERLAP,
    max_df: int = DEFAULT_MAX_DF,
    per_entity: int = DEFAULT_PER_ENTITY,
) -> list[BlockedPair]:
    """Candidate pairs among (entity_id, name, is_weak_alias) rows, best `per_entity` per entity.

    A weak alias (nickname) of one word is left out: it is no basis for a pair by itself.
    """
    entries: list[tuple[str, frozenset[str], bool]] = []
    for entity_id, name, weak in names:
        keys = name_keys(name)
        if keys and not (weak and len(keys) < 2):
            entries.append((entity_id, keys, weak))
    df: dict[str, set[str]] = defaultdict(set)
    for entity_id, keys, _ in entries:
        for key in keys:
            df[key].add(entity_id)
    n_entities = len({e for e, _, _ in entries}) or 1
    idf = {key: math.log(1 + n_entities / len(ids)) for key, ids in df.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (_, keys, _) in enumerate(entries):
        for key in keys:
            postings[key].append(i)
    totals = [sum(idf[k] for k in keys) for _, keys, _ in entries]

    best: dict[tuple[str, str], tuple[float, float, float]] = {}
    for i, (entity_id, keys, weak) in enumerate(entries):
        rare = [k for k in keys if len(df[k]) <= max_df]
        common = [k for k in keys if len(df[k]) > max_df]
        shared: dict[int, float] = defaultdict(float)
        for key in rare:
            w = idf[key]
            for j in postings[key]:
                if j > i:
                    shared[j] += w
        if not shared:
            continue
        for key in common:
            w = idf[key]
            for j in shared:
                if key in entries[j][1]:
                    shared[j] += w
        for j, weight in shared.items():
            other_id, other_keys, other_weak = entries[j]
            if other_id == entity_id:
                continue
            if (weak or other_weak) and len(keys & other_keys) < 2:
                continue
            overlap = weight / min(totals[i], totals[j])
            if overlap < min_overlap:
                continue
            pair = (entity_id, other_id) if entity_id < other_id else (other_id, entity_id)
            # Rank: the same name parts first, then by how much rare weight the names share.
            rank = (float(keys == other_keys), round(weight * overlap, 3), round(overlap, 3))
            if rank > best.get(pair, (0.0, 0.0, 0.0)):
                best[pair] = rank
    # Keep each entity's best few pairs (a common family name can pair one entity with hundreds).
    by_entity: dict[str, list[tuple[tuple[float, float, float], tuple[str, str]]]] = defaultdict(
        list
    )
    for pair, rank in best.items():
        by_entity[pair[0]].append((rank, pair))
        by_entity[pair[1]].append((rank, pair))
    keep: set[tuple[str, str]] = set()
    for ranked in by_entity.values():
        ranked.sort(key=lambda rp: (-rp[0][0], -rp[0][1], -rp[0][2], rp[1]))
        keep.update(pair for _, pair in ranked[:per_entity])
        # Names with exactly the same parts are kept beyond the quota (up to four times it).
        keep.update(pair for rank, pair in ranked[: per_entity * 4] if rank[0] == 1.0)
    return [BlockedPair(a, b, best[(a, b)][2]) for a, b in sorted(keep)]
