import random

import pytest
from bench.adcorpus import photo_bytes

from opspoor.errors import InputError
from opspoor.network.link_runs import (
    add_photos,
    keep_photos,
    link_store,
    read_photo_manifest,
    stored_groups,
)
from tests.network.builders import store_records
from tests.network.conftest import ad

TEMPLATE = (
    "Hello gentlemen, I am {name}, a sweet girl from Roma. new in Roma, elegant and shy doll. available "
    "day and night at my apartment. call me for massage and real photos. 24 years old, petite lady."
)


def test_link_store_groups_ads_and_keeps_reasons(store, tmp_path):
    ads = [
        ad("ad-1", "Anna here, new in town, call me", phones=("+39 333 123 4567",)),
        ad("ad-2", "Bella, just arrived. Call 0039 333 1234567", phones=("0039 333 1234567",)),
        ad("ad-3", TEMPLATE.format(name="Carla")),
        ad("ad-4", TEMPLATE.format(name="Dana")),
        ad("ad-5", "Used bicycle for sale, barely ridden, red frame, new tyres, pick up in Leeds."),
        ad("ad-6", "Nothing shared with anyone", emails=("solo@example.org",)),
    ]
    store_records(store, ads, kind="capture", dataset="crawl", label="ads.warc")
    rng = random.Random(1)
    (tmp_path / "p1.jpg").write_bytes(photo_bytes(7, 64, rng))
    (tmp_path / "p2.jpg").write_bytes(photo_bytes(7, 64, rng, vary=True))
    add_photos(store, "ad-5", [tmp_path / "p1.jpg"], keep=False)
    add_photos(store, "ad-6", [tmp_path / "p2.jpg"], keep=False)
    run = link_store(store)
    groups = {tuple(g["members"]): g for g in stored_groups(store)}
    assert set(groups) == {("ad-1", "ad-2"), ("ad-3", "ad-4"), ("ad-5", "ad-6")}
    assert groups[("ad-1", "ad-2")]["links"][0]["value"] == "+393331234567"
    assert groups[("ad-3", "ad-4")]["links"][0]["kind"] == "text"
    assert groups[("ad-5", "ad-6")]["links"][0]["kind"] == "image"
    assert run.as_dict()["groups"][0]["size"] == 2
    assert not (store.settings.home / "photos").exists()  # hashes only by default


def test_photos_kept_only_when_the_setting_says_so(store, tmp_path):
    rng = random.Random(2)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(photo_bytes(9, 64, rng))
    rows = add_photos(store, "ad-1", [photo], keep=True)
    assert rows[0]["stored_path"] and (store.settings.home / "photos").is_dir()
    assert keep_photos({"OPSPOOR_KEEP_PHOTOS": "1"}) and not keep_photos({})
    with pytest.raises(InputError, match="not an image"):
        bad = tmp_path / "bad.jpg"
        bad.write_text("not a photo")
        add_photos(store, "ad-1", [bad])


def test_photo_manifest_errors_name_line_and_field(tmp_path):
    manifest = tmp_path / "photos.csv"
    manifest.write_text("entity_id,path\nad-1,missing.jpg\n")
    with pytest.raises(InputError) as err:
        read_photo_manifest(manifest)
    assert err.value.line == 2 and err.value.field == "path"
    manifest.write_text("id,file\n")
    with pytest.raises(InputError, match="missing column"):
        read_photo_manifest(manifest)
