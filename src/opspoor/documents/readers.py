"""Read documents into text: plain text, HTML, PDF, DOCX, e-mail (.eml) and ZIP archives.

    >>> doc = read_document(Path("article.html"))
    >>> doc.text[:60], doc.language, doc.sha256

Every reader returns a `TextDocument` whose `text` all later offsets refer to. E-mail
attachments and archive members are read with the same readers, within limits (`ReadLimits`)
that stop oversized files and zip bombs. A file that cannot be read raises `InputError` naming
it; an attachment that cannot be read is kept in the parent's `errors` and the rest goes on.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path, PurePath
from typing import Any

from opspoor.documents.language import detect_language
from opspoor.documents.model import TextDocument
from opspoor.errors import InputError

MB = 1024 * 1024
SUPPORTED_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".csv": "text",
    ".log": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".eml": "email",
    ".zip": "zip",
}
MIME_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "email": "message/rfc822",
    "zip": "application/zip",
}
# Text decoded with a guessed encoding is refused when it reads as this messy (charset-
# normalizer's mess ratio: 0 for clean text, above 1 for random bytes).
MAX_MESS_RATIO = 0.3

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadLimits:
    """How much one document may be. Defaults suit news, reports, letters and mail."""

    max_file_bytes: int = 20 * MB  # the file itself
    max_text_chars: int = 5_000_000  # extracted text (about 2,500 pages)
    max_attachment_bytes: int = 20 * MB  # one attachment or archive member, decoded
    max_unpacked_bytes: int = 60 * MB  # all attachments and members of one file together
    max_ratio: float = 100.0  # unpacked size / packed size of an archive member
    max_depth: int = 3  # attachments of attachments of ...
    max_parts: int = 200  # attachments and archive members in one file


@dataclass
class _Budget:
    """What one top-level file has unpacked so far (shared by all its attachments)."""

    limits: ReadLimits
    unpacked: int = 0
    parts: int = 0
    seen: set[str] = field(default_factory=set)

    def take(self, size: int, path: str) -> None:
        self.unpacked += size
        self.parts += 1
        if self.parts > self.limits.max_parts:
            raise InputError(
                f"more than {self.limits.max_parts} attachments or archive members", path=path
            )
        if self.unpacked > self.limits.max_unpacked_bytes:
            raise InputError(
                f"attachments and archive members unpack to more than "
                f"{self.limits.max_unpacked_bytes // MB} MB",
                path=path,
                hint="possibly a zip bomb; the rest of the file was not read",
            )


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path, limits: ReadLimits | None = None) -> TextDocument:
    """Read one file (any supported kind) into a TextDocument. Raises InputError."""
    limits = limits or ReadLimits()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    if size > limits.max_file_bytes:
        raise InputError(
            f"file is {size / MB:.0f} MB, more than the {limits.max_file_bytes // MB} MB a document may be",
            path=path,
            hint="split it, or raise the limit with --max-mb",
        )
    if size == 0:
        raise InputError("file is empty", path=path)
    data = path.read_bytes()
    return read_bytes(data, path.name, str(path), limits)


def read_bytes(
    data: bytes,
    file_name: str,
    display_path: str,
    limits: ReadLimits | None = None,
    *,
    _budget: _Budget | None = None,
    _depth: int = 0,
) -> TextDocument:
    """Read a document from its bytes. `display_path` names it in errors."""
    limits = limits or ReadLimits()
    budget = _budget or _Budget(limits)
    kind = sniff_kind(data, file_name)
    if kind is None:
        raise InputError(
            "unsupported file type",
            path=display_path,
            hint="opspoor reads .txt, .html, .pdf, .docx, .eml and .zip",
        )
    reader = _READERS[kind]
    doc = TextDocument(
        path=display_path,
        sha256=sha256_bytes(data),
        kind=kind,
        text="",
        size=len(data),
        file_name=file_name,
        mime_type=MIME_TYPES[kind],
    )
    reader(doc, data, limits, budget, _depth)
    text = _clean_text(doc.text)
    if len(text) > limits.max_text_chars:
        raise InputError(
            f"text is {len(text):,} characters, more than the {limits.max_text_chars:,} a document may hold",
            path=display_path,
            hint="split it into smaller documents",
        )
    doc.text = text
    doc.language = detect_language(text)
    return doc


def sniff_kind(data: bytes, file_name: str) -> str | None:
    """The reader for these bytes: by content first (PDF, ZIP/DOCX), then by name."""
    suffix = PurePath(file_name).suffix.lower()
    head = data[:2048]
    if head.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if head.startswith(b"PK\x03\x04") or suffix in (".docx", ".zip"):
        if suffix == ".docx" or b"word/" in data[:65536]:
            return "docx"
        return "zip"
    if suffix in SUPPORTED_SUFFIXES:
        return SUPPORTED_SUFFIXES[suffix]
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if re.match(
        rb"(?:(?:from|to|subject|date|received|mime-version|message-id|return-path):.*\r?\n)+",
        lowered,
    ):
        return "email"
    if not suffix:
        return "text"
    return None


# -- plain text -----------------------------------------------------------------------------
def decode_text(data: bytes, path: str) -> tuple[str, str, str | None]:
    """Bytes to text: UTF-8 (or a BOM's encoding) when it decodes, else a guessed encoding.

    Returns (text, encoding, warning). Raises InputError for binary data and for bytes
    no encoding reads as text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError as exc:
            raise InputError(
                "starts like UTF-16 text but does not decode as it", path=path
            ) from exc
    if looks_binary(data):
        raise InputError(
            "looks like binary data, not text",
            path=path,
            hint="check the file type; opspoor reads .txt, .html, .pdf, .docx, .eml and .zip",
        )
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError:
        pass
    import chardet
    from charset_normalizer.md import mess_ratio

    guess = chardet.detect(data[:65536])
    encoding = guess.get("encoding")
    if not encoding:
        raise InputError(
            "could not tell the text encoding",
            path=path,
            hint="save the file as UTF-8 and add it again",
        )
    text = data.decode(encoding, errors="replace")
    if mess_ratio(text[:20000], 1.0) > MAX_MESS_RATIO:
        raise InputError(
            f"could not tell the text encoding (read as {encoding} it is garbled)",
            path=path,
            hint="save the file as UTF-8 and add it again",
        )
    warning = None
    if (guess.get("confidence") or 0) < 0.5:
        warning = f"text encoding guessed as {encoding}; check accented letters"
    return text, encoding.lower(), warning


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def _read_text(
    doc: TextDocument, data: bytes, limits: ReadLimits, budget: _Budget, depth: int
) -> None:
    text, encoding, warning = decode_text(data, doc.path)
    doc.text = text
    doc.encoding = encoding
    if warning:
        doc.warnings.append(warning)


# -- HTML -------------------------------------------------------------------------------------
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "blockquote", "pre", "td", "th", "dd", "dt", "figcaption", "title",
}  # fmt: skip
_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "menu",
    "iframe",
    "svg",
    "template",
    "button",
]
_DROP_CLASS = re.compile(
    r"\b(?:nav|menu|cookie|banner|footer|header|sidebar|share|social|breadcrumb|related|advert)",
    re.I,
)


