"""Log-in, sessions and log-out."""

from __future__ import annotations

import httpx

from opspoor.cases import audit
from opspoor.cases.access import cli_actor
from opspoor.cases.users import update_user
from opspoor.web.auth import MAX_FAILURES
from tests.web.demo_data import PASSWORD, Demo
from tests.web.fixtures import Server, csrf_of, login


def _try(client: httpx.Client, username: str, password: str) -> httpx.Response:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def test_wrong_password_and_throttling(demo: Demo, server: Server) -> None:
    with httpx.Client(base_url=server.url) as client:
        resp = _try(client, "amina", "wrong password!")
        assert resp.status_code == 401 and "Wrong user name or password" in resp.text
        for _ in range(MAX_FAILURES - 1):
            _try(client, "amina", "wrong password!")
        blocked = _try(client, "amina", PASSWORD)  # right password, but too many failures first
        assert blocked.status_code == 401
    outcomes = [e["outcome"] for e in audit.query_audit(demo.store, action="login", actor="amina")]
    assert outcomes == ["failed"] * MAX_FAILURES + ["denied"]
    login(server.url, "victor")  # other users are not affected


def test_session_cookie_and_logout(demo: Demo, server: Server) -> None:
    client, csrf = login(server.url, "amina")
    cookie = client.cookies["opspoor_session"]
    raw = client.get("/login")  # already logged in: sent on
    assert raw.status_code == 303
    resp = client.post("/logout", data={"csrf_token": csrf})
    assert resp.status_code == 303 and resp.headers["location"].startswith("/login")
    with httpx.Client(base_url=server.url, cookies={"opspoor_session": cookie}) as replay:
        assert replay.get("/cases").status_code == 303  # the old cookie is dead server-side
    assert [e["action"] for e in audit.query_audit(demo.store, actor="amina")][-1] == "logout"


def test_disabling_a_user_ends_their_session(demo: Demo, server: Server) -> None:
    client, _ = login(server.url, "victor")
    assert client.get("/alerts").status_code == 200
    update_user(demo.store, "victor", by=cli_actor("test"), active=False)
    assert client.get("/alerts").status_code == 303


def test_login_redirect_stays_on_this_site(demo: Demo, server: Server) -> None:
    with httpx.Client(base_url=server.url) as client:
        token = csrf_of(client.get("/login?next=https://evil.example/").text)
        resp = client.post(
            "/login",
            data={
                "username": "amina",
                "password": PASSWORD,
                "csrf_token": token,
                "next": "//evil.example/x",
            },
        )
        assert resp.status_code == 303 and resp.headers["location"] == "/"
