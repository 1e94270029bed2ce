import datetime as dt

from opspoor.network.resolver import (
    BELOW,
    BLOCKED,
    MERGE,
    NOT_SAME,
    REVIEW,
    SAME,
    UNSURE,
    Judgement,
    ScoredPair,
    assign_canonical_ids,
    cluster_pairs,
    latest_judgements,
)

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def judge(a, b, what, minutes=0):
    return Judgement(a, b, what, "mia", None, T0 + dt.timedelta(minutes=minutes))


def by_member(clustering):
    return {m: frozenset(c) for c in clustering.clusters for m in c}


def test_scores_merge_transitively_above_the_threshold():
    pairs = [
        ScoredPair("a", "b", 0.95),
        ScoredPair("b", "c", 0.92),
        ScoredPair("c", "d", 0.6),
        ScoredPair("d", "e", 0.1),
    ]
    result = cluster_pairs(pairs, {}, merge_at=0.9, review_at=0.5)
    assert result.clusters == [["a", "b", "c"]]
    assert [result.status[p.key] for p in pairs] == [MERGE, MERGE, REVIEW, BELOW]
    assert [p.key for p in result.review_queue(pairs)] == [("c", "d")]


def test_not_same_keeps_clusters_apart_even_through_chains():
    # a=b and c=d by analysts; a is not d. Then b~c scores high: joining would put a with d.
    j = latest_judgements([judge("a", "b", SAME), judge("c", "d", SAME), judge("a", "d", NOT_SAME)])
    result = cluster_pairs([ScoredPair("b", "c", 0.99)], j)
    members = by_member(result)
    assert members["a"] == {"a", "b"} and members["c"] == {"c", "d"}
    assert result.status[("b", "c")] == BLOCKED


def test_unsure_pairs_are_neither_merged_nor_queued():
    j = latest_judgements([judge("a", "b", UNSURE)])
    result = cluster_pairs([ScoredPair("a", "b", 0.99), ScoredPair("c", "d", 0.7)], j)
    assert result.clusters == []
    assert result.status[("a", "b")] == UNSURE
    assert [
        p.key for p in result.review_queue([ScoredPair("a", "b", 0.99), ScoredPair("c", "d", 0.7)])
    ] == [("c", "d")]


def test_latest_judgement_wins():
    history = [judge("b", "a", SAME, 0), judge("a", "b", NOT_SAME, 5)]
    latest = latest_judgements(history)
    assert latest[("a", "b")].judgement == NOT_SAME
    assert cluster_pairs([ScoredPair("a", "b", 0.99)], latest).clusters == []
    latest = latest_judgements([*history, judge("a", "b", SAME, 9)])
    assert cluster_pairs([], latest).clusters == [["a", "b"]]


def test_one_source_never_merges_with_itself_automatically_but_an_analyst_may():
    sources = {"a": {1}, "b": {1}, "c": {2}}
    result = cluster_pairs([ScoredPair("a", "c", 0.99), ScoredPair("b", "c", 0.98)], {}, sources)
    assert result.clusters == [["a", "c"]]
    assert result.status[("b", "c")] == BLOCKED
    analyst = cluster_pairs([], latest_judgements([judge("a", "b", SAME)]), sources)
    assert analyst.clusters == [["a", "b"]]


def test_conflicting_same_judgement_is_reported_not_applied():
    j = latest_judgements(
        [judge("a", "b", SAME, 0), judge("b", "c", NOT_SAME, 1), judge("a", "c", SAME, 2)]
    )
    result = cluster_pairs([], j)
    assert by_member(result)["a"] == {"a", "b"}
    assert len(result.conflicts) == 1 and result.conflicts[0]["left"] == "a"


def test_canonical_ids_survive_a_cluster_growing():
    first = assign_canonical_ids([["a", "b"], ["c", "d"]])
    assert first["a"] == first["b"] != first["c"]
    second = assign_canonical_ids([["a", "b", "e"], ["c", "d"]], first)
    assert second["e"] == first["a"] and second["c"] == first["c"]
    # two old clusters merged: one id survives, never both on different members
    third = assign_canonical_ids([["a", "b", "c", "d", "e"]], second)
    assert len(set(third.values())) == 1 and third["a"] in {first["a"], first["c"]}
