"""The /match API: open to this machine by default, token-only when asked (or off loopback)."""

from __future__ import annotations

import httpx

from opspoor.cases.access import cli_actor
from opspoor.cases.users import create_api_token, revoke_tokens
from opspoor.web.auth import is_loopback
from tests.web.demo_data import Demo
from tests.web.fixtures import Server, login

QUERY = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["KOSHLAF, Mohamed"]}}}}


def test_loopback_clients_need_no_token_by_default(server: Server) -> None:
    resp = httpx.post(f"{server.url}/match/default", json=QUERY, timeout=60)
    assert resp.status_code == 200
    assert resp.json()["responses"]["q1"]["results"][0]["reference"] == "LYi.025"


def test_tokens_when_required(demo: Demo) -> None:
    token = create_api_token(demo.store, "amina", by=cli_actor("test"), label="bank")
    with Server(demo.store, require_api_token=True) as srv:
        url = f"{srv.url}/match/default"
        bare = httpx.post(url, json=QUERY, timeout=60)
        assert bare.status_code == 401 and bare.headers["www-authenticate"] == "Bearer"
        assert (
            httpx.post(url, json=QUERY, headers={"Authorization": "Bearer ops_wrong"}).status_code
            == 401
        )
        ok = httpx.post(url, json=QUERY, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert ok.status_code == 200 and ok.json()["responses"]["q1"]["results"]
        assert (
            httpx.post(url, json=QUERY, headers={"X-API-Key": token}, timeout=60).status_code == 200
        )
        client, _ = login(srv.url, "victor")  # a logged-in browser session also works
        assert client.post("/match/default", json=QUERY).status_code == 200
        revoke_tokens(demo.store, "amina", by=cli_actor("test"))
        assert (
            httpx.post(url, json=QUERY, headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
        assert httpx.get(f"{srv.url}/healthz").status_code == 200  # health checks stay open
        assert httpx.get(f"{srv.url}/openapi.json").json()["paths"]["/match/{dataset}"]


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback(None)
