"""From one capture to what the store keeps: main text, identifiers, signals, FtM entity.

    >>> a = analyse(capture, project, default_rulebook())
    >>> a.result.score, [f.rule for f in a.result.flags]
    (0.65, ['nl_police.young_age', 'evasion.obscured_phone'])
    >>> a.record.entity.schema.name
    'HyperText'

Pure: no I/O. Phone numbers come from the signals scanner (which also reads obscured ones);
e-mail addresses, IBANs and language from the document extractors (`opspoor.documents`)
when they are installed, and names of people and places too when the project asks for them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model

from opspoor.crawl.capture import Capture
from opspoor.crawl.project import CrawlProject
from opspoor.crawl.text import main_text
from opspoor.signals.engine import ScanResult, scan_text
from opspoor.signals.rules import RuleBook
from opspoor.store.records import Record

# ISO 639-1 (py3langid) to the ISO 639-3 codes FtM's language type uses.
LANG3 = {
    "nl": "nld",
    "en": "eng",
    "de": "deu",
    "fr": "fra",
    "es": "spa",
    "pt": "por",
    "it": "ita",
    "ro": "ron",
    "pl": "pol",
    "bg": "bul",
    "hu": "hun",
    "ru": "rus",
    "uk": "ukr",
    "ar": "ara",
    "tr": "tur",
    "th": "tha",
    "zh": "zho",
    "cs": "ces",
    "sk": "slk",
    "lt": "lit",
    "lv": "lav",
}


@dataclass
class Analysis:
    capture: Capture
    title: str | None = None
    text: str | None = None
    language: str | None = None
    result: ScanResult | None = None
    emails: list[tuple[str, int, int]] = field(default_factory=list)
    ibans: list[tuple[str, int, int]] = field(default_factory=list)
    people: list[tuple[str, int, int]] = field(default_factory=list)
    places: list[tuple[str, int, int]] = field(default_factory=list)
    record: Record | None = None
    phash: str | None = None
    entity_id: str | None = None


def ad_entity_id(project: str, url: str) -> str:
    """The FtM id of the ad at `url`: stable across captures, so versions add up."""
    return "ad-" + hashlib.sha1(f"{project}\n{url}".encode()).hexdigest()


def image_phash(data: bytes) -> str | None:
    """64-bit DCT perceptual hash (hex) of an image, or None when it cannot be read."""
    try:
        import imagehash
        from PIL import Image, UnidentifiedImageError
    except ImportError:  # pragma: no cover - both are dependencies
        return None
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.draft("L", (256, 256))
            return str(imagehash.phash(img))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _document_extras(text: str, region: str, names: bool) -> dict[str, Any]:
    """E-mails, IBANs, language (and names of people and places) from the document extractors,
    when that capability is installed."""
    out: dict[str, Any] = {"emails": [], "ibans": [], "language": None, "people": [], "places": []}
    try:
        from opspoor.documents.identifiers import emails_in, ibans_in
        from opspoor.documents.language import detect_language
    except ImportError:  # the documents capability is optional
        return out
    out["emails"] = [(i.normalized, i.start, i.end) for i in emails_in(text)]
    out["ibans"] = [(i.normalized, i.start, i.end) for i in ibans_in(text)]
    out["language"] = detect_language(text)
    if names:
        try:
            from opspoor.documents.names import find_names
        except ImportError:
            return out
        found = find_names(text)
        out["people"] = [(m.text, m.start, m.end) for m in found.mentions if m.type == "person"]
        out["places"] = [(p.text, p.start, p.end) for p in found.places]
    return out


def _record(a: Analysis, project: CrawlProject) -> Record:
    cap = a.capture
    assert a.entity_id is not None and a.text is not None and a.result is not None
    ent = model.make_entity("HyperText")
    ent.id = a.entity_id
    locations: dict[tuple[str, str], str] = {}

    def add(prop: str, value: str | None, start: int | None = None, end: int | None = None) -> None:
        # Values here are already normalised (E.164, lower-cased e-mail, ISO dates), so FtM's
        # cleaning, the slowest part of building an entity, is skipped.
        if not value:
            return
        ent.add(prop, value, cleaned=True)
        if start is not None:
            locations.setdefault((prop, value), f"chars {start}-{end}")

    add("title", (a.title or cap.url).strip())
    add("sourceUrl", cap.url)
    add("contentHash", cap.sha256)
    add("retrievedAt", cap.fetched_at[:19])
    add("mimeType", (cap.content_type or "text/html").split(";")[0])
    add("bodyText", a.text)
    add("detectedLanguage", LANG3.get(a.language or ""))
    for p in a.result.phones:
        add("phoneMentioned", p.e164, p.start, p.end)
    for value, start, end in a.emails:
        add("emailMentioned", value, start, end)
    for value, start, end in a.ibans:
        add("ibanMentioned", value, start, end)
    for name in a.result.personas:
        add("namesMentioned", name.title())
    for value, start, end in a.people:
        add("peopleMentioned", value, start, end)
    for value, start, end in a.places:
        add("locationMentioned", value, start, end)
    for contribution in a.result.contributions:
        add("keywords", f"signal:{contribution.indicator}")
    where = f"{cap.warc.file} offset {cap.warc.offset}" if cap.warc else cap.url
    return Record(entity=ent, reference=cap.url, location=where, locations=locations)


def analyse(capture: Capture, project: CrawlProject, book: RuleBook) -> Analysis:
    """Everything the store keeps about one capture (nothing for failed fetches)."""
    a = Analysis(capture)
    if capture.kind == "image" and capture.body:
        a.phash = image_phash(capture.body)
        return a
    ok = capture.status is not None and 200 <= capture.status < 300
    if capture.kind != "page" or not ok or not capture.body or not capture.is_ad:
        return a
    page = main_text(capture.body)
    a.title, a.text = page.title, page.text
    a.result = scan_text(page.text, book, project.domains, region=project.region)
    names = project.extract_names == "all" or (
        project.extract_names == "flagged" and a.result.flagged
    )
    extras = _document_extras(page.text, project.region, names)
    a.emails, a.ibans, a.language = extras["emails"], extras["ibans"], extras["language"]
    a.people, a.places = extras["people"], extras["places"]
    a.entity_id = ad_entity_id(project.name, capture.url)
    a.record = _record(a, project)
    return a


def warm_up(project: CrawlProject, book: RuleBook) -> None:
    """Load every model and word list once (language model, name lexicons, trafilatura), so
    the first real capture does not wait; the extraction process does this while the crawl
    starts."""
    html = (
        "<html><head><title>Lisa</title></head><body><article><p>Escort Lisa, jong meisje uit Amsterdam, "
        "24/7 beschikbaar. Bel 06-12345678 of mail lisa@example.org.</p></article></body></html>"
    )
    fake = Capture(
        "page",
        "http://warm-up.invalid/",
        "http://warm-up.invalid/",
        "2000-01-01T00:00:00+00:00",
        200,
        "text/html",
        is_ad=True,
        body=html.encode(),
        sha256="0" * 64,
    )
    analyse(fake, project, book)
