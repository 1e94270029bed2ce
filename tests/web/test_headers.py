"""Security headers and cookie flags."""

from __future__ import annotations

import httpx

from tests.web.fixtures import Server, login


def test_security_headers_everywhere(server: Server) -> None:
    client, _ = login(server.url, "amina")
    for path in ("/", "/cases", "/login", "/healthz", "/static/app.css", "/no-such-page"):
        resp = client.get(path)
        csp = resp.headers["content-security-policy"]
        assert (
            "default-src 'self'" in csp
            and "script-src 'self'" in csp
            and "frame-ancestors 'none'" in csp
        )
        assert "unsafe-inline" not in csp
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["x-frame-options"] == "DENY"
        assert resp.headers["referrer-policy"] == "no-referrer"
        expected = "public, max-age=3600" if path.startswith("/static/") else "no-store"
        assert resp.headers["cache-control"] == expected, path


def test_session_cookie_flags(server: Server) -> None:
    _client, _ = login(server.url, "amina")
    with httpx.Client(base_url=server.url) as fresh:
        page = fresh.get("/login")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        resp = fresh.post(
            "/login",
            data={"username": "amina", "password": "correct horse battery", "csrf_token": token},
        )
        header = resp.headers["set-cookie"].lower()
    assert "opspoor_session=" in header and "httponly" in header and "samesite=lax" in header
    assert "path=/" in header


def test_no_external_assets(server: Server) -> None:
    client, _ = login(server.url, "amina")
    for path in ("/", "/network?case=1", "/search", "/alerts"):
        html = client.get(path).text
        assert "http://" not in html.replace(server.url, "") and "https://" not in html, path
    vendor = client.get("/static/vendor/cytoscape.min.js")
    assert vendor.status_code == 200 and "cytoscape" in vendor.text[:2000].lower()
    assert client.get("/static/vendor/cytoscape.LICENSE.txt").text.startswith("Copyright")
