"""The candidate index and the front door: match, match_name, names, add/remove, results."""

from __future__ import annotations

import pytest

from opspoor.match import DEFAULT_THRESHOLD, MatchIndex, MatchResult
from tests.match.conftest import OFAC_LIBYA, OTHERS, UN_LIBYA, Maker

PAIRS = [
    ("ofac-24004", "un-lyi-021"),
    ("ofac-24310", "un-lyi-024"),
    ("ofac-24311", "un-lyi-025"),
    ("ofac-24312", "un-lyi-026"),
    ("ofac-24313", "un-lyi-022"),
    ("ofac-24314", "un-lyi-023"),
]


def top_other(idx: MatchIndex, entity_id: str) -> MatchResult:
    stored = idx.get(entity_id)
    assert stored is not None
    results = [r for r in idx.match(stored.entity) if r.id != entity_id]
    assert results, f"nothing found for {entity_id}"
    return results[0]


@pytest.mark.parametrize(("ofac", "un"), PAIRS)
def test_ofac_and_un_records_find_each_other(libya_index: MatchIndex, ofac: str, un: str) -> None:
    there = top_other(libya_index, ofac)
    back = top_other(libya_index, un)
    assert there.id == un and there.match, there.explanation
    assert back.id == ofac and back.match, back.explanation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("KOSHLAF, Mohamed", "un-lyi-025"),
        ("Mohamed Kachlaf", "un-lyi-025"),
        ("DABBASHI, Ahmed", "un-lyi-023"),
        ("Ahmad 'Al Ammu' Dabbashi", "un-lyi-023"),
        ("Musab Abu Grein", "un-lyi-024"),
        ("Abdurrahman al-Milad", "un-lyi-026"),
    ],
)
def test_bare_names_hit_the_un_records(libya_index: MatchIndex, query: str, expected: str) -> None:
    results = {r.id: r for r in libya_index.match_name(query, schema="Person")}
    assert expected in results
    assert results[expected].match, results[expected].explanation


def test_bare_common_name_is_no_hit(libya_index: MatchIndex) -> None:
    results = {r.id: r for r in libya_index.match_name("Mohammed Al Amin", schema="Person")}
    assert "un-lyi-025" not in results or not results["un-lyi-025"].match


def test_weak_alias_alone_stays_below_threshold(libya_index: MatchIndex) -> None:
    results = {r.id: r for r in libya_index.match_name("Al Ammu", schema="Person")}
    assert "un-lyi-023" in results  # shown, for a person to look at
    assert not results["un-lyi-023"].match
    assert results["un-lyi-023"].score < DEFAULT_THRESHOLD


def test_birth_date_with_day_and_month_swapped_counts(libya_index: MatchIndex) -> None:
    with_date = libya_index.match_name("Ahmed Dabbashi", schema="Person", birth_date="1988-07-05")
    without = libya_index.match_name("Ahmed Dabbashi", schema="Person")
    score = {r.id: r.score for r in with_date}["un-lyi-023"]
    assert score > {r.id: r.score for r in without}["un-lyi-023"]
    expl = next(r for r in with_date if r.id == "un-lyi-023").explanation
    assert any(e["feature"] == "birth_date" and "swapped" in e["why"] for e in expl)


def test_people_never_match_vessels(libya_index: MatchIndex) -> None:
    assert all(
        r.entity.entity.schema.name != "Vessel"
        for r in libya_index.match_name("Kashlaf", schema="Person")
    )
    vessels = libya_index.match_name("Kashlaf", schema="Vessel")
    assert [r.id for r in vessels] == ["v-kashlaf"]


def test_identifier_outranks_names(maker: Maker) -> None:
    idx = MatchIndex.build([*UN_LIBYA, *OTHERS])
    query = maker("q", schema="Vessel", name="Completely Different Name", imoNumber="IMO 9074729")
    results = idx.match(query.entity)
    assert results[0].id == "v-kashlaf" and results[0].match
    assert any(e["feature"] == "identifier" for e in results[0].explanation)
    other_imo = maker("q2", schema="Vessel", name="Kashlaf", imoNumber="9176187")
    scored = idx.match(other_imo.entity)
    assert scored and scored[0].score < idx.match_name("Kashlaf", schema="Vessel")[0].score


def test_result_is_the_design_match_object(libya_index: MatchIndex) -> None:
    result = libya_index.match_name("KOSHLAF, Mohamed", schema="Person")[0]
    data = result.to_dict()
    assert set(data) == {
        "id",
        "caption",
        "schema",
        "score",
        "match",
        "datasets",
        "reference",
        "properties",
        "explanation",
    }
    assert data["reference"] in ("LYi.025", "24311")
    assert data["properties"]["name"]
    assert isinstance(data["datasets"], list)
    for item in data["explanation"]:
        assert set(item) == {"feature", "query", "candidate", "score", "why"}
        assert item["why"]


