"""With the real UN (2026-02-27) and OFAC (2019-01) lists loaded together: every OFAC LIBYA3
trafficking person finds its UN LYi.02x record as top match above the threshold, and back."""

from __future__ import annotations

import pytest

from opspoor.lists.formats import read_list
from opspoor.match import MatchIndex
from opspoor.store.records import StoredEntity
from tests.conftest import shared_path

pytestmark = pytest.mark.shared_data

# OFAC ent_num -> UN reference, as both lists publish them (LIBYA3 designations of 2018)
TWINS = {
    "24004": "LYi.021",  # Ermias Ghermay
    "24310": "LYi.024",  # Mus'ab Abu Qarin / Abu Grein
    "24311": "LYi.025",  # Mohamed Kashlaf / Koshlaf
    "24312": "LYi.026",  # Abd al-Rahman al-Milad (al-Bija)
    "24313": "LYi.022",  # Fitiwi Abdelrazak / Fitwi Abd al-Razzak
    "24314": "LYi.023",  # Ahmad al-Dabbashi (Al Ammu)
}


@pytest.fixture(scope="module")
def lists() -> tuple[MatchIndex, dict[str, StoredEntity]]:
    un = read_list([shared_path("sanctions", "un-consolidated-2026-02-27.xml")])
    ofac = read_list([shared_path("sanctions", "ofac-sdn-2019-01")])
    stored = [
        StoredEntity(r.entity, {pl.dataset}, r.reference) for pl in (un, ofac) for r in pl.records
    ]
    by_ref = {
        s.reference: s for s in stored if s.reference in TWINS or s.reference in TWINS.values()
    }
    return MatchIndex.build(stored), by_ref


@pytest.mark.parametrize(("ofac", "un"), sorted(TWINS.items()))
def test_libya3_and_un_twins_are_top_matches(
    lists: tuple[MatchIndex, dict[str, StoredEntity]], ofac: str, un: str
) -> None:
    idx, by_ref = lists
    for query_ref, want in ((ofac, un), (un, ofac)):
        query = by_ref[query_ref]
        results = [r for r in idx.match(query.entity) if r.id != query.id]
        assert results, f"{query_ref}: nothing found"
        top = results[0]
        assert top.entity.reference == want, (
            query_ref,
            [(r.entity.reference, r.score) for r in results[:3]],
        )
        assert top.match, (query_ref, top.score, top.explanation)


def test_bare_names_against_the_full_lists(
    lists: tuple[MatchIndex, dict[str, StoredEntity]],
) -> None:
    idx, _ = lists
    hits = {
        r.entity.reference for r in idx.match_name("KOSHLAF, Mohamed", schema="Person") if r.match
    }
    assert "LYi.025" in hits
    hits = {
        r.entity.reference for r in idx.match_name("DABBASHI, Ahmed", schema="Person") if r.match
    }
    assert "LYi.023" in hits
    common = {r.entity.reference: r for r in idx.match_name("Mohammed Al Amin", schema="Person")}
    assert "LYi.025" not in common or not common["LYi.025"].match
