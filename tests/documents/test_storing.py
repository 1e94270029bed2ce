"""Documents land in the store whole (one transaction each), once, with evidence offsets."""

from __future__ import annotations

import pytest

from opspoor.documents.extract import extract_document
from opspoor.documents.readers import read_document
from opspoor.documents.screening import Screener
from opspoor.documents.storing import document_id, find_hits, store_extraction
from opspoor.store.db import Store
from tests.documents.conftest import example


def stored(store: Store, name: str) -> tuple[object, dict[str, object]]:
    ex = extract_document(read_document(example(name)))
    result = store_extraction(store, ex)
    ents = {e.id: e.entity for e in store.iter_entities(source_ids=[result.source_id])}
    return result, ents


def test_document_names_mentions_and_relations(store: Store) -> None:
    result, ents = stored(store, "nl-nieuws-kustwacht-zawiya.txt")
    assert result.created  # type: ignore[attr-defined]
    [source] = store.list_sources(kind="document")
    assert source.dataset == "documents" and source.label.endswith("nl-nieuws-kustwacht-zawiya.txt")
    doc = ents[f"doc-{source.sha256}"]
    assert doc.schema.name == "PlainText"
    assert doc.get("contentHash") == [source.sha256]
    assert doc.get("detectedLanguage") == ["nld"]
    assert "Mohammed Kachlaf" in doc.get("peopleMentioned")
    assert "+31207946012" not in doc.get("phoneMentioned")  # 020-7946 0123 is a valid NL number
    assert doc.get("ibanMentioned") == ["NL91ABNA0417164300"]
    people = {e.first("name"): e for e in ents.values() if e.schema.name == "Person"}
    kachlaf = people["Mohammed Kachlaf"]
    assert kachlaf.get("proof") == [doc.id]
    assert set(people["Abd Al Rahman Al-Milad"].get("weakAlias")) == {"Bija"}
    assert people["Pieter van Dam"].get("position") == ["minister"]
    mentions = [
        e for e in ents.values() if e.schema.name == "Mention" and e.get("resolved") == [kachlaf.id]
    ]
    assert len(mentions) == 3  # the full name and the surname twice
    [membership] = [
        e
        for e in ents.values()
        if e.schema.name == "Membership" and e.get("member") == [kachlaf.id]
    ]
    assert membership.get("role") == ["commander"] and membership.get("proof") == [doc.id]
    [sentence] = membership.get("summary")
    text = read_document(example("nl-nieuws-kustwacht-zawiya.txt")).text
    prov = {p["prop"]: p for p in store.provenance(membership.id or "")}
    start, end = map(int, prov["summary"]["location"].removeprefix("chars ").split("-"))
    assert text[start:end] == sentence


def test_every_name_value_says_where_it_stands(store: Store) -> None:
    _result, ents = stored(store, "en-news-sabratha-network.txt")
    text = read_document(example("en-news-sabratha-network.txt")).text
    [doc_id] = [eid for eid, e in ents.items() if e.schema.name == "PlainText"]
    checked = 0
    for row in store.provenance(doc_id):
        if row["prop"] not in ("peopleMentioned", "phoneMentioned", "emailMentioned"):
            continue
        for span in row["location"].split(";"):
            start, end = map(int, span.strip().removeprefix("chars ").split("-"))
            written = text[start:end]
            if row["prop"] == "peopleMentioned":
                assert written == row["value"]
            elif row["prop"] == "emailMentioned":
                assert written.lower() == row["value"]
            else:
                assert "".join(c for c in written if c.isdigit()) == row["value"].lstrip("+")
            checked += 1
    assert checked >= 12  # 12 people (with repeats counted per span), 2 phones, 1 e-mail


def test_adding_the_same_file_again_changes_nothing(store: Store) -> None:
    first, _ = stored(store, "nl-politiebericht-opsporing.txt")
    count = store.count_statements()
    again, _ = stored(store, "nl-politiebericht-opsporing.txt")
    assert not again.created and again.source_id == first.source_id  # type: ignore[attr-defined]
    assert store.count_statements() == count


def test_email_and_attachment_are_stored_together(store: Store) -> None:
    _result, ents = stored(store, "nl-tip-met-bijlagen.eml")
    [mail] = [e for e in ents.values() if e.schema.name == "Email"]
    [attachment] = [e for e in ents.values() if e.schema.name == "PlainText"]
    assert attachment.get("parent") == [mail.id]
    assert mail.get("subject") == ["Melding mensensmokkel Zuwara"]
    assert attachment.get("fileName") == ["berichten.txt"]
    wallets = [e for e in ents.values() if e.schema.name == "CryptoWallet"]
    assert [w.first("publicKey") for w in wallets] == ["1PRw6Hwv95CD18zYMrfu8it5vpyhKZaEeq"]


def test_vessel_numbers_join_the_vessel_named_before(store: Store) -> None:
    _result, ents = stored(store, "en-panel-summary.pdf")
    [vessel] = [e for e in ents.values() if e.schema.name == "Vessel"]
    assert vessel.first("name") == "Sea Falcon"
    assert vessel.get("imoNumber") == ["IMO9301237"] and vessel.get("mmsi") == ["642123456"]
    [ownership] = [e for e in ents.values() if e.schema.name == "Ownership"]
    assert ownership.get("asset") == [vessel.id]


def test_a_failure_while_writing_leaves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex = extract_document(read_document(example("nl-nieuws-kustwacht-zawiya.txt")))

    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "write_records", boom)
    with pytest.raises(RuntimeError):
        store_extraction(store, ex)
    assert store.list_sources() == [] and store.count_statements() == 0


def test_hits_are_stored_names_that_match_a_list_entry(
    demo_store: Store, demo_screener: Screener
) -> None:
    ex = extract_document(read_document(example("nl-nieuws-kustwacht-zawiya.txt")))
    store_extraction(demo_store, ex)
    store_extraction(demo_store, extract_document(read_document(example("en-bank-letter.txt"))))
    hits = find_hits(demo_store, demo_screener)
    by_name = {h["name"]: h for h in hits}
    assert by_name["Mohammed Kachlaf"]["matches"][0]["reference"] == "LYi.025"
    assert by_name["Abd Al Rahman Al-Milad"]["matches"][0]["reference"] == "LYi.026"
    assert by_name["Amira Exemplari"]["matches"][0]["reference"] == "XXi.002"
    assert "Pieter van Dam" not in by_name and "Marieke Jansen" not in by_name
    text = ex.document.text
    spans = by_name["Mohammed Kachlaf"]["mentions"]
    assert [text[s["start"] : s["end"]] for s in spans] == [
        "Mohammed Kachlaf",
        "Kachlaf",
        "Kachlaf",
    ]
    assert by_name["Mohammed Kachlaf"]["sha256"] == ex.document.sha256
    assert document_id(ex.document) == f"doc-{ex.document.sha256}"
