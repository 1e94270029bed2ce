import math

import pytest

from opspoor.errors import InputError
from opspoor.network.scoring import PairScorer, probability_of

PARAMS = {
    "prior": 0.5,
    "comparisons": {
        "name": {
            "feature": "name",
            "levels": [
                {"label": "equal", "min": 0.95, "m": 0.8, "u": 0.05},
                {"label": "other", "m": 0.2, "u": 0.95},
            ],
        },
        "birth_date": {
            "levels": [
                {"label": "same", "min": 0.1, "m": 0.5, "u": 0.01},
                {"label": "differ", "m": 0.5, "u": 0.99},
            ],
            "missing": {"m": 1.0, "u": 1.0},
        },
    },
}


def test_weights_add_up_the_fellegi_sunter_way():
    scorer = PairScorer.from_dict(PARAMS)
    result = scorer.score(
        [{"feature": "name", "score": 0.97}, {"feature": "birth_date", "score": 0.1}]
    )
    expected = math.log2(0.8 / 0.05) + math.log2(0.5 / 0.01)  # prior 0.5 adds nothing
    assert abs(result.weight - expected) < 1e-9
    assert abs(result.probability - 2**expected / (1 + 2**expected)) < 1e-12
    assert [c["level"] for c in result.comparisons] == ["equal", "same"]


def test_missing_feature_says_nothing_and_worse_evidence_lowers_the_probability():
    scorer = PairScorer.from_dict(PARAMS)
    only_name = scorer.score([{"feature": "name", "score": 0.97}])
    with_conflict = scorer.score(
        [{"feature": "name", "score": 0.97}, {"feature": "birth_date", "score": -0.2}]
    )
    assert abs(only_name.weight - math.log2(16)) < 1e-9
    assert with_conflict.probability < only_name.probability
    # the best value of a feature counts when the matcher reports several
    twice = scorer.score([{"feature": "name", "score": 0.2}, {"feature": "name", "score": 0.99}])
    assert twice.comparisons[0]["level"] == "equal"


def test_probability_is_bounded():
    assert probability_of(1000) == 1.0 and probability_of(-1000) == 0.0 and probability_of(0) == 0.5


def test_bad_parameters_name_the_file():
    with pytest.raises(InputError, match="scoring"):
        PairScorer.from_dict(
            {"prior": 0.1, "comparisons": {"name": {"levels": [{"m": 0, "u": 1}]}}}
        )
    with pytest.raises(InputError):
        PairScorer.from_dict({"comparisons": {}})


def test_default_parameters_rank_the_libya3_evidence_sensibly():
    scorer = PairScorer.default()
    strong = scorer.score(
        [{"feature": "name", "score": 0.98}, {"feature": "birth_date", "score": 0.1}]
    )
    swapped = scorer.score(
        [
            {"feature": "name", "score": 0.65},
            {"feature": "birth_date", "score": 0.08},
            {"feature": "country", "score": 0.03},
        ]
    )
    unrelated = scorer.score(
        [{"feature": "name", "score": 0.35}, {"feature": "birth_date", "score": -0.2}]
    )
    assert strong.probability > 0.99
    assert swapped.probability >= 0.9  # a nickname-level name, swapped day/month, same country
    assert unrelated.probability < 0.01
