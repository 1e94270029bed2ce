from sqlalchemy import func, select

from opspoor.network.resolution import (
    canonical_map,
    canonical_statements,
    judgement_history,
    recluster,
    record_judgement,
    resolve,
    review_queue,
    stored_candidates,
)
from opspoor.network.tables import network_judgements
from opspoor.store.tables import statements


def same_cluster(mapping, a, b):
    return a in mapping and mapping.get(a) == mapping.get(b)


def test_resolves_across_documents_and_lists(store, small_network):
    report = resolve(store)
    mapping = canonical_map(store)
    assert same_cluster(mapping, "doc1-walid-haddad", "doc2-walid-haddad")
    assert same_cluster(mapping, "doc1-karim-omar-zaidan", "tl-001")
    assert not same_cluster(mapping, "tl-001", "tl-002")
    assert "doc2-samir-nasser" not in mapping
    assert report.merged_pairs == 2 and len(report.clusters) == 2
    pair = next(
        p
        for p in stored_candidates(store)
        if {p.left, p.right} == {"doc1-karim-omar-zaidan", "tl-001"}
    )
    assert pair.status == "merge" and pair.probability >= 0.9
    assert pair.comparisons[0]["comparison"] == "name"


def test_merged_entity_keeps_every_source_statement(store, small_network):
    resolve(store)
    canonical = canonical_map(store)["tl-001"]
    stmts = canonical_statements(store, canonical)
    assert {s["source_id"] for s in stmts} == {small_network.list_source, small_network.doc1_source}
    with store.connect() as conn:
        rows = conn.execute(
            select(statements.c.entity_id).where(statements.c.canonical_id == canonical)
        ).all()
    assert {r[0] for r in rows} == {"tl-001", "doc1-karim-omar-zaidan"}


def test_analyst_judgements_survive_a_rerun(store, small_network):
    resolve(store)
    record_judgement(
        store, "tl-001", "doc1-karim-omar-zaidan", "not_same", "mia", "different father's name"
    )
    record_judgement(store, "tl-003", "doc2-samir-nasser", "same", "mia", "alias in a court file")
    recluster(store)
    for _ in range(2):  # and again after a full re-run: nothing a run does undoes a judgement
        mapping = canonical_map(store)
        assert not same_cluster(mapping, "tl-001", "doc1-karim-omar-zaidan")
        assert same_cluster(mapping, "tl-003", "doc2-samir-nasser")
        assert same_cluster(mapping, "doc1-walid-haddad", "doc2-walid-haddad")
        resolve(store)
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(network_judgements)).scalar_one() == 2
    assert [j.analyst for j in judgement_history(store)] == ["mia", "mia"]


def test_a_later_judgement_overrides_an_earlier_one(store, small_network):
    resolve(store)
    record_judgement(store, "tl-001", "doc1-karim-omar-zaidan", "not_same", "mia")
    recluster(store)
    assert not same_cluster(canonical_map(store), "tl-001", "doc1-karim-omar-zaidan")
    record_judgement(
        store, "doc1-karim-omar-zaidan", "tl-001", "same", "ali", "confirmed by passport"
    )
    resolve(store)
    assert same_cluster(canonical_map(store), "tl-001", "doc1-karim-omar-zaidan")
    assert len(judgement_history(store)) == 2  # history kept: appended, never overwritten


def test_unsure_pairs_go_to_review(store, small_network):
    resolve(store, merge_at=0.99, review_at=0.5)
    queue = review_queue(store)
    keys = {(p.left, p.right) for p in queue}
    assert ("doc1-karim-omar-zaidan", "tl-001") in keys
    assert all(0.5 <= p.probability < 0.99 for p in queue)
    assert canonical_map(store) == {}


def test_judgement_input_is_checked(store):
    import pytest

    from opspoor.errors import InputError

    with pytest.raises(InputError, match="judgement must be one of"):
        record_judgement(store, "a", "b", "maybe", "mia")
    with pytest.raises(InputError, match="two different"):
        record_judgement(store, "a", "a", "same", "mia")
    with pytest.raises(InputError, match="analyst"):
        record_judgement(store, "a", "b", "same", " ")
    with pytest.raises(InputError, match="nothing resolved yet"):
        recluster(store)
    with pytest.raises(InputError, match="thresholds"):
        resolve(store, merge_at=0.5, review_at=0.9)
