"""Name-matching quality on name_bench.csv: opspoor against nomenklatura's logic-v2, side by side.

    python -m bench.run names            # or: .venv/bin/python -m bench.bench_names [--errors]

Each row of `../shared/data/names/name_bench.csv` (nomenklatura's labelled pairs, MIT) becomes two
FtM entities of the row's schema with one name each, scored by `opspoor.match.score_profiles`:
the same code path as real matching. logic-v2's scores come from a live run when nomenklatura is
installed (the `bench` extra), else from `name_bench_logicv2_run.csv` (its published run).
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from followthemoney import model

from bench.report import SHARED, write_section
from opspoor.match import DEFAULT_THRESHOLD
from opspoor.match.profile import build_profile
from opspoor.match.scorer import score_profiles

BENCH = SHARED / "names" / "name_bench.csv"
LOGICV2_RUN = SHARED / "names" / "name_bench_logicv2_run.csv"
LOGICV2_THRESHOLD = 0.7


@dataclass
class Pair:
    case_group: str
    schema: str
    name1: str
    name2: str
    is_match: bool
    quality: str
    category: str
    notes: str


def load_pairs(path: Path = BENCH) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Pair(
                r["case_group"],
                r["schema"],
                r["name1"],
                r["name2"],
                r["is_match"].strip().lower() == "true",
                r["quality"],
                r["category"],
                r["notes"],
            )
            for r in csv.DictReader(fh)
        ]


def _entity(schema: str, name: str, eid: str):  # type: ignore[no-untyped-def]
    proxy = model.make_entity(schema)
    proxy.id = eid
    proxy.add("name", name)
    return proxy


def score_pair(schema: str, name1: str, name2: str) -> tuple[float, list[dict]]:
    """Score one pair with the matcher's own scorer (name1 is the query)."""
    q = build_profile(_entity(schema, name1, "q"))
    c = build_profile(_entity(schema, name2, "c"))
    return score_profiles(q, c)


