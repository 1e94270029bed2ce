"""Obscured phone numbers: number words, look-alike letters, spaced, emoji and styled digits."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.signals.phones import number_words, phone_numbers_in

WORDS = {
    "nl": ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
}
STYLES = {
    "fullwidth": lambda d: chr(0xFF10 + int(d)),
    "bold": lambda d: chr(0x1D7CE + int(d)),
    "keycap": lambda d: d + "\ufe0f\u20e3",
}


@pytest.mark.parametrize(
    ("text", "raw", "e164", "tricks"),
    [
        ("Bel 06-12345678", "06-12345678", "+31612345678", ()),
        (
            "bel nul zes 12 drie vier 56 78 nu",
            "nul zes 12 drie vier 56 78",
            "+31612345678",
            ("number words",),
        ),
        ("zes 12 drie 4 5 6 7 8", "zes 12 drie 4 5 6 7 8", "+31612345678", ("number words",)),
        ("App 0six-12-34-56-78", "0six-12-34-56-78", "+31612345678", ("number words",)),
        ("Bel O6-12 34 56 78!", "O6-12 34 56 78", "+31612345678", ("look-alike letters",)),
        ("call 06l2345678", "06l2345678", "+31612345678", ("look-alike letters",)),
        ("Call 0 6 1 2 3 4 5 6 7 8", "0 6 1 2 3 4 5 6 7 8", "+31612345678", ("spaced digits",)),
        ("0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "+31612345678", ("emoji or styled digits",)),
        (
            "０６−１２３４５６７８",
            "０６−１２３４５６７８",
            "+31612345678",
            ("emoji or styled digits",),
        ),
        (
            "zero six twelve thirty-four fifty six seventy eight",
            "zero six twelve thirty-four fifty six seventy eight",
            "+31612345678",
            ("number words",),
        ),
        (
            "nul zes twaalf vierendertig zesenvijftig achtenzeventig",
            "nul zes twaalf vierendertig zesenvijftig achtenzeventig",
            "+31612345678",
            ("number words",),
        ),
        ("WhatsApp +31 6 44556677", "+31 6 44556677", "+31644556677", ()),
        ("bel 06*12*34*56*78", "06*12*34*56*78", "+31612345678", ("odd separators",)),
    ],
)
def test_phone_forms(text: str, raw: str, e164: str, tricks: tuple[str, ...]) -> None:
    [found] = phone_numbers_in(text)
    assert (found.raw, found.e164, found.tricks) == (raw, e164, tricks)
    assert text[found.start : found.end] == raw
    assert found.obfuscated == bool(tricks)


@pytest.mark.parametrize(
    "text",
    [
        "Open 09.00-17.30, 7 dagen per week, postcode 1012 AB.",
        "Ik ben een 23-jarige studente en heb twee katten.",
        "Order 123456789 of 2024-06-12, 3 items",
        "Prijzen: 100 150 200 250 euro",
        "IBAN NL91 ABNA 0417 1643 00",
        "Call me, one of the nine best",
    ],
)
def test_no_phone_in_numbers_that_are_not_phones(text: str) -> None:
    assert phone_numbers_in(text) == []


def test_two_numbers_in_one_run_are_both_found() -> None:
    found = phone_numbers_in("06-12345678 06-87654321 / 020-5554321")
    assert [p.e164 for p in found] == ["+31612345678", "+31687654321", "+31205554321"]


def test_number_word_lexicon_composes_tens() -> None:
    words = number_words()
    assert (
        words["vijfentwintig"] == "25"
        and words["tweeëntwintig"] == "22"
        and words["ninety-nine"] == "99"
    )


_MOBILE_TAIL = st.text(alphabet="0123456789", min_size=8, max_size=8)


@st.composite
def obscured(draw: st.DrawFn) -> tuple[str, str]:
    """A valid Dutch mobile number written with a random trick per digit."""
    tail = draw(
        _MOBILE_TAIL.filter(
            lambda t: phonenumbers.is_valid_number(phonenumbers.parse("06" + t, "NL"))
        )
    )
    digits = "06" + tail
    parts = []
    for d in digits:
        how = draw(st.sampled_from(["plain", "nl", "en", "fullwidth", "bold", "keycap"]))
        if how == "plain":
            parts.append(d)
        elif how in WORDS:
            parts.append(WORDS[how][int(d)])
        else:
            parts.append(STYLES[how](d))
    seps = [draw(st.sampled_from([" ", "-", ".", "", " - "])) for _ in parts[1:]]
    # words need a separator so they do not run into each other
    text = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        if not sep and (text[-1].isalpha() or part[0].isalpha()):
            sep = " "
        text += sep + part
    return text, "+31" + digits[1:]


@settings(max_examples=150, deadline=None)
@given(
    obscured(),
    st.sampled_from(["Bel ", "Call me: ", "", "💋 "]),
    st.sampled_from([" nu!", ".", "", " xx"]),
)
def test_any_obscured_mobile_number_is_read_back(
    case: tuple[str, str], before: str, after: str
) -> None:
    written, e164 = case
    text = before + written + after
    found = phone_numbers_in(text)
    assert [p.e164 for p in found] == [e164]
    p = found[0]
    assert text[p.start : p.end] == p.raw
    assert p.start == len(before) and p.end == len(before) + len(written)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_are_in_the_text(text: str) -> None:
    for p in phone_numbers_in(text):
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start : p.end] == p.raw
