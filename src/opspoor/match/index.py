"""An in-memory candidate index over listed parties, and the query front door.

    >>> idx = MatchIndex.from_store(store)
    >>> for result in idx.match_name("KOSHLAF, Mohamed", schema="Person"):
    ...     print(result.score, result.entity.reference)

Building: every name of every listed party (Person, Organization, Company, LegalEntity,
Vessel, Airplane) is filed under blocking keys of its parts: the canonical form ("c:"), the
consonant skeleton ("k:") and the skeleton with one letter left out ("d:", for typos);
identifiers under their normalised value ("i:"). Postings are compact integer arrays of
(entity slot << 8 | name number), in slot order.

A query collects, per query name, the names its keys point to, weighted by how rare each query
part is; keys filed under very many names ("Mohammed") only add to names found otherwise, or,
when a query has nothing rarer, are intersected. The best few entities are then scored in full
(`opspoor.match.scorer`), comparing only the name pairs that met in the index.
"""

from __future__ import annotations

import gc
import json
import multiprocessing as mp
from array import array
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from opspoor.match.profile import NameEntry, Profile, build_profile, profile_from_values
from opspoor.match.result import MatchResult
from opspoor.match.scorer import Scored, name_factor, schemata_compatible, score_pair
from opspoor.names.compare import acronym_forms
from opspoor.names.frequency import FrequencyModel
from opspoor.names.keys import skeleton
from opspoor.names.parts import INITIAL, NAME, NUMBER, NamePart, ParsedName
from opspoor.store.db import LIST_VERSION
from opspoor.store.records import StoredEntity

if TYPE_CHECKING:
    from opspoor.store.db import Store

# Chosen on name_bench (../shared/data/names): the threshold with the best F1; see docs/matching.md.
DEFAULT_THRESHOLD = 0.7
MIN_SCORE = 0.3  # candidates scoring below this are not returned at all
LISTED_SCHEMATA = ("LegalEntity", "Vessel", "Airplane")
CANDIDATES = 10  # entities scored in full per query (at least `limit`)
PAIRS_PER_ENTITY = 3  # name pairs compared per candidate entity, best blocking scores first
PAIR_GATE = 0.8  # ...of those, only pairs within this share of the best pair's index score
MIN_BLOCK_SHARE = 0.45  # a name must share this much of the query's weight to be scored
# a key filed under more names than this is too common to pick candidates by itself
BIG_POSTING_SHARE = 0.02
BIG_POSTING_MIN = 1000
TYPO_KEYS_FROM = 0.5  # part weight from which one-letter-off keys are looked up
RELATIVE_GATE = 0.75  # candidates below this share of the best one's index score are not scored
# from this many entities on, entities are kept as compact JSON and rebuilt for results
COMPACT_FROM = 200_000
PARALLEL_BATCH = 2000  # entities per task of a parallel build
NAME_BITS = 8
MAX_INDEXED_NAMES = (1 << NAME_BITS) - 1


def is_listed_party(schema_name: str) -> bool:
    schema = model.get(schema_name)
    return schema is not None and any(schema.is_a(s) for s in LISTED_SCHEMATA)


@lru_cache(maxsize=200_000)
def part_keys(part: NamePart) -> list[tuple[str, float]]:
    """Blocking keys of one name part with how much a hit on each says (1 = same word)."""
    if part.kind == NUMBER:
        return [("n:" + part.form, 1.0)]
    if part.kind != NAME:
        return []
    keys = [("c:" + part.canon, 1.0)]
    key = part.key
    if len(key) >= 2:
        keys.append(("k:" + key, 0.9))
    if len(key) >= 4:
        # the skeleton with one letter left out: a typo or a dropped letter still meets
        for i in range(len(key)):
            keys.append(("d:" + key[:i] + key[i + 1 :], 0.6))
        keys.append(("d:" + key, 0.6))
    return keys


@lru_cache(maxsize=200_000)
def part_key_set(part: NamePart) -> frozenset[str]:
    """The keys of a part, as filed in the index."""
    return frozenset(key for key, _ in part_keys(part))


def name_key_set(parsed: ParsedName) -> set[str]:
    """Every key one listed name is filed under: its parts' keys, its signs (Han, Hangul) and,
    for an organisation of several words, its initials ("PLA" finds "People's Liberation Army")."""
    keys: set[str] = set()
    for part in parsed.parts:
        keys.update(part_key_set(part))
    if parsed.compact:
        keys.add("s:" + parsed.compact)
    if parsed.kind == "org":
        keys.update("c:" + initials for _, initials in acronym_forms(parsed.parts))
    return keys


