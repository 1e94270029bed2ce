"""Evidence helpers: quoting the sentence a value was read from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from opspoor.cases.evidence import SENTENCE_CHARS, sentence_around

TEXT = "First sentence here. Vilmar Demovic works with Amira Exemplara, who collects the money. Last one."


def test_sentence_around_a_span() -> None:
    start = TEXT.index("Amira")
    quote = sentence_around(TEXT, start, start + len("Amira Exemplara"))
    assert quote == "Vilmar Demovic works with Amira Exemplara, who collects the money."


def test_long_sentences_are_cut_around_the_span() -> None:
    text = "word " * 400 + "PHONE +61491570156 " + "word " * 400
    start = text.index("PHONE")
    quote = sentence_around(text, start, start + 18)
    assert "PHONE +61491570156" in quote
    assert len(quote) <= SENTENCE_CHARS + 2 and quote.startswith("…") and quote.endswith("…")


@given(st.text(max_size=400), st.data())
def test_the_span_is_always_in_the_quote(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 60)))
    quote = sentence_around(text, start, end)
    span = " ".join(text[start:end].split())
    assert span in quote
