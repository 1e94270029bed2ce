"""The network view: an interactive Cytoscape.js graph of a case, an entity's surroundings, or
a link group (ads sharing phones, templates or photos), drawn in the browser from JSON.

The graph data comes from the same builder as the dossier's picture (opspoor.cases.picture).
Showing a case's network is a read of the case and is logged.
"""

from __future__ import annotations

import threading
from typing import Any

import networkx as nx
from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from followthemoney import model
from sqlalchemy import func, select

from opspoor.cases.access import Actor, NotFound
from opspoor.cases.casework import list_cases, read_case
from opspoor.cases.dossier import alert_details, screening_hits
from opspoor.cases.evidence import gather_evidence
from opspoor.cases.picture import case_graph, cytoscape_elements, node_kind
from opspoor.store.db import Store
from opspoor.web.auth import current_actor, store_of
from opspoor.web.pages import page_router
from opspoor.web.render import render

router = page_router()
MAX_NODES = 400  # beyond this a picture stops helping; narrow the question instead
GROUP_LIST = 50


def latest_groups(store: Store, limit: int = GROUP_LIST) -> list[dict[str, Any]]:
    """The largest link groups of the newest link run (opspoor.network), biggest first."""
    from opspoor.network.link_runs import stored_groups

    return stored_groups(store)[:limit]


def group_graph(store: Store, group_id: str) -> nx.MultiGraph:
    """A link group: its members and the links (shared phone, template, photo) that joined them."""
    from opspoor.network.link_runs import stored_groups

    group = next((g for g in stored_groups(store) if g["group"] == group_id), None)
    if group is None:
        raise NotFound(f"no link group {group_id!r} in the latest link run")
    members = group["members"][:MAX_NODES]
    all_sources = [s.id for s in store.list_sources()]
    proxies = [se.entity for se in store.iter_entities(source_ids=all_sources, entity_ids=members)]
    graph = case_graph(proxies, highlight=members)
    for link in group["links"]:
        for node in (link["left"], link["right"]):
            if node not in graph:
                graph.add_node(node, label=node, kind="thing", schema="", attached=True)
        graph.add_edge(
            link["left"], link["right"], label=f"{link['kind']} {link['value']}"[:60], via="link"
        )
    return graph


_graph_lock = threading.Lock()


def store_network(request: Request) -> Any:
    """opspoor.network's graph of the current sources (resolved entities as one node, documents
    included), rebuilt when a source or a network run is added."""
    from opspoor.network.graph import graph_from_store
    from opspoor.network.tables import network_runs

    store = store_of(request)
    with store.connect() as conn:
        last_run = conn.execute(select(func.max(network_runs.c.id))).scalar()
    key = (tuple(store.current_source_ids()), last_run)
    cached = getattr(request.app.state, "network_graph", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    with _graph_lock:
        cached = getattr(request.app.state, "network_graph", None)
        if cached is None or cached[0] != key:
            request.app.state.network_graph = (key, graph_from_store(store, include_documents=True))
        return request.app.state.network_graph[1]


def entity_graph(request: Request, ref: str, depth: int = 2) -> nx.MultiGraph:
    """Everyone within `depth` relations of an entity (an id or a name), from opspoor.network."""
    from opspoor.network.analytics import ego_network, find_node

    network = store_network(request)
    center = find_node(network, ref)
    ego = ego_network(network, center, depth=depth)
    picture = nx.MultiGraph()
    for node, data in ego.nodes(data=True):
        schema = model.get(str(data.get("schema") or ""))
        kind = node_kind(model.make_entity(schema)) if schema is not None else "thing"
        if data.get("sanctioned") and kind == "thing":
            kind = "sanction"
        label = str(data.get("label") or node)
        if data.get("sanctioned"):
            label += " (sanctioned)"
        picture.add_node(
            node, label=label, kind=kind, schema=data.get("schema") or "", attached=node == center
        )
    for a, b, key, data in ego.edges(keys=True, data=True):
        picture.add_edge(a, b, label=str(data.get("label") or ""), via=str(key))
    return picture


@router.get("/network")
def network_page(
    request: Request,
    case: int | None = None,
    entity: str | None = None,
    group: str | None = None,
    actor: Actor = Depends(current_actor),
) -> Response:
    store = store_of(request)
    query = ""
    title = "Choose what to draw"
    if case is not None:
        query, title = f"case={case}", f"Case {case}"
    elif entity:
        query, title = f"entity={entity}", f"Around {entity}"
    elif group:
        query, title = f"group={group}", f"Link group {group}"
    from urllib.parse import quote

    src = "/network/graph.json?" + "&".join(
        f"{k}={quote(str(v), safe='')}"
        for k, v in (("case", case), ("entity", entity), ("group", group))
        if v
    )
    return render(
        request,
        "network.html",
        active="network",
        query=query,
        title=title,
        graph_src=src if query else "",
        cases=list_cases(store, actor),
        groups=latest_groups(store),
        selected={"case": case, "entity": entity or "", "group": group or ""},
    )


@router.get("/network/graph.json")
def network_graph(
    request: Request,
    case: int | None = None,
    entity: str | None = None,
    group: str | None = None,
    actor: Actor = Depends(current_actor),
) -> Response:
    store = store_of(request)
    if case is not None:
        view = read_case(store, actor, case, purpose="network")
        ev = gather_evidence(store, view)
        attached = [eid for eid, ef in ev.entities.items() if ef.role == "attached"]
        alert_ids = [
            int(i["ref"]) for i in view.items if i["kind"] == "alert" and str(i["ref"]).isdigit()
        ]
        hits = screening_hits(alert_details(store, alert_ids))
        graph = case_graph(ev.proxies(), highlight=attached, hits=hits)
    elif entity:
        graph = entity_graph(request, entity)
    elif group:
        graph = group_graph(store, group)
    else:
        return JSONResponse({"detail": "give case, entity or group"}, status_code=400)
    truncated = graph.number_of_nodes() > MAX_NODES
    if truncated:
        keep = sorted(graph.degree, key=lambda nd: -nd[1])[:MAX_NODES]
        graph = graph.subgraph([n for n, _ in keep]).copy()
    return JSONResponse(
        {
            "elements": cytoscape_elements(graph),
            "truncated": truncated,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
        }
    )
