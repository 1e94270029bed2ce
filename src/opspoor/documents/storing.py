"""Store an extracted document as FtM entities with provenance, and find stored hits.

    >>> result = store_extraction(store, extraction)       # one transaction per document
    >>> result.created, result.entity_count

One source per file (kind "document", dataset "documents", the file's SHA-256), so adding the
same file again changes nothing. The document (and each attachment) becomes a FtM
Document-family entity carrying the Analyzable properties; every name a Person, Organization,
Company or Vessel with a Mention per occurrence; every relation a Family, Membership,
Associate, Ownership or UnknownLink with `proof` (the document) and `summary` (the sentence).
Statement locations say where each value stands: "chars 120-136" (and the PDF page).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from sqlalchemy.exc import IntegrityError

from opspoor.documents.lexicon import lexicon
from opspoor.documents.model import Extraction, Mention, Party, TextDocument
from opspoor.names.normalize import normalize_name
from opspoor.store.db import Store, make_entity
from opspoor.store.records import Record

SOURCE_KIND = "document"
DATASET = "documents"
DOCUMENT_SCHEMATA = {
    "text": "PlainText",
    "html": "HyperText",
    "pdf": "Pages",
    "docx": "Document",
    "email": "Email",
    "zip": "Package",
}
RELATION_PROPS = {
    "Family": ("person", "relative", "relationship"),
    "Membership": ("member", "organization", "role"),
    "Associate": ("person", "associate", "relationship"),
    "Ownership": ("owner", "asset", "role"),
    "UnknownLink": ("subject", "object", "role"),
}
CRYPTO_CURRENCIES = {"bitcoin": "BTC", "ethereum": "ETH", "tron": "TRX"}
MAX_META_IDENTIFIERS = 2000


@dataclass
class StoreResult:
    path: str
    sha256: str
    created: bool  # False: this exact file was stored before; nothing changed
    source_id: int
    entity_count: int


def document_id(doc: TextDocument) -> str:
    return f"doc-{doc.sha256}"


def _slug(text: str) -> str:
    return normalize_name(text).replace(" ", "-")[:64] or "x"


class _Builder:
    """Collects the records of one document tree; entities are merged by id."""

    def __init__(self) -> None:
        self.entities: dict[str, EntityProxy] = {}
        self.locations: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )

    def entity(self, schema: str, entity_id: str) -> EntityProxy:
        ent = self.entities.get(entity_id)
        if ent is None:
            ent = make_entity(schema, entity_id)
            self.entities[entity_id] = ent
        return ent

    def add(self, ent: EntityProxy, prop: str, value: str | None, where: str | None = None) -> None:
        if not value:
            return
        before = set(ent.get(prop))
        ent.add(prop, value)
        added = set(ent.get(prop)) - before
        if where:
            for v in added or {v for v in ent.get(prop) if v == value}:
                spots = self.locations[ent.id or ""][(prop, v)]
                if where not in spots:
                    spots.append(where)

    def records(self, path: str) -> list[Record]:
        out = []
        for eid, ent in self.entities.items():
            locs = {key: "; ".join(spots) for key, spots in self.locations.get(eid, {}).items()}
            out.append(Record(entity=ent, location=path, locations=locs))
        return out


def _where(doc: TextDocument, start: int, end: int) -> str:
    page = doc.page_of(start)
    return f"chars {start}-{end}" + (f" (page {page})" if page else "")


def records_for(extraction: Extraction) -> list[Record]:
    """The FtM records of a document, its attachments, names, mentions and relations."""
    builder = _Builder()
    _document_records(builder, extraction, parent=None)
    return builder.records(extraction.document.path)


def _document_records(builder: _Builder, ex: Extraction, parent: str | None) -> None:
    doc = ex.document
    doc_id = document_id(doc)
    ent = builder.entity(DOCUMENT_SCHEMATA.get(doc.kind, "Document"), doc_id)
    add = builder.add
    add(ent, "fileName", doc.file_name)
    add(ent, "fileSize", str(doc.size))
    add(ent, "mimeType", doc.mime_type)
    add(ent, "contentHash", doc.sha256)
    add(ent, "title", doc.title)
    add(ent, "encoding", doc.encoding)
    if doc.language:
        add(ent, "detectedLanguage", registry.language.clean(doc.language))
    if doc.text and ent.schema.name != "Package":
        add(ent, "bodyText", doc.text)
    if parent:
        add(ent, "parent", parent)
    if doc.kind == "email":
        for header, prop in (
            ("from", "from"),
            ("to", "to"),
            ("cc", "cc"),
            ("subject", "subject"),
            ("date", "date"),
        ):
            for raw in doc.headers.get(header, []):
                value = _email_date(raw) if prop == "date" else raw
                if prop in ent.schema.properties:
                    add(ent, prop, value)
    for error in doc.errors:
        add(ent, "processingError", str(error))

    entity_of = _name_entities(builder, ex, doc_id)
    countries: list[str] = []
    for ident in ex.identifiers:
        where = _where(doc, ident.start, ident.end)
        if ident.type == "phone":
            add(ent, "phoneMentioned", ident.normalized, where)
        elif ident.type == "email":
            add(ent, "emailMentioned", ident.normalized, where)
        elif ident.type == "iban":
            add(ent, "ibanMentioned", ident.normalized, where)
        elif ident.type in ("place", "country"):
            add(ent, "locationMentioned", ident.value, where)
            code = (
                ident.normalized
                if ident.type == "country"
                else ident.normalized.rsplit(", ", 1)[-1].lower()
            )
            if registry.country.clean(code):
                add(ent, "detectedCountry", code, where)
                countries.append(code)
        elif ident.type == "crypto":
            currency, address = ident.normalized.split(":", 1)
            wallet = builder.entity("CryptoWallet", f"{doc_id}-wallet-{_slug(address)}")
            add(wallet, "publicKey", address, where)
            add(wallet, "currency", CRYPTO_CURRENCIES.get(currency, currency.upper()))
            add(wallet, "proof", doc_id)
        elif ident.type in ("imo", "mmsi"):
            vessel = _vessel_for(builder, ex, ident.start, entity_of) or builder.entity(
                "Vessel", f"{doc_id}-vessel-{ident.normalized.lower()}"
            )
            add(vessel, "imoNumber" if ident.type == "imo" else "mmsi", ident.normalized, where)
            add(vessel, "proof", doc_id)

    phones = [i.normalized for i in ex.identifiers if i.type == "phone"]
    emails = [i.normalized for i in ex.identifiers if i.type == "email"]
    for index, mention in enumerate(ex.mentions):
        where = _where(doc, mention.start, mention.end)
        kind_prop = {"person": "peopleMentioned", "organization": "companiesMentioned"}.get(
            mention.type
        )
        add(ent, "namesMentioned", mention.text, where)
        if kind_prop:
            add(ent, kind_prop, mention.text, where)
        target = entity_of[index]
        m = builder.entity("Mention", f"{doc_id}-mention-{mention.start}")
        add(m, "name", mention.text, where)
        add(m, "document", doc_id)
        add(m, "detectedSchema", mention.schema)
        if target is not None and target.schema.is_a("LegalEntity"):
            add(m, "resolved", target.id)
        for code in sorted(set(countries))[:10]:
            add(m, "contextCountry", code)
        for phone in phones[:10]:
            add(m, "contextPhone", phone)
        for email in emails[:10]:
            add(m, "contextEmail", email)

    for n, rel in enumerate(ex.relations):
        subject = _party_entity(builder, ex, rel.subject, entity_of, doc_id, False)
        obj = _party_entity(builder, ex, rel.object, entity_of, doc_id, rel.schema == "Ownership")
        if subject is None or obj is None:
            continue
        first, second, role_prop = RELATION_PROPS[rel.schema]
        link = builder.entity(rel.schema, f"{doc_id}-rel-{n}-{rel.rule}")
        add(link, first, subject.id)
        add(link, second, obj.id)
        add(link, role_prop, rel.role)
        add(link, "proof", doc_id)
        add(link, "summary", rel.sentence, _where(doc, rel.start, rel.end))
        add(link, "description", f"rule {rel.rule}")
        if not link.get(first) or not link.get(second):
            del builder.entities[link.id or ""]  # a party of the wrong kind for this schema

    for child in ex.attachments:
        _document_records(builder, child, parent=doc_id)


def _email_date(value: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _root(mentions: list[Mention], index: int) -> int:
    seen: set[int] = set()
    while mentions[index].refers_to is not None and index not in seen:
        seen.add(index)
        index = mentions[index].refers_to  # type: ignore[assignment]
    return index


def _name_entities(builder: _Builder, ex: Extraction, doc_id: str) -> list[EntityProxy | None]:
    """One entity per distinct name (surnames and nicknames join the name they stand for)."""
    doc = ex.document
    lex = lexicon()
    asset_orgs = {
        rel.object.mention
        for rel in ex.relations
        if rel.schema == "Ownership" and rel.object.mention is not None
    }
    out: list[EntityProxy | None] = [None] * len(ex.mentions)
    for index, mention in enumerate(ex.mentions):
        if mention.refers_to is not None:
            continue
        schema = mention.schema
        if mention.type == "organization" and (
            index in asset_orgs or any(mention.text.endswith(" " + f) for f in lex.legal_forms)
        ):
            schema = "Company"
        ent = builder.entity(schema, f"{doc_id}-{schema.lower()}-{_slug(mention.text)}")
        builder.add(ent, "name", mention.text, _where(doc, mention.start, mention.end))
        builder.add(ent, "proof", doc_id)
        if mention.role and "position" in ent.schema.properties:
            builder.add(ent, "position", mention.role)
        out[index] = ent
    for index, mention in enumerate(ex.mentions):
        if mention.refers_to is None:
            continue
        named = out[_root(ex.mentions, index)]
        out[index] = named
        if named is not None and mention.source == "nickname":
            builder.add(named, "weakAlias", mention.text, _where(doc, mention.start, mention.end))
    return out


def _party_entity(
    builder: _Builder,
    ex: Extraction,
    party: Party,
    entity_of: list[EntityProxy | None],
    doc_id: str,
    as_asset: bool,
) -> EntityProxy | None:
    if party.mention is not None:
        ent = entity_of[party.mention]
        if ent is not None and as_asset and not ent.schema.is_a("Asset"):
            return None
        return ent
    # a phrase such as "coast guard in Zawiya"
    schema = "Company" if as_asset else "Organization"
    ent = builder.entity(schema, f"{doc_id}-{schema.lower()}-{_slug(party.text)}")
    builder.add(ent, "name", party.text, _where(ex.document, party.start, party.end))
    builder.add(ent, "proof", doc_id)
    return ent


def _vessel_for(
    builder: _Builder, ex: Extraction, pos: int, entity_of: list[EntityProxy | None]
) -> EntityProxy | None:
    """The vessel named just before an IMO/MMSI number (within 80 characters), if any."""
    best = None
    for index, mention in enumerate(ex.mentions):
        if mention.type == "vessel" and mention.end <= pos and pos - mention.end <= 80:
            best = entity_of[index]
    return best


def _meta(ex: Extraction) -> dict[str, Any]:
    docs = ex.walk()
    idents = [dict(i.to_dict(), document=e.document.path) for e in docs for i in e.identifiers]
    return {
        "path": ex.document.path,
        "kind": ex.document.kind,
        "language": ex.document.language,
        "mentions": sum(len(e.mentions) for e in docs),
        "relations": sum(len(e.relations) for e in docs),
        "identifiers": idents[:MAX_META_IDENTIFIERS],
        "attachments": [e.document.path for e in docs[1:]],
        "errors": [str(err) for e in docs for err in e.document.errors],
        "warnings": [w for e in docs for w in e.document.warnings],
    }


def store_extraction(store: Store, ex: Extraction, dataset: str = DATASET) -> StoreResult:
    """Store one document (with its attachments) in one transaction; a no-op if stored before."""
    doc = ex.document
    existing = store.find_source(SOURCE_KIND, dataset, doc.sha256)
    if existing is not None:
        return StoreResult(doc.path, doc.sha256, False, existing.id, existing.entity_count)
    records = records_for(ex)
    try:
        with store.transaction() as conn:
            source_id = store.add_source(
                conn,
                kind=SOURCE_KIND,
                dataset=dataset,
                sha256=doc.sha256,
                format=doc.kind,
                label=doc.path,
                meta=_meta(ex),
            )
            count = store.write_records(conn, source_id, dataset, records)
    except IntegrityError:
        # stored meanwhile by another process: same file, same result
        existing = store.find_source(SOURCE_KIND, dataset, doc.sha256)
        if existing is None:
            raise
        return StoreResult(doc.path, doc.sha256, False, existing.id, existing.entity_count)
    return StoreResult(doc.path, doc.sha256, True, source_id, count)


# -- hits ------------------------------------------------------------------------------------
_CHARS = re.compile(r"chars (\d+)-(\d+)")


def stored_name_entities(store: Store) -> Iterator[tuple[Any, EntityProxy, list[EntityProxy]]]:
    """(source, name entity, its mentions) for every document source in the store."""
    for source in store.list_sources(kind=SOURCE_KIND):
        names: dict[str, EntityProxy] = {}
        mentions: dict[str, list[EntityProxy]] = defaultdict(list)
        for stored in store.iter_entities(source_ids=[source.id]):
            ent = stored.entity
            if ent.schema.name == "Mention":
                for resolved in ent.get("resolved"):
                    mentions[resolved].append(ent)
            elif ent.schema.name in ("Person", "Organization", "Company", "Vessel"):
                names[stored.id] = ent
        for eid, ent in names.items():
            yield source, ent, mentions.get(eid, [])


def find_hits(store: Store, screener: Any) -> list[dict[str, Any]]:
    """Names stored from documents that match a list entry now (lists may have changed since)."""
    from opspoor.documents.model import MENTION_SCHEMATA

    types = {v: k for k, v in MENTION_SCHEMATA.items()}
    types["Company"] = "organization"
    public = lexicon().public_roles
    out = []
    for source, ent, mentions in stored_name_entities(store):
        name = ent.first("name")
        if not name:
            continue
        roles = ent.get("position") if "position" in ent.schema.properties else []
        is_public = any(r.lower() in public for r in roles)
        matches = screener.match_name(name, types.get(ent.schema.name, "organization"), is_public)
        if not matches:
            continue
        spans = []
        for m in mentions:
            for row in store.provenance(m.id or "", source_ids=[source.id]):
                if row["prop"] == "name" and (loc := _CHARS.search(row["location"] or "")):
                    spans.append(
                        {"text": row["value"], "start": int(loc.group(1)), "end": int(loc.group(2))}
                    )
        out.append(
            {
                "path": source.label,
                "sha256": source.sha256,
                "entity_id": ent.id,
                "name": name,
                "type": types.get(ent.schema.name, "organization"),
                "mentions": sorted(spans, key=lambda s: s["start"]),
                "matches": matches,
            }
        )
    return out
