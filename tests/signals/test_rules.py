"""The rule files: every rule cites its source, fires on its examples with the right words, and
fires on no clean text (ETK's regexes fired on every ad; ours must not)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from opspoor.errors import InputError
from opspoor.signals.engine import scan_text
from opspoor.signals.rules import RULES_DIR, Rule, default_rulebook, load_rulebook

HERE = Path(__file__).parent
CLEAN = yaml.safe_load((HERE / "clean_ads.yml").read_text(encoding="utf-8"))["clean"]
SITE_ADS = yaml.safe_load((HERE.parent / "crawl" / "site" / "ads.yml").read_text(encoding="utf-8"))[
    "ads"
]
BOOK = default_rulebook()
TEXT_RULES = [r for r in BOOK.rules if r.evaluated_on_text]


def _site_clean_texts() -> list[str]:
    return [f"{a['title']}\n{a['body']}" for a in SITE_ADS if a.get("clean")]


def test_the_rule_sets_the_brief_names_are_all_there() -> None:
    assert set(BOOK.rulesets) >= {
        "nl_police",
        "unodc_sexual_exploitation",
        "ilo_forced_labour",
        "money_red_flags",
        "evasion",
        "emoji",
    }
    ilo = {r.indicator for r in BOOK.rules if r.ruleset == "ilo_forced_labour"}
    assert len(ilo) == 11  # the ILO's eleven indicators, one rule each
    police = {r.indicator for r in BOOK.rules if r.ruleset == "nl_police"}
    assert police >= {
        "young_age",
        "new_in_town",
        "excessive_availability",
        "third_party",
        "shared_phone",
        "ethnicity_offered",
        "extreme_services",
    }
    money_sources = {s.key for r in BOOK.rules if r.ruleset == "money_red_flags" for s in r.sources}
    assert money_sources == {"fincen2014", "fincen2020", "fatf2018"}


@pytest.mark.parametrize("rule", BOOK.rules, ids=lambda r: r.id)
def test_every_rule_cites_a_source_with_title_year_and_url(rule: Rule) -> None:
    assert rule.sources, rule.id
    for s in rule.sources:
        assert s.title and s.publisher and s.url.startswith(("http://", "https://"))
        assert s.year is None or 1990 < s.year < 2100
        assert s.url in rule.source_text and s.title in rule.source_text


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.id)
def test_every_text_rule_has_examples_both_ways(rule: Rule) -> None:
    assert rule.flag_examples, f"{rule.id} has no example it must flag"
    assert rule.clean_examples, f"{rule.id} has no example it must leave alone"


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.id)
def test_rule_flags_its_examples_with_the_right_words(rule: Rule) -> None:
    for example in rule.flag_examples:
        flags = [
            f for f in scan_text(example.text, BOOK, domains=["all"]).flags if f.rule == rule.id
        ]
        assert flags, f"{rule.id} missed {example.text!r}"
        for f in flags:
            assert example.text[f.start : f.end] == f.text
        if example.match:
            assert example.match in [f.text for f in flags], (
                rule.id,
                example.text,
                [f.text for f in flags],
            )


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.id)
def test_rule_does_not_fire_on_its_clean_examples(rule: Rule) -> None:
    for text in rule.clean_examples:
        flags = [f for f in scan_text(text, BOOK, domains=["all"]).flags if f.rule == rule.id]
        assert not flags, (rule.id, text, [f.text for f in flags])


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.id)
def test_rule_does_not_fire_on_any_clean_ad(rule: Rule) -> None:
    texts = CLEAN + _site_clean_texts() + [c for r in BOOK.rules for c in r.clean_examples]
    fired = [
        (t, f.text)
        for t in texts
        for f in scan_text(t, BOOK, domains=["all"]).flags
        if f.rule == rule.id
    ]
    assert not fired, fired


def test_clean_corpus_is_big_and_varied() -> None:
    assert len(CLEAN) >= 30
    langs = {"nl": 0, "en": 0}
    for t in CLEAN:
        langs[
            "nl"
            if any(w in t.lower().split() for w in ("de", "het", "een", "en", "voor"))
            else "en"
        ] += 1
    assert langs["nl"] >= 10 and langs["en"] >= 10


def test_behavioural_money_rules_are_documented_not_evaluated() -> None:
    behavioural = [r for r in BOOK.rules if r.detector == "behavioural"]
    assert behavioural and all(r.needs for r in behavioural)
    assert not any(r.evaluated_on_text for r in behavioural)


def _write_rules(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ("ruleset: x\ndomain: ads\nsources: {}\nrules: []\n", "sources", "at least one source"),
        (
            "ruleset: x\nsources: {s: {title: T, publisher: P, year: 2020, url: 'http://x'}}\n"
            "rules: [{id: x.a, indicator: i, weight: 2, sources: [s], patterns: [a]}]\n",
            "x.a.weight",
            "between 0 and 1",
        ),
        (
            "ruleset: x\nsources: {s: {title: T, publisher: P, year: 2020, url: 'http://x'}}\n"
            "rules: [{id: x.a, indicator: i, weight: 0.1, sources: [t], patterns: [a]}]\n",
            "x.a.sources",
            "unknown source",
        ),
        (
            "ruleset: x\nsources: {s: {title: T, publisher: P, year: 2020, url: 'http://x'}}\n"
            "rules: [{id: x.a, indicator: i, weight: 0.1, sources: [s], patterns: ['(unclosed']}]\n",
            "x.a.patterns[0]",
            "bad regular expression",
        ),
        (
            "ruleset: x\nsources: {s: {title: T, publisher: P, year: 2020, url: 'http://x'}}\n"
            "rules: [{id: x.a, indicator: i, weight: 0.1, sources: [s], patterns: ['{@nope}']}]\n",
            "x.a",
            "unknown lexicon",
        ),
        (
            "ruleset: x\nsources: {s: {title: T, publisher: P, url: 'http://x'}}\nrules: []\n",
            "sources.s.year",
            "year",
        ),
    ],
)
def test_bad_rule_files_name_file_and_field(
    tmp_path: Path, body: str, field: str, message: str
) -> None:
    path = _write_rules(tmp_path, body)
    with pytest.raises(InputError) as err:
        load_rulebook([path])
    assert err.value.path == str(path)
    assert err.value.field is not None and err.value.field.startswith(field)
    assert message in err.value.message


def test_a_user_rule_file_adds_to_the_shipped_rules(tmp_path: Path) -> None:
    path = _write_rules(
        tmp_path,
        (
            "ruleset: local\ndomain: ads\n"
            "sources: {note: {title: Team note, publisher: Our NGO, year: 2025, url: 'https://example.org/note'}}\n"
            "rules: [{id: local.pickup, indicator: pickup_offered, weight: 0.2, sources: [note],\n"
            "  patterns: ['ophalen\\s+van\\s+het\\s+station'], examples: {flag: [x], clean: [y]}}]\n"
        ),
    )
    book = load_rulebook([*sorted(RULES_DIR.glob("*.yml")), path])
    result = scan_text("Wij regelen ophalen van het station.", book)
    assert [f.rule for f in result.flags] == ["local.pickup"]
    assert result.flags[0].source == "Team note (Our NGO, 2025) https://example.org/note"
