"""Questions analysts ask of a network: how are these two connected, who is the nearest
sanctioned party, who are the brokers, which clusters form, who is around this person.

    >>> path = shortest_path(g, "Walid Haddad", "ofac-24311")
    >>> [step["relations"][0]["evidence"] for step in path.steps]
    ['Walid Haddad is the nephew of Mohammed Kashlaf.', ...]
    >>> paths_to_sanctioned(g, "Walid Haddad", max_hops=3)
    >>> centrality(g.graph, top=10)

Every path step lists each relation between its two nodes with its evidence sentence,
document and source, so a path can be cited, not just drawn.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from opspoor.errors import InputError
from opspoor.names import normalize_name
from opspoor.network.graph import NetworkGraph

MAX_PATHS = 50


@dataclass
class Path:
    nodes: list[dict[str, Any]]
    steps: list[dict[str, Any]]

    @property
    def hops(self) -> int:
        return len(self.steps)

    def as_dict(self) -> dict[str, Any]:
        return {"hops": self.hops, "nodes": self.nodes, "steps": self.steps}


def find_node(g: NetworkGraph, ref: str) -> str:
    """The node an analyst means: a node id, an entity id merged into a node, or a name
    (the whole name, or words of it: "Haddad" finds "Walid Haddad" if no one else fits).

    Raises InputError when nothing matches or a name fits several nodes (listing them).
    """
    graph = g.graph
    if ref in graph:
        return ref
    if ref in g.node_of:
        return g.node_of[ref]
    wanted = normalize_name(ref)
    if not wanted:
        raise InputError(f"no entity {ref!r} in the network", field="entity")
    words = set(wanted.split())
    exact: list[str] = []
    partial: list[str] = []
    for node, data in graph.nodes(data=True):
        label = normalize_name(str(data.get("label", "")))
        if label == wanted:
            exact.append(node)
        elif words <= set(label.split()):
            partial.append(node)
    found = exact or partial
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            f"no entity named {ref!r} in the network",
            field="entity",
            hint="give an entity id, or see `opspoor network centrality` for names in the network",
        )
    listed = ", ".join(f"{n} ({graph.nodes[n].get('label')})" for n in sorted(found)[:8])
    raise InputError(
        f"{ref!r} fits {len(found)} entities: {listed}", field="entity", hint="give the id"
    )


def _node_info(graph: nx.MultiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {
        "id": node,
        "label": data.get("label"),
        "schema": data.get("schema"),
        "sanctioned": bool(data.get("sanctioned")),
        "programs": data.get("programs") or "",
        "datasets": data.get("datasets") or "",
    }


def _relations(graph: nx.MultiGraph, a: str, b: str) -> list[dict[str, Any]]:
    out = []
    for key, data in sorted(
        graph.get_edge_data(a, b, default={}).items(), key=lambda kv: str(kv[0])
    ):
        out.append(
            {
                "id": key,
                "schema": data.get("schema"),
                "label": data.get("label"),
                "direction": f"{data.get('source')} -> {data.get('target')}",
                "evidence": data.get("evidence") or "",
                "location": data.get("location") or "",
                "proof": data.get("proof") or "",
                "document": data.get("document") or "",
                "sources": data.get("sources") or "",
                "start": data.get("start") or "",
                "end": data.get("end") or "",
            }
        )
    # Relations with an evidence sentence first: they are what an analyst can cite.
    out.sort(key=lambda r: (not r["evidence"], str(r["id"])))
    return out


def path_from_nodes(graph: nx.MultiGraph, nodes: Sequence[str]) -> Path:
    steps = []
    for a, b in itertools.pairwise(nodes):
        steps.append(
            {
                "from": a,
                "from_label": graph.nodes[a].get("label"),
                "to": b,
                "to_label": graph.nodes[b].get("label"),
                "relations": _relations(graph, a, b),
            }
        )
    return Path(nodes=[_node_info(graph, n) for n in nodes], steps=steps)


def shortest_path(g: NetworkGraph, a: str, b: str) -> Path | None:
    """One shortest path between two entities (refs as for `find_node`), or None."""
    src, dst = find_node(g, a), find_node(g, b)
    try:
        nodes = nx.shortest_path(g.graph, src, dst)
    except nx.NetworkXNoPath:
        return None
    return path_from_nodes(g.graph, nodes)


def all_short_paths(
    g: NetworkGraph, a: str, b: str, max_hops: int | None = None, limit: int = 10
) -> list[Path]:
    """All shortest paths, or with `max_hops` every simple path up to that length (shortest
    first, at most `limit`)."""
    src, dst = find_node(g, a), find_node(g, b)
    limit = min(limit, MAX_PATHS)
    try:
        if max_hops is None:
            found = list(itertools.islice(nx.all_shortest_paths(g.graph, src, dst), limit))
        else:
            simple = nx.Graph(g.graph)  # parallel relations do not make a path a new path
            found = list(
                itertools.islice(nx.all_simple_paths(simple, src, dst, cutoff=max_hops), limit * 20)
            )
            found.sort(key=lambda p: (len(p), p))
            found = found[:limit]
    except nx.NetworkXNoPath:
        return []
    return [path_from_nodes(g.graph, p) for p in found]


def sanctioned_nodes(graph: nx.MultiGraph) -> list[str]:
    return [n for n, data in graph.nodes(data=True) if data.get("sanctioned")]


def paths_to_sanctioned(g: NetworkGraph, a: str, max_hops: int = 4, limit: int = 5) -> list[Path]:
    """Shortest paths from an entity to the nearest sanctioned entities (nearest first)."""
    src = find_node(g, a)
    lengths = nx.single_source_shortest_path_length(g.graph, src, cutoff=max_hops)
    targets = sorted(
        (n for n in lengths if n != src and g.graph.nodes[n].get("sanctioned")),
        key=lambda n: (lengths[n], str(g.graph.nodes[n].get("label")), n),
    )[:limit]
    return [path_from_nodes(g.graph, nx.shortest_path(g.graph, src, t)) for t in targets]


def ego_network(g: NetworkGraph, a: str, depth: int = 1) -> nx.MultiGraph:
    """Everyone within `depth` relations of an entity, with the relations among them."""
    if depth < 0:
        raise InputError("depth must be 0 or more", field="depth")
    return nx.ego_graph(g.graph, find_node(g, a), radius=depth)


def communities(graph: nx.MultiGraph, seed: int = 1, min_size: int = 2) -> list[list[str]]:
    """Louvain communities (largest first), ignoring isolated nodes and small groups."""
    simple = nx.Graph(graph)
    simple.remove_nodes_from([n for n, d in simple.degree() if d == 0])
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, seed=seed)
    out = [sorted(c) for c in found if len(c) >= min_size]
    out.sort(key=lambda c: (-len(c), c[0]))
    return out


def centrality(
    graph: nx.MultiGraph, top: int = 20, sample: int | None = None, seed: int = 1
) -> list[dict[str, Any]]:
    """Degree and betweenness centrality, brokers (highest betweenness) first.

    Betweenness is exact up to 2,000 connected nodes; above that it is estimated from `sample`
    (default 500) source nodes, which keeps it to seconds on a large graph.
    """
    simple = nx.Graph(graph)
    n = simple.number_of_nodes()
    if n == 0:
        return []
    degree = nx.degree_centrality(simple) if n > 1 else {node: 0.0 for node in simple}
    # Isolated entities broker nothing; leaving them out makes sampling count where it matters.
    linked = simple.subgraph([node for node in simple if simple.degree(node) > 0])
    m = linked.number_of_nodes()
    k = sample if sample is not None else (None if m <= 2000 else 500)
    between = dict.fromkeys(simple, 0.0)
    if m > 2:
        scores = nx.betweenness_centrality(linked, k=min(k, m) if k else None, seed=seed)
        # rescale to the whole graph's normalisation, so figures compare across filters
        scale = ((m - 1) * (m - 2)) / ((n - 1) * (n - 2)) if n > 2 else 1.0
        between.update({node: value * scale for node, value in scores.items()})
    ranked = sorted(simple.nodes, key=lambda node: (-between[node], -degree[node], str(node)))[:top]
    return [
        dict(
            _node_info(graph, node),
            degree=simple.degree(node),
            degree_centrality=round(degree[node], 4),
            betweenness=round(between[node], 6),
        )
        for node in ranked
    ]


def _interval(data: dict[str, Any]) -> tuple[str, str] | None:
    start = data.get("start") or data.get("first_seen") or ""
    end = data.get("end") or data.get("last_seen") or ""
    if not start and not end:
        return None
    return (str(start), str(end or start))


def _low(date: str) -> str:
    return date[:10]


def _high(date: str) -> str:
    """The latest day a partial date can mean ("2015" -> "2015-12-31~")."""
    return date[:10] + "~"


def filter_time(
    graph: nx.MultiGraph,
    since: str | None = None,
    until: str | None = None,
    keep_undated: bool = True,
) -> nx.MultiGraph:
    """The network as it was between `since` and `until` (ISO dates, either may be open):
    edges whose dates (start/end, else first/last seen) overlap the window. Undated edges
    stay unless `keep_undated` is False."""
    if not since and not until:
        return graph
    out = nx.MultiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for a, b, key, data in graph.edges(keys=True, data=True):
        span = _interval(data)
        if span is None:
            if keep_undated:
                out.add_edge(a, b, key=key, **data)
            continue
        start, end = span
        if since and _high(end) < since:
            continue
        if until and _low(start) > until:
            continue
        out.add_edge(a, b, key=key, **data)
    return out


def restrict(g: NetworkGraph, graph: nx.MultiGraph) -> NetworkGraph:
    """A NetworkGraph over a filtered copy of the graph (same node lookup)."""
    return NetworkGraph(graph=graph, node_of=g.node_of)
