"""Shared fixtures: a fresh store on SQLite and on a real PostgreSQL server, paths to data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from opspoor.settings import Settings
from opspoor.store.db import Store, make_engine

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"

# PostgreSQL for the store tests. make test starts a server when the machine has none.
# Set OPSPOOR_TEST_PG=off to run only SQLite (say so when you do: CI never does).
PG_URL = os.environ.get("OPSPOOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite"] if PG_URL == "off" else ["sqlite", "postgresql"]


def shared_path(*parts: str) -> Path:
    """A file under ../shared/data; tests needing it skip with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the project; CI has it)")
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings.from_env({}, home=home)


def _pg_store(settings: Settings) -> Iterator[Store]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    store = Store(settings, engine=make_engine(PG_URL, schema=schema))
    store.migrate()
    try:
        yield store
    finally:
        store.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Store]:
    """A fresh, migrated store; every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        s = Store(settings)
        s.migrate()
        yield s
        s.engine.dispose()
    else:
        yield from _pg_store(settings)


@pytest.fixture
def sqlite_store(settings: Settings) -> Iterator[Store]:
    """A SQLite-only store, for tests about one backend's behaviour or heavy data."""
    s = Store(settings)
    s.migrate()
    yield s
    s.engine.dispose()
