import random

from bench.adcorpus import photo_bytes
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from opspoor.network.images import ImageIndex, hamming, hash_bytes, perceptual_hash
from opspoor.network.templates import TemplateIndex, shingles

AD = (
    "Hello gentlemen, I am Anna, a sweet girl from Roma. new in Roma, elegant and shy doll. available "
    "day and night at my apartment. call me for massage and real photos. 24 years old, petite lady "
    "waiting for you. only 150 euro per hour, no rush."
)


def test_template_reuse_is_found_and_unrelated_text_is_not():
    index = TemplateIndex(threshold=0.5)
    assert index.add("a", AD) == []
    variant = AD.replace("Anna", "Bella").replace("24", "25").replace("150", "200")
    found = index.add("b", variant)
    assert [k for k, _ in found] == ["a"] and found[0][1] >= 0.5
    other = "Used bicycle for sale, barely ridden, red frame, new tyres, pick up in Leeds on weekends only."
    assert index.add("c", other * 2) == []
    assert index.add("d", "too short") == []  # fewer shingles than the minimum: never compared


def test_numbers_do_not_make_texts_differ():
    assert shingles("only 150 euro per hour") == shingles("only 300 euro per hour")


@given(st.integers(0, 2**64 - 1), st.sets(st.integers(0, 63), max_size=4))
def test_image_index_finds_every_hash_within_distance(value, flips):
    other = value
    for bit in flips:
        other ^= 1 << bit
    index = ImageIndex(max_distance=4)
    index.add("a", value)
    assert index.add("b", other) == [("a", len(flips))]


def test_image_index_ignores_far_hashes():
    index = ImageIndex(max_distance=4)
    index.add("a", 0)
    assert index.add("b", (1 << 5) - 1 << 10) == []  # five bits apart


def test_resized_recompressed_photo_keeps_its_hash_and_other_photos_do_not():
    rng = random.Random(3)
    base = hash_bytes(photo_bytes(42, 64, rng))[1]
    variant = hash_bytes(photo_bytes(42, 64, rng, vary=True))[1]
    other = hash_bytes(photo_bytes(43, 64, rng, vary=True))[1]
    assert hamming(base, variant) <= 4
    assert hamming(base, other) > 10
    assert perceptual_hash(Image.new("RGB", (32, 32), "white")) == perceptual_hash(
        Image.new("RGB", (64, 64), "white")
    )
