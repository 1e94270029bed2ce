"""Fixtures for the cases tests: two teams with users of every role, and a little stored data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from opspoor.cases import users as users_module
from opspoor.cases.access import Actor, cli_actor
from opspoor.store.db import Store, make_entity
from opspoor.store.records import Record
from tests.web.fixtures import demo, demo_template, fast_password_hashing  # noqa: F401


@dataclass
class People:
    admin: Actor
    analyst: Actor  # team red
    viewer: Actor  # team red
    other: Actor  # analyst, team blue
    list_source: int
    doc_source: int


def _person(eid: str, name: str, **props: str) -> Record:
    ent = make_entity("Person", eid)
    ent.add("name", name)
    for key, value in props.items():
        ent.add(key, value)
    return Record(entity=ent, reference=eid.upper(), location=f"list.xml line {len(name)}")


@pytest.fixture
def people(store: Store) -> People:
    setup = cli_actor("test")
    actors = {}
    for username, role, team in (
        ("ann", "analyst", "red"),
        ("vic", "viewer", "red"),
        ("bob", "analyst", "blue"),
        ("ada", "admin", None),
    ):
        actors[username] = users_module.create_user(
            store, username, "a long password", role=role, team=team, by=setup
        ).actor(client="test")
    with store.transaction() as conn:
        list_source = store.add_source(
            conn,
            kind="list_version",
            dataset="testlist",
            sha256="a" * 64,
            published_at="2024-05-01",
            label="list.xml",
        )
        store.write_records(
            conn,
            list_source,
            "testlist",
            [
                _person("p-one", "Vilmar Demovic", birthDate="1979-04-14", phone="+61491570156"),
                _person("p-two", "Amira Exemplara"),
            ],
            seen="2024-05-01",
        )
        text = "Report. Vilmar Demovic called from +61 491 570 156 about the flat. End."
        doc = make_entity("PlainText", "doc-1")
        doc.add("bodyText", text)
        doc.add("fileName", "report.txt")
        doc.add("phoneMentioned", "+61491570156")
        start = text.index("+61")
        doc_source = store.add_source(
            conn, kind="document", dataset="documents", sha256="b" * 64, label="report.txt"
        )
        store.write_records(
            conn,
            doc_source,
            "documents",
            [
                Record(
                    doc,
                    location="report.txt",
                    locations={("phoneMentioned", "+61491570156"): f"chars {start}-{start + 15}"},
                ),
            ],
        )
    return People(
        admin=actors["ada"],
        analyst=actors["ann"],
        viewer=actors["vic"],
        other=actors["bob"],
        list_source=list_source,
        doc_source=doc_source,
    )
