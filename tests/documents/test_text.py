"""Tokens and sentences keep exact offsets into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.documents.text import sentences, tokenize


def test_tokens_keep_names_with_particles_and_abbreviations() -> None:
    text = "Mus'ab Abu-Quarin (37) en Al Khums Trading B.V. zagen J.P. van der Berg."
    words = [t.text for t in tokenize(text)]
    assert words == [
        "Mus'ab",
        "Abu-Quarin",
        "37",
        "en",
        "Al",
        "Khums",
        "Trading",
        "B.V.",
        "zagen",
        "J.P.",
        "van",
        "der",
        "Berg",
    ]


def test_sentences_do_not_break_after_titles_and_initials() -> None:
    text = "Dr. Ali kwam. Hij zag mr. J.P. van der Berg! En toen?\n\nNieuwe alinea"
    assert [s.text for s in sentences(text)] == [
        "Dr. Ali kwam.",
        "Hij zag mr. J.P. van der Berg!",
        "En toen?",
        "Nieuwe alinea",
    ]


def test_short_lines_are_sentences_of_their_own() -> None:
    text = "Kustwacht onder vuur\nDoor onze correspondent\nTRIPOLI - Het begon gisteren."
    assert [s.text for s in sentences(text)] == [
        "Kustwacht onder vuur",
        "Door onze correspondent",
        "TRIPOLI - Het begon gisteren.",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_offsets_always_point_into_the_text(text: str) -> None:
    last = 0
    for sent in sentences(text):
        assert text[sent.start : sent.end] == sent.text
        assert sent.start >= last and sent.text.strip() == sent.text and sent.text
        last = sent.end
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
