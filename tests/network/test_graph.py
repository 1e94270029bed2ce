import networkx as nx
import pytest

from opspoor.errors import InputError
from opspoor.network import analytics
from opspoor.network.graph import graph_from_store
from opspoor.network.resolution import canonical_map, resolve
from tests.network.conftest import COMMANDS, NEPHEW, WORKS_WITH


@pytest.fixture
def resolved_graph(store, small_network):
    resolve(store)
    return store, graph_from_store(store)


def test_path_from_a_person_in_a_document_to_a_sanctioned_entity(resolved_graph):
    store, g = resolved_graph
    paths = analytics.paths_to_sanctioned(g, "Samir Nasser", max_hops=4)
    assert paths, "no path to a sanctioned entity"
    path = paths[0]
    assert path.nodes[0]["label"] == "Samir Nasser"
    end = path.nodes[-1]
    assert end["sanctioned"] and end["id"] == canonical_map(store)["tl-001"]
    assert "XX" in end["programs"]
    assert path.hops == 2
    evidence = [step["relations"][0]["evidence"] for step in path.steps]
    assert evidence == [WORKS_WITH, NEPHEW]  # every edge with its sentence
    first = path.steps[0]["relations"][0]
    assert first["proof"] == "doc2" and first["document"] == "Night boats (doc2.txt)"
    assert first["location"] == "chars 22-72"  # where the sentence sits in the document


def test_shortest_and_all_paths_by_name_or_id(resolved_graph):
    _, g = resolved_graph
    one = analytics.shortest_path(g, "Samir Nasser", "Sea Falcon brigade")
    assert one is not None and one.hops == 2
    assert one.steps[1]["relations"][0]["evidence"] == COMMANDS
    # a merged member's own id finds its node too
    again = analytics.shortest_path(g, "doc2-samir-nasser", "doc1-sea-falcon-brigade")
    assert again is not None and [n["id"] for n in again.nodes] == [n["id"] for n in one.nodes]
    assert len(analytics.all_short_paths(g, "Samir Nasser", "Sea Falcon brigade")) == 1
    assert analytics.shortest_path(g, "Samir Nasser", "HALABI, Nour") is None


def test_names_find_nodes_and_unknown_or_ambiguous_names_are_clear_errors(resolved_graph):
    store, g = resolved_graph
    assert analytics.find_node(g, "haddad") == g.node_of["doc1-walid-haddad"]
    with pytest.raises(InputError, match="no entity named"):
        analytics.find_node(g, "Nobody Here")
    unresolved = graph_from_store(store, resolved=False)
    with pytest.raises(InputError, match="fits 2 entities"):
        analytics.find_node(unresolved, "Walid Haddad")  # one in each document


def test_merged_entities_are_one_node_with_the_relations_of_all(resolved_graph):
    store, g = resolved_graph
    walid = g.node_of["doc1-walid-haddad"]
    assert walid == g.node_of["doc2-walid-haddad"]
    assert g.graph.degree(walid) == 3
    assert set(g.graph.nodes[walid]["members"].split("; ")) == {
        "doc1-walid-haddad",
        "doc2-walid-haddad",
    }
    schemata = {d["schema"] for _, _, d in g.graph.edges(data=True)}
    assert schemata == {"Family", "Membership", "Associate"}
    unresolved = graph_from_store(store, resolved=False)
    assert unresolved.graph.number_of_nodes() == g.graph.number_of_nodes() + 2


def test_ego_communities_and_centrality(resolved_graph):
    _, g = resolved_graph
    ego = analytics.ego_network(g, "Walid Haddad", depth=1)
    assert ego.number_of_nodes() == 4
    assert analytics.ego_network(g, "Samir Nasser", depth=2).number_of_nodes() == 4
    ranked = analytics.centrality(g.graph, top=3)
    assert ranked[0]["label"] == "Walid Haddad" and ranked[0]["betweenness"] > 0
    communities = analytics.communities(g.graph, min_size=2)
    assert sum(len(c) for c in communities) == 4


def test_documents_as_nodes_show_who_is_mentioned_where(store, small_network):
    g = graph_from_store(store, include_documents=True)
    assert "doc1" in g.graph
    mentioned = {g.graph.nodes[n]["label"] for n in g.graph.neighbors("doc1")}
    assert mentioned == {"Walid Haddad", "Karim Omar Zaidan", "Sea Falcon brigade"}


def test_time_filters_keep_relations_of_the_window():
    graph = nx.MultiGraph()
    graph.add_edge("a", "b", key="r1", start="2015", end="2016-06", first_seen="", last_seen="")
    graph.add_edge("b", "c", key="r2", start="2019-02-01", end="", first_seen="", last_seen="")
    graph.add_edge(
        "c", "d", key="r3", start="", end="", first_seen="2021-01-01", last_seen="2021-03-01"
    )
    graph.add_edge("d", "e", key="r4", start="", end="", first_seen="", last_seen="")
    keys = lambda gr: sorted(k for _, _, k in gr.edges(keys=True))  # noqa: E731
    assert keys(analytics.filter_time(graph, since="2016-12-31")) == ["r2", "r3", "r4"]
    assert keys(analytics.filter_time(graph, since="2016-06-15")) == ["r1", "r2", "r3", "r4"]
    assert keys(analytics.filter_time(graph, until="2018")) == ["r1", "r4"]
    assert keys(
        analytics.filter_time(graph, since="2020", until="2021-12", keep_undated=False)
    ) == ["r3"]
    assert analytics.filter_time(graph).number_of_edges() == 4
