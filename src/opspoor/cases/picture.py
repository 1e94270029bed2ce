"""The network picture of a case: entities, the links between them and the phones, e-mail
addresses and accounts they share — as a graph, an SVG drawn on the server, or Cytoscape JSON.

    >>> graph = case_graph(evidence.proxies(), highlight=attached_ids)
    >>> svg = render_svg(graph)                  # for the dossier (no JavaScript in a PDF)
    >>> elements = cytoscape_elements(graph)     # for the web app's interactive view

Link entities (Family, Membership, Ownership, UnknownLink ...) become edges; a Mention becomes
an edge from its document to the person it names; shared identifiers become small value nodes,
which is how "these twelve ads, these three phones" shows up as a picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

KIND_COLOURS = {
    "person": "#c0392b",
    "organization": "#2471a3",
    "document": "#7d6608",
    "sanction": "#6c3483",
    "phone": "#117a65",
    "email": "#117a65",
    "account": "#117a65",
    "thing": "#566573",
}
WIDTH, HEIGHT, MARGIN = 960, 640, 70
MAX_LABEL = 28
MAX_EDGE_LABELS = 40  # beyond this, edge labels only clutter the picture


@dataclass(frozen=True)
class ScreeningHit:
    """A screened name (not a store entity) and the list entry it was matched to."""

    alert_id: int
    subject_id: str
    name: str
    schema: str
    entity_id: str
    score: float


def node_kind(entity: EntityProxy) -> str:
    schema = entity.schema
    if schema.is_a("Person"):
        return "person"
    if schema.is_a("Organization") or schema.is_a("LegalEntity"):
        return "organization"
    if schema.is_a("Document"):
        return "document"
    if schema.name == "Sanction":
        return "sanction"
    return "thing"


def _value_kind(prop_name: str, type_name: str) -> str | None:
    if type_name == "phone":
        return "phone"
    if type_name == "email":
        return "email"
    if prop_name in ("iban", "ibanMentioned", "accountNumber"):
        return "account"
    return None


def case_graph(
    entities: Iterable[EntityProxy],
    highlight: Iterable[str] = (),
    hits: Iterable[ScreeningHit] = (),
) -> nx.MultiGraph:
    """A graph of the given entities; `highlight` marks the ones attached to the case itself,
    `hits` adds each screened name with an edge to the list entry it matched."""
    ents = {e.id: e for e in entities if e.id}
    marked = set(highlight)
    g = nx.MultiGraph()

    def add_entity_node(eid: str) -> None:
        if eid in g:
            return
        ent = ents.get(eid)
        if ent is None:
            g.add_node(eid, label=eid, kind="thing", schema="", attached=False)
            return
        g.add_node(
            eid,
            label=str(ent.caption),
            kind=node_kind(ent),
            schema=ent.schema.name,
            attached=eid in marked,
        )

    for eid, ent in ents.items():
        schema = ent.schema
        if schema.edge and schema.edge_source and schema.edge_target:
            continue  # drawn as edges below
        if schema.name == "Mention":
            continue
        add_entity_node(eid)
    for eid, ent in ents.items():
        schema = ent.schema
        if schema.edge and schema.edge_source and schema.edge_target:
            label = _edge_label(ent)
            for src in ent.get(schema.edge_source):
                for dst in ent.get(schema.edge_target):
                    add_entity_node(src)
                    add_entity_node(dst)
                    g.add_edge(src, dst, label=label, via=eid)
            continue
        if schema.name == "Mention":
            targets = ent.get("resolved")
            for doc in ent.get("document"):
                add_entity_node(doc)
                for target in targets:
                    add_entity_node(target)
                    g.add_edge(doc, target, label="mentions", via=eid)
                if not targets:
                    name = (ent.get("name") or [eid])[0]
                    node = f"name:{name.lower()}"
                    g.add_node(
                        node,
                        label=name,
                        kind="person" if "Person" in ent.get("detectedSchema") else "thing",
                        schema="",
                        attached=False,
                    )
                    g.add_edge(doc, node, label="mentions", via=eid)
            continue
        for prop, value in ent.itervalues():
            if prop.type == registry.entity and value in ents and value != eid:
                if ents[value].schema.edge or ents[value].schema.name == "Mention":
                    continue
                add_entity_node(value)
                label = "sanction" if schema.name == "Sanction" else prop.label.lower()
                g.add_edge(eid, value, label=label, via=eid)
                continue
            kind = _value_kind(prop.name, prop.type.name)
            if kind is not None:
                node = f"{kind}:{value}"
                if node not in g:
                    g.add_node(node, label=value, kind=kind, schema="", attached=False)
                g.add_edge(eid, node, label=prop.label.lower(), via=eid)
    for hit in hits:
        node = f"subject:{hit.subject_id}"
        if node not in g:
            g.add_node(
                node,
                label=hit.name,
                kind="person" if hit.schema == "Person" else "organization",
                schema="",
                attached=True,
            )
        add_entity_node(hit.entity_id)
        g.add_edge(
            node, hit.entity_id, label=f"list hit {hit.score:.2f}", via=f"alert:{hit.alert_id}"
        )
    return g


def _edge_label(ent: EntityProxy) -> str:
    for prop in ("relationship", "role", "ownershipType"):
        if ent.schema.get(prop) is not None and ent.get(prop):
            return str(ent.get(prop)[0])
    return str(ent.schema.edge_label or ent.schema.label).lower()


def _component_layout(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]² for one connected component."""
    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    if n == 2:
        a, b = list(graph.nodes)
        return {a: (0.15, 0.5), b: (0.85, 0.5)}
    pos = nx.spring_layout(graph, seed=seed, k=1.8 / math.sqrt(n), iterations=200)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {node: ((p[0] - min(xs)) / span_x, (p[1] - min(ys)) / span_y) for node, p in pos.items()}


