"""Network benchmarks: ad linking on the synthetic corpus (quality at 10k ads, time and memory
at 100k) and entity resolution of the UN and OFAC lists (the six LIBYA3 pairs).

    python -m bench.run network
    python -m bench.bench_network --sizes 10000   # a quick look, nothing written

Each corpus size runs in a fresh process, so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import resource
import tempfile
import time
from collections import defaultdict
from typing import Any

from bench.report import SHARED, write_section

SIZES = (10_000, 100_000)
GOAL_ARI = 0.95
GOAL_PRECISION = 0.95
LIBYA3 = {
    "24004": "LYi.021",
    "24313": "LYi.022",
    "24314": "LYi.023",
    "24310": "LYi.024",
    "24311": "LYi.025",
    "24312": "LYi.026",
}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def link_corpus(n_ads: int, seed: int = 2026) -> dict[str, Any]:
    """Generate, hash photos, build crawler-shaped entities and link them, in memory."""
    from bench.adcorpus import AdCorpus, ad_entity
    from opspoor.network.evaluation import adjusted_rand_index, pairwise_scores
    from opspoor.network.images import hash_bytes
    from opspoor.network.linking import item_from_entity, link_items

    stages: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    corpus = AdCorpus(n_ads, seed=seed)
    stages["plan corpus"] = time.perf_counter() - started

    def items():
        ads = corpus.ads()
        while True:
            t0 = time.perf_counter()
            ad = next(ads, None)
            t1 = time.perf_counter()
            stages["generate ads and photos"] += t1 - t0
            if ad is None:
                return
            hashes = [hash_bytes(p)[1] for p in ad.photos]
            t2 = time.perf_counter()
            entity = ad_entity(ad)
            item = item_from_entity(entity, hashes)
            t3 = time.perf_counter()
            stages["hash photos"] += t2 - t1
            stages["entities and identifiers"] += t3 - t2
            yield item

    t0 = time.perf_counter()
    result = link_items(items())
    total_link = time.perf_counter() - t0
    consumed = sum(v for k, v in stages.items() if k != "plan corpus")
    stages["link (MinHash LSH, photo index, union-find)"] = total_link - consumed
    truth = corpus.truth()
    pairs = pairwise_scores(truth, result.group_of)
    stats = result.stats()
    return {
        "ads": n_ads,
        "planted_groups": corpus.group_count,
        "found_groups": stats["groups"],
        "ari": adjusted_rand_index(truth, result.group_of),
        "precision": pairs.precision,
        "recall": pairs.recall,
        "links": stats["links"],
        "ignored": len(result.ignored),
        "stages": dict(stages),
        "seconds": time.perf_counter() - started,
        "peak_mib": _peak_mib(),
    }


def link_through_store(n_ads: int, seed: int = 2026) -> dict[str, Any]:
    """The same corpus written to a SQLite store as captures, then `link_store` (what
    `opspoor network link` runs)."""
    from bench.adcorpus import AdCorpus, ad_entity
    from opspoor.network.evaluation import adjusted_rand_index, pairwise_scores
    from opspoor.network.images import hash_bytes, hash_hex
    from opspoor.network.link_runs import link_store, save_image_hashes
    from opspoor.settings import Settings
    from opspoor.store.db import Store
    from opspoor.store.records import Record

    corpus = AdCorpus(n_ads, seed=seed)
    with tempfile.TemporaryDirectory() as home:
        store = Store(Settings.from_env({}, home=home))
        store.migrate()
        rows, records = [], []
        now = dt.datetime.now(dt.UTC)
        for ad in corpus.ads():
            records.append(Record(entity=ad_entity(ad), location=f"https://ads.example/{ad.id}"))
            for photo in ad.photos:
                sha, phash = hash_bytes(photo)
                rows.append(
                    {
                        "entity_id": ad.id,
                        "image_sha256": sha,
                        "phash": hash_hex(phash),
                        "label": None,
                        "stored_path": None,
                        "created_at": now,
                    }
                )
        t0 = time.perf_counter()
        with store.transaction() as conn:
            source_id = store.add_source(
                conn, kind="capture", dataset="bench-ads", sha256="0" * 64, label="corpus"
            )
            store.write_records(conn, source_id, "bench-ads", records)
        save_image_hashes(store, rows)
        stored = time.perf_counter() - t0
        t1 = time.perf_counter()
        run = link_store(store)
        linked = time.perf_counter() - t1
        store.engine.dispose()
    truth = corpus.truth()
    return {
        "ads": n_ads,
        "store_seconds": stored,
        "link_seconds": linked,
        "ari": adjusted_rand_index(truth, run.result.group_of),
        "precision": pairwise_scores(truth, run.result.group_of).precision,
    }


def resolve_lists() -> dict[str, Any]:
    """UN (2020-03-20) and OFAC SDN (2019-01) resolved in one store; the six LIBYA3 pairs."""
    from opspoor.lists.versions import import_list
    from opspoor.network.analytics import centrality
    from opspoor.network.graph import graph_from_store
    from opspoor.network.resolution import canonical_map, resolve
    from opspoor.settings import Settings
    from opspoor.store.db import Store

    with tempfile.TemporaryDirectory() as home:
        store = Store(Settings.from_env({}, home=home))
        store.migrate()
        import_list(
            store, [SHARED / "sanctions" / "un-consolidated-2020-03-20.xml"], run_hooks=False
        )
        import_list(store, [SHARED / "sanctions" / "ofac-sdn-2019-01"], run_hooks=False)
        t0 = time.perf_counter()
        report = resolve(store)
        seconds = time.perf_counter() - t0
        mapping = canonical_map(store)
        refs = {s.reference: s.id for s in store.iter_entities(schemata=["Person"]) if s.reference}
        found = sum(
            1
            for a, b in LIBYA3.items()
            if refs.get(a) in mapping and mapping.get(refs[a]) == mapping.get(refs.get(b, ""))
        )
        t1 = time.perf_counter()
        g = graph_from_store(store)
        graph_seconds = time.perf_counter() - t1
        t2 = time.perf_counter()
        centrality(g.graph, top=10)
        centrality_seconds = time.perf_counter() - t2
        store.engine.dispose()
    return {
        "entities": report.entities,
        "candidates": report.candidates,
        "merged": report.merged_pairs,
        "review": report.review_pairs,
        "blocked": report.blocked_pairs,
        "libya3_found": found,
        "seconds": seconds,
        "graph_nodes": g.graph.number_of_nodes(),
        "graph_edges": g.graph.number_of_edges(),
        "graph_seconds": graph_seconds,
        "centrality_seconds": centrality_seconds,
        "peak_mib": _peak_mib(),
    }


def _in_child(func: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(func, args)


def render(
    corpus_runs: list[dict[str, Any]],
    store_run: dict[str, Any] | None,
    lists: dict[str, Any] | None,
) -> str:
    lines = [
        "### Ad linking (synthetic corpus, `bench/adcorpus.py`)",
        "",
        f"Goal: adjusted Rand index >= {GOAL_ARI} and pairwise precision >= {GOAL_PRECISION} at 10k ads; "
        "time and memory at 100k ads. Each size runs in its own process (peak = max RSS of that process, "
        "Python and libraries included).",
        "",
        "| ads | planted groups | groups found | ARI | pairwise precision | pairwise recall | seconds | ads/s | peak MiB | goal |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in corpus_runs:
        met = r["ari"] >= GOAL_ARI and r["precision"] >= GOAL_PRECISION
        lines.append(
            f"| {r['ads']:,} | {r['planted_groups']:,} | {r['found_groups']:,} | {r['ari']:.4f} | {r['precision']:.4f} "
            f"| {r['recall']:.4f} | {r['seconds']:.1f} | {r['ads'] / r['seconds']:,.0f} | {r['peak_mib']:.0f} "
            f"| {'met' if met else 'NOT met'} |"
        )
    lines += [
        "",
        "Time per stage (seconds):",
        "",
        "| ads | " + " | ".join(corpus_runs[0]["stages"]) + " |",
        "|---:|" + "---:|" * len(corpus_runs[0]["stages"]),
    ]
    for r in corpus_runs:
        lines.append(
            f"| {r['ads']:,} | " + " | ".join(f"{v:.1f}" for v in r["stages"].values()) + " |"
        )
    lines += [
        "",
        "Links found per kind: "
        + "; ".join(
            f"{r['ads']:,} ads: " + ", ".join(f"{k} {v:,}" for k, v in sorted(r["links"].items()))
            for r in corpus_runs
        ),
        "",
    ]
    if store_run:
        lines += [
            f"Through the store (`opspoor network link`, SQLite): writing {store_run['ads']:,} ads took "
            f"{store_run['store_seconds']:.1f} s, linking them {store_run['link_seconds']:.1f} s; "
            f"ARI {store_run['ari']:.4f}, precision {store_run['precision']:.4f}.",
            "",
        ]
    if lists:
        met = lists["libya3_found"] == 6
        lines += [
            "### Entity resolution: UN consolidated list (2020-03-20) x OFAC SDN (2019-01)",
            "",
            "| entities | candidate pairs | merged | to review | kept apart | LIBYA3 pairs merged | seconds | peak MiB | goal |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            f"| {lists['entities']:,} | {lists['candidates']:,} | {lists['merged']:,} | {lists['review']:,} "
            f"| {lists['blocked']:,} | {lists['libya3_found']} of 6 | {lists['seconds']:.1f} | {lists['peak_mib']:.0f} "
            f"| {'met' if met else 'NOT met'} |",
            "",
            f"Graph of both lists: {lists['graph_nodes']:,} nodes, {lists['graph_edges']:,} edges, built in "
            f"{lists['graph_seconds']:.1f} s; degree and betweenness centrality (sampled, k=500) in "
            f"{lists['centrality_seconds']:.1f} s.",
        ]
    return "\n".join(lines)


def main(sizes: tuple[int, ...] = SIZES, write: bool = True) -> None:
    corpus_runs = []
    for n in sizes:
        print(f"linking {n:,} synthetic ads ...")
        run = _in_child(link_corpus, n)
        print(
            f"  ARI {run['ari']:.4f}, precision {run['precision']:.4f}, {run['seconds']:.1f} s, {run['peak_mib']:.0f} MiB"
        )
        corpus_runs.append(run)
    print("linking 10,000 ads through the store ...")
    store_run = _in_child(link_through_store, 10_000)
    lists = None
    if (SHARED / "sanctions" / "ofac-sdn-2019-01").exists():
        print("resolving UN x OFAC ...")
        lists = _in_child(resolve_lists)
        print(
            f"  {lists['merged']} merged, LIBYA3 {lists['libya3_found']}/6, {lists['seconds']:.1f} s"
        )
    body = render(corpus_runs, store_run, lists)
    if write:
        write_section("network", "Network: ad linking and entity resolution", body)
    else:
        print(body)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    main(tuple(args.sizes), write=tuple(args.sizes) == SIZES)
