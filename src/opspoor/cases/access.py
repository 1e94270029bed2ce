"""Who may do what: roles, teams and the rules every case function checks.

    >>> analyst = Actor(user_id=3, username="amina", role="analyst", team_id=1)
    >>> can_write_case(analyst, team_id=1), can_read_case(analyst, team_id=2)
    (True, False)

viewer: reads alerts, documents, network and the cases of their own team; changes nothing.
analyst: also reviews alerts and works on the cases of their own team.
admin: every team's cases, users, retention and the audit log.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from opspoor.errors import OpspoorError

VIEWER, ANALYST, ADMIN = "viewer", "analyst", "admin"
ROLES = (VIEWER, ANALYST, ADMIN)


class AccessDenied(OpspoorError):
    """The actor may not do this (shown as HTTP 403)."""


class NotFound(OpspoorError):
    """No such object (shown as HTTP 404)."""


@dataclass(frozen=True)
class Actor:
    """The person (or command line) doing something, as the audit log will name them."""

    user_id: int | None
    username: str
    role: str
    team_id: int | None
    client: str | None = None  # the client address for web requests, "cli" for commands

    @property
    def can_write(self) -> bool:
        return self.role in (ANALYST, ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def cli_actor(username: str | None = None) -> Actor:
    """The actor for a command run on the machine: whoever has the shell has the store, so admin.

    The name is the login name (prefixed `cli:`) so the audit log can tell commands from web users.
    """
    try:
        login = username or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        login = username or "unknown"
    return Actor(user_id=None, username=f"cli:{login}", role=ADMIN, team_id=None, client="cli")


def can_read_case(actor: Actor, team_id: int) -> bool:
    return actor.is_admin or (actor.team_id is not None and actor.team_id == team_id)


def can_write_case(actor: Actor, team_id: int) -> bool:
    return actor.can_write and can_read_case(actor, team_id)


def require_writer(actor: Actor, what: str) -> None:
    if not actor.can_write:
        raise AccessDenied(f"{actor.username} is a {actor.role}: viewers cannot {what}")


def require_admin(actor: Actor, what: str) -> None:
    if not actor.is_admin:
        raise AccessDenied(f"only admins can {what}")
