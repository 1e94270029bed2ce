"""The six LIBYA3 trafficking leaders: OFAC (2019) and UN (LYi.021-026) records resolve
pairwise into six people, with no false merge anywhere across the two whole lists.

Uses the real list readers (opspoor.lists) and matcher (opspoor.match) on the shared data.
"""

from collections import defaultdict

import pytest

from opspoor.lists.versions import import_list
from opspoor.network.resolution import canonical_map, resolve
from opspoor.settings import Settings
from opspoor.store.db import Store
from tests.conftest import shared_path

PAIRS = {
    "24004": "LYi.021",  # GHERMAY, Ermias
    "24313": "LYi.022",  # FITWI, Abd al-Razzak
    "24314": "LYi.023",  # DABBASHI, Ahmed (day and month of birth swapped)
    "24310": "LYi.024",  # ABU GREIN, Musab
    "24311": "LYi.025",  # KOSHLAF, Mohamed
    "24312": "LYi.026",  # MILAD, Abd al-Rahman
}

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    un = shared_path("sanctions", "un-consolidated-2020-03-20.xml")
    ofac = shared_path("sanctions", "ofac-sdn-2019-01")
    home = tmp_path_factory.mktemp("libya3")
    store = Store(Settings.from_env({}, home=home))
    store.migrate()
    import_list(store, [un], run_hooks=False)
    import_list(store, [ofac], run_hooks=False)
    report = resolve(store)
    yield store, report
    store.engine.dispose()


def test_six_pairs_become_six_people(resolved):
    store, _ = resolved
    ids = {}
    for stored in store.iter_entities(schemata=["Person"]):
        if stored.reference in PAIRS or stored.reference in PAIRS.values():
            ids[stored.reference] = stored.id
    assert len(ids) == 12, sorted(ids)
    mapping = canonical_map(store)
    members = defaultdict(set)
    for entity_id, canonical in mapping.items():
        members[canonical].add(entity_id)
    people = set()
    for ofac_ref, un_ref in PAIRS.items():
        a, b = ids[ofac_ref], ids[un_ref]
        assert a in mapping and mapping.get(a) == mapping.get(b), (ofac_ref, un_ref)
        assert members[mapping[a]] == {a, b}  # nothing else merged into them
        people.add(mapping[a])
    assert len(people) == 6


def test_no_false_merge_across_the_lists(resolved):
    store, report = resolved
    parties = list(store.iter_entities(schemata=["LegalEntity", "Vessel", "Airplane"]))
    sources_of = {s.id: s.source_ids for s in parties}
    schema_of = {s.id: s.entity.schema for s in parties}
    assert report.merged_pairs > 500  # the lists share many parties
    for cluster in report.clusters:
        # one entry per list at most: a list never names one party twice
        seen: set[int] = set()
        for member in cluster:
            assert not (sources_of[member] & seen), cluster
            seen |= sources_of[member]
        schemata = [schema_of[m] for m in cluster]
        assert all(a.can_match(b) or b.can_match(a) for a in schemata for b in schemata), cluster
    mapping = canonical_map(store)
    # Brothers: Kamal (OFAC 7852) and Jamal (UN IQi.022) Mustafa Abdallah Sultan al-Tikriti share a
    # birth date in OFAC's record; each must merge with his own entry only.
    by_ref = {s.reference: s.id for s in parties if s.reference}
    kamal, jamal = by_ref["7852"], by_ref["IQi.022"]
    assert mapping.get(kamal) != mapping.get(jamal)
    assert mapping.get(kamal) == mapping.get(by_ref["IQi.010"])
    assert mapping.get(jamal) == mapping.get(by_ref["7864"])
