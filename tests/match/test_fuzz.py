"""Fuzzed queries and entities: any names, dates and identifiers give a score, never an error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.match import MatchIndex
from opspoor.match.profile import profile_from_values
from opspoor.match.scorer import score_profiles

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)
values = st.lists(text, max_size=3)
schemata = st.sampled_from(
    ["Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane"]
)


@settings(max_examples=150, deadline=None)
@given(schemata, values, values, values, schemata, values, values, values)
def test_any_two_profiles_score_between_zero_and_one(
    s1: str,
    n1: list[str],
    d1: list[str],
    i1: list[str],
    s2: str,
    n2: list[str],
    d2: list[str],
    i2: list[str],
) -> None:
    a = profile_from_values(
        s1, {"name": n1, "birthDate": d1, "passportNumber": i1, "weakAlias": i2}
    )
    b = profile_from_values(s2, {"name": n2, "birthDate": d2, "idNumber": i1, "alias": i2})
    score, explanation = score_profiles(a, b)
    assert 0.0 <= score <= 1.0
    for item in explanation:
        assert set(item) == {"feature", "query", "candidate", "score", "why"}


@settings(max_examples=100, deadline=None)
@given(
    text,
    st.sampled_from(["Person", "Company", "LegalEntity", "Vessel", "NoSuchSchema"]),
    text,
    text,
)
def test_match_name_takes_anything(
    libya_index: MatchIndex, name: str, schema: str, date: str, country: str
) -> None:
    for result in libya_index.match_name(name, schema=schema, birth_date=date, nationality=country):
        assert 0.0 <= result.score <= 1.0
        assert result.to_dict()["id"]
