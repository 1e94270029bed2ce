"""The engine: spans in the original text, negative cues designed per rule, a score whose parts
add up, cross-ad flags, and the prefilter that must never change a result."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.signals.crossad import AdFacts, cross_ad_flags, persona_names
from opspoor.signals.engine import MAX_SCORE, Flag, apply_rules, scan_text, scan_texts, score_flags
from opspoor.signals.phones import phone_numbers_in
from opspoor.signals.rules import default_rulebook
from opspoor.signals.textnorm import NormalText

BOOK = default_rulebook()


def rules_of(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in scan_text(text, BOOK).flags]


# -- negative cues, rule by rule ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Escort Lisa: jong meisje. Alle modellen zijn 18+.",
        "Escort Lisa: jong meisje, 18+ verified, no minors.",
        "Escort Lisa: jong meisje. Geen minderjarigen, leeftijd gecontroleerd.",
        "Escort: young girl available. All models are 18+ and age verified.",
    ],
)
def test_age_disclaimers_do_not_cancel_a_young_age_flag(text: str) -> None:
    assert any(rule == "nl_police.young_age" for rule, _ in rules_of(text))


def test_eighteen_plus_is_not_a_stated_age() -> None:
    assert not any(
        "stated_age" in rule for rule, _ in rules_of("Escort, alle dames 18+ en ouder dan 21.")
    )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Escort Marja, jonge vrouw van 45 jaar.",
            "nl_police.young_age",
        ),  # an adult age in the sentence
        ("Escortbureau: geen tieners, alle dames 25+.", "nl_police.young_age"),  # negated
        ("Escort Sandra, niet 24/7 beschikbaar.", "nl_police.availability_24_7"),  # negated
        (
            "Escortbureau, reserveren 24/7 via de website.",
            "nl_police.availability_24_7",
        ),  # a desk, not a person
        ("Escort Mia, nooit zonder condoom.", "nl_police.extreme_services"),
        ("Escort, geen AO.", "nl_police.extreme_services"),
        ("Escort Eva, 19 jaar ervaring.", "nl_police.stated_age_18_19"),
        ("Escort Eva, minimaal 18 jaar voor klanten.", "nl_police.stated_age_18_19"),
        (
            "Escort Mara. Review: she is available and sweet, a client wrote.",
            "nl_police.third_party",
        ),
        ("Escort Sandra, not new in town.", "nl_police.new_in_town"),
    ],
)
def test_negative_cues_cancel_the_flag_they_are_meant_for(text: str, rule: str) -> None:
    assert rule not in [r for r, _ in rules_of(text)]


def test_a_cue_cancels_one_match_not_the_whole_ad() -> None:
    found = rules_of("Escort Mia, nooit zonder condoom... maar voor jou: bareback.")
    assert ("nl_police.extreme_services", "bareback") in found
    assert ("nl_police.extreme_services", "zonder condoom") not in found


def test_context_rules_stay_silent_outside_sex_ads() -> None:
    assert rules_of("Loodgieter 24/7 beschikbaar, jong team, nieuw in de stad.") == []


# -- spans --------------------------------------------------------------------------------------
def test_spans_index_the_original_text_through_styled_unicode_and_invisible_characters() -> None:
    text = "𝐄𝐬𝐜𝐨𝐫𝐭 Lisa, 𝐲𝐨𝐮𝐧𝐠 gi\u200brl, z\u00adonder condoom"
    flags = scan_text(text, BOOK).flags
    young = next(f for f in flags if f.rule == "nl_police.young_age")
    assert young.text == "𝐲𝐨𝐮𝐧𝐠 gi\u200brl" and text[young.start : young.end] == young.text
    extreme = next(f for f in flags if f.rule == "nl_police.extreme_services")
    assert extreme.text == "z\u00adonder condoom"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normal_text_maps_every_span_back(text: str) -> None:
    view = NormalText.of(text)
    assert len(view.lower) == len(view.text)
    for start in range(len(view.text)):
        o_start, o_end = view.original_span(start, start + 1)
        assert 0 <= o_start < o_end <= len(text)


# -- score --------------------------------------------------------------------------------------
def test_score_is_the_sum_of_the_shown_contributions() -> None:
    result = scan_text("Escort Lisa, jong meisje, 24/7 beschikbaar, nieuw in de stad.", BOOK)
    assert [c.indicator for c in result.contributions] == [
        "young_age",
        "excessive_availability",
        "new_in_town",
    ]
    assert result.score == pytest.approx(sum(c.weight for c in result.contributions))
    # 24/7 is named by the police and by UNODC: one indicator, counted once
    availability = next(c for c in result.contributions if c.indicator == "excessive_availability")
    assert (
        availability.rules == ("nl_police.availability_24_7", "unodc.long_hours")
        and availability.count == 2
    )


def test_score_is_capped() -> None:
    flags = [Flag(f"r.{i}", f"ind{i}", "s", "t", 0, 1, 0.4) for i in range(5)]
    score, contributions = score_flags(flags)
    assert score == MAX_SCORE and len(contributions) == 5


def test_clean_text_scores_zero_and_is_not_flagged() -> None:
    result = scan_text("Te koop: fiets, 50 euro. Bel 06-12345678.", BOOK)
    assert (result.flagged, result.score, result.flags) == (False, 0.0, [])
    assert [p.e164 for p in result.phones] == ["+31612345678"]


def test_to_dict_has_the_design_contract_keys() -> None:
    obj = scan_text("Escort Lisa, jong meisje", BOOK).to_dict("ad.txt")
    assert {"path", "flagged", "score", "flags"} <= set(obj)
    assert set(obj["flags"][0]) == {"rule", "indicator", "source", "text", "start", "end"}
    assert obj["path"] == "ad.txt" and obj["flagged"] is True


# -- cross-ad -----------------------------------------------------------------------------------
def test_persona_names() -> None:
    assert persona_names("Hoi, ik ben Lisa! Lisa (19) - call me Lisa") == ["lisa"]
    assert persona_names("Ik ben Nieuw hier. My name is Anna.") == ["anna"]


def test_one_phone_for_two_people_flags_both_ads_only() -> None:
    texts = [
        "Escort: ik ben Lisa, bel 06-11223344",
        "Escort: ik ben Mia, bel 06 11 22 33 44",
        "Escort: ik ben Lisa, nieuwe foto's, bel 06-11223344",  # same person again: not a second person
        "Escort: ik ben Eva, bel 06-99887766",
    ]
    results = scan_texts(texts, BOOK)
    shared = [[f.text for f in r.flags if f.rule == "nl_police.shared_phone"] for r in results]
    assert shared == [["06-11223344"], ["06 11 22 33 44"], ["06-11223344"], []]
    assert results[0].score > scan_text(texts[0], BOOK).score


def test_one_phone_for_one_person_is_not_flagged() -> None:
    ads = [
        AdFacts(str(i), tuple(phone_numbers_in("bel 06-11223344")), frozenset({"lisa"}))
        for i in range(3)
    ]
    assert cross_ad_flags(ads, BOOK.rules) == {}


# -- prefilter ----------------------------------------------------------------------------------
VOCAB = [
    "escort",
    "jong",
    "meisje",
    "young",
    "girl",
    "24/7",
    "zonder",
    "condoom",
    "onze",
    "meiden",
    "zijn",
    "nieuw",
    "in",
    "de",
    "stad",
    "Roemeense",
    "dames",
    "keuze",
    "uit",
    "meerdere",
    "net",
    "18",
    "19",
    "jaar",
    "no",
    "papers",
    "needed",
    "niet",
    "geen",
    "AO",
    ",",
    ".",
    "she",
    "is",
    "available",
    "day",
    "and",
    "night",
    "passports",
    "will",
    "be",
    "kept",
    "work",
    "7",
    "days",
    "a",
    "week",
    "12",
    "hours",
    "per",
    "💗",
    "🍒",
]


# plus every word of every rule's examples, so each rule gets chances to fire
VOCAB += sorted({w for r in BOOK.rules for ex in r.flag_examples for w in ex.text.split()})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=40))
def test_prefilter_never_changes_the_flags(words: list[str]) -> None:
    view = NormalText.of(" ".join(words))
    rules = BOOK.select(["all"])
    assert apply_rules(view, rules, BOOK, [], prefilter=True) == apply_rules(
        view, rules, BOOK, [], prefilter=False
    )
