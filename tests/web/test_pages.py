"""The pages render what the store holds: screening, alerts, documents, network, sources."""

from __future__ import annotations

import itertools
import json
import re

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from opspoor.cases import audit
from opspoor.screening.tables import alerts
from opspoor.web.pages.documents import Span, highlight_segments, parse_span
from tests.web.demo_data import Demo
from tests.web.fixtures import Server, login


def test_every_page_renders_for_an_analyst(demo: Demo, server: Server) -> None:
    amina, _ = login(server.url, "amina")
    pages = [
        "/",
        "/search",
        "/alerts",
        "/alerts?status=all",
        f"/alerts/{demo.alerts['Vilmar Demovic']}",
        "/documents",
        f"/documents/{demo.document_source}",
        "/network",
        f"/network?case={demo.cases['hotline']}",
        "/cases",
        f"/cases/{demo.cases['hotline']}",
        "/entities/unsc-xxi-001",
        f"/sources/{demo.list_source}",
        "/account",
        "/crawl",
        f"/crawl/projects/{demo.crawl_project}",
        f"/crawl/captures/{demo.capture_source}",
    ]
    for path in pages:
        resp = amina.get(path)
        assert resp.status_code == 200, path
        assert 'class="error"' not in resp.text, path
    assert amina.get("/no-such-page").status_code == 404
    assert amina.get("/alerts/99999").status_code == 404
    assert amina.get("/entities/nobody").status_code == 404


def test_screening_a_name_and_recording_alerts(demo: Demo, server: Server) -> None:
    amina, csrf = login(server.url, "amina")
    resp = amina.post(
        "/search",
        data={
            "name": "KOSHLAF, Mohamed",
            "birth_date": "1985-12-12",
            "nationality": "ly",
            "schema": "Person",
            "action": "screen",
            "csrf_token": csrf,
        },
    )
    assert resp.status_code == 200
    table = resp.text.split('id="screen-results"')[1]
    assert "LYi.025" in table and "Kashlaf" in table
    with demo.store.connect() as conn:
        before = len(conn.execute(select(alerts)).all())
    recorded = amina.post(
        "/search",
        data={"name": "Amira Exemplari", "action": "screen", "record": "1", "csrf_token": csrf},
    )
    assert recorded.status_code == 200 and "Alerts recorded" in recorded.text
    trail = json.dumps(audit.query_audit(demo.store, action="screening"))
    assert "screening.single" in trail and "Exemplari" not in trail  # ids in the log, not names
    with demo.store.connect() as conn:
        assert len(conn.execute(select(alerts)).all()) > before
    common = amina.post(
        "/search", data={"name": "Mohammed Al Amin", "action": "screen", "csrf_token": csrf}
    )
    rows = re.findall(r'<tr class="is-match">', common.text)
    assert rows == []  # the bare common name is not a match
    search = amina.post("/search", data={"name": "demovi", "action": "search", "csrf_token": csrf})
    assert "Vilmar Karlo DEMOVIC" in search.text and "Vilmar Demovic" in search.text
    empty = amina.post("/search", data={"name": " ", "action": "screen", "csrf_token": csrf})
    assert empty.status_code == 400


def test_clearing_an_alert(demo: Demo, server: Server) -> None:
    amina, csrf = login(server.url, "amina")
    alert_id = demo.alerts["Northwind Demo Shipping"]
    resp = amina.post(
        f"/alerts/{alert_id}/decide",
        data={
            "decision": "false_positive",
            "reason": "different company register number",
            "csrf_token": csrf,
        },
    )
    assert resp.status_code == 303
    page = amina.get(resp.headers["location"])
    assert "false positive" in page.text and "different company register number" in page.text
    with demo.store.connect() as conn:
        assert (
            conn.execute(select(alerts.c.status).where(alerts.c.id == alert_id)).scalar()
            == "false_positive"
        )
    bad = amina.post(
        f"/alerts/{alert_id}/decide", data={"decision": "maybe", "reason": "x", "csrf_token": csrf}
    )
    assert bad.status_code == 400


def test_document_mentions_are_highlighted(demo: Demo, server: Server) -> None:
    amina, _ = login(server.url, "amina")
    html = amina.get(f"/documents/{demo.document_source}").text
    text = html.split('id="doc-text">')[1].split("</div>")[0]
    assert (
        '<mark class="m-phone" title="phoneMentioned: +61491570156">+61 491 570 156</mark>' in text
    )
    assert '<mark class="m-person"' in text and ">Amira Exemplara</mark>" in text
    assert '<mark class="m-email"' in text and '<mark class="m-account"' in text
    plain = re.sub(r"<[^>]+>", "", text)
    assert "Amira Exemplara, a business partner of Vilmar Demovic, collects the money." in plain
    relations = html.split('id="doc-relations"')[1]
    assert (
        "business partner" in relations
        and "Amira Exemplara, a business partner of Vilmar Demovic" in relations
    )