def test_names_lists_every_name_and_weak_alias(libya_index: MatchIndex) -> None:
    names = set(libya_index.names())
    assert ("un-lyi-025", "Koshlaf", False) in names
    assert ("un-lyi-025", "Keslaf", True) in names
    assert all(not name.startswith("Mohammed Keslaf") for _, name, _ in names)  # no made-up names


def test_add_and_remove(maker: Maker) -> None:
    idx = MatchIndex.build(OFAC_LIBYA)
    assert len(idx) == len(OFAC_LIBYA)
    assert not idx.match_name("Zawiya Refinery Guard", schema="Organization")
    assert idx.add(maker("o-guard", schema="Organization", name="Zawiya Refinery Guard"))
    assert idx.match_name("Zawiya Refinery Guard", schema="Organization")[0].id == "o-guard"
    assert idx.remove("o-guard")
    assert not idx.remove("o-guard")
    assert not idx.match_name("Zawiya Refinery Guard", schema="Organization")
    # replacing an entity keeps one copy
    idx.add(maker("ofac-24311", name="KOSHLAF, Mohamed"))
    assert len(idx) == len(OFAC_LIBYA)
    assert [r.id for r in idx.match_name("KOSHLAF, Mohamed")].count("ofac-24311") == 1
    # sanctions and addresses are not listed parties
    assert not idx.add(maker("s1", schema="Sanction", program="LIBYA3"))


def test_compact_index_gives_the_same_results() -> None:
    plain = MatchIndex.build(UN_LIBYA + OFAC_LIBYA)
    compact = MatchIndex.build(UN_LIBYA + OFAC_LIBYA, compact=True)
    a = [(r.id, round(r.score, 6)) for r in plain.match_name("KOSHLAF, Mohamed")]
    b = [(r.id, round(r.score, 6)) for r in compact.match_name("KOSHLAF, Mohamed")]
    assert a == b
    assert compact.match_name("KOSHLAF, Mohamed")[0].entity.reference in ("24311", "LYi.025")


def test_threshold_and_limit(libya_index: MatchIndex) -> None:
    assert len(libya_index.match_name("Mohamed", limit=1)) <= 1
    strict = libya_index.match_name("Mohamed Kachlaf", schema="Person", threshold=0.999)
    assert strict and not any(r.match for r in strict)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "!!!!",
        "x" * 10_000,
        "Mohamed " * 2000,
        "Мохамед Kashlaf كشلاف",
        "\x00\x01",
        "💥💥",
    ],
)
def test_bad_names_never_fail(libya_index: MatchIndex, name: str) -> None:
    results = libya_index.match_name(
        name, schema="Person", birth_date="not a date", nationality="Narnia"
    )
    assert all(0.0 <= r.score <= 1.0 for r in results)


def test_from_store(store, maker: Maker) -> None:  # type: ignore[no-untyped-def]
    from opspoor.store.records import Record

    with store.transaction() as conn:
        source = store.add_source(
            conn, kind="list_version", dataset="un", sha256="1" * 64, published_at="2026-02-27"
        )
        records = [Record(s.entity, reference=s.reference) for s in UN_LIBYA]
        store.write_records(conn, source, "un", records)
    idx = MatchIndex.from_store(store)
    assert len(idx) == len(UN_LIBYA)
    hit = idx.match_name("KOSHLAF, Mohamed", schema="Person")[0]
    assert (
        hit.id == "un-lyi-025"
        and hit.entity.reference == "LYi.025"
        and hit.entity.datasets == {"un"}
    )


def test_parallel_build_gives_the_same_results() -> None:
    entities = UN_LIBYA + OFAC_LIBYA + OTHERS
    serial = MatchIndex.build(entities)
    parallel = MatchIndex.build(entities, workers=2)
    compact = MatchIndex.build(entities, workers=2, compact=True)
    assert len(serial) == len(parallel) == len(compact)
    assert serial.stats() == parallel.stats()
    for query in ("KOSHLAF, Mohamed", "DABBASHI, Ahmed", "Kashlaf", "Milad Trading"):
        expected = [(r.id, round(r.score, 6)) for r in serial.match_name(query)]
        assert [(r.id, round(r.score, 6)) for r in parallel.match_name(query)] == expected
        assert [(r.id, round(r.score, 6)) for r in compact.match_name(query)] == expected
    assert set(serial.names()) == set(parallel.names())


def test_an_acronym_finds_the_organisation(maker: Maker) -> None:
    idx = MatchIndex.build(
        [
            *OFAC_LIBYA,
            maker("o-nsg", schema="Organization", name="Nasr Security Group"),
            maker("o-other", schema="Organization", name="Nile Shipping Agency"),
        ]
    )
    results = idx.match_name("NSG", schema="Organization")
    assert results and results[0].id == "o-nsg" and results[0].match
    assert all(r.id != "o-other" or not r.match for r in results)
