"""The access rules: who may read and who may change a case."""

from __future__ import annotations

import pytest

from opspoor.cases.access import (
    AccessDenied,
    Actor,
    can_read_case,
    can_write_case,
    cli_actor,
    require_admin,
    require_writer,
)

VIEWER = Actor(1, "vic", "viewer", team_id=1)
ANALYST = Actor(2, "ann", "analyst", team_id=1)
ADMIN = Actor(3, "ada", "admin", team_id=None)
NO_TEAM = Actor(4, "nat", "analyst", team_id=None)


@pytest.mark.parametrize(
    ("actor", "team", "read", "write"),
    [
        (VIEWER, 1, True, False),
        (VIEWER, 2, False, False),
        (ANALYST, 1, True, True),
        (ANALYST, 2, False, False),
        (ADMIN, 1, True, True),
        (ADMIN, 2, True, True),
        (NO_TEAM, 1, False, False),
    ],
)
def test_read_and_write_rules(actor: Actor, team: int, read: bool, write: bool) -> None:
    assert can_read_case(actor, team) is read
    assert can_write_case(actor, team) is write


def test_viewers_are_refused_writes_and_admin_work() -> None:
    with pytest.raises(AccessDenied, match="viewers cannot"):
        require_writer(VIEWER, "add notes")
    require_writer(ANALYST, "add notes")
    with pytest.raises(AccessDenied):
        require_admin(ANALYST, "export the audit log")
    require_admin(ADMIN, "export the audit log")


def test_command_line_actor_is_named_and_admin() -> None:
    actor = cli_actor("maria")
    assert actor.username == "cli:maria" and actor.is_admin and actor.client == "cli"