def test_network_json_links_ad_and_statement(demo: Demo, server: Server) -> None:
    amina, _ = login(server.url, "amina")
    data = amina.get(f"/network/graph.json?case={demo.cases['hotline']}").json()
    nodes = {e["data"]["id"]: e["data"] for e in data["elements"] if e["group"] == "nodes"}
    edges = [e["data"] for e in data["elements"] if e["group"] == "edges"]
    phone = "phone:+61491570156"
    linked = {e["source"] for e in edges if e["target"] == phone} | {
        e["target"] for e in edges if e["source"] == phone
    }
    assert {nodes[n]["schema"] for n in linked} == {"PlainText", "HyperText"}
    assert any(
        e["label"].startswith("list hit") and "unsc-xxi-001" in (e["source"], e["target"])
        for e in edges
    )
    listed = amina.get("/network/graph.json?entity=unsc-xxi-001").json()
    labels = [e["data"]["label"] for e in listed["elements"] if e["group"] == "nodes"]
    assert "Vilmar Karlo DEMOVIC (sanctioned)" in labels
    around = amina.get("/network/graph.json", params={"entity": "Amira Exemplara"}).json()  # a name
    names = {e["data"]["label"] for e in around["elements"] if e["group"] == "nodes"}
    assert {"Amira Exemplara", "Vilmar Demovic"} <= names
    edges_around = [e["data"]["label"] for e in around["elements"] if e["group"] == "edges"]
    assert "business partner" in edges_around
    group = amina.get("/network/graph.json", params={"group": demo.link_group}).json()
    links = [e["data"]["label"] for e in group["elements"] if e["group"] == "edges"]
    assert "phone +61491570156" in links
    assert amina.get("/network/graph.json").status_code == 400
    assert amina.get("/network/graph.json", params={"entity": "Nobody Atall"}).status_code == 400
    assert amina.get("/network/graph.json", params={"group": "grp-none"}).status_code == 404


def test_crawl_findings_with_flags_explained(demo: Demo, server: Server) -> None:
    from opspoor.signals.rules import default_rulebook

    amina, _ = login(server.url, "amina")
    assert "demo-ads" in amina.get("/crawl").text
    findings = amina.get(f"/crawl/projects/{demo.crawl_project}").text.split('id="findings"')[1]
    assert "Escort Mia, new in town" in findings and "0.70" in findings
    page = amina.get(f"/crawl/captures/{demo.capture_source}").text
    flags = page.split('id="flags"')[1].split("</table>")[0]
    rule = default_rulebook().rule("nl_police.new_in_town")
    assert ">new in town</mark>" in flags and rule.title in flags
    assert (
        rule.sources and rule.sources[0].publisher in flags
    )  # each flag names its published source
    assert "urn:uuid:7c1e2f3a-0000-4000-8000-000000004711" in page.split('id="capture-evidence"')[1]
    text = page.split('id="capture-text">')[1].split("</div>")[0]
    assert '<mark class="m-flag" title="third_party: ' in text and '<mark class="m-phone"' in text


def test_fact_links_open_the_cited_statement(demo: Demo, server: Server) -> None:
    amina, _ = login(server.url, "amina")
    entity = amina.get("/entities/unsc-xxi-001").text
    link = re.search(r'href="(/sources/\d+\?statement=[0-9a-f]+)"', entity)
    assert link
    page = amina.get(link.group(1).replace("&amp;", "&"))
    assert page.status_code == 200 and 'class="cited"' in page.text
    assert amina.get(f"/sources/{demo.list_source}?statement=deadbeef").status_code == 404


@given(
    st.text(max_size=200),
    st.lists(st.tuples(st.integers(-5, 220), st.integers(0, 60)), max_size=12),
)
def test_highlight_segments_keep_the_text(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [Span(start, start + length, "phone", "x") for start, length in raw]
    segments = highlight_segments(text, spans)
    assert "".join(s.text for s in segments) == text
    marked = [s.span for s in segments if s.span is not None]
    assert all(a.end <= b.start for a, b in itertools.pairwise(marked))
    assert all(s.text for s in segments)


def test_parse_span() -> None:
    assert parse_span("chars 12-30") == (12, 30)
    assert parse_span("report.txt, chars 5–9") == (5, 9)
    assert (
        parse_span("sdn.csv line 4") is None
        and parse_span(None) is None
        and parse_span("chars 9-9") is None
    )
