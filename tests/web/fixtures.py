"""Shared fixtures for the web, browser and dossier tests: a seeded demo store (seeded once per
test process, copied for each test) and a real uvicorn server on a free loopback port.

Import them into a conftest.py: `from tests.web.fixtures import *`.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher

from opspoor.cases import users as users_module
from opspoor.settings import Settings
from opspoor.store.db import Store
from opspoor.web.app import create_app
from tests.web.demo_data import PASSWORD, Demo, seed

# argon2id at its smallest cost: same algorithm, fast tests.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(users_module, "_hasher", FAST_HASHER)
        yield


@pytest.fixture(scope="session")
def demo_template(
    tmp_path_factory: pytest.TempPathFactory, fast_password_hashing: None
) -> tuple[Path, Demo]:
    home = tmp_path_factory.mktemp("demo-template") / "home"
    store = Store(Settings.from_env({}, home=home))
    store.migrate()
    demo = seed(store)
    store.engine.dispose()
    return home, demo


@pytest.fixture
def demo(demo_template: tuple[Path, Demo], tmp_path: Path) -> Iterator[Demo]:
    """A fresh copy of the seeded demo store for one test."""
    template_home, template = demo_template
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    store = Store(Settings.from_env({}, home=home))
    yield dataclasses.replace(template, store=store)
    store.engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn serving create_app() in a thread, on 127.0.0.1."""

    def __init__(self, store: Store, require_api_token: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(store.settings, store, require_api_token=require_api_token)
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started, "the server did not start"
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def server(demo: Demo) -> Iterator[Server]:
    with Server(demo.store) as srv:
        yield srv


def csrf_of(html: str) -> str:
    m = CSRF_INPUT.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def login(base_url: str, username: str, password: str = PASSWORD) -> tuple[httpx.Client, str]:
    """A real HTTP client logged in as `username`, and the session's CSRF token."""
    client = httpx.Client(base_url=base_url, timeout=60)
    page = client.get("/login")
    resp = client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_of(page.text),
            "next": "/",
        },
    )
    assert resp.status_code == 303, resp.text
    home = client.get("/")
    assert home.status_code == 200 and f">{username}<" in home.text
    return client, csrf_of(home.text)