def html_to_text(html: bytes | str, path: str) -> tuple[str, str | None]:
    """The main text of a page (trafilatura; lxml when it finds nothing) and its title."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"not readable HTML: {exc}", path=path) from exc
    title = (tree.findtext(".//title") or "").strip() or None
    main = _trafilatura_text(html)
    if not main or len(main) < 40:
        main = _lxml_text(tree)
    main = main.strip()
    if title and not main.startswith(title):
        main = f"{title}\n\n{main}"
    return main, title


def _trafilatura_text(html: bytes | str) -> str | None:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        out = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura fails in many ways on odd pages; lxml takes over
        return None
    return str(out) if out else None


def _lxml_text(tree: Any) -> str:
    for bad in tree.xpath("//" + " | //".join(_DROP_TAGS)):
        bad.drop_tree()
    for el in tree.xpath("//*[@class or @id or @role]"):
        marker = " ".join([el.get("class") or "", el.get("id") or "", el.get("role") or ""])
        if (
            el.getparent() is not None
            and el.tag not in ("html", "body")
            and _DROP_CLASS.search(marker)
        ):
            el.drop_tree()
    parts: list[str] = []
    body = tree.find(".//body")
    root = body if body is not None else tree

    def walk(el: Any) -> None:
        if not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            return
        block = el.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _read_html(
    doc: TextDocument, data: bytes, limits: ReadLimits, budget: _Budget, depth: int
) -> None:
    if looks_binary(data):
        raise InputError("looks like binary data, not HTML", path=doc.path)
    doc.text, doc.title = html_to_text(data, doc.path)


# -- PDF --------------------------------------------------------------------------------------
def _read_pdf(
    doc: TextDocument, data: bytes, limits: ReadLimits, budget: _Budget, depth: int
) -> None:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError("not a PDF file (no %PDF header)", path=doc.path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                "PDF is encrypted", path=doc.path, hint="save an unprotected copy first"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title) if meta is not None and meta.title else None
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many exception types on damaged files
        raise InputError(
            f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})".strip(), path=doc.path
        ) from exc
    if not pages:
        raise InputError("PDF has no pages", path=doc.path)
    text_parts: list[str] = []
    offset = 0
    for page_text in pages:
        page_text = _clean_text(page_text)
        doc.page_starts.append(offset)
        text_parts.append(page_text)
        offset += len(page_text) + 2
    doc.text = "\n\n".join(text_parts)
    if not doc.text.strip():
        raise InputError(
            "PDF has no text layer",
            path=doc.path,
            hint="scanned PDFs need OCR first; opspoor does not do OCR",
        )
    doc.title = title


# -- ZIP (archives, and the container of DOCX) ---------------------------------------------------
def check_zip(
    data: bytes, path: str, limits: ReadLimits, budget: _Budget
) -> list[tuple[str, bytes]]:
    """Open an archive and unpack its members within the limits (zip bomb guard).

    Declared sizes and ratios are checked first; then each member is unpacked in chunks and
    stopped at the limit, because headers can lie.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise InputError(f"corrupt archive: {exc}", path=path) from exc
    declared = sum(i.file_size for i in infos)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.max_attachment_bytes or ratio > limits.max_ratio:
            raise InputError(
                f"archive member {info.filename!r} unpacks to {info.file_size / MB:.1f} MB "
                f"(ratio {ratio:.0f}:1)",
                path=path,
                hint="refused as a possible zip bomb",
            )
        if info.flag_bits & 0x1:
            raise InputError(f"archive member {info.filename!r} is encrypted", path=path)
    if budget.unpacked + declared > limits.max_unpacked_bytes:
        raise InputError(
            f"archive unpacks to {declared / MB:.1f} MB, more than the {limits.max_unpacked_bytes // MB} MB allowed",
            path=path,
            hint="refused as a possible zip bomb",
        )
    members: list[tuple[str, bytes]] = []
    for info in infos:
        cap = min(limits.max_attachment_bytes, int(max(info.compress_size, 1) * limits.max_ratio))
        chunks: list[bytes] = []
        got = 0
        try:
            with archive.open(info) as fh:
                while chunk := fh.read(1 << 16):
                    got += len(chunk)
                    if got > cap:
                        raise InputError(
                            f"archive member {info.filename!r} unpacks to more than its header says",
                            path=path,
                            hint="refused as a possible zip bomb",
                        )
                    chunks.append(chunk)
        except InputError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise InputError(f"corrupt archive member {info.filename!r}: {exc}", path=path) from exc
        budget.take(got, path)
        members.append((info.filename, b"".join(chunks)))
    return members


