"""Fixtures for documents: the example documents, and stores holding the demo UN list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from opspoor.documents.screening import Screener
from opspoor.lists import versions
from opspoor.lists.versions import import_list
from opspoor.store.db import Store
from tests.conftest import EXAMPLES, FIXTURES

DOCS = EXAMPLES / "documents"
UN_DEMO = EXAMPLES / "lists" / "un-demo.xml"
LABELLED = FIXTURES / "documents" / "labelled"


@pytest.fixture(autouse=True)
def no_import_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """List import hooks (delta re-screen) belong to screening; here a list just lands."""
    monkeypatch.setattr(versions, "IMPORT_HOOKS", [])
    yield


@pytest.fixture
def demo_store(sqlite_store: Store) -> Store:
    """A SQLite store with the demo UN list (LYi.021-026 and invented XX entries)."""
    import_list(sqlite_store, [UN_DEMO])
    return sqlite_store


@pytest.fixture
def demo_screener(demo_store: Store) -> Screener:
    screener = Screener.from_store(demo_store)
    assert screener is not None
    return screener


def example(name: str) -> Path:
    return DOCS / name
