"""Users: argon2id hashes, log-in checks, roles, API tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from opspoor.cases.access import AccessDenied, cli_actor
from opspoor.cases.tables import users
from opspoor.cases.users import (
    authenticate,
    create_api_token,
    create_user,
    find_user,
    revoke_tokens,
    update_user,
    user_for_token,
)
from opspoor.errors import OpspoorError
from opspoor.store.db import Store

ADMIN = cli_actor("test")


def test_passwords_are_argon2id_hashes(store: Store) -> None:
    create_user(store, "ann", "a long password", role="analyst", team="red", by=ADMIN)
    with store.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "a long password" not in stored
    assert authenticate(store, "ann", "a long password") is not None
    assert authenticate(store, "ann", "a long passworD") is None
    assert authenticate(store, "nobody", "a long password") is None


def test_rules_for_new_users(store: Store) -> None:
    with pytest.raises(OpspoorError, match="10 characters"):
        create_user(store, "ann", "short", role="analyst", team="red")
    with pytest.raises(OpspoorError, match="role"):
        create_user(store, "ann", "a long password", role="boss", team="red")
    with pytest.raises(OpspoorError, match="team"):
        create_user(store, "ann", "a long password", role="viewer")
    with pytest.raises(OpspoorError, match="spaces"):
        create_user(store, "ann smith", "a long password", role="admin")
    create_user(store, "ann", "a long password", role="viewer", team="red")
    with pytest.raises(OpspoorError, match="exists"):
        create_user(store, "ann", "a long password", role="viewer", team="red")
    analyst = create_user(store, "al", "a long password", role="analyst", team="red").actor()
    with pytest.raises(AccessDenied):
        create_user(store, "eve", "a long password", role="admin", by=analyst)


def test_disabled_users_cannot_log_in_and_lose_tokens(store: Store) -> None:
    create_user(store, "ann", "a long password", role="analyst", team="red")
    token = create_api_token(store, "ann", by=ADMIN, label="bank system")
    assert token.startswith("ops_")
    user = user_for_token(store, token)
    assert user is not None and user.username == "ann"
    update_user(store, "ann", by=ADMIN, active=False)
    assert authenticate(store, "ann", "a long password") is None
    assert user_for_token(store, token) is None
    update_user(store, "ann", by=ADMIN, active=True)
    assert user_for_token(store, token) is None  # revoked for good
    assert (
        user_for_token(store, "ops_not-a-token") is None and user_for_token(store, "junk") is None
    )


def test_revoke_and_role_change(store: Store) -> None:
    create_user(store, "ann", "a long password", role="viewer", team="red")
    token = create_api_token(store, "ann", by=ADMIN)
    assert revoke_tokens(store, "ann", by=ADMIN) == 1
    assert user_for_token(store, token) is None
    updated = update_user(store, "ann", by=ADMIN, role="analyst", team="blue")
    assert (updated.role, updated.team) == ("analyst", "blue")
    me = updated.actor()
    with pytest.raises(AccessDenied):
        update_user(store, "ann", by=me, role="admin")  # not one's own role
    update_user(store, "ann", by=me, password="another long one")  # but one's own password
    assert authenticate(store, "ann", "another long one") is not None
    found = find_user(store, "ann")
    assert found is not None and found.team == "blue"
