"""The synthetic corpus plants what linking must find (and traps it must not fall into)."""

from collections import Counter, defaultdict

import pytest
from bench.adcorpus import FOOTER_EMAIL, AdCorpus, ad_entity

from opspoor.network.identifiers import normalize_phone


@pytest.fixture(scope="module")
def corpus():
    c = AdCorpus(1200, seed=5)
    return c, list(c.ads())


def test_groups_are_planted_among_noise(corpus):
    c, ads = corpus
    truth = c.truth()
    sizes = Counter(truth.values())
    grouped = sum(n for n in sizes.values() if n > 1)
    assert len(ads) == 1200
    assert 0.3 * 1200 <= grouped <= 0.5 * 1200  # group_share 0.4
    assert sum(1 for n in sizes.values() if n == 1) > 500  # noise ads


def test_groups_share_phones_templates_and_photos(corpus):
    c, ads = corpus
    kinds = Counter()
    for slot in c._plan:
        if slot is not None:
            kinds.update(k for k, _ in slot[1])
    assert {"phone", "template", "photo"} <= set(kinds)
    # Numbers of one group are written in several ways in its ads.
    written = defaultdict(set)
    for ad in ads:
        for phone in ad.phones:
            written[normalize_phone(phone, ad.country)].add(phone)
    assert any(len(forms) >= 3 for forms in written.values())


def test_noise_never_reuses_a_number_and_boilerplate_is_everywhere(corpus):
    c, ads = corpus
    truth = c.truth()
    owners = defaultdict(set)
    for ad in ads:
        for phone in ad.phones:
            owners[normalize_phone(phone, ad.country)].add(truth[ad.id])
    assert all(len(labels) == 1 for labels in owners.values())
    footer = sum(1 for ad in ads if FOOTER_EMAIL in ad.emails)
    assert footer > 50  # shared by many unrelated ads: linking must not use it


def test_ads_become_crawler_shaped_entities(corpus):
    _, ads = corpus
    ad = next(a for a in ads if a.phones)
    proxy = ad_entity(ad)
    assert proxy.schema.name == "HyperText"
    assert proxy.get("phoneMentioned") == [normalize_phone(ad.phones[0], ad.country)]
    assert proxy.first("bodyText") == ad.text
