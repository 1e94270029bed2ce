"""The yente-style /match API, served by a real uvicorn server and called with a real HTTP client."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from opspoor.lists.versions import import_list
from opspoor.store.db import Store
from opspoor.web.app import create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(store: Store, list_v1: Path) -> Iterator[str]:
    import_list(store, [list_v1])
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store.settings, store), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_yente_request_and_response(served: str) -> None:
    body = {
        "queries": {
            "q1": {
                "schema": "Person",
                "properties": {"name": ["KOSHLAF, Mohamed"], "birthDate": ["1985-12-12"]},
            },
            "q2": {"schema": "Person", "properties": {"name": "Mohammed Al Amin"}},
        }
    }
    resp = httpx.post(f"{served}/match/default", json=body, params={"limit": 3}, timeout=30)
    assert resp.status_code == 200, resp.text
    data = resp.json()
    q1 = data["responses"]["q1"]
    assert q1["results"][0]["id"] == "unsc-lyi-025" and q1["results"][0]["match"] is True
    assert q1["total"]["value"] == len(q1["results"])
    assert q1["query"]["schema"] == "Person"
    assert not any(r["match"] for r in data["responses"]["q2"]["results"])
    assert data["limit"] == 3


def test_dataset_filter_and_errors(served: str) -> None:
    ok = httpx.post(
        f"{served}/match/ftm",
        json={"queries": {"q": {"schema": "Person", "properties": {"name": ["Kashlaf"]}}}},
    )
    assert ok.status_code == 200 and all(
        "ftm" in r["datasets"] for r in ok.json()["responses"]["q"]["results"]
    )
    missing = httpx.post(f"{served}/match/nope", json={"queries": {}})
    assert missing.status_code == 404
    bad = httpx.post(
        f"{served}/match/default",
        json={"queries": {"q": {"schema": "Spaceship", "properties": {}}}},
    )
    assert bad.status_code == 400 and "Spaceship" in bad.text
    assert httpx.get(f"{served}/healthz").json()["status"] == "ok"
    spec = httpx.get(f"{served}/openapi.json").json()
    assert "/match/{dataset}" in spec["paths"]
