"""What a document turns into: its text, and the names, identifiers and relations found in it.

All offsets (`start`, `end`) are character offsets into `TextDocument.text` (Python string
indices: `text[start:end]` is the span), so every finding can be cited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opspoor.errors import InputError

# Mention types and the FtM schema each becomes in the store.
MENTION_SCHEMATA = {"person": "Person", "organization": "Organization", "vessel": "Vessel"}


@dataclass
class TextDocument:
    """One document as read: the text we extract from, and facts about the file."""

    path: str  # as given; attachments: "mail.eml > report.pdf"
    sha256: str  # of the original bytes
    kind: str  # text | html | pdf | docx | email | zip
    text: str
    size: int
    file_name: str
    mime_type: str
    title: str | None = None
    encoding: str | None = None
    language: str | None = None  # ISO 639-1, e.g. "nl"
    headers: dict[str, list[str]] = field(
        default_factory=dict
    )  # e-mail: from, to, cc, subject, date
    page_starts: list[int] = field(default_factory=list)  # PDF: offset where each page starts
    attachments: list[TextDocument] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)  # attachments that could not be read
    warnings: list[str] = field(default_factory=list)

    def page_of(self, offset: int) -> int | None:
        """The 1-based PDF page an offset falls on (None for other kinds)."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1

    def walk(self) -> list[TextDocument]:
        """This document and every attachment inside it, depth first."""
        out = [self]
        for child in self.attachments:
            out.extend(child.walk())
        return out


@dataclass
class Mention:
    """A name in the text. `source` says which rule found it; `refers_to` points at the
    index of the fuller mention a surname or nickname stands for (same document)."""

    text: str
    type: str  # person | organization | vessel
    start: int
    end: int
    source: str = "rule"  # rule | title | role | nickname | gazetteer | backref | known
    refers_to: int | None = None
    public_role: bool = False  # named with a role like minister or journalist
    role: str | None = None  # the title or role word named with it ("kolonel", "journalist")
    matches: list[dict[str, Any]] = field(default_factory=list)

    @property
    def schema(self) -> str:
        return MENTION_SCHEMATA[self.type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "matches": self.matches,
        }


@dataclass(frozen=True)
class Identifier:
    """A phone number, e-mail, IBAN, vessel number, place ... with its normalised form."""

    type: str
    value: str  # as written
    normalized: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "normalized": self.normalized,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Party:
    """One side of a relation: a mention, or a phrase such as "coast guard in Zawiya"."""

    text: str
    type: str  # person | organization | vessel
    start: int
    end: int
    mention: int | None = None  # index into the document's mentions

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "type": self.type, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Relation:
    """A relation stated in one sentence, kept with that sentence as evidence."""

    schema: str  # Family | Membership | Associate | Ownership | UnknownLink
    role: str
    subject: Party
    object: Party
    sentence: str
    start: int  # of the sentence
    end: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "role": self.role,
            "subject": self.subject.to_dict(),
            "object": self.object.to_dict(),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
        }


@dataclass
class Extraction:
    """Everything found in one document (not its attachments)."""

    document: TextDocument
    mentions: list[Mention] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    attachments: list[Extraction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md `documents extract --json` object (plus `sha256`, and `attachments`
        for e-mails and archives)."""
        data: dict[str, Any] = {
            "path": self.document.path,
            "sha256": self.document.sha256,
            "language": self.document.language,
            "mentions": [m.to_dict() for m in self.mentions],
            "identifiers": [i.to_dict() for i in self.identifiers],
            "relations": [r.to_dict() for r in self.relations],
        }
        if self.attachments or self.document.errors:
            data["attachments"] = [a.to_dict() for a in self.attachments]
        if self.document.errors:
            data["errors"] = [str(e) for e in self.document.errors]
        if self.document.warnings:
            data["warnings"] = list(self.document.warnings)
        return data

    def walk(self) -> list[Extraction]:
        out = [self]
        for child in self.attachments:
            out.extend(child.walk())
        return out
