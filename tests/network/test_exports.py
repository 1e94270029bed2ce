import csv
import json

import networkx as nx
import orjson
import pytest
from followthemoney import model

from opspoor.network.exports import write_csv, write_cypher, write_ftm_entities, write_graph
from opspoor.network.graph import graph_from_store
from opspoor.network.resolution import canonical_map, resolve
from tests.network.conftest import NEPHEW


@pytest.fixture
def exported(store, small_network, tmp_path):
    resolve(store)
    return store, graph_from_store(store), tmp_path


def test_gexf_and_graphml_open_in_networkx(exported):
    _, g, tmp = exported
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        path = tmp / f"net.{fmt}"
        write_graph(g, path, fmt)
        back = reader(path)
        assert back.number_of_nodes() == g.graph.number_of_nodes()
        assert back.number_of_edges() == g.graph.number_of_edges()
        evidence = {d.get("evidence") for _, _, d in back.edges(data=True)}
        assert NEPHEW in evidence
        sanctioned = [n for n, d in back.nodes(data=True) if d.get("sanctioned") in (True, "true")]
        assert len(sanctioned) == 3


def test_ftm_json_lines_read_back_with_followthemoney(exported):
    store, _, tmp = exported
    path = tmp / "net.ftm.json"
    mapping = canonical_map(store)
    with open(path, "wb") as fh:
        count = write_ftm_entities(store.iter_entities(), mapping, fh)
    proxies = [
        model.get_proxy(orjson.loads(line), cleaned=False)
        for line in path.read_bytes().splitlines()
    ]
    assert len(proxies) == count
    ids = {p.id for p in proxies}
    zaidan = mapping["tl-001"]
    assert zaidan in ids and "tl-001" not in ids and "doc1-karim-omar-zaidan" not in ids
    merged = next(p for p in proxies if p.id == zaidan)
    assert merged.get("birthDate") == ["1979-03-04"] and "doc1" in merged.get("proof")
    family = next(p for p in proxies if p.schema.name == "Family")
    assert family.get("relative") == [zaidan]  # references point at the canonical entity
    sanction = next(
        p for p in proxies if p.schema.name == "Sanction" and p.first("entity") == zaidan
    )
    assert sanction.first("program") == "XX"


def test_cypher_merges_nodes_and_relations_safely(exported, tmp_path):
    _, g, _ = exported
    g.graph.nodes[g.node_of["tl-002"]]["label"] = 'HALABI, "Nour" \\ x'
    path = tmp_path / "net.cypher"
    with open(path, "w", encoding="utf-8") as fh:
        count = write_cypher(g, fh)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count == 1 + g.graph.number_of_nodes() + g.graph.number_of_edges()
    assert (
        sum(1 for line in lines if line.startswith("MERGE (n:Entity")) == g.graph.number_of_nodes()
    )
    assert any(":FAMILY {id:" in line and json.dumps(NEPHEW) in line for line in lines)
    assert any(json.dumps('HALABI, "Nour" \\ x') in line for line in lines)  # quotes escaped
    assert all(line.endswith(";") for line in lines)


def test_csv_nodes_and_edges(exported):
    _, g, tmp = exported
    nodes_path, edges_path = write_csv(g, tmp / "csv")
    with open(nodes_path, encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(edges_path, encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(nodes) == g.graph.number_of_nodes() and len(edges) == g.graph.number_of_edges()
    node_ids = {n["id"] for n in nodes}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in edges)
    family = next(e for e in edges if e["schema"] == "Family")
    assert family["evidence"] == NEPHEW and family["proof"] == "doc1"