def _read_zip(
    doc: TextDocument, data: bytes, limits: ReadLimits, budget: _Budget, depth: int
) -> None:
    if depth >= limits.max_depth:
        raise InputError(f"archives nested more than {limits.max_depth} deep", path=doc.path)
    members = check_zip(data, doc.path, limits, budget)
    doc.text = ""
    for name, content in members:
        if PurePath(name).name.startswith(".") or name.startswith("__MACOSX/"):
            continue
        _read_child(
            doc, content, PurePath(name).name, f"{doc.path} > {name}", limits, budget, depth
        )


def _read_child(
    parent: TextDocument,
    data: bytes,
    name: str,
    display: str,
    limits: ReadLimits,
    budget: _Budget,
    depth: int,
) -> None:
    """Read an attachment or archive member; failures go to the parent's errors."""
    try:
        if not data:
            raise InputError("attachment is empty", path=display)
        if len(data) > limits.max_attachment_bytes:
            raise InputError(
                f"attachment is {len(data) / MB:.1f} MB, more than the {limits.max_attachment_bytes // MB} MB allowed",
                path=display,
            )
        child = read_bytes(data, name, display, limits, _budget=budget, _depth=depth + 1)
    except InputError as exc:
        parent.errors.append(exc)
        return
    parent.attachments.append(child)