def _word_keys(word: str) -> list[tuple[str, float]]:
    return part_keys(NamePart(word, word, skeleton(word), NAME, ""))


class _Compact:
    """An entity kept as JSON bytes (big indexes): rebuilt when it is a result."""

    __slots__ = ("data", "datasets", "reference")

    def __init__(self, stored: StoredEntity) -> None:
        self.data = json.dumps(
            stored.entity.to_dict(), ensure_ascii=False, separators=(",", ":")
        ).encode()
        self.datasets = tuple(sorted(stored.datasets))
        self.reference = stored.reference

    def restore(self) -> StoredEntity:
        proxy = model.get_proxy(json.loads(self.data))
        return StoredEntity(proxy, set(self.datasets), self.reference)


class MatchIndex:
    """Candidate index and scorer over a set of listed entities."""

    def __init__(self, freq: FrequencyModel | None = None, compact: bool | None = None) -> None:
        self.freq = (freq or FrequencyModel.default()).copy()
        self.compact = compact
        self._entities: list[StoredEntity | _Compact | None] = []
        self._profiles: list[Profile | None] = []
        self._slots: dict[str, int] = {}
        self._postings: dict[str, array[int]] = {}
        self._live = 0
        self._names_indexed = 0

    # -- building -------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        stored_entities: Iterable[StoredEntity],
        freq: FrequencyModel | None = None,
        compact: bool | None = None,
        workers: int = 1,
    ) -> MatchIndex:
        """An index of the listed parties among `stored_entities` (others are skipped).

        With `workers` > 1, names are parsed and keyed in that many forked processes (Linux)
        while this one files the results: for lists of hundreds of thousands of parties."""
        idx = cls(freq, compact)
        counts: dict[str, Counter[str]] = {"person": Counter(), "org": Counter()}
        # millions of small objects that live as long as the index: the cyclic garbage
        # collector would scan them again and again while they are made (3x slower at 1M)
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            if workers > 1:
                idx._build_parallel(stored_entities, counts, workers)
            else:
                for stored in stored_entities:
                    idx._add(stored, counts)
        finally:
            if was_enabled:
                gc.enable()
        for kind, counter in counts.items():
            idx.freq.add_counts(kind, counter)
        return idx

    @classmethod
    def from_store(cls, store: Store, datasets: list[str] | None = None) -> MatchIndex:
        """An index of the current version of every list (or of `datasets`) in the store.

        Only list versions: people merely named in documents or ads are not list entries, and
        screening against them would raise alerts on a hotline's own notes.
        """
        source_ids = store.current_source_ids(datasets, kinds=[LIST_VERSION])
        return cls.build(store.iter_entities(source_ids=source_ids, schemata=list(LISTED_SCHEMATA)))

    def add(self, stored: StoredEntity) -> bool:
        """Add (or replace) one entity. Returns False when it is not a listed party."""
        counts: dict[str, Counter[str]] = {"person": Counter(), "org": Counter()}
        profile = self._add(stored, counts)
        if profile is None:
            return False
        for kind, counter in counts.items():
            self.freq.add_counts(kind, counter)
        return True

    def remove(self, entity_id: str) -> bool:
        """Drop an entity (its postings are skipped from now on). False if it was not here."""
        slot = self._slots.pop(entity_id, None)
        if slot is None:
            return False
        self._entities[slot] = None
        self._profiles[slot] = None
        self._live -= 1
        return True

    def _keep(self, stored: StoredEntity) -> StoredEntity | _Compact:
        compact = self.compact if self.compact is not None else self._live >= COMPACT_FROM
        return _Compact(stored) if compact else stored

    def _add(
        self, stored: StoredEntity, counts: dict[str, Counter[str]] | None = None
    ) -> Profile | None:
        """File one entity; with `counts`, count its name parts there (for the frequency model)."""
        entity = stored.entity
        if not is_listed_party(entity.schema.name):
            return None
        if stored.id in self._slots:
            self.remove(stored.id)
        profile = build_profile(entity)
        if not profile.names and not profile.ids:
            return None
        slot = len(self._entities)
        self._entities.append(self._keep(stored))
        self._profiles.append(profile)
        self._slots[stored.id] = slot
        self._live += 1
        base = slot << NAME_BITS
        compact = isinstance(self._entities[slot], _Compact)
        counter = None
        if counts is not None:
            counter = counts["person" if profile.kind in ("person", "other") else "org"]
        for number, entry in enumerate(profile.names[:MAX_INDEXED_NAMES]):
            parsed = entry.parsed
            self._file(name_key_set(parsed), base | number)
            self._names_indexed += 1
            if counter is not None and not entry.derived:
                counter.update({p.canon for p in parsed.parts})
            if compact:
                entry.forget()
        ids = {"i:" + v for values in profile.ids.values() for v in values}
        if ids:
            self._file(ids, base | MAX_INDEXED_NAMES)
        return profile

    def _build_parallel(
        self, stored_entities: Iterable[StoredEntity], counts: dict[str, Counter[str]], workers: int
    ) -> None:
        ctx = mp.get_context("fork")
        pending: deque[tuple[list[StoredEntity], Any]] = deque()
        with ctx.Pool(workers) as pool:

            def drain(until: int) -> None:
                while len(pending) > until:
                    batch, result = pending.popleft()
                    prepared, batch_counts = result.get()
                    for stored, item in zip(batch, prepared, strict=True):
                        if item is not None:
                            self._add_prepared(stored, item)
                    for kind, counter in batch_counts.items():
                        counts[kind].update(counter)

            batch: list[StoredEntity] = []
            for stored in stored_entities:
                batch.append(stored)
                if len(batch) >= PARALLEL_BATCH:
                    pending.append(
                        (
                            batch,
                            pool.apply_async(_prepare_batch, (_wire(batch), self.compact_next())),
                        )
                    )
                    batch = []
                    drain(workers * 2)
            if batch:
                pending.append(
                    (batch, pool.apply_async(_prepare_batch, (_wire(batch), self.compact_next())))
                )
            drain(0)

    def compact_next(self) -> bool:
        """Will the next entities be kept compact?"""
        return self.compact if self.compact is not None else self._live >= COMPACT_FROM

    def _add_prepared(self, stored: StoredEntity, item: _Prepared) -> None:
        if stored.id in self._slots:
            self.remove(stored.id)
        schema, kind, names, dates, countries, gender, ids, keys, data = item
        profile = Profile(
            schema=schema,
            kind=kind,
            names=[NameEntry.lazy(text, kind, weak, derived) for text, weak, derived in names],
            dates=dates,
            countries=countries,
            gender=gender,
            ids=ids,
        )
        slot = len(self._entities)
        kept: StoredEntity | _Compact = stored
        if data is not None:
            kept = _Compact.__new__(_Compact)
            kept.data, kept.datasets, kept.reference = (
                data,
                tuple(sorted(stored.datasets)),
                stored.reference,
            )
        self._entities.append(kept)
        self._profiles.append(profile)
        self._slots[stored.id] = slot
        self._live += 1
        base = slot << NAME_BITS
        for number, name_keys in enumerate(keys):
            self._file(name_keys.split("\x00") if name_keys else (), base | number)
            self._names_indexed += 1
        id_keys = {"i:" + v for values in ids.values() for v in values}
        if id_keys:
            self._file(id_keys, base | MAX_INDEXED_NAMES)

    def _file(self, keys: Iterable[str], value: int) -> None:
        postings = self._postings
        for key in keys:
            plist = postings.get(key)
            if plist is None:
                plist = postings[key] = array("q")
            plist.append(value)

    # -- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._live

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._slots

    def _entity(self, slot: int) -> StoredEntity | None:
        kept = self._entities[slot]
        if isinstance(kept, _Compact):
            return kept.restore()
        return kept

    def get(self, entity_id: str) -> StoredEntity | None:
        slot = self._slots.get(entity_id)
        return self._entity(slot) if slot is not None else None

    def entities(self) -> Iterator[StoredEntity]:
        for slot in range(len(self._entities)):
            stored = self._entity(slot)
            if stored is not None:
                yield stored

    def names(self) -> Iterator[tuple[str, str, bool]]:
        """(entity_id, name, is_weak_alias) for every name and alias in the index."""
        ids = {slot: eid for eid, slot in self._slots.items()}
        for slot, profile in enumerate(self._profiles):
            if profile is None:
                continue
            for entry in profile.names:
                if not entry.derived:
                    yield ids[slot], entry.text, entry.weak

    def stats(self) -> dict[str, int]:
        """Sizes, for benchmarks and the curious."""
        return {
            "entities": self._live,
            "names": self._names_indexed,
            "keys": len(self._postings),
            "postings": sum(len(p) for p in self._postings.values()),
        }

    # -- matching -------------------------------------------------------------------------
    def match(
        self, query: EntityProxy, limit: int = 10, threshold: float | None = None
    ) -> list[MatchResult]:
        """Candidates for an FtM entity, best first (scores >= MIN_SCORE; `.match` at threshold)."""
        return self.match_profile(build_profile(query), limit=limit, threshold=threshold)

    def match_name(
        self,
        name: str,
        schema: str = "LegalEntity",
        birth_date: str | None = None,
        nationality: str | None = None,
        limit: int = 10,
        threshold: float | None = None,
    ) -> list[MatchResult]:
        """Candidates for a bare name (plus optional birth date and nationality)."""
        schema_name, props = query_values(name, schema, birth_date, nationality)
        return self.match_profile(
            profile_from_values(schema_name, props), limit=limit, threshold=threshold
        )

    def match_profile(
        self, profile: Profile, limit: int = 10, threshold: float | None = None
    ) -> list[MatchResult]:
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        results: list[tuple[float, str, int, Scored]] = []
        for slot, pairs in self._candidates(profile, max(CANDIDATES, limit)):
            cand = self._profiles[slot]
            if cand is None or not schemata_compatible(profile.schema, cand.schema):
                continue
            # name comparisons that cannot reach a fifth below MIN_SCORE stop early: identifiers,
            # dates and countries move a score by far less than that
            scored = score_pair(profile, cand, self.freq, pairs, floor=MIN_SCORE * 0.8)
            if scored.score >= MIN_SCORE or scored.score >= threshold:
                results.append((scored.score, self._id_of(slot), slot, scored))
        results.sort(key=lambda r: (-r[0], r[1]))
        out: list[MatchResult] = []
        for score, _, slot, scored in results[:limit]:
            stored = self._entity(slot)
            if stored is not None:
                # the explanation is written only for the results handed out
                out.append(MatchResult(stored, score, score >= threshold, scored.explanation()))
        return out

    def _id_of(self, slot: int) -> str:
        kept = self._entities[slot]
        if isinstance(kept, _Compact):
            return str(json.loads(kept.data).get("id"))
        return kept.id if kept is not None else ""

    def _query_parts(self, parsed: ParsedName) -> list[tuple[NamePart, list[tuple[str, float]]]]:
        """Each query part with its keys, plus the keys of the part joined to the next one and
        of the part cut in two known words ("FridrichBuchenberg"): alternatives, not extra parts."""
        out: list[tuple[NamePart, list[tuple[str, float]]]] = []
        parts = [p for p in parsed.parts if p.kind in (NAME, NUMBER, INITIAL)]
        for k, part in enumerate(parts):
            keys = list(part_keys(part))
            if k + 1 < len(parts):
                joined = part.form + parts[k + 1].form
                keys.extend((key, 0.9 * strength) for key, strength in _word_keys(joined))
            form = part.form
            if part.kind == NAME and len(form) >= 7:
                for cut in range(3, len(form) - 2):
                    left, right = form[:cut], form[cut:]
                    if "c:" + left in self._postings and "c:" + right in self._postings:
                        for piece in (left, right):
                            keys.extend(
                                (key, 0.8 * strength) for key, strength in _word_keys(piece)
                            )
            out.append((part, keys))
        return out

    def _candidates(self, profile: Profile, want: int) -> list[tuple[int, list[tuple[int, int]]]]:
        """The most promising entities, each with the (query name, candidate name) pairs to score."""
        postings = self._postings
        big = max(BIG_POSTING_MIN, int(BIG_POSTING_SHARE * max(self._names_indexed, 1)))
        kind = "org" if profile.kind in ("org", "vessel") else "person"
        found_enc: list[np.ndarray] = []
        found_val: list[np.ndarray] = []
        found_qn: list[np.ndarray] = []
        forced: set[int] = set()
        for values in profile.ids.values():
            for ident in values:
                for enc in postings.get("i:" + ident, ()):
                    forced.add(enc >> NAME_BITS)
        for qn, entry in enumerate(profile.names):
            factor = 0.6 if entry.weak else 1.0
            encs: list[np.ndarray] = []
            vals: list[np.ndarray] = []
            deferred: list[tuple[float, np.ndarray, bool]] = []
            total = 0.0
            if entry.parsed.compact:
                plist = postings.get("s:" + entry.parsed.compact)
                if plist:
                    encs.append(_as_numpy(plist))
                    vals.append(np.full(len(plist), 2.0))
            for part, keys in self._query_parts(entry.parsed):
                weight = factor * self.freq.weight(part.canon, kind)
                total += weight
                arrays: list[tuple[np.ndarray, float]] = []
                for key, strength in keys:
                    # typo keys only for the rarer parts: they find the surname, not "Muhammad"
                    if key[0] == "d" and weight < TYPO_KEYS_FROM:
                        continue
                    plist = postings.get(key)
                    if not plist:
                        continue
                    if len(plist) > big:
                        deferred.append((weight * strength, _as_numpy(plist), strength >= 1.0))
                        continue
                    arrays.append((_as_numpy(plist), strength))
                if not arrays:
                    continue
                found, strengths = _best_per_name(arrays)
                encs.append(found)
                vals.append(strengths * weight)
            if total <= 0:
                continue
            if encs:
                uniq, inverse = np.unique(np.concatenate(encs), return_inverse=True)
                scores = np.bincount(inverse, weights=np.concatenate(vals))
                for value, common, _ in deferred:
                    # very common parts only add to names found otherwise
                    pos = np.searchsorted(common, uniq)
                    pos[pos >= len(common)] = len(common) - 1
                    scores = scores + value * (common[pos] == uniq)
            else:
                # only common parts ("Mohammed Ali"): names holding the exact forms of two of them
                exact = sorted((d for d in deferred if d[2]), key=lambda d: len(d[1]))
                if len(exact) < 2:
                    continue
                uniq = np.intersect1d(exact[0][1], exact[1][1], assume_unique=True)
                scores = np.full(len(uniq), exact[0][0] + exact[1][0])
            keep = scores >= MIN_BLOCK_SHARE * total
            if keep.any():
                found_enc.append(uniq[keep])
                found_val.append(scores[keep] / total)
                found_qn.append(np.full(int(keep.sum()), qn))
        return self._rank(profile, found_enc, found_val, found_qn, forced, want)

    def _rank(
        self,
        profile: Profile,
        found_enc: list[np.ndarray],
        found_val: list[np.ndarray],
        found_qn: list[np.ndarray],
        forced: set[int],
        want: int,
    ) -> list[tuple[int, list[tuple[int, int]]]]:
        by_slot: dict[int, list[tuple[float, int, int]]] = {slot: [] for slot in forced}
        if found_enc:
            enc = np.concatenate(found_enc)
            val = np.concatenate(found_val)
            qns = np.concatenate(found_qn)
            order = np.argsort(-val, kind="stable")
            profiles = self._profiles
            chosen = len(forced)
            for k in order[: want * max(PAIRS_PER_ENTITY, len(profile.names)) * 8]:
                e = int(enc[k])
                slot, cn = e >> NAME_BITS, e & MAX_INDEXED_NAMES
                cand = profiles[slot]
                if cand is None or cn >= len(cand.names):
                    continue
                pairs = by_slot.get(slot)
                if pairs is None:
                    if chosen >= want:
                        continue
                    pairs = by_slot[slot] = []
                    chosen += 1
                qn = int(qns[k])
                # weak and made-up names count for less in the scorer: rank the pairs alike
                value = float(val[k]) * name_factor(profile.names[qn]) * name_factor(cand.names[cn])
                pairs.append((value, qn, cn))
        ranked = sorted(
            by_slot.items(),
            key=lambda kv: (kv[0] not in forced, -max((v for v, _, _ in kv[1]), default=0.0)),
        )
        out: list[tuple[int, list[tuple[int, int]]]] = []
        top = max((v for _, found in ranked for v, _, _ in found), default=0.0)
        for slot, found in ranked[:want]:
            found.sort(reverse=True)
            # far behind the best candidate in the index: not worth scoring in full
            if found and found[0][0] < RELATIVE_GATE * top and slot not in forced and len(out) >= 3:
                break
            # two weak names are never compared (scorer): leave them out before choosing
            cand = self._profiles[slot]
            cand_names = cand.names if cand is not None else []
            usable = [
                v_q_c
                for v_q_c in found
                if not (profile.names[v_q_c[1]].weak and cand_names[v_q_c[2]].weak)
            ]
            # made-up names count only if their given name matches too: gate on real names
            plain = [
                v
                for v, qn, cn in usable
                if not (profile.names[qn].derived or cand_names[cn].derived)
            ]
            best_pair = plain[0] if plain else (usable[0][0] if usable else 0.0)
            # an entity query with many names may need as many pairs
            most = max(PAIRS_PER_ENTITY, len(profile.names))
            chosen_pairs = [(qn, cn) for v, qn, cn in usable if v >= PAIR_GATE * best_pair][:most]
            if found and not chosen_pairs:
                continue
            out.append((slot, chosen_pairs))
        return out


