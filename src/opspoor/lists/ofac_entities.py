"""Turn OFAC SDN entries (read from the CSV set or from sdn.xml) into FtM records.

Both readers fill the same `SdnEntry`, so one list version gives the same entities, ids and
values whichever file it came from:

    >>> entry = SdnEntry(uid="24311", sdn_type="individual", name="KOSHLAF, Mohamed", location="sdn.csv line 6575")
    >>> entry.facts.extend((f, None) for f in parse_remarks("DOB 12 Dec 1985; Gender Male."))
    >>> [r.id for r in build_records([entry])]
    ['ofac-24311', 'ofac-24311-sanction']

Modelling (see docs/lists-ofac.md): individuals are `Person`, entities `Organization` (OFAC does
not say which entities are companies), vessels `Vessel`, aircraft `Airplane`; one `Sanction`
per listing; "Linked To:" becomes an `UnknownLink` when the name is an SDN of the same list.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema

from opspoor.lists.ofac_remarks import (
    NOTE,
    Fact,
    clean_country,
    normalize_name,
    split_person_name,
    strip_final_dot,
)
from opspoor.store.records import Record

AUTHORITY = "Office of Foreign Assets Control"
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")
ID_PREFIX = "ofac"

SCHEMATA = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
AUX_SCHEMATA = ("Sanction", "Passport", "Identification", "CryptoWallet", "UnknownLink")
ALIAS_PROPS = {"aka": "alias", "nka": "alias", "fka": "previousName"}


@dataclass
class SdnAlias:
    name: str
    kind: str = "aka"  # aka | fka | nka
    weak: bool = False
    location: str | None = None


@dataclass
class SdnAddress:
    lines: list[str] = field(default_factory=list)  # street, city/state/postal, as published
    country: str | None = None
    remarks: str | None = None
    location: str | None = None

    def full(self) -> str:
        return ", ".join(p for p in [*self.lines, self.country or ""] if p)


@dataclass
class SdnEntry:
    """One SDN as published, before modelling."""

    uid: str
    sdn_type: str  # individual | entity | vessel | aircraft
    name: str
    location: str
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    programs: list[str] = field(default_factory=list)
    # (fact, location or None for the entry's own location)
    facts: list[tuple[Fact, str | None]] = field(default_factory=list)
    aliases: list[SdnAlias] = field(default_factory=list)
    addresses: list[SdnAddress] = field(default_factory=list)
    call_sign: str | None = None
    vessel_type: str | None = None
    tonnage: str | None = None
    gross_tonnage: str | None = None
    vessel_flag: str | None = None
    vessel_owner: str | None = None

    @property
    def entity_id(self) -> str:
        return entity_id(self.uid)


def entity_id(uid: str) -> str:
    return f"{ID_PREFIX}-{uid}"


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def clean_number(text: str | None) -> str | None:
    """'318,000' -> '318000' (tonnage as an FtM number)."""
    if not text:
        return None
    value = text.replace(",", "").strip()
    return value if _NUMBER_RE.match(value) else None


class NameIndex:
    """Find an SDN by its published name; names two SDNs share are not resolved."""

    def __init__(self, entries: Iterable[SdnEntry]) -> None:
        self._ids: dict[str, str | None] = {}
        for entry in entries:
            key = normalize_name(entry.name)
            self._ids[key] = (
                None if key in self._ids and self._ids[key] != entry.entity_id else entry.entity_id
            )

    def resolve(self, name: str) -> str | None:
        return self._ids.get(normalize_name(name))


class _Draft:
    """An entity being assembled, with the file lines its values came from."""

    __slots__ = ("_props", "entity", "id", "location", "locations", "reference", "schema")

    def __init__(self, schema: Schema, entity_id: str, location: str, reference: str | None = None):
        self.schema = schema
        self._props = schema.properties
        self.id = entity_id
        self.entity = EntityProxy(schema, {"id": entity_id})
        self.location = location
        self.reference = reference
        self.locations: dict[tuple[str, str], str] = {}

    def has(self, prop: str) -> bool:
        return prop in self._props

    def add(self, prop: str, value: str | None, location: str | None = None) -> None:
        if not value:
            return
        # Values are cleaned by ofac_remarks; FtM's own cleaning would cost more than the read.
        self.entity.unsafe_add(self._props[prop], value, cleaned=True)
        if location is not None and location != self.location:
            self.locations.setdefault((prop, value), location)

    def record(self) -> Record:
        return Record(self.entity, self.reference, self.location, self.locations)


def _schema(name: str) -> Schema:
    schema = model.get(name)
    assert schema is not None, name
    return schema


class _Builder:
    """Collects the entities of one list version."""

    def __init__(self, entries: list[SdnEntry]) -> None:
        self.entries = entries
        self.names = NameIndex(entries)
        self.drafts: dict[str, _Draft] = {}
        self.schemata = {name: _schema(name) for name in (*SCHEMATA.values(), *AUX_SCHEMATA)}

    def build(self) -> list[Record]:
        for entry in self.entries:
            self._entry(entry)
        return [draft.record() for draft in self.drafts.values()]

    def _draft(
        self, schema: str, entity_id: str, location: str, reference: str | None = None
    ) -> _Draft:
        """A new entity, or the one already made under this id (OFAC may repeat a link)."""
        draft = self.drafts.get(entity_id)
        if draft is None:
            draft = _Draft(self.schemata[schema], entity_id, location, reference)
            self.drafts[entity_id] = draft
        return draft

    def _entry(self, entry: SdnEntry) -> None:
        main = self._draft(
            SCHEMATA.get(entry.sdn_type, "Organization"), entry.entity_id, entry.location, entry.uid
        )
        sanction = self._sanction(entry)
        add = main.add

        add("name", entry.name)
        if main.schema.name == "Person":
            last, first = entry.last_name, entry.first_name
            if last is None and first is None:
                last, first = split_person_name(entry.name)
            add("lastName", last)
            add("firstName", first)
            add("position", entry.title)
        elif entry.title:
            add("notes", f"Title: {entry.title}")
        title_key = normalize_name(entry.title) if entry.title else None

        for alias in entry.aliases:
            prop = (
                "weakAlias"
                if alias.weak and alias.kind == "aka"
                else ALIAS_PROPS.get(alias.kind, "alias")
            )
            add(prop, alias.name, alias.location)

        for address in entry.addresses:
            full = address.full()
            code = clean_country(address.country) if address.country else None
            if address.lines or (address.country and code is None):
                add("address", full, address.location)
            if code:
                add("country", code, address.location)
            if address.remarks:
                add("notes", f"Address {full}: {address.remarks}", address.location)

        self._vessel(main, entry)

        for fact, location in entry.facts:
            if fact.parse == NOTE and title_key and normalize_name(fact.text) == title_key:
                continue  # remarks repeat the Title column, which is kept already
            self._fact(main, sanction, fact, location)

    def _sanction(self, entry: SdnEntry) -> _Draft:
        rec = self._draft("Sanction", f"{entry.entity_id}-sanction", entry.location)
        rec.add("entity", entry.entity_id)
        rec.add("authority", AUTHORITY)
        rec.add("recordId", entry.uid)
        for program in entry.programs:
            rec.add("program", program)
            rec.add("programId", program)
        return rec

    def _vessel(self, main: _Draft, entry: SdnEntry) -> None:
        add = main.add
        if entry.call_sign:
            add("callSign" if main.has("callSign") else "notes", entry.call_sign)
        if entry.vessel_type:
            add("type" if main.has("type") else "notes", entry.vessel_type)
        for prop, raw in (
            ("tonnage", entry.tonnage),
            ("grossRegisteredTonnage", entry.gross_tonnage),
        ):
            if not raw:
                continue
            value = clean_number(raw)
            if value and main.has(prop):
                add(prop, value)
            else:
                add("notes", f"{prop}: {raw}")
        if entry.vessel_flag:
            code = clean_country(entry.vessel_flag)
            if code and main.has("flag"):
                add("flag", code)
            else:
                add("notes", f"Vessel flag: {entry.vessel_flag}")
        if entry.vessel_owner:
            add("notes", f"Vessel owner: {entry.vessel_owner}")
            owner = self.names.resolve(entry.vessel_owner)
            if owner and owner != main.id and main.has("owner"):
                add("owner", owner)

    def _fact(self, main: _Draft, sanction: _Draft, fact: Fact, location: str | None) -> None:
        if fact.keep_text:
            main.add("notes", fact.text, location)
        kind = fact.parse
        if kind == NOTE:
            main.add("notes", fact.text, location)
        elif kind == "provision":
            sanction.add("provisions", fact.values[0], location)
        elif kind == "link":
            self._link(main, fact, location)
        elif kind == "crypto":
            self._wallet(main, fact, location)
        else:
            prop = next((p for p in fact.props if main.has(p)), None)
            if prop is None:
                main.add("notes", fact.text, location)
                return
            for value in fact.values:
                main.add(prop, value, location)
            if fact.document and main.schema.is_a("LegalEntity"):
                self._document(main, fact, location)

    def _document(self, main: _Draft, fact: Fact, location: str | None) -> None:
        number = fact.values[0]
        doc_type = fact.label or fact.document or "Identification"
        schema = fact.document or "Identification"
        doc_id = f"{main.id}-{schema.lower()}-{short_hash(doc_type, number, fact.country or '')}"
        doc = self._draft(schema, doc_id, location or main.location)
        doc.add("holder", main.id)
        doc.add("number", number)
        doc.add("type", doc_type)
        doc.add("country", fact.country)
        doc.add("startDate", fact.issued)
        doc.add("endDate", fact.expires)

    def _wallet(self, main: _Draft, fact: Fact, location: str | None) -> None:
        key = fact.values[0]
        wallet_id = f"{main.id}-wallet-{short_hash(fact.currency or '', key)}"
        wallet = self._draft("CryptoWallet", wallet_id, location or main.location)
        wallet.add("publicKey", key)
        wallet.add("currency", fact.currency)
        wallet.add("holder", main.id)

    def _link(self, main: _Draft, fact: Fact, location: str | None) -> None:
        name = fact.values[0]
        target = self.names.resolve(name) or self.names.resolve(strip_final_dot(name))
        if target is None or target == main.id:
            main.add("notes", fact.text, location)
            return
        link_id = f"{main.id}-link-{target.removeprefix(ID_PREFIX + '-')}"
        link = self._draft("UnknownLink", link_id, location or main.location)
        link.add("subject", main.id)
        link.add("object", target)
        link.add("role", "Linked To")


def build_records(entries: list[SdnEntry]) -> list[Record]:
    """All records of one list version: parties, sanctions, documents, wallets, links."""
    return _Builder(entries).build()