def metrics(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def logicv2_run_scores() -> dict[tuple[str, str, str], float]:
    out: dict[tuple[str, str, str], float] = {}
    if not LOGICV2_RUN.exists():
        return out
    with LOGICV2_RUN.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out[(r["schema"], r["name1"], r["name2"])] = float(r["score"])
    return out


def logicv2_live_scorer():  # type: ignore[no-untyped-def]
    """A function (schema, name1, name2) -> logic-v2 score, or None if nomenklatura is absent."""
    try:
        from nomenklatura.matching import get_algorithm
    except ImportError:
        return None
    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        return None
    config = algorithm.default_config()

    counter = iter(range(10**9))

    def score(schema: str, name1: str, name2: str) -> float:
        # logic-v2 caches by entity id: every pair needs ids of its own
        n = next(counter)
        q = _entity(schema, name1, f"q{n}")
        c = _entity(schema, name2, f"c{n}")
        return float(algorithm.compare(q, c, config).score)

    return score


def run(threshold: float = DEFAULT_THRESHOLD) -> dict:
    pairs = load_pairs()
    t0 = time.perf_counter()
    scores = [score_pair(p.schema, p.name1, p.name2)[0] for p in pairs]
    elapsed = time.perf_counter() - t0
    gold = [p.is_match for p in pairs]
    ours = metrics([s >= threshold for s in scores], gold)
    sweep = {
        round(t / 100, 2): metrics([s >= t / 100 for s in scores], gold)["f1"]
        for t in range(40, 96, 5)
    }
    strong_wrong = [
        (p, s)
        for p, s in zip(pairs, scores, strict=True)
        if p.quality == "STRONG" and (s >= threshold) != p.is_match
    ]
    # logic-v2
    published = logicv2_run_scores()
    live = logicv2_live_scorer()
    lv2_scores: list[float | None] = []
    lv2_source = "published run (name_bench_logicv2_run.csv)"
    if live is not None:
        lv2_source = "live run of nomenklatura logic-v2"
        lv2_scores = [live(p.schema, p.name1, p.name2) for p in pairs]
    else:
        lv2_scores = [published.get((p.schema, p.name1, p.name2)) for p in pairs]
    both = [i for i, s in enumerate(lv2_scores) if s is not None]
    ours_common = metrics([scores[i] >= threshold for i in both], [gold[i] for i in both])
    lv2 = metrics([lv2_scores[i] >= LOGICV2_THRESHOLD for i in both], [gold[i] for i in both])  # type: ignore[operator]
    # the published run covers 812 of the rows: both matchers on exactly those
    pub_idx = [i for i, p in enumerate(pairs) if (p.schema, p.name1, p.name2) in published]
    pub = metrics(
        [
            published[(pairs[i].schema, pairs[i].name1, pairs[i].name2)] >= LOGICV2_THRESHOLD
            for i in pub_idx
        ],
        [gold[i] for i in pub_idx],
    )
    ours_pub = metrics([scores[i] >= threshold for i in pub_idx], [gold[i] for i in pub_idx])
    by_quality: dict[str, Counter[str]] = {}
    for p, s in zip(pairs, scores, strict=True):
        c = by_quality.setdefault(p.quality, Counter())
        c["n"] += 1
        c["right"] += (s >= threshold) == p.is_match
    return {
        "pairs": pairs,
        "scores": scores,
        "lv2_scores": lv2_scores,
        "ours": ours,
        "ours_common": ours_common,
        "lv2": lv2,
        "lv2_source": lv2_source,
        "pub": pub,
        "ours_pub": ours_pub,
        "pub_n": len(pub_idx),
        "common_n": len(both),
        "sweep": sweep,
        "strong_wrong": strong_wrong,
        "by_quality": by_quality,
        "elapsed": elapsed,
        "threshold": threshold,
    }


def _fmt(m: dict[str, float]) -> str:
    return f"{m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {m['tp']} | {m['fp']} | {m['fn']} | {m['tn']}"


def report(res: dict) -> str:
    t = res["threshold"]
    lines = [
        f"Pairs: {len(res['pairs'])} rows of `name_bench.csv`; {res['common_n']} of them scored by logic-v2 "
        f"({res['lv2_source']}). opspoor threshold {t} (`DEFAULT_THRESHOLD`), logic-v2 threshold {LOGICV2_THRESHOLD}.",
        "",
        "| matcher | pairs | precision | recall | F1 | TP | FP | FN | TN |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| opspoor | all {len(res['pairs'])} | {_fmt(res['ours'])} |",
        f"| opspoor | the {res['common_n']} logic-v2 scored | {_fmt(res['ours_common'])} |",
        f"| logic-v2 | the {res['common_n']} | {_fmt(res['lv2'])} |",
        f"| opspoor | the {res['pub_n']} of the published logic-v2 run | {_fmt(res['ours_pub'])} |",
        f"| logic-v2, published run (`name_bench_logicv2_run.csv`) | the {res['pub_n']} | {_fmt(res['pub'])} |",
        "",
        f"Goal F1 >= 0.93: **{'met' if res['ours']['f1'] >= 0.93 else 'NOT met'}**. "
        f"STRONG-quality pairs wrong: **{len(res['strong_wrong'])}** (goal 0).",
        "",
        "By label quality (opspoor): "
        + ", ".join(
            f"{q}: {c['right']}/{c['n']} right" for q, c in sorted(res["by_quality"].items())
        ),
        "",
        "F1 by threshold (opspoor): "
        + ", ".join(f"{th:.2f}: {f:.3f}" for th, f in res["sweep"].items()),
        "",
        f"Scoring time: {res['elapsed']:.2f} s for {len(res['pairs'])} pairs "
        f"({1000 * res['elapsed'] / len(res['pairs']):.2f} ms per pair, names parsed cold).",
    ]
    if res["strong_wrong"]:
        lines += ["", "STRONG pairs wrong:", ""]
        lines += [
            f"- {p.name1} / {p.name2} (label {p.is_match}, score {s:.2f})"
            for p, s in res["strong_wrong"]
        ]
    return "\n".join(lines)


def print_errors(res: dict) -> None:
    t = res["threshold"]
    for p, s, l2 in zip(res["pairs"], res["scores"], res["lv2_scores"], strict=True):
        if (s >= t) != p.is_match:
            kind = "FN" if p.is_match else "FP"
            l2s = f"{l2:.2f}" if l2 is not None else "  - "
            print(
                f"{kind} {p.quality[:1]} {s:.3f} lv2={l2s} | {p.schema[:6]} | {p.name1} | {p.name2}"
            )


def main() -> None:
    res = run()
    if "--errors" in sys.argv:
        print_errors(res)
    text = report(res)
    print(text)
    if "--no-write" not in sys.argv:
        write_section("names", "Name matching quality (name_bench)", text)


if __name__ == "__main__":
    main()