def _as_numpy(plist: array[int]) -> np.ndarray:
    return np.frombuffer(plist, dtype=np.int64)


def _best_per_name(arrays: list[tuple[np.ndarray, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Names found by any of a part's keys, each with the strength of its best key."""
    if len(arrays) == 1:
        e, strength = arrays[0]
        return e, np.full(len(e), strength)
    arrays.sort(key=lambda a: -a[1])
    e = np.concatenate([a for a, _ in arrays])
    v = np.concatenate([np.full(len(a), s) for a, s in arrays])
    # np.unique keeps the first occurrence: the strongest key, since keys come strongest first
    uniq, first = np.unique(e, return_index=True)
    return uniq, v[first]


# what a build worker hands back for one entity
_Prepared = tuple[
    str,
    str,
    list[tuple[str, bool, bool]],
    tuple[Any, ...],
    frozenset[str],
    frozenset[str],
    dict[str, set[str]],
    list[str],
    bytes | None,
]


def _wire(batch: list[StoredEntity]) -> list[tuple[str, str, dict[str, list[str]]]]:
    return [(s.entity.schema.name, s.id, s.entity.properties) for s in batch]


def _prepare_batch(
    batch: list[tuple[str, str, dict[str, list[str]]]], compact: bool
) -> tuple[list[_Prepared | None], dict[str, Counter[str]]]:
    """In a build worker: profile, keys and (compact) JSON of each entity of a batch."""
    out: list[_Prepared | None] = []
    counts: dict[str, Counter[str]] = {"person": Counter(), "org": Counter()}
    for schema, entity_id, props in batch:
        if not is_listed_party(schema):
            out.append(None)
            continue
        profile = profile_from_values(schema, props)
        if not profile.names and not profile.ids:
            out.append(None)
            continue
        counter = counts["person" if profile.kind in ("person", "other") else "org"]
        names: list[tuple[str, bool, bool]] = []
        keys: list[str] = []
        for entry in profile.names[:MAX_INDEXED_NAMES]:
            parsed = entry.parsed
            name_keys = name_key_set(parsed)
            names.append((entry.text, entry.weak, entry.derived))
            keys.append("\x00".join(name_keys))
            if not entry.derived:
                counter.update({p.canon for p in parsed.parts})
        data = None
        if compact:
            data = json.dumps(
                {"id": entity_id, "schema": schema, "properties": props},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
        out.append(
            (
                schema,
                profile.kind,
                names,
                profile.dates,
                profile.countries,
                profile.gender,
                profile.ids,
                keys,
                data,
            )
        )
    return out, counts


def query_values(
    name: str,
    schema: str = "LegalEntity",
    birth_date: str | None = None,
    nationality: str | None = None,
) -> tuple[str, dict[str, list[str]]]:
    """The schema and FtM property values of a bare-name query (unknown schemata: LegalEntity)."""
    s = model.get(schema) or model.get("LegalEntity")
    assert s is not None
    props: dict[str, list[str]] = {}
    if name:
        props["name"] = [name[:2000]]
    if birth_date and "birthDate" in s.properties:
        props["birthDate"] = [str(birth_date).strip()]
    if nationality:
        code = registry.country.clean(nationality) or nationality.strip().lower()
        prop = "nationality" if "nationality" in s.properties else "country"
        if prop in s.properties:
            props[prop] = [code]
    return s.name, props


def make_query(
    name: str,
    schema: str = "LegalEntity",
    birth_date: str | None = None,
    nationality: str | None = None,
) -> EntityProxy:
    """An FtM entity standing for a bare-name query."""
    schema_name, props = query_values(name, schema, birth_date, nationality)
    s = model.get(schema_name)
    assert s is not None
    proxy = model.make_entity(s)
    proxy.id = "query"
    for prop, values in props.items():
        for value in values:
            proxy.unsafe_add(s.properties[prop], value, cleaned=True)
    return proxy


__all__ = ["DEFAULT_THRESHOLD", "MIN_SCORE", "MatchIndex", "NameEntry", "make_query"]
