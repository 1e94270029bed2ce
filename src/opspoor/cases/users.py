"""Teams, users (argon2id password hashes) and API tokens.

    >>> team = ensure_team(store, "hotline")
    >>> create_user(store, "amina", "a long passphrase", role="analyst", team="hotline")
    >>> authenticate(store, "amina", "a long passphrase").role
    'analyst'

API tokens are random strings shown once; the store keeps only their SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, select

from opspoor.cases import audit
from opspoor.cases.access import ROLES, Actor, require_admin
from opspoor.cases.tables import api_tokens, teams, users, web_sessions
from opspoor.errors import OpspoorError
from opspoor.store.db import Store

MIN_PASSWORD_CHARS = 10
TOKEN_PREFIX = "ops_"
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("opspoor-no-such-user")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str | None
    role: str
    team_id: int | None
    team: str | None
    active: bool

    def actor(self, client: str | None = None) -> Actor:
        return Actor(
            user_id=self.id,
            username=self.username,
            role=self.role,
            team_id=self.team_id,
            client=client,
        )

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise OpspoorError(f"passwords need at least {MIN_PASSWORD_CHARS} characters")
    return _hasher.hash(password)


def _user_query() -> Any:
    return select(users, teams.c.name.label("team_name")).outerjoin(
        teams, teams.c.id == users.c.team_id
    )


def _user(row: Any) -> User:
    m = row._mapping
    return User(
        id=m["id"],
        username=m["username"],
        display_name=m["display_name"],
        role=m["role"],
        team_id=m["team_id"],
        team=m["team_name"],
        active=bool(m["active"]),
    )


# -- teams ---------------------------------------------------------------------------------
def ensure_team(store: Store, name: str, conn: Connection | None = None) -> int:
    """The id of the team called `name`, creating it if needed."""
    name = name.strip()
    if not name:
        raise OpspoorError("a team needs a name")
    if conn is None:
        with store.transaction() as c:
            return ensure_team(store, name, c)
    found = conn.execute(select(teams.c.id).where(teams.c.name == name)).scalar()
    if found is not None:
        return int(found)
    res = conn.execute(teams.insert().values(name=name, created_at=now()))
    assert res.inserted_primary_key is not None
    return int(res.inserted_primary_key[0])


def list_teams(store: Store) -> list[dict[str, Any]]:
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(teams).order_by(teams.c.name))]


# -- users ---------------------------------------------------------------------------------
def create_user(
    store: Store,
    username: str,
    password: str,
    *,
    role: str,
    team: str | None = None,
    display_name: str | None = None,
    by: Actor | None = None,
) -> User:
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise OpspoorError(f"user names are 1-64 characters without spaces, not {username!r}")
    if role not in ROLES:
        raise OpspoorError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role != "admin" and not team:
        raise OpspoorError("viewers and analysts belong to a team (give --team)")
    if by is not None:
        require_admin(by, "create users")
    pw_hash = hash_password(password)
    with store.transaction() as conn:
        if conn.execute(select(users.c.id).where(users.c.username == username)).first() is not None:
            raise OpspoorError(f"user {username!r} exists already")
        team_id = ensure_team(store, team, conn) if team else None
        res = conn.execute(
            users.insert().values(
                username=username,
                display_name=display_name,
                password_hash=pw_hash,
                role=role,
                team_id=team_id,
                active=True,
                created_at=now(),
                password_changed_at=now(),
            )
        )
        assert res.inserted_primary_key is not None
        user_id = int(res.inserted_primary_key[0])
        if by is not None:
            audit.record(
                conn,
                by,
                "user.create",
                object_type="user",
                object_id=user_id,
                detail={"role": role, "team_id": team_id},
            )
    user = get_user(store, user_id)
    assert user is not None
    return user


def get_user(store: Store, user_id: int) -> User | None:
    with store.connect() as conn:
        row = conn.execute(_user_query().where(users.c.id == user_id)).first()
    return _user(row) if row else None


def find_user(store: Store, username: str) -> User | None:
    with store.connect() as conn:
        row = conn.execute(_user_query().where(users.c.username == username)).first()
    return _user(row) if row else None


def list_users(store: Store) -> list[User]:
    with store.connect() as conn:
        return [_user(r) for r in conn.execute(_user_query().order_by(users.c.username))]


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (same time either way)."""
    with store.connect() as conn:
        row = conn.execute(
            select(users.c.id, users.c.password_hash, users.c.active).where(
                users.c.username == username
            )
        ).first()
    if row is None:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(row.password_hash, password) or not row.active:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        with store.transaction() as conn:
            conn.execute(
                users.update()
                .where(users.c.id == row.id)
                .values(password_hash=_hasher.hash(password))
            )
    return get_user(store, int(row.id))


