"""What the matcher needs to know of an entity, read once from its FtM properties."""

from __future__ import annotations

from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy

from opspoor.match.features import (
    COUNTRY_PROPS,
    STRONG_ID_PROPS,
    BirthDate,
    normalize_identifier,
    parse_dates,
)
from opspoor.names.parts import ParsedName, parse_name, schema_kind

STRONG_NAME_PROPS = ("name", "alias", "previousName")
WEAK_NAME_PROPS = ("weakAlias",)
MAX_NAMES = 200  # an entity with more names than this is cut (keeps scoring bounded)


class NameEntry:
    """One name of an entity. The parsed form may be dropped (`forget`) to save memory in big
    indexes; it is then parsed again, from a cache, when needed."""

    __slots__ = ("_parsed", "derived", "kind", "text", "weak")

    def __init__(self, text: str, parsed: ParsedName, weak: bool, derived: bool = False) -> None:
        self.text = text
        self.kind = parsed.kind
        self._parsed: ParsedName | None = parsed
        self.weak = weak
        # made by the matcher: a person's given name with a one-word alias ("Ahmad" + "Al-Dabachi")
        self.derived = derived

    @classmethod
    def lazy(cls, text: str, kind: str, weak: bool, derived: bool = False) -> NameEntry:
        """An entry that parses its name only when asked (from parse_name's cache)."""
        entry = cls.__new__(cls)
        entry.text, entry.kind, entry._parsed, entry.weak, entry.derived = (
            text,
            kind,
            None,
            weak,
            derived,
        )
        return entry

    @property
    def parsed(self) -> ParsedName:
        return self._parsed if self._parsed is not None else parse_name(self.text, self.kind)

    def forget(self) -> None:
        self._parsed = None

    def __repr__(self) -> str:
        return f"NameEntry({self.text!r}, weak={self.weak}, derived={self.derived})"


EMPTY: frozenset[str] = frozenset()


@dataclass(slots=True)
class Profile:
    schema: str
    kind: str
    names: list[NameEntry]
    dates: tuple[BirthDate, ...] = ()
    countries: frozenset[str] = EMPTY
    gender: frozenset[str] = EMPTY
    ids: dict[str, set[str]] = field(default_factory=dict)


def _values(props: dict[str, list[str]], prop: str) -> list[str]:
    return [v for v in props.get(prop, ()) if v]


def entity_names(entity: EntityProxy) -> list[tuple[str, bool]]:
    """(name, is_weak) for every name and alias of an entity, strong ones first, no repeats."""
    return _names_of(entity.properties)


def _names_of(props: dict[str, list[str]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for names, weak in ((STRONG_NAME_PROPS, False), (WEAK_NAME_PROPS, True)):
        for prop in names:
            for value in _values(props, prop):
                if value not in seen:
                    seen.add(value)
                    out.append((value, weak))
    # "Al-Qa'ida/Islamic Army": a field holding several names holds each of them too
    for value, weak in list(out):
        if "/" in value:
            for piece in value.split("/"):
                piece = piece.strip()
                if sum(c.isalpha() for c in piece) >= 2 and piece not in seen:
                    seen.add(piece)
                    out.append((piece, weak))
    if not out:
        first = " ".join(_values(props, "firstName")[:1] + _values(props, "middleName")[:1])
        last = " ".join(_values(props, "lastName")[:1])
        whole = " ".join(x for x in (first, last) if x)
        if whole:
            out.append((whole, False))
    return out[:MAX_NAMES]


def _derived_names(names: list[NameEntry], kind: str) -> list[NameEntry]:
    """Lists give a family name or nickname as a one-word alias ("Kashlaf", weak "Al-Dabachi");
    people write it after the given name ("Mohamed Kashlaf"), so that form is a name too."""
    from opspoor.names.parts import NAME

    primary = next((n for n in names if not n.weak and not n.derived), None)
    if primary is None:
        return []
    given = [p for p in primary.parsed.parts if p.kind == NAME]
    if len(given) < 2:
        return []
    first = given[0].form
    out: list[NameEntry] = []
    known = {n.text for n in names}
    for entry in names:
        if entry is primary:
            continue
        parts = [p for p in entry.parsed.parts if p.kind == NAME]
        if len(parts) != 1 or parts[0].form == first:
            continue
        text = f"{first} {entry.text}"
        if text in known:
            continue
        known.add(text)
        out.append(NameEntry(text, parse_name(text, kind), entry.weak, derived=True))
    return out


def build_profile(
    entity: EntityProxy, extra_names: list[tuple[str, bool]] | None = None
) -> Profile:
    """The profile of an FtM entity (names parsed, dates, countries, gender, identifiers)."""
    return profile_from_values(entity.schema.name, entity.properties, extra_names)


def profile_from_values(
    schema: str, props: dict[str, list[str]], extra_names: list[tuple[str, bool]] | None = None
) -> Profile:
    """The profile of an entity given as its schema name and clean FtM property values."""
    kind = schema_kind(schema)
    names: list[NameEntry] = []
    for text, weak in _names_of(props) + (extra_names or []):
        parsed = parse_name(text, kind)
        names.append(NameEntry(text, parsed, weak))
        # quoted nicknames and bracketed asides are names of their own, weak ones
        for nick in parsed.nicknames:
            names.append(NameEntry(nick, parse_name(nick, kind), True))
    if kind in ("person", "other"):
        names.extend(_derived_names(names, kind))
    ids: dict[str, set[str]] = {}
    for prop in STRONG_ID_PROPS:
        if prop in props:
            vals = {normalize_identifier(v) for v in _values(props, prop)}
            vals.discard("")
            if vals:
                ids[prop] = vals
    countries: set[str] = set()
    for prop in COUNTRY_PROPS:
        if prop in props:
            countries.update(v.lower() for v in _values(props, prop))
    gender = {v.lower() for v in _values(props, "gender")}
    return Profile(
        schema=schema,
        kind=kind,
        names=names,
        dates=tuple(parse_dates(_values(props, "birthDate"))) if "birthDate" in props else (),
        countries=frozenset(countries) if countries else EMPTY,
        gender=frozenset(gender) if gender else EMPTY,
        ids=ids,
    )
