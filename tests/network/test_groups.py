import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from opspoor.network.evaluation import adjusted_rand_index, pairwise_scores
from opspoor.network.groups import DisjointSet, group_id


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=60))
def test_disjoint_sets_equal_connected_components(edges):
    ds = DisjointSet(str(i) for i in range(31))
    graph = nx.Graph()
    graph.add_nodes_from(str(i) for i in range(31))
    for a, b in edges:
        ds.union(str(a), str(b))
        graph.add_edge(str(a), str(b))
    got = sorted(tuple(s) for s in ds.sets())
    want = sorted(tuple(sorted(c, key=str)) for c in nx.connected_components(graph))
    assert got == want


def test_group_id_is_stable_and_depends_on_the_first_member():
    assert group_id(["b", "a"]) == group_id(["a", "c"]) != group_id(["b", "c"])


def test_adjusted_rand_index_known_values():
    truth = dict(zip("abcdef", [0, 0, 0, 1, 1, 1], strict=True))
    assert adjusted_rand_index(truth, truth) == 1.0
    assert adjusted_rand_index(truth, {k: f"x{v}" for k, v in truth.items()}) == 1.0
    pred = dict(zip("abcdef", [0, 0, 1, 1, 2, 2], strict=True))
    # The textbook example (Hubert & Arabie; also scikit-learn's documentation): 0.2424...
    assert abs(adjusted_rand_index(truth, pred) - 0.242424) < 1e-5


def test_pairwise_precision_and_recall():
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    scores = pairwise_scores(truth, pred)
    assert (scores.correct_pairs, scores.predicted_pairs, scores.true_pairs) == (1, 2, 3)
    assert scores.precision == 0.5 and abs(scores.recall - 1 / 3) < 1e-9
    # items missing from the prediction are singletons
    assert pairwise_scores(truth, {}).predicted_pairs == 0
