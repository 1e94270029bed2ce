"""The referral dossier: the PDF opens, every fact links to a statement that exists in the store,
the FtM bundle carries the same facts, and building it is logged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest
from followthemoney import model
from sqlalchemy import select

from opspoor.cases import audit
from opspoor.cases.access import AccessDenied
from opspoor.cases.casework import decide_item, read_case
from opspoor.cases.dossier import build_dossier
from opspoor.cases.users import find_user
from opspoor.errors import OpspoorError
from opspoor.screening.alerts import decide
from opspoor.store.tables import sources, statements
from tests.web.demo_data import Demo

LINK = re.compile(r"^http://opspoor\.test/sources/(\d+)\?statement=([0-9a-f]+)$")


def _actor(demo: Demo, name: str):
    user = find_user(demo.store, name)
    assert user is not None
    return user.actor(client="test")


def _pdf_links(path: Path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            action = obj.get("/A")
            if action is not None and action.get_object().get("/URI"):
                uris.append(str(action.get_object()["/URI"]))
    return uris


@pytest.mark.browser
def test_dossier_pdf_and_fact_sources(demo: Demo, tmp_path: Path) -> None:
    store = demo.store
    amina = _actor(demo, "amina")
    case_id = demo.cases["hotline"]
    decide(
        store,
        demo.alerts["Vilmar Demovic"],
        "true_match",
        "amina",
        "same name, birth year fits the statement",
    )
    view = read_case(store, amina, case_id)
    capture_item = next(i for i in view.items if i["kind"] == "capture")
    decide_item(
        store, amina, case_id, capture_item["id"], "confirmed", "same phone as the statement"
    )

    result = build_dossier(store, amina, case_id, tmp_path / "out", base_url="http://opspoor.test")
    files = {p.name for p in result.files.values()}
    assert files == {
        "dossier.html",
        "dossier.pdf",
        "bundle.ftm.json",
        "statements.ftm.json",
        "manifest.json",
    }

    reader = pypdf.PdfReader(str(result.files["pdf"]))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert len(reader.pages) >= 2 and f"Case {case_id}: Apartments near the station" in text
    assert "a business partner of Vilmar Demovic" in text  # a document sentence
    assert "XXi.001" in text and "same phone as the statement" in text  # list hit and review trail

    fact_rows = [json.loads(line) for line in result.files["statements"].read_text().splitlines()]
    assert len(fact_rows) == result.fact_count > 20
    links = [u for u in _pdf_links(result.files["pdf"]) if "/sources/" in u]
    assert (
        len(links) == result.fact_count
    )  # one link per fact, and nothing else points into the store
    with store.connect() as conn:
        for uri in links:
            m = LINK.match(uri)
            assert m, uri
            row = conn.execute(
                select(statements.c.value, sources.c.sha256)
                .join(sources, sources.c.id == statements.c.source_id)
                .where(statements.c.source_id == int(m.group(1)), statements.c.id == m.group(2))
            ).first()
            assert row is not None, f"{uri} points at no statement in the store"
    assert {(r["id"], int(r["origin"].split()[0].split(":")[1])) for r in fact_rows} == {
        (LINK.match(u).group(2), int(LINK.match(u).group(1))) for u in links
    }  # type: ignore[union-attr]

    kinds = {s["kind"] for s in json.loads(result.files["manifest"].read_text())["sources"]}
    assert kinds == {"list_version", "document", "capture"}
    html = result.files["html"].read_text()
    capture = store.get_source(demo.capture_source)
    listed = store.get_source(demo.list_source)
    assert capture is not None and listed is not None
    assert capture.sha256 in html and "urn:uuid:7c1e2f3a" in html and "2025-03-10T21:14:03" in html
    assert listed.sha256 in html and str(listed.published_at) in html

    bundle = [json.loads(line) for line in result.files["bundle"].read_text().splitlines()]
    proxies = {e["id"]: model.get_proxy(e) for e in bundle}
    assert proxies["unsc-xxi-001"].get("name") == ["Vilmar Karlo DEMOVIC"]
    bundle_values = {(eid, p.name, v) for eid, e in proxies.items() for p, v in e.itervalues()}
    assert bundle_values == {(r["entity_id"], r["prop"], r["value"]) for r in fact_rows}

    logged = audit.query_audit(store, case_id=case_id, action="case.dossier")
    assert len(logged) == 1 and logged[0]["actor"] == "amina"
    assert (
        logged[0]["detail"]["files"]["dossier.pdf"]
        == json.loads(result.files["manifest"].read_text())["files"]["dossier.pdf"]
    )


def test_dossier_needs_read_access_and_facts(demo: Demo, tmp_path: Path) -> None:
    bruno = _actor(demo, "bruno")
    with pytest.raises(AccessDenied):
        build_dossier(demo.store, bruno, demo.cases["hotline"], tmp_path / "x", pdf=False)
    assert not (tmp_path / "x").exists()
    from opspoor.cases.casework import create_case

    empty = create_case(demo.store, bruno, "Nothing yet")
    with pytest.raises(OpspoorError, match="no facts"):
        build_dossier(demo.store, bruno, empty, tmp_path / "y", pdf=False)


def test_rejected_items_are_left_out(demo: Demo, tmp_path: Path) -> None:
    amina = _actor(demo, "amina")
    case_id = demo.cases["hotline"]
    view = read_case(demo.store, amina, case_id)
    capture_item = next(i for i in view.items if i["kind"] == "capture")
    decide_item(demo.store, amina, case_id, capture_item["id"], "rejected", "different flat")
    result = build_dossier(demo.store, amina, case_id, tmp_path / "out", pdf=False)
    manifest = json.loads(result.files["manifest"].read_text())
    assert "capture" not in {s["kind"] for s in manifest["sources"]}
    assert "different flat" in result.files["html"].read_text()  # the decision is in the trail