def _verify(pw_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(pw_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def update_user(
    store: Store,
    username: str,
    *,
    by: Actor,
    role: str | None = None,
    team: str | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a user's role, team, active flag or password (admins; anyone for their own password)."""
    user = find_user(store, username)
    if user is None:
        raise OpspoorError(f"no user {username!r}; see `opspoor users list`")
    own_password_only = password is not None and role is None and team is None and active is None
    if not (own_password_only and by.user_id == user.id):
        require_admin(by, "change users")
    values: dict[str, Any] = {}
    if role is not None:
        if role not in ROLES:
            raise OpspoorError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        values["role"] = role
    if active is not None:
        values["active"] = active
    if password is not None:
        values["password_hash"] = hash_password(password)
        values["password_changed_at"] = now()
    with store.transaction() as conn:
        if team is not None:
            values["team_id"] = ensure_team(store, team, conn)
        if values:
            conn.execute(users.update().where(users.c.id == user.id).values(**values))
        if password is not None or active is False:
            # A new password or a disabled account ends every open session and token.
            conn.execute(web_sessions.delete().where(web_sessions.c.user_id == user.id))
            if active is False:
                conn.execute(
                    api_tokens.update()
                    .where(api_tokens.c.user_id == user.id, api_tokens.c.revoked_at.is_(None))
                    .values(revoked_at=now())
                )
        changed = sorted(k for k in values if k != "password_hash")
        audit.record(
            conn,
            by,
            "user.update",
            object_type="user",
            object_id=user.id,
            detail={"changed": changed},
        )
    updated = get_user(store, user.id)
    assert updated is not None
    return updated


# -- API tokens ----------------------------------------------------------------------------
def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(store: Store, username: str, *, by: Actor, label: str | None = None) -> str:
    """A new API token for `username` (shown once; only its hash is stored)."""
    user = find_user(store, username)
    if user is None:
        raise OpspoorError(f"no user {username!r}; see `opspoor users list`")
    if by.user_id != user.id:
        require_admin(by, "create tokens for other users")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.transaction() as conn:
        res = conn.execute(
            api_tokens.insert().values(
                user_id=user.id, token_hash=token_hash(token), label=label, created_at=now()
            )
        )
        assert res.inserted_primary_key is not None
        audit.record(
            conn,
            by,
            "token.create",
            object_type="api_token",
            object_id=int(res.inserted_primary_key[0]),
            detail={"user_id": user.id},
        )
    return token


def user_for_token(store: Store, token: str) -> User | None:
    """The active user owning this unrevoked token, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with store.connect() as conn:
        row = conn.execute(
            select(api_tokens.c.user_id).where(
                api_tokens.c.token_hash == token_hash(token), api_tokens.c.revoked_at.is_(None)
            )
        ).first()
    if row is None:
        return None
    user = get_user(store, int(row.user_id))
    return user if user is not None and user.active else None


def revoke_tokens(store: Store, username: str, *, by: Actor) -> int:
    user = find_user(store, username)
    if user is None:
        raise OpspoorError(f"no user {username!r}")
    if by.user_id != user.id:
        require_admin(by, "revoke other users' tokens")
    with store.transaction() as conn:
        res = conn.execute(
            api_tokens.update()
            .where(api_tokens.c.user_id == user.id, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now())
        )
        audit.record(
            conn,
            by,
            "token.revoke",
            object_type="user",
            object_id=user.id,
            detail={"count": res.rowcount},
        )
    return int(res.rowcount)
