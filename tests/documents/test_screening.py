"""Screening document names against the lists: listed people are found, people merely named
(politicians, journalists) are not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opspoor.documents.extract import extract_document
from opspoor.documents.gazetteer import Gazetteer
from opspoor.documents.model import Mention
from opspoor.documents.readers import read_document
from opspoor.documents.screening import Screener, screen_mentions
from opspoor.lists.versions import import_list
from opspoor.store.db import Store
from tests.conftest import shared_path
from tests.documents.conftest import example


def screened(screener: Screener, name: str) -> dict[str, list[str | None]]:
    doc = read_document(example(name))
    ex = extract_document(doc, screener.gazetteer)
    screener.screen(ex)
    return {m.text: [x["reference"] for x in m.matches] for m in ex.mentions if m.type == "person"}


def test_dutch_article_names_match_lyi025_and_lyi026(demo_screener: Screener) -> None:
    refs = screened(demo_screener, "nl-nieuws-kustwacht-zawiya.txt")
    assert refs["Mohammed Kachlaf"] == ["LYi.025"]
    assert refs["Abd Al Rahman Al-Milad"] == ["LYi.026"]
    # the surname alone and the nickname stand for the same people
    assert refs["Kachlaf"] == ["LYi.025"]
    assert refs["Al-Milad"] == ["LYi.026"] and refs["Bija"] == ["LYi.026"]


def test_people_merely_named_get_no_match(demo_screener: Screener) -> None:
    for name in (
        "nl-nieuws-kustwacht-zawiya.txt",
        "en-news-sabratha-network.txt",
        "nl-kamerbrief-mensensmokkel.docx",
    ):
        refs = screened(demo_screener, name)
        for person in (
            "Marieke Jansen",
            "Pieter van Dam",
            "Anouk de Graaf",
            "Sarah Whitfield",
            "Claire Dubois",
            "Khalid Zentani",
            "Salem Barghathi",
            "Fatima el Amrani",
            "J.P. van der Berg",
        ):
            assert refs.get(person, []) == [], (name, person)


def test_english_article_finds_the_other_listed_leaders(demo_screener: Screener) -> None:
    refs = screened(demo_screener, "en-news-sabratha-network.txt")
    assert refs["Ahmad Oumar al-Fitouri"] == ["LYi.023"]
    assert refs["Mussab Abu-Quarin"] == ["LYi.024"]
    assert refs["The Doctor"] == ["LYi.024"]
    assert refs["Fitiwi Abdelrazak"] == ["LYi.022"]


def test_against_the_full_un_list(sqlite_store: Store) -> None:
    import_list(sqlite_store, [shared_path("sanctions", "un-consolidated-2026-02-27.xml")])
    screener = Screener.from_store(sqlite_store)
    assert screener is not None
    refs = screened(screener, "nl-nieuws-kustwacht-zawiya.txt")
    assert refs["Mohammed Kachlaf"][:1] == ["LYi.025"]
    assert refs["Abd Al Rahman Al-Milad"][:1] == ["LYi.026"]
    assert refs["Pieter van Dam"] == [] and refs["Marieke Jansen"] == []


# -- the rules screening adds around the matcher, with a stand-in index ------------------------
@dataclass
class _Entity:
    datasets: set[str]


@dataclass
class _Result:
    score: float
    match: bool
    entity: _Entity
    ref: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.ref, "reference": self.ref, "score": self.score, "caption": self.ref}


@dataclass
class _Index:
    scores: dict[str, float]
    calls: list[str] = field(default_factory=list)

    def names(self) -> list[tuple[str, str, bool]]:
        return [("x1", "Mohammed Kashlaf", False), ("x2", "Jan de Vries", False)]

    def match_name(self, name: str, schema: str = "LegalEntity", **kw: Any) -> list[_Result]:
        self.calls.append(name)
        score = self.scores.get(name, 0.0)
        return [_Result(score, score >= 0.7, _Entity({"un"}), "X")] if score else []


def test_public_roles_need_a_higher_score() -> None:
    index = _Index({"Jan de Vries": 0.78, "Mohammed Kashlaf": 0.78})
    screener = Screener.from_index(index, threshold=0.7)
    mentions = [
        Mention("Jan de Vries", "person", 0, 12, public_role=True, role="minister"),
        Mention("Mohammed Kashlaf", "person", 20, 36),
        Mention("Kashlaf", "person", 40, 47, source="backref", refers_to=1),
    ]
    screen_mentions(mentions, screener)
    assert [len(m.matches) for m in mentions] == [0, 1, 1]
    strong = Screener.from_index(_Index({"Jan de Vries": 0.9}), threshold=0.7)
    assert strong.match_name("Jan de Vries", "person", public_role=True) != []


def test_names_sharing_no_word_with_any_list_name_are_not_queried() -> None:
    index = _Index({})
    screener = Screener.from_index(index, threshold=0.7)
    screener.match_name("Sarah Whitfield", "person")
    screener.match_name("Mohamed Kachlaf", "person")
    screener.match_name("Mohamed Kachlaf", "person")  # cached
    assert index.calls == ["Mohamed Kachlaf"]


def test_document_entities_are_never_matches() -> None:
    class DocIndex(_Index):
        def match_name(self, name: str, schema: str = "LegalEntity", **kw: Any) -> list[_Result]:
            return [_Result(1.0, True, _Entity({"documents"}), "doc-1")]

    screener = Screener.from_index(DocIndex({}), threshold=0.7)
    assert screener.match_name("Mohammed Kashlaf", "person") == []


def test_gazetteer_comes_from_the_index_names() -> None:
    screener = Screener.from_index(_Index({}), threshold=0.7)
    assert isinstance(screener.gazetteer, Gazetteer) and len(screener.gazetteer) == 2
