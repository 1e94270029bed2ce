"""Relations between names in one sentence, kept with that sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from opspoor.documents.names import find_names
from opspoor.documents.relations import default_rules, load_rules, relations_in


def rels(text: str) -> list[tuple[str, str, str, str]]:
    names = find_names(text)
    out = []
    for r in relations_in(text, names.mentions, names.places):
        assert text[r.start : r.end] == r.sentence
        assert text[r.subject.start : r.subject.end] == r.subject.text
        assert text[r.object.start : r.object.end] == r.object.text
        assert r.start <= r.subject.start and r.object.end <= r.end
        out.append((r.schema, r.role, r.subject.text, r.object.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Khalid Zentani, the nephew of Salem Barghathi, runs a warehouse.",
            ("Family", "nephew", "Salem Barghathi", "Khalid Zentani"),
        ),
        (
            "Khalid Zentani is de neef van Salem Barghathi.",
            ("Family", "nephew or cousin", "Salem Barghathi", "Khalid Zentani"),
        ),
        (
            "Hamza Ben Salem en zijn broer Idris Ben Salem zwegen.",
            ("Family", "brother", "Hamza Ben Salem", "Idris Ben Salem"),
        ),
        (
            "Idris Ben Salem is de broer van Hamza Ben Salem.",
            ("Family", "brother", "Hamza Ben Salem", "Idris Ben Salem"),
        ),
        (
            "Mohammed Kachlaf, commander of the Shuhada al-Nasr brigade, was seen.",
            ("Membership", "commander", "Mohammed Kachlaf", "Shuhada al-Nasr brigade"),
        ),
        (
            "Mohammed Kachlaf is de commandant van de Shuhada al-Nasr brigade.",
            ("Membership", "commander", "Mohammed Kachlaf", "Shuhada al-Nasr brigade"),
        ),
        (
            "Abd al-Rahman al-Milad, the head of the coast guard in Zawiya, spoke.",
            ("Membership", "head", "Abd al-Rahman al-Milad", "coast guard in Zawiya"),
        ),
        (
            "Abd al-Rahman al-Milad is het hoofd van de kustwacht in Zawiya.",
            ("Membership", "head", "Abd al-Rahman al-Milad", "kustwacht in Zawiya"),
        ),
        (
            "Omar Dabbashi is lid van de Anas al-Dabbashi militie.",
            ("Membership", "member", "Omar Dabbashi", "Anas al-Dabbashi militie"),
        ),
        (
            "Mohammed Kachlaf works closely with Abd al-Rahman al-Milad.",
            ("Associate", "works closely with", "Mohammed Kachlaf", "Abd al-Rahman al-Milad"),
        ),
        (
            "Mohammed Kachlaf werkt nauw samen met Abd al-Rahman al-Milad.",
            ("Associate", "werkt nauw samen met", "Mohammed Kachlaf", "Abd al-Rahman al-Milad"),
        ),
        (
            "Hamza Ben Salem is eigenaar van Northwind Demo Maritime.",
            ("Ownership", "owner", "Hamza Ben Salem", "Northwind Demo Maritime"),
        ),
        (
            'Jamal Fictioni is the owner of the tug "Blue Placeholder".',
            ("Ownership", "owner", "Jamal Fictioni", "Blue Placeholder"),
        ),
        (
            'The vessel "Sea Falcon" (IMO 9301237) is owned by Northwind Demo Maritime.',
            ("Ownership", "owner", "Northwind Demo Maritime", "Sea Falcon"),
        ),
        (
            "Osama Ben Khalifa is linked to the Anas al-Dabbashi militia.",
            ("UnknownLink", "linked to", "Osama Ben Khalifa", "Anas al-Dabbashi militia"),
        ),
    ],
)
def test_each_kind_of_relation(text: str, expected: tuple[str, str, str, str]) -> None:
    assert rels(text) == [expected]


def test_no_relation_across_sentences_or_without_a_pattern() -> None:
    assert rels("Mohammed Kachlaf was seen. The nephew of Salem Barghathi left.") == []
    assert rels("Mohammed Kachlaf and Abd al-Rahman al-Milad were both listed.") == []


def test_a_surname_relation_is_about_the_full_name() -> None:
    text = "Mohammed Kachlaf was listed. Kachlaf leidt de Shuhada al-Nasr brigade."
    names = find_names(text)
    [rel] = relations_in(text, names.mentions, names.places)
    assert rel.subject.text == "Kachlaf"
    assert rel.subject.mention is not None
    assert (
        names.mentions[names.mentions[rel.subject.mention].refers_to or 0].text
        == "Mohammed Kachlaf"
    )


def test_a_sentence_initial_surname_is_the_person_named_before() -> None:
    text = (
        "Survivors said a man called Yonas Tesfay collected payments. "
        "Tesfay is a close associate of Ermias Ghermay, according to the report."
    )
    names = find_names(text)
    [rel] = relations_in(text, names.mentions, names.places)
    tesfay = rel.object if rel.object.text == "Tesfay" else rel.subject
    assert tesfay.text == "Tesfay" and tesfay.mention is not None
    assert names.mentions[names.mentions[tesfay.mention].refers_to or 0].text == "Yonas Tesfay"


def test_rules_file_loads_and_bad_rules_are_named(tmp_path: Path) -> None:
    assert {r.schema for r in default_rules()} == {
        "Family",
        "Membership",
        "Associate",
        "Ownership",
        "UnknownLink",
    }
    bad = tmp_path / "rules.yml"
    bad.write_text(
        "relations:\n  - id: broken\n    schema: Family\n    pattern: '{A:P} of {C:P}'\n    subject: A\n    object: B\n"
    )
    with pytest.raises(ValueError, match="broken"):
        load_rules(bad)
