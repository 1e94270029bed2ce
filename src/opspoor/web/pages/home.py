"""Log-in, log-out, the overview page and the user's own account."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from opspoor.cases import audit
from opspoor.cases.access import Actor
from opspoor.cases.casework import list_cases
from opspoor.cases.users import authenticate, update_user
from opspoor.errors import OpspoorError
from opspoor.store.db import LIST_VERSION
from opspoor.store.tables import sources
from opspoor.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    check_login_csrf,
    current_actor,
    end_session,
    log_in,
    new_login_csrf,
    request_session,
    set_session_cookie,
    start_session,
    store_of,
)
from opspoor.web.pages import page_router
from opspoor.web.render import redirect, render

public = APIRouter()  # the log-in form: no session yet, so its own double-submit CSRF check
router = page_router()


def _safe_next(target: str | None) -> str:
    """Only local paths: a log-in link must not send people to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(
    request: Request,
    next_url: str,
    error: str | None = None,
    username: str = "",
    status_code: int = 200,
) -> Response:
    token = new_login_csrf()
    response = render(
        request,
        "login.html",
        status_code=status_code,
        login_csrf=token,
        next=_safe_next(next_url),
        error=error,
        username=username,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        path="/login",
        secure=request.url.scheme == "https",
    )
    return response


@public.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    if request_session(request) is not None:
        return redirect(_safe_next(next))
    return _login_page(request, next)


@public.post("/login")
def login_submit(
    request: Request,
    username: str = Form(...),
    password: str = Form(...),
    csrf_token: str = Form(""),
    next: str = Form("/"),
) -> Response:
    if not check_login_csrf(request, csrf_token):
        return _login_page(request, next, "The form had expired; please try again.", username, 403)
    user = log_in(request, username, password)
    if user is None:
        return _login_page(
            request,
            next,
            "Wrong user name or password (or too many tries: wait 15 minutes).",
            username,
            401,
        )
    token, _csrf = start_session(store_of(request), user)
    response = redirect(_safe_next(next))
    set_session_cookie(response, request, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, actor: Actor = Depends(current_actor)) -> Response:
    store = store_of(request)
    end_session(store, request.cookies.get(SESSION_COOKIE, ""))
    audit.record_now(store, actor, "logout", object_type="user", object_id=actor.user_id)
    response = redirect("/login", "logged-out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
def overview(request: Request, actor: Actor = Depends(current_actor)) -> Response:
    store = store_of(request)
    counts: dict[str, Any] = {"open_alerts": 0}
    with store.connect() as conn:
        for kind, key in (("document", "documents"), ("capture", "captures")):
            counts[key] = conn.execute(
                select(func.count()).select_from(sources).where(sources.c.kind == kind)
            ).scalar_one()
        try:
            from opspoor.screening.tables import alerts

            counts["open_alerts"] = conn.execute(
                select(func.count()).select_from(alerts).where(alerts.c.status == "open")
            ).scalar_one()
        except ImportError:  # pragma: no cover - screening is part of the package
            pass
    current = set(store.current_source_ids())
    lists = [s for s in store.list_sources(kind=LIST_VERSION) if s.id in current]
    cases = list_cases(store, actor)[:10]
    return render(request, "home.html", active="home", counts=counts, lists=lists, cases=cases)


@router.get("/account")
def account(request: Request, _actor: Actor = Depends(current_actor)) -> Response:
    return render(request, "account.html")


@router.post("/account/password")
def change_password(
    request: Request,
    current: str = Form(...),
    new: str = Form(...),
    actor: Actor = Depends(current_actor),
) -> Response:
    store = store_of(request)
    if authenticate(store, actor.username, current) is None:
        return render(
            request, "account.html", status_code=400, error="The current password is wrong."
        )
    try:
        update_user(store, actor.username, by=actor, password=new)
    except OpspoorError as exc:
        return render(request, "account.html", status_code=400, error=str(exc))
    # A new password ends every session, this one included: log in again.
    response = redirect("/login", "password-changed")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
