"""Every read of a case over HTTP is in the audit log: page, network data and dossier downloads."""

from __future__ import annotations

from opspoor.cases import audit
from opspoor.cases.dossier import build_dossier
from opspoor.cases.retention import case_dossier_dir
from opspoor.cases.users import find_user
from tests.web.demo_data import Demo
from tests.web.fixtures import Server, login


def test_every_case_read_is_logged(demo: Demo, server: Server) -> None:
    case_id = demo.cases["hotline"]
    amina = find_user(demo.store, "amina")
    assert amina is not None
    stamp = "20250102T030405Z"
    build_dossier(
        demo.store,
        amina.actor(),
        case_id,
        case_dossier_dir(demo.store.settings, case_id) / stamp,
        pdf=False,
    )
    before = len(audit.query_audit(demo.store, case_id=case_id, action="case.read"))
    victor, _ = login(server.url, "victor")
    reads = [
        f"/cases/{case_id}",
        f"/cases/{case_id}",
        f"/network/graph.json?case={case_id}",
        f"/cases/{case_id}/dossiers/{stamp}/dossier.html",
        f"/cases/{case_id}/dossiers/{stamp}/bundle.ftm.json",
    ]
    for path in reads:
        resp = victor.get(path)
        assert resp.status_code == 200, path
    logged = audit.query_audit(demo.store, case_id=case_id, action="case.read")[before:]
    assert len(logged) == len(reads)
    assert all(
        e["actor"] == "victor" and e["client"] == "127.0.0.1" and e["outcome"] == "ok"
        for e in logged
    )
    assert [e["detail"]["purpose"] for e in logged] == [
        "view",
        "view",
        "network",
        f"download {stamp}/dossier.html",
        f"download {stamp}/bundle.ftm.json",
    ]
    downloads = audit.query_audit(demo.store, case_id=case_id, action="case.dossier.download")
    assert [e["detail"]["file"] for e in downloads] == [
        f"{stamp}/dossier.html",
        f"{stamp}/bundle.ftm.json",
    ]
    # the case list shows titles: it is logged too, with the ids shown
    victor.get("/cases")
    listed = audit.query_audit(demo.store, action="case.list", actor="victor")
    assert listed and case_id in listed[-1]["detail"]["case_ids"]


def test_admin_exports_the_log_over_http(demo: Demo, server: Server) -> None:
    ada, _ = login(server.url, "ada")
    ada.get(f"/cases/{demo.cases['police']}")
    jsonl = ada.get("/admin/audit.jsonl", params={"case": demo.cases["police"]})
    assert jsonl.status_code == 200 and jsonl.headers["content-type"].startswith(
        "application/x-ndjson"
    )
    assert '"actor": "ada"' in jsonl.text and '"action": "case.read"' in jsonl.text
    csv_text = ada.get("/admin/audit.csv").text
    assert csv_text.splitlines()[0].startswith("id,at,actor")
    assert audit.query_audit(demo.store, action="audit.export", actor="ada")
    victor, _ = login(server.url, "victor")
    assert victor.get("/admin/audit.jsonl").status_code == 403
