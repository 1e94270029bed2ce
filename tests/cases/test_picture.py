"""The network picture: links and shared identifiers become edges; the SVG is safe and bounded."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.cases.picture import (
    HEIGHT,
    WIDTH,
    ScreeningHit,
    case_graph,
    cytoscape_elements,
    layout,
    render_svg,
)
from opspoor.store.db import make_entity


def _entities() -> list:
    ad = make_entity("HyperText", "ad-1")
    ad.add("title", "New in town")
    ad.add("phoneMentioned", "+61491570156")
    doc = make_entity("PlainText", "doc-1")
    doc.add("fileName", "statement.txt")
    doc.add("phoneMentioned", "+61491570156")
    person = make_entity("Person", "p-1")
    person.add("name", "Vilmar <script>alert(1)</script> Demovic")
    other = make_entity("Person", "p-2")
    other.add("name", "Amira Exemplara")
    link = make_entity("Associate", "rel-1")
    link.add("person", "p-1")
    link.add("associate", "p-2")
    link.add("relationship", "works with")
    mention = make_entity("Mention", "m-1")
    mention.add("document", "doc-1")
    mention.add("resolved", "p-1")
    mention.add("name", "Vilmar")
    return [ad, doc, person, other, link, mention]


def test_links_mentions_and_shared_phones_become_edges() -> None:
    g = case_graph(
        _entities(),
        highlight=["ad-1"],
        hits=[ScreeningHit(7, "subj-1", "V. Demovic", "Person", "p-1", 0.93)],
    )
    assert "rel-1" not in g and "m-1" not in g  # link entities are edges, not nodes
    labels = {(a, b): d["label"] for a, b, d in g.edges(data=True)}
    assert labels.get(("p-1", "p-2")) == "works with"
    assert labels.get(("doc-1", "p-1")) == "mentions"
    phone = "phone:+61491570156"
    assert set(g.neighbors(phone)) == {"ad-1", "doc-1"}  # the shared phone joins ad and statement
    assert g.nodes["ad-1"]["attached"] and not g.nodes["doc-1"]["attached"]
    assert g.nodes["subject:subj-1"]["label"] == "V. Demovic"
    assert g.has_edge("subject:subj-1", "p-1")
    elements = cytoscape_elements(g)
    nodes = {e["data"]["id"] for e in elements if e["group"] == "nodes"}
    edges = [e for e in elements if e["group"] == "edges"]
    assert nodes == set(g.nodes) and len(edges) == g.number_of_edges()
    assert all(e["data"]["source"] in nodes and e["data"]["target"] in nodes for e in edges)


def test_svg_is_well_formed_and_escapes_names() -> None:
    svg = render_svg(case_graph(_entities()), title="Case <1>")
    root = ElementTree.fromstring(svg)  # raises if not well-formed
    assert root.tag.endswith("svg")
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Case <1>"
    assert "No entities" in render_svg(case_graph([]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), max_size=60), st.integers(1, 25))
def test_layout_stays_inside_the_picture(edges: list[tuple[int, int]], lone: int) -> None:
    entities = []
    for i in range(lone):
        ent = make_entity("Person", f"p{i}")
        ent.add("name", f"Person {i}")
        entities.append(ent)
    for n, (a, b) in enumerate(edges):
        if a < lone and b < lone and a != b:
            rel = make_entity("UnknownLink", f"l{n}")
            rel.add("subject", f"p{a}")
            rel.add("object", f"p{b}")
            entities.append(rel)
    g = case_graph(entities)
    pos = layout(g)
    assert set(pos) == set(g.nodes)
    assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in pos.values())
    assert layout(g) == pos  # deterministic
