"""Relations between names in one sentence: family, command and membership, cooperation,
ownership. The rules are data (`data/relations.yml`); each relation keeps its sentence.

    >>> text = "Mussab Abu-Quarin, de neef van Ahmad al-Fitouri, werd gezien."
    >>> found = find_names(text)
    >>> [(r.schema, r.role, r.subject.text, r.object.text) for r in relations_in(text, found.mentions)]
    [('Family', 'nephew or cousin', 'Ahmad al-Fitouri', 'Mussab Abu-Quarin')]

How it works: in each sentence every name is replaced by a placeholder that says its type
(person, organisation, vessel, place); the rules are regular expressions over that masked
sentence, so they speak of "{A:P}, the nephew of {B:P}" rather than of capital letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from opspoor.documents.model import Mention, Party, Relation
from opspoor.documents.names import PlaceSpan
from opspoor.documents.text import Sentence, sentences

RULES_FILE = Path(__file__).parent / "data" / "relations.yml"
OPEN, CLOSE = "\ue000", "\ue001"
_TYPE_LETTER = {"person": "P", "organization": "O", "vessel": "V"}
_LETTER_TYPE = {v: k for k, v in _TYPE_LETTER.items()}
SCHEMATA = ("Family", "Membership", "Associate", "Ownership", "UnknownLink")
_GROUP = re.compile(r"\{([A-Z]):([POV]+)\}")


@dataclass(frozen=True)
class RelationRule:
    id: str
    lang: str
    schema: str
    pattern: re.Pattern[str]
    subject: str
    object: str
    role: str
    role_map: dict[str, str]


def compile_pattern(source: str) -> re.Pattern[str]:
    """Expand {A:P}, {B:OV}, {PLACE}, {W}, {APPOS} and {PAREN} into regular expression pieces."""

    def group(m: re.Match[str]) -> str:
        return f"[\"'“‘«„]?(?P<{m.group(1)}>{OPEN}[{m.group(2)}]\\d+{CLOSE})[\"'”’»]?"

    expanded = _GROUP.sub(group, source)
    # an aside between a name and its verb: "Kachlaf, the commander in Zawiya, works with ..."
    expanded = expanded.replace("{APPOS}", r"(?:\s*,[^,;]{1,100}?,)?")
    # a remark in brackets after a name: '"Sea Falcon" (IMO 9301237) is owned by'
    expanded = expanded.replace("{PAREN}", r"(?:\s*\([^()]{0,80}\))?")
    expanded = expanded.replace("{PLACE}", f"{OPEN}L\\d+{CLOSE}")
    expanded = expanded.replace("{W}", f"(?:[^\\s{OPEN}{CLOSE}]+\\s+)")
    return re.compile(expanded, re.IGNORECASE)


def load_rules(path: Path = RULES_FILE) -> list[RelationRule]:
    """Read and check a rules file. Raises ValueError naming the bad rule."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for n, item in enumerate(raw.get("relations") or [], 1):
        rid = item.get("id") or f"rule {n}"
        try:
            schema = item["schema"]
            if schema not in SCHEMATA:
                raise ValueError(f"schema must be one of {', '.join(SCHEMATA)}")
            pattern = compile_pattern(item["pattern"])
            for key in ("subject", "object"):
                if item[key] not in pattern.groupindex:
                    raise ValueError(f"{key} {item[key]!r} is not a group of the pattern")
        except (KeyError, re.error, ValueError) as exc:
            raise ValueError(f"{path}: relation rule {rid}: {exc}") from exc
        rules.append(
            RelationRule(
                id=rid,
                lang=item.get("lang", ""),
                schema=schema,
                pattern=pattern,
                subject=item["subject"],
                object=item["object"],
                role=str(item.get("role", "")),
                role_map={str(k): str(v) for k, v in (item.get("role_map") or {}).items()},
            )
        )
    return rules


@lru_cache(maxsize=1)
def default_rules() -> tuple[RelationRule, ...]:
    return tuple(load_rules())


@dataclass(frozen=True)
class _Segment:
    masked_start: int
    masked_end: int
    start: int  # in the original text
    end: int
    placeholder: bool


