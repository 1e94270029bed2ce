"""Matcher speed: single queries and batch screening against UN + OFAC, and a synthetic 1M list.

    python -m bench.run match_speed      # or: .venv/bin/python -m bench.bench_match_speed [--quick]

Measured in one run:
1. UN (2026-02-27) + OFAC SDN (2021) read with opspoor's list readers, indexed (`MatchIndex`).
2. Single queries in-process: half listed names respelt/reordered, half unlisted names made
   from the same name parts; p50/p90/p99 after a warm-up.
3. nomenklatura's logic-v2 (the `bench` extra) brute force: each of a few queries scored against
   every listed party, as a matcher without an index must; same queries, same machine.
4. Batch: 100,000 names screened with two worker processes (the machine has two cores).
5. A synthetic list of 1,000,000 parties (bench/synthetic_names.py) indexed in a child process
   with two build workers (peak memory from the child's own accounting), then queried.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import resource
import statistics
import sys
import time

from bench.report import SHARED, write_section
from bench.synthetic_names import query_names, respell, synthetic_entities
from opspoor.match import MatchIndex, make_query
from opspoor.store.records import StoredEntity

UN = SHARED / "sanctions" / "un-consolidated-2026-02-27.xml"
OFAC = SHARED / "sanctions" / "ofac-sdn-2021"
QUICK = "--quick" in sys.argv
SINGLE_QUERIES = 300 if QUICK else 2000
LOGICV2_QUERIES = 3 if QUICK else 6
BATCH = 10_000 if QUICK else 100_000
BIG = 100_000 if QUICK else 1_000_000
BIG_QUERIES = 200 if QUICK else 1000

_INDEX: MatchIndex | None = None  # shared with forked batch workers


def load_lists() -> list[StoredEntity]:
    from opspoor.lists.formats import read_list

    out: list[StoredEntity] = []
    for path in (UN, OFAC):
        parsed = read_list([path])
        out.extend(StoredEntity(r.entity, {parsed.dataset}, r.reference) for r in parsed.records)
    return out


def listed_queries(idx: MatchIndex, count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    names = [n for _, n, weak in idx.names() if not weak]
    out = []
    for name in rng.sample(names, min(count, len(names))):
        words = name.replace(",", " ").split()
        if rng.random() < 0.6:
            words = [respell(w, rng) for w in words]
        if len(words) > 1 and rng.random() < 0.3:
            words = words[-1:] + words[:-1]
        out.append(" ".join(words))
    return out


def percentiles(times: list[float]) -> tuple[float, float, float]:
    s = sorted(times)
    return (
        s[len(s) // 2] * 1e3,
        s[int(len(s) * 0.9)] * 1e3,
        s[min(len(s) - 1, int(len(s) * 0.99))] * 1e3,
    )


def time_queries(idx: MatchIndex, queries: list[str], warm_up: int = 100) -> list[float]:
    for q in queries[:warm_up]:  # warm-up: first numpy calls, caches of the lists' own words
        idx.match_name(q)
    times = []
    for q in queries[warm_up:]:
        t = time.perf_counter()
        idx.match_name(q)
        times.append(time.perf_counter() - t)
    return times


def logicv2_brute_force(stored: list[StoredEntity], queries: list[str]) -> list[float] | None:
    try:
        from nomenklatura.matching import get_algorithm
    except ImportError:
        return None
    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        return None
    config = algorithm.default_config()
    parties = [
        s.entity
        for s in stored
        if s.entity.schema.matchable and s.entity.schema.is_a("LegalEntity")
    ]
    times = []
    for q in queries:
        query = make_query(q, "LegalEntity")
        t = time.perf_counter()
        for candidate in parties:
            if query.schema.can_match(candidate.schema):
                algorithm.compare(query, candidate, config)
        times.append(time.perf_counter() - t)
    return times


def _screen_chunk(names: list[str]) -> int:
    assert _INDEX is not None
    hits = 0
    for name in names:
        hits += sum(1 for r in _INDEX.match_name(name) if r.match)
    return hits


def batch_screen(idx: MatchIndex, names: list[str], workers: int = 2) -> tuple[float, int, float]:
    """Wall seconds, hits, and the CPU seconds the workers used (all of them together)."""
    global _INDEX
    _INDEX = idx
    chunks = [names[i::workers] for i in range(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        hits = sum(pool.map(_screen_chunk, chunks))
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, hits, cpu


def _big_child(count: int, queries: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    t0 = time.perf_counter()
    sample = 50_000
    for _ in synthetic_entities(sample, seed=99):
        pass
    gen_rate = (time.perf_counter() - t0) / sample
    t = time.perf_counter()
    cpu = time.process_time()
    idx = MatchIndex.build(synthetic_entities(count, seed=1), workers=2)
    build = time.perf_counter() - t
    build_cpu = time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB (Linux gives KiB)
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest worker
    listed = listed_queries(idx, 20_000)
    qs = query_names(queries, seed=3, listed=listed, listed_share=0.5)
    times = time_queries(idx, qs)
    out.put(
        {
            "build": build,
            "build_cpu": build_cpu,
            "gen": gen_rate * count,
            "rss": rss,
            "worker_rss": worker_rss,
            "times": times,
            "stats": idx.stats(),
        }
    )


def big_index(count: int, queries: int) -> dict:
    q: mp.Queue = mp.get_context("fork").Queue()  # type: ignore[type-arg]
    proc = mp.get_context("fork").Process(target=_big_child, args=(count, queries, q))
    proc.start()
    result = q.get()
    proc.join()
    return result


def main() -> None:
    if not UN.exists() or not OFAC.exists():
        print(f"needs {UN} and {OFAC}")
        return
    lines: list[str] = []
    load_before = os.getloadavg()[0]
    stored = load_lists()
    t = time.perf_counter()
    idx = MatchIndex.build(stored)
    build = time.perf_counter() - t
    stats = idx.stats()
    print(f"UN+OFAC: {stats} in {build:.1f} s")

    # three disjoint query sets, so no timing profits from names parsed in an earlier one
    listed = listed_queries(idx, SINGLE_QUERIES, seed=5)
    unlisted = query_names(SINGLE_QUERIES, seed=21, listed=None)
    half = SINGLE_QUERIES // 2
    mixed = [q for pair in zip(listed[:half], unlisted[:half], strict=False) for q in pair]
    t_all = time_queries(idx, mixed)
    t_listed = time_queries(idx, listed[half:])
    t_unlisted = time_queries(idx, unlisted[half:])
    p_all, p_list, p_unl = percentiles(t_all), percentiles(t_listed), percentiles(t_unlisted)
    print(f"single query p50/p90/p99 ms: all {p_all}, listed {p_list}, unlisted {p_unl}")

    lv2_queries = mixed[:LOGICV2_QUERIES]
    lv2 = logicv2_brute_force(stored, lv2_queries)
    ours_same = [statistics.median(time_queries(idx, [q] * 5, warm_up=0)[-3:]) for q in lv2_queries]
    if lv2:
        ratio = statistics.median(lv2) / statistics.median(ours_same)
        print(
            f"logic-v2 brute force median {statistics.median(lv2):.2f} s per query, {ratio:.0f}x slower"
        )

    names = query_names(BATCH, seed=31, listed=listed_queries(idx, 5000, seed=9), listed_share=0.1)
    batch_s, batch_hits, batch_cpu = batch_screen(idx, names)
    print(f"batch {BATCH} names in {batch_s:.1f} s ({batch_cpu:.0f} s CPU), {batch_hits} hits")

    big = big_index(BIG, BIG_QUERIES)
    p_big = percentiles(big["times"])
    print(
        f"synthetic {BIG}: build {big['build']:.0f} s (generator ~{big['gen']:.0f} s of it), rss {big['rss']:.0f} MiB, p50 {p_big[0]:.2f} ms"
    )

    ok = "met" if p_all[0] <= 1.0 else "NOT met"
    lines += [
        f"Lists: UN consolidated 2026-02-27 + OFAC SDN 2021: {stats['entities']:,} listed parties, "
        f"{stats['names']:,} names indexed ({stats['keys']:,} keys, {stats['postings']:,} postings), "
        f"index built in {build:.1f} s.",
        "",
        "| measure | result | goal |",
        "|---|---|---|",
        f"| single query p50 / p90 / p99, mixed ({len(t_all)} queries, half listed names respelt or reordered, half unlisted) | {p_all[0]:.2f} / {p_all[1]:.2f} / {p_all[2]:.2f} ms | p50 <= 1 ms: {ok} |",
        f"| … listed names, respelt or reordered | {p_list[0]:.2f} / {p_list[1]:.2f} / {p_list[2]:.2f} ms | |",
        f"| … unlisted names | {p_unl[0]:.2f} / {p_unl[1]:.2f} / {p_unl[2]:.2f} ms | |",
    ]
    if lv2:
        ratio = statistics.median(lv2) / statistics.median(ours_same)
        lines.append(
            f"| logic-v2 brute force (nomenklatura), median of {len(lv2)} queries | "
            f"{statistics.median(lv2) * 1e3:,.0f} ms per query; opspoor on the same queries "
            f"{statistics.median(ours_same) * 1e3:.2f} ms: **{ratio:,.0f}x** faster | >= 100x: {'met' if ratio >= 100 else 'NOT met'} |"
        )
    else:
        lines.append(
            "| logic-v2 brute force | nomenklatura not installed (`pip install -e .[bench]`) | |"
        )
    lines += [
        f"| batch screening, {BATCH:,} names, 2 worker processes | {batch_s:.1f} s ({BATCH / batch_s:,.0f} names/s; the workers used {batch_cpu:.0f} s CPU together, {1000 * batch_cpu / BATCH:.2f} ms per name), {batch_hits:,} hits | <= 60 s for 100k: {'met' if batch_s * 100_000 / BATCH <= 60 else 'NOT met'} |",
        f"| synthetic list of {BIG:,} parties: index build, 2 worker processes | {big['build']:.0f} s wall; {big['build_cpu']:.0f} s CPU in the main process, ~{big['gen']:.0f} s of it making the entities | <= 120 s: {'met' if big['build'] <= 120 else 'NOT met'} |",
        f"| … peak memory of the process (largest build worker: {big['worker_rss']:,.0f} MiB) | {big['rss']:,.0f} MiB | <= 4096 MiB: {'met' if big['rss'] <= 4096 else 'NOT met'} |",
        f"| … single query p50 / p90 / p99 ({len(big['times'])} queries, half listed names respelt, half unlisted) | {p_big[0]:.2f} / {p_big[1]:.2f} / {p_big[2]:.2f} ms | p50 <= 10 ms: {'met' if p_big[0] <= 10 else 'NOT met'} |",
        "",
        f"Synthetic index: {big['stats']['names']:,} names, {big['stats']['keys']:,} keys, {big['stats']['postings']:,} postings.",
        f"The machine is shared: other jobs ran at the same time (load average {load_before:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end of this run) and slow every figure down.",
    ]
    if QUICK:
        lines.append("(`--quick` run: smaller sizes, not the goals' sizes.)")
    text = "\n".join(lines)
    print(text)
    if "--no-write" not in sys.argv:
        write_section("match_speed", "Matcher speed (single queries, batch, 1M synthetic)", text)


if __name__ == "__main__":
    main()
