"""Regression guard on nomenklatura's labelled name pairs (../shared/data/names/name_bench.csv).

The full figures, beside logic-v2's, come from `bench/bench_names.py`; this test only fails
when quality drops below what was measured when the threshold was chosen."""

from __future__ import annotations

import csv

import pytest
from followthemoney import model

from opspoor.match import DEFAULT_THRESHOLD
from opspoor.match.profile import build_profile
from opspoor.match.scorer import score_profiles
from tests.conftest import shared_path

pytestmark = pytest.mark.shared_data

# measured at DEFAULT_THRESHOLD when it was chosen (see docs/matching.md), minus a margin
MIN_F1 = 0.93
MIN_PRECISION = 0.945


def _score(schema: str, a: str, b: str, n: int) -> float:
    q = model.make_entity(schema)
    q.id = f"q{n}"
    q.add("name", a)
    c = model.make_entity(schema)
    c.id = f"c{n}"
    c.add("name", b)
    return score_profiles(build_profile(q), build_profile(c))[0]


def test_name_bench_quality() -> None:
    path = shared_path("names", "name_bench.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    tp = fp = fn = 0
    strong_wrong = []
    for n, row in enumerate(rows):
        gold = row["is_match"].strip().lower() == "true"
        hit = _score(row["schema"], row["name1"], row["name2"], n) >= DEFAULT_THRESHOLD
        tp += hit and gold
        fp += hit and not gold
        fn += gold and not hit
        if row["quality"] == "STRONG" and hit != gold:
            strong_wrong.append((row["name1"], row["name2"]))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert not strong_wrong
    assert precision >= MIN_PRECISION, precision
    assert f1 >= MIN_F1, f1
