"""Log-in, server-side sessions, CSRF tokens and API access for the web app.

Pages: a session cookie (`opspoor_session`, HttpOnly, SameSite=Lax) holds a random token; the
store keeps only its SHA-256 with the user, a CSRF token and expiry times. Every POST of a
page router must carry that CSRF token (form field `csrf_token` or header `X-CSRF-Token`); the
log-in form itself uses a double-submit cookie.

API (`/match`): a session, or an API token (`Authorization: Bearer ops_...` or `X-API-Key`),
or — unless the app was told to always require tokens — a client on the loopback address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import select

from opspoor.cases import audit
from opspoor.cases.access import Actor
from opspoor.cases.tables import teams, users, web_sessions
from opspoor.cases.users import User, authenticate, user_for_token
from opspoor.store.db import Store

SESSION_COOKIE = "opspoor_session"
LOGIN_CSRF_COOKIE = "opspoor_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_HOURS = 12  # absolute lifetime: log in again every working day
IDLE_MINUTES = 120  # a session unused this long ends
TOUCH_SECONDS = 300  # last_seen is written at most this often (keeps page loads read-only)
MAX_FAILURES = 5  # failed log-ins per user name and client before a pause
LOCKOUT_SECONDS = 900
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class LoginRequired(Exception):
    """No valid session: pages redirect to /login, APIs answer 401."""


@dataclass(frozen=True)
class Session:
    id: str
    user: User
    csrf_token: str

    def actor(self, request: Request) -> Actor:
        return self.user.actor(client=client_address(request))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


# -- sessions ------------------------------------------------------------------------------
def start_session(store: Store, user: User) -> tuple[str, str]:
    """A new session for `user`; returns (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = _now()
    with store.transaction() as conn:
        conn.execute(
            web_sessions.insert().values(
                id=_hash(token),
                user_id=user.id,
                csrf_token=csrf,
                created_at=now,
                last_seen_at=now,
                expires_at=now + dt.timedelta(hours=SESSION_HOURS),
            )
        )
    return token, csrf


def end_session(store: Store, token: str) -> None:
    with store.transaction() as conn:
        conn.execute(web_sessions.delete().where(web_sessions.c.id == _hash(token)))


def load_session(store: Store, token: str) -> Session | None:
    """The live session for a cookie token (None when unknown, expired, idle or the user is disabled)."""
    if not token or len(token) > 200:
        return None
    sid = _hash(token)
    q = (
        select(
            web_sessions,
            users.c.username,
            users.c.display_name,
            users.c.role,
            users.c.team_id,
            users.c.active,
            teams.c.name.label("team_name"),
        )
        .join(users, users.c.id == web_sessions.c.user_id)
        .outerjoin(teams, teams.c.id == users.c.team_id)
        .where(web_sessions.c.id == sid)
    )
    with store.connect() as conn:
        row = conn.execute(q).first()
    if row is None or not row.active:
        return None
    now = _now()
    last_seen = _aware(row.last_seen_at)
    if _aware(row.expires_at) <= now or now - last_seen > dt.timedelta(minutes=IDLE_MINUTES):
        end_session(store, token)
        return None
    if (now - last_seen).total_seconds() > TOUCH_SECONDS:
        with store.transaction() as conn:
            conn.execute(
                web_sessions.update().where(web_sessions.c.id == sid).values(last_seen_at=now)
            )
    user = User(
        id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        team_id=row.team_id,
        team=row.team_name,
        active=True,
    )
    return Session(id=sid, user=user, csrf_token=row.csrf_token)


def request_session(request: Request) -> Session | None:
    """The request's session, looked up once per request."""
    if not hasattr(request.state, "session"):
        token = request.cookies.get(SESSION_COOKIE, "")
        request.state.session = load_session(store_of(request), token) if token else None
    session: Session | None = request.state.session
    return session


def session_required(request: Request) -> Session:
    session = request_session(request)
    if session is None:
        raise LoginRequired()
    return session


def current_actor(request: Request) -> Actor:
    """FastAPI dependency for pages: the logged-in user (else a redirect to /login)."""
    return session_required(request).actor(request)


def set_session_cookie(response: Any, request: Request, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


# -- CSRF ----------------------------------------------------------------------------------
async def csrf_protect(request: Request) -> None:
    """Router dependency: unsafe methods need the session's CSRF token (form field or header)."""
    if request.method not in UNSAFE_METHODS:
        return
    session = session_required(request)
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, session.csrf_token):
        raise HTTPException(
            403, detail="missing or wrong CSRF token: reload the page and try again"
        )


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def check_login_csrf(request: Request, sent: str | None) -> bool:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    return bool(cookie and sent and hmac.compare_digest(cookie, sent))


# -- log-in throttling -----------------------------------------------------------------------
class LoginThrottle:
    """Counts failed log-ins per (user name, client) and pauses after MAX_FAILURES."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, username: str, client: str) -> bool:
        with self._lock:
            recent = self._recent((username.lower(), client))
            return len(recent) >= MAX_FAILURES

    def failed(self, username: str, client: str) -> None:
        with self._lock:
            key = (username.lower(), client)
            self._failures[key] = [*self._recent(key), time.monotonic()]

    def succeeded(self, username: str, client: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), client), None)

    def _recent(self, key: tuple[str, str]) -> list[float]:
        cutoff = time.monotonic() - LOCKOUT_SECONDS
        return [t for t in self._failures.get(key, []) if t > cutoff]


def log_in(request: Request, username: str, password: str) -> User | None:
    """Check a user name and password (throttled); logs success and failure in the audit log."""
    store = store_of(request)
    throttle: LoginThrottle = request.app.state.login_throttle
    client = client_address(request)
    username = username.strip()[:64]
    anonymous = Actor(
        user_id=None, username=username or "-", role="none", team_id=None, client=client
    )
    if throttle.blocked(username, client):
        audit.record_now(
            store, anonymous, "login", outcome=audit.DENIED, detail={"reason": "too many failures"}
        )
        return None
    user = authenticate(store, username, password)
    if user is None:
        throttle.failed(username, client)
        audit.record_now(store, anonymous, "login", outcome=audit.FAILED)
        return None
    throttle.succeeded(username, client)
    audit.record_now(store, user.actor(client), "login", object_type="user", object_id=user.id)
    return user


# -- API access ------------------------------------------------------------------------------
def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def api_token_from(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() in ("bearer", "apikey") and value.strip():
        return value.strip()
    key = request.headers.get("x-api-key")
    return key.strip() if key else None


def api_access(request: Request) -> None:
    """Dependency of the JSON API routers (e.g. POST /match)."""
    token = api_token_from(request)
    if token is not None:
        if user_for_token(store_of(request), token) is None:
            raise HTTPException(
                401, detail="unknown or revoked API token", headers={"WWW-Authenticate": "Bearer"}
            )
        return
    if request_session(request) is not None:
        return
    if not request.app.state.require_api_token and is_loopback(client_address(request)):
        return
    raise HTTPException(
        401,
        detail="an API token is needed: send `Authorization: Bearer <token>` (create one with `opspoor users token`)",
        headers={"WWW-Authenticate": "Bearer"},
    )
