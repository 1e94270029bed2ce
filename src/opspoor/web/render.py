"""Server-side HTML: the Jinja2 templates shipped in the package, and what every page gets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.templating import Jinja2Templates

from opspoor import __version__
from opspoor.web.auth import request_session

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES))


def _when(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


def _pct(value: Any) -> str:
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return ""


templates.env.filters["when"] = _when
templates.env.filters["score"] = _pct
templates.env.globals["version"] = __version__

NAV = [
    ("home", "/", "Overview"),
    ("search", "/search", "Search & screen"),
    ("alerts", "/alerts", "Alerts"),
    ("documents", "/documents", "Documents"),
    ("crawl", "/crawl", "Crawl"),
    ("network", "/network", "Network"),
    ("cases", "/cases", "Cases"),
]


# One-line messages shown after a redirect, by code (codes, not text, travel in the URL).
FLASH = {
    "decided": "Decision recorded.",
    "screened": "Screened.",
    "case-created": "Case opened.",
    "item-added": "Added to the case.",
    "item-removed": "Item removed from the case.",
    "note-added": "Note added.",
    "status-changed": "Case status changed.",
    "dossier-built": "Dossier ready: download it below.",
    "user-saved": "User saved.",
    "password-changed": "Password changed.",
    "retention-saved": "Retention policy saved.",
    "retention-applied": "Retention applied.",
    "logged-out": "You are logged out.",
}


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the user, their CSRF token and the navigation."""
    session = request_session(request)
    context.setdefault("active", "")
    context.update(
        request=request,
        session=session,
        user=session.user if session else None,
        csrf_token=session.csrf_token if session else "",
        nav=NAV,
        flash=FLASH.get(request.query_params.get("msg", "")),
    )
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def redirect(url: str, message: str | None = None) -> RedirectResponse:
    """See-other redirect after a POST, with a FLASH message code shown on arrival."""
    if message:
        assert message in FLASH, message
        path, hash_mark, fragment = url.partition("#")
        url = f"{path}{'&' if '?' in path else '?'}msg={message}{hash_mark}{fragment}"
    return RedirectResponse(url, status_code=303)