# -- DOCX -------------------------------------------------------------------------------------
def _read_docx(
    doc: TextDocument, data: bytes, limits: ReadLimits, budget: _Budget, depth: int
) -> None:
    # python-docx unpacks the archive itself; check it first so a zip bomb never reaches it.
    check_zip(data, doc.path, limits, _Budget(limits))
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        parts: list[str] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                parts.append(Paragraph(block, document).text)
            elif tag == "tbl":
                for row in Table(block, document).rows:
                    parts.append(" | ".join(cell.text for cell in row.cells))
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors ...
        raise InputError(
            f"corrupt or unreadable DOCX ({type(exc).__name__}: {exc})", path=doc.path
        ) from exc
    doc.text = "\n\n".join(p for p in parts if p.strip())
    doc.title = title


# -- e-mail -----------------------------------------------------------------------------------
HEADER_FIELDS = ("from", "to", "cc", "subject", "date")


def _read_email(
    doc: TextDocument, data: bytes, limits: ReadLimits, budget: _Budget, depth: int
) -> None:
    if depth >= limits.max_depth:
        raise InputError(f"e-mails nested more than {limits.max_depth} deep", path=doc.path)
    if looks_binary(data):
        raise InputError("looks like binary data, not an e-mail", path=doc.path)
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is rare
        raise InputError(f"not a readable e-mail: {exc}", path=doc.path) from exc
    assert isinstance(msg, EmailMessage)
    lines: list[str] = []
    for name in HEADER_FIELDS:
        values = [str(v) for v in (msg.get_all(name) or [])]
        if values:
            doc.headers[name] = values
            lines.append(f"{name.capitalize()}: {', '.join(values)}")
    if not doc.headers:
        raise InputError("not an e-mail (no From, To, Subject or Date header)", path=doc.path)
    doc.title = (doc.headers.get("subject") or [""])[0] or None
    body_text = ""
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError, AssertionError) as exc:
            raise InputError(f"e-mail body cannot be decoded: {exc}", path=doc.path) from exc
        if isinstance(content, bytes):
            content, _enc, _w = decode_text(content, doc.path)
        if body.get_content_subtype() == "html":
            content, _title = html_to_text(content, doc.path)
        body_text = str(content)
    doc.text = "\n".join(lines) + "\n\n" + body_text
    for n, part in enumerate(msg.iter_attachments(), 1):
        name = part.get_filename() or f"attachment-{n}"
        display = f"{doc.path} > {name}"
        try:
            payload = _attachment_bytes(part, display, limits)
        except InputError as exc:
            doc.errors.append(exc)
            continue
        try:
            budget.take(len(payload), display)
        except InputError as exc:
            doc.errors.append(exc)
            break
        _read_child(doc, payload, name, display, limits, budget, depth)


def _attachment_bytes(part: Any, display: str, limits: ReadLimits) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_content()
        return bytes(inner.as_bytes()) if hasattr(inner, "as_bytes") else bytes(inner)
    raw = part.get_payload(decode=False)
    # base64 is 4/3 the size of what it encodes: refuse before decoding.
    if isinstance(raw, str) and len(raw) * 3 // 4 > limits.max_attachment_bytes:
        raise InputError(
            f"attachment is larger than the {limits.max_attachment_bytes // MB} MB allowed",
            path=display,
        )
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise InputError("attachment cannot be decoded", path=display)
    return payload


_READERS: dict[str, Callable[[TextDocument, bytes, ReadLimits, _Budget, int], None]] = {
    "text": _read_text,
    "html": _read_html,
    "pdf": _read_pdf,
    "docx": _read_docx,
    "email": _read_email,
    "zip": _read_zip,
}


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _clean_text(text: str) -> str:
    """One newline convention, composed characters, no NULs or stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL_CHARS.sub("", text)
