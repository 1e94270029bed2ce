"""The gazetteer spots list names in text, spelling variants included."""

from __future__ import annotations

from opspoor.documents.gazetteer import Gazetteer

NAMES = [
    ("lyi024", "Mus'ab Abu Qarin", False),
    ("lyi024", "The Doctor", True),
    ("lyi025", "Kashlaf", False),
    ("lyi026", "al-Bija", True),
    ("xx", "Omar", False),  # one common word: never looked for
]
SCHEMATA = {"lyi024": "Person", "lyi025": "Person", "lyi026": "Person"}


def hits(text: str) -> list[tuple[str, str]]:
    gaz = Gazetteer.build(NAMES, SCHEMATA)
    out = []
    for h in gaz.find(text):
        assert text[h.start : h.end] == h.text
        out.append((h.text, h.entity_id))
    return out


def test_spelling_variants_are_found() -> None:
    assert hits("Smokkelaar Mussab Abu-Quarin en Koshlaf's mannen.") == [
        ("Mussab Abu-Quarin", "lyi024"),
        ("Koshlaf", "lyi025"),
    ]


def test_one_word_nicknames_count_only_in_quotes() -> None:
    assert hits("The Doctor said Bija was away.") == []
    assert hits("Men called him \"The Doctor\" and 'Bija'.") == [
        ("The Doctor", "lyi024"),
        ("Bija", "lyi026"),
    ]


def test_common_words_and_look_alikes_are_not_hits() -> None:
    assert hits("Omar went to the Koran school with Qarin Smith.") == []
    assert len(Gazetteer.build(NAMES, SCHEMATA)) == 4