def layout(
    graph: nx.MultiGraph, seed: int = 7, width: float = WIDTH, height: float = HEIGHT
) -> dict[str, tuple[float, float]]:
    """Node positions in pixels (deterministic for a given graph).

    Each connected component is laid out on its own and the components are packed on shelves,
    bigger ones first, each in a box whose side grows with the square root of its size — so a
    lone list entry does not get flung into a corner by the force layout.
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph)
    components = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    sides = [math.sqrt(len(c)) for c in components]
    usable_w, usable_h = width - 2 * MARGIN, height - 2 * MARGIN - 20  # room for the legend
    # Find the largest scale at which the shelves fit the usable area.
    scale = min(usable_w, usable_h) / max(sides)
    while scale > 1:
        x = y = shelf = 0.0
        fits = True
        for side in sides:
            box = side * scale
            if x + box > usable_w + 1e-6:
                x, y, shelf = 0.0, y + shelf, 0.0
            if y + box > usable_h + 1e-6:
                fits = False
                break
            x += box
            shelf = max(shelf, box)
        if fits:
            break
        scale *= 0.9
    pos: dict[str, tuple[float, float]] = {}
    x = y = shelf = 0.0
    for comp, side in zip(components, sides, strict=True):
        box = side * scale
        if x + box > usable_w + 1e-6:
            x, y, shelf = 0.0, y + shelf, 0.0
        pad = min(40.0, box * 0.18)
        inner = max(box - 2 * pad, 1.0)
        for node, (u, v) in _component_layout(simple.subgraph(comp), seed).items():
            pos[node] = (MARGIN + x + pad + u * inner, MARGIN + y + pad + v * inner)
        x += box
        shelf = max(shelf, box)
    return pos


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def render_svg(graph: nx.MultiGraph, title: str = "Network picture") -> str:
    """A self-contained SVG of the graph (no scripts, no external references)."""
    pos = layout(graph)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    if not pos:
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="#555">'
            "No entities to draw</text></svg>"
        )
        return "".join(out)
    seen_pairs: dict[tuple[str, str], int] = {}
    with_labels = graph.number_of_edges() <= MAX_EDGE_LABELS
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        pair = (min(a, b), max(a, b))
        nth = seen_pairs.get(pair, 0)
        seen_pairs[pair] = nth + 1
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'stroke="#8a8a8a" stroke-width="1.4"/>'
        )
        if not with_labels:
            continue
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2 + nth * 11
        out.append(
            f'<text x="{mx:.1f}" y="{my:.1f}" font-size="10" fill="#555" text-anchor="middle">'
            f"{escape(_short(str(data.get('label', ''))))}</text>"
        )
    for node, data in graph.nodes(data=True):
        x, y = pos[node]
        kind = data.get("kind", "thing")
        colour = KIND_COLOURS.get(kind, KIND_COLOURS["thing"])
        radius = 7 if kind in ("phone", "email", "account") else 11
        stroke = ' stroke="#000" stroke-width="2.5"' if data.get("attached") else ""
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}"{stroke}>'
            f"<title>{escape(str(data.get('label', node)))}</title></circle>"
        )
        out.append(
            f'<text x="{x:.1f}" y="{y + radius + 12:.1f}" font-size="11" text-anchor="middle" '
            f'fill="#111">{escape(_short(str(data.get("label", node))))}</text>'
        )
    legend_y = HEIGHT - 14
    x = 12.0
    for kind in ("person", "organization", "document", "sanction", "phone", "thing"):
        if any(d.get("kind") == kind for _, d in graph.nodes(data=True)):
            out.append(
                f'<circle cx="{x + 6:.0f}" cy="{legend_y - 4}" r="5" fill="{KIND_COLOURS[kind]}"/>'
            )
            out.append(
                f'<text x="{x + 15:.0f}" y="{legend_y}" font-size="11" fill="#333">'
                f"{'phone / e-mail / account' if kind == 'phone' else kind}</text>"
            )
            x += 60 + 6 * len(kind) + (110 if kind == "phone" else 0)
    out.append("</svg>")
    return "".join(out)


def cytoscape_elements(graph: nx.MultiGraph) -> list[dict[str, Any]]:
    """Nodes (placed as in the SVG) and edges in Cytoscape.js's element format."""
    elements: list[dict[str, Any]] = []
    pos = layout(graph)
    for node, data in graph.nodes(data=True):
        x, y = pos[node]
        elements.append(
            {
                "group": "nodes",
                "position": {"x": round(x, 1), "y": round(y, 1)},
                "data": {
                    "id": node,
                    "label": data.get("label", node),
                    "kind": data.get("kind", "thing"),
                    "schema": data.get("schema", ""),
                    "attached": bool(data.get("attached")),
                    "colour": KIND_COLOURS.get(data.get("kind", "thing"), KIND_COLOURS["thing"]),
                },
            }
        )
    for i, (a, b, data) in enumerate(graph.edges(data=True)):
        elements.append(
            {
                "group": "edges",
                "data": {
                    "id": f"e{i}",
                    "source": a,
                    "target": b,
                    "label": data.get("label", ""),
                    "via": data.get("via"),
                },
            }
        )
    return elements