def _mask(
    text: str, sent: Sentence, items: list[tuple[int, int, str, int]]
) -> tuple[str, list[_Segment]]:
    """The sentence with each (start, end, letter, index) item replaced by a placeholder."""
    out: list[str] = []
    segments: list[_Segment] = []
    pos = sent.start
    mpos = 0
    for start, end, letter, index in items:
        if start < pos:
            continue
        plain = text[pos:start]
        out.append(plain)
        segments.append(_Segment(mpos, mpos + len(plain), pos, start, False))
        mpos += len(plain)
        ph = f"{OPEN}{letter}{index}{CLOSE}"
        out.append(ph)
        segments.append(_Segment(mpos, mpos + len(ph), start, end, True))
        mpos += len(ph)
        pos = end
    plain = text[pos : sent.end]
    out.append(plain)
    segments.append(_Segment(mpos, mpos + len(plain), pos, sent.end, False))
    return "".join(out), segments


def _to_original(segments: list[_Segment], mstart: int, mend: int) -> tuple[int, int]:
    start = end = None
    for seg in segments:
        if start is None and seg.masked_start <= mstart < seg.masked_end:
            start = seg.start if seg.placeholder else seg.start + (mstart - seg.masked_start)
        if seg.masked_start < mend <= seg.masked_end:
            end = seg.end if seg.placeholder else seg.start + (mend - seg.masked_start)
    assert start is not None and end is not None
    return start, end


def _root(mentions: Sequence[Mention], index: int) -> int:
    seen = set()
    while mentions[index].refers_to is not None and index not in seen:
        seen.add(index)
        index = mentions[index].refers_to  # type: ignore[assignment]
    return index


def relations_in(
    text: str,
    mentions: Sequence[Mention],
    places: Sequence[PlaceSpan] = (),
    sents: Sequence[Sentence] | None = None,
    rules: Sequence[RelationRule] | None = None,
) -> list[Relation]:
    """Relations stated in single sentences, between the given mentions."""
    rules = rules if rules is not None else default_rules()
    sents = sents if sents is not None else sentences(text)
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    mi = 0
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    for sent in sents:
        items: list[tuple[int, int, str, int]] = []
        while mi < len(ordered) and mentions[ordered[mi]].start < sent.start:
            mi += 1
        k = mi
        while k < len(ordered) and mentions[ordered[k]].end <= sent.end:
            m = mentions[ordered[k]]
            items.append((m.start, m.end, _TYPE_LETTER[m.type], ordered[k]))
            k += 1
        if not items:
            continue
        for pi, p in enumerate(places):
            if sent.start <= p.start and p.end <= sent.end:
                items.append((p.start, p.end, "L", pi))
        items.sort()
        masked, segments = _mask(text, sent, items)
        for rule in rules:
            for found in rule.pattern.finditer(masked):
                rel = _relation(rule, found, text, sent, segments, mentions)
                if rel is None:
                    continue
                key = (
                    rel.schema,
                    _party_key(rel.subject, mentions),
                    _party_key(rel.object, mentions),
                )
                if key in seen or key[1] == key[2]:
                    continue
                seen.add(key)
                out.append(rel)
    return out


def _party_key(party: Party, mentions: Sequence[Mention]) -> str:
    if party.mention is not None:
        return f"m{_root(mentions, party.mention)}"
    return f"t{party.text.lower()}"


def _party(
    m: re.Match[str], group: str, text: str, segments: list[_Segment], mentions: Sequence[Mention]
) -> Party:
    value = m.group(group)
    ph = re.fullmatch(f"{OPEN}([POVL])(\\d+){CLOSE}", value)
    start, end = _to_original(segments, m.start(group), m.end(group))
    if ph and ph.group(1) != "L":
        index = int(ph.group(2))
        mention = mentions[index]
        return Party(mention.text, mention.type, mention.start, mention.end, mention=index)
    return Party(text[start:end], "organization", start, end)


def _relation(
    rule: RelationRule,
    m: re.Match[str],
    text: str,
    sent: Sentence,
    segments: list[_Segment],
    mentions: Sequence[Mention],
) -> Relation | None:
    subject = _party(m, rule.subject, text, segments, mentions)
    obj = _party(m, rule.object, text, segments, mentions)
    role = rule.role
    if "{rel}" in role:
        rel = (m.groupdict().get("rel") or "").lower()
        rel = re.sub(r"\s+", " ", rel)
        role = role.replace("{rel}", rule.role_map.get(rel, rel))
    return Relation(
        schema=rule.schema,
        role=role,
        subject=subject,
        object=obj,
        sentence=sent.text,
        start=sent.start,
        end=sent.end,
        rule=rule.id,
    )


def rules_summary(rules: Sequence[RelationRule] | None = None) -> list[dict[str, Any]]:
    """The rules as plain data (for `opspoor documents rules` and the docs)."""
    rules = rules if rules is not None else default_rules()
    return [{"id": r.id, "lang": r.lang, "schema": r.schema, "role": r.role} for r in rules]
