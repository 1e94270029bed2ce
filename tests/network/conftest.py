"""A small fictional network in the shapes the other capabilities store: a sanctions list
version, two documents with people, an organisation and relations, and crawled ads."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from opspoor.store.db import Store
from tests.network.builders import document_records, entity, list_person, store_list, store_records

DOC1 = (
    "Port report. Walid Haddad is the nephew of Karim Omar Zaidan. "
    "Walid Haddad commands the Sea Falcon brigade at the western port."
)
DOC2 = "Boats leave at night. Samir Nasser works with Walid Haddad on the boats."
NEPHEW = "Walid Haddad is the nephew of Karim Omar Zaidan."
COMMANDS = "Walid Haddad commands the Sea Falcon brigade at the western port."
WORKS_WITH = "Samir Nasser works with Walid Haddad on the boats."


@dataclass
class SmallNetwork:
    list_source: int
    doc1_source: int
    doc2_source: int


def add_small_network(store: Store) -> SmallNetwork:
    list_source = store_list(
        store,
        [
            *list_person(
                "tl-001", "ZAIDAN, Karim Omar", "XXi.001", birthDate="1979-03-04", nationality="ly"
            ),
            *list_person("tl-002", "HALABI, Nour", "XXi.002", birthDate="1970"),
            *list_person("tl-003", "Mansour Fathi Gebril", "XXi.003"),
        ],
    )
    doc1 = store_records(
        store,
        document_records(
            "doc1",
            "Port report",
            DOC1,
            people=["Walid Haddad", "Karim Omar Zaidan"],
            orgs=["Sea Falcon brigade"],
            relations=[
                ("Family", "Walid Haddad", "Karim Omar Zaidan", "nephew", NEPHEW),
                ("Membership", "Walid Haddad", "Sea Falcon brigade", "commander", COMMANDS),
            ],
        ),
        label="doc1.txt",
    )
    doc2 = store_records(
        store,
        document_records(
            "doc2",
            "Night boats",
            DOC2,
            people=["Samir Nasser", "Walid Haddad"],
            relations=[("Associate", "Samir Nasser", "Walid Haddad", "works with", WORKS_WITH)],
        ),
        label="doc2.txt",
    )
    return SmallNetwork(list_source, doc1, doc2)


@pytest.fixture
def small_network(store: Store) -> SmallNetwork:
    return add_small_network(store)


def ad(ad_id: str, text: str, phones: tuple[str, ...] = (), emails: tuple[str, ...] = ()):
    proxy = entity(
        "HyperText", ad_id, country="it", bodyText=text, sourceUrl=f"https://ads.example/{ad_id}"
    )
    for phone in phones:
        proxy.add("phoneMentioned", phone, format="it")
    for email in emails:
        proxy.add("emailMentioned", email)
    return proxy
