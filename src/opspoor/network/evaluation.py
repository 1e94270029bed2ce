"""How well recovered groups match the truth: adjusted Rand index and pairwise precision/recall.

    >>> truth = {"a": 1, "b": 1, "c": 2}
    >>> adjusted_rand_index(truth, {"a": "x", "b": "x", "c": "y"})
    1.0
    >>> pairwise_scores(truth, {"a": "x", "b": "y", "c": "y"})
    PairwiseScores(precision=0.0, recall=0.0, true_pairs=1, predicted_pairs=1, correct_pairs=0)

Items missing from `predicted` count as singletons. Both measures are computed from the
contingency table, so they cost O(items), not O(pairs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _tables(
    truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]
) -> tuple[Counter, Counter, Counter]:
    cells: Counter = Counter()
    rows: Counter = Counter()
    cols: Counter = Counter()
    for item, label in truth.items():
        guess = predicted.get(item, ("singleton", item))
        cells[(label, guess)] += 1
        rows[label] += 1
        cols[guess] += 1
    return cells, rows, cols


def adjusted_rand_index(truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index over the items of `truth` (1.0 = identical)."""
    cells, rows, cols = _tables(truth, predicted)
    n = sum(rows.values())
    index = sum(_pairs(v) for v in cells.values())
    sum_rows = sum(_pairs(v) for v in rows.values())
    sum_cols = sum(_pairs(v) for v in cols.values())
    total = _pairs(n)
    if total == 0:
        return 1.0
    expected = sum_rows * sum_cols / total
    maximum = (sum_rows + sum_cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class PairwiseScores:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def pairwise_scores(
    truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]
) -> PairwiseScores:
    """Of the item pairs put in one group, how many truly belong together (precision), and of
    the pairs that belong together, how many were put together (recall)."""
    cells, rows, cols = _tables(truth, predicted)
    correct = sum(_pairs(v) for v in cells.values())
    true_pairs = sum(_pairs(v) for v in rows.values())
    predicted_pairs = sum(_pairs(v) for v in cols.values())
    return PairwiseScores(
        precision=correct / predicted_pairs if predicted_pairs else 1.0,
        recall=correct / true_pairs if true_pairs else 1.0,
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
    )
