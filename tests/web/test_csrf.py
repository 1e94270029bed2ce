"""CSRF: every POST of a logged-in user needs the session's token; the log-in form needs its cookie."""

from __future__ import annotations

import httpx

from opspoor.cases import audit
from tests.web.demo_data import PASSWORD, Demo
from tests.web.fixtures import Server, csrf_of, login
from tests.web.test_access_http import NOT_WRITES, post_routes, snapshot, write_requests


def test_every_post_needs_the_csrf_token(demo: Demo, server: Server) -> None:
    ada, csrf = login(server.url, "ada")  # an admin: only the token stands in the way
    before = snapshot(demo.store)
    requests = write_requests(demo, demo.cases["hotline"])
    requests["/logout"] = ("/logout", {})
    requests["/account/password"] = (
        "/account/password",
        {"current": PASSWORD, "new": "a brand new password"},
    )
    assert set(requests) == post_routes(demo.store) - (
        NOT_WRITES - {"/logout", "/account/password"}
    )
    for route, (path, form) in requests.items():
        missing = ada.post(path, data=form)
        wrong = ada.post(path, data={**form, "csrf_token": csrf[:-2] + "xx"})
        assert missing.status_code == 403, route
        assert wrong.status_code == 403, route
    assert snapshot(demo.store) == before
    assert ada.get("/").status_code == 200  # still logged in: the forged logout did nothing
    # the header works as well as the form field (for scripts on our own pages)
    ok = ada.post(
        f"/cases/{demo.cases['hotline']}/notes",
        data={"body": "via header"},
        headers={"X-CSRF-Token": csrf},
    )
    assert ok.status_code == 303


def test_login_form_needs_its_cookie(demo: Demo, server: Server) -> None:
    with httpx.Client(base_url=server.url) as client:
        token = csrf_of(client.get("/login").text)
        client.cookies.clear()  # a cross-site form cannot send our cookie
        resp = client.post(
            "/login", data={"username": "ada", "password": PASSWORD, "csrf_token": token}
        )
        assert resp.status_code == 403 and "opspoor_session" not in resp.cookies
    assert not audit.query_audit(demo.store, action="login", actor="ada")
