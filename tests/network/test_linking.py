"""Linking recovers planted groups (the 10k-ad run is in bench/bench_network.py)."""

from collections import defaultdict

import pytest
from bench.adcorpus import FOOTER_EMAIL, AdCorpus, ad_entity

from opspoor.network.evaluation import adjusted_rand_index, pairwise_scores
from opspoor.network.images import hash_bytes
from opspoor.network.linking import LinkConfig, LinkItem, item_from_entity, link_items


def corpus_items(corpus: AdCorpus):
    for ad in corpus.ads():
        yield item_from_entity(ad_entity(ad), [hash_bytes(p)[1] for p in ad.photos])


@pytest.fixture(scope="module")
def linked():
    corpus = AdCorpus(2000, seed=21)
    items = list(corpus_items(corpus))
    return corpus, items, link_items(items)


def test_recovers_planted_groups(linked):
    corpus, _, result = linked
    truth = corpus.truth()
    ari = adjusted_rand_index(truth, result.group_of)
    pairs = pairwise_scores(truth, result.group_of)
    assert ari >= 0.95, ari
    assert pairs.precision >= 0.95, pairs


def test_every_link_keeps_its_reason(linked):
    _, _, result = linked
    kinds = {lk.kind for lk in result.links}
    assert {"phone", "text", "image"} <= kinds
    phone = next(lk for lk in result.links if lk.kind == "phone")
    assert phone.value.startswith("+") and phone.reason == f"shares phone {phone.value}"
    text = next(lk for lk in result.links if lk.kind == "text")
    assert 0.5 <= text.score <= 1.0 and "Jaccard" in text.reason
    for lk in result.links:
        assert result.group_of[lk.left] == result.group_of[lk.right]


def test_boilerplate_is_set_aside_not_linked(linked):
    _, _, result = linked
    assert f"email {FOOTER_EMAIL}" in result.ignored
    assert not any(lk.value == FOOTER_EMAIL for lk in result.links)
    assert any(k.startswith("image ") for k in result.ignored)  # the stock photo


def test_each_signal_alone_and_all_together(linked):
    corpus, items, result = linked
    truth = corpus.truth()
    alone = {}
    for kind in ("phone", "text", "image"):
        part = link_items(items, LinkConfig(kinds=(kind,)))
        alone[kind] = pairwise_scores(truth, part.group_of)
        assert alone[kind].precision >= 0.95
    together = pairwise_scores(truth, result.group_of)
    # Combining signals finds pairs no single signal does (transitively).
    assert together.recall > max(s.recall for s in alone.values())


def test_identifiers_link_transitively_and_disjoint_items_stay_apart():
    items = [
        LinkItem("a", frozenset({("phone", "+1")})),
        LinkItem("b", frozenset({("phone", "+1"), ("email", "x@y.z")})),
        LinkItem("c", frozenset({("email", "x@y.z")})),
        LinkItem("d", frozenset({("phone", "+2")})),
    ]
    result = link_items(items, LinkConfig(common_min=10))
    groups = defaultdict(set)
    for item, gid in result.group_of.items():
        groups[gid].add(item)
    assert sorted(map(sorted, groups.values())) == [["a", "b", "c"], ["d"]]
