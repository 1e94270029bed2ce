"""The main text of a web page: trafilatura (fast mode), lxml when trafilatura finds nothing.

    >>> page = main_text(b"<html><head><title>Lisa</title></head><body><nav>Home</nav><p>Hoi, ik ben Lisa.</p></body></html>")
    >>> page.title, page.text
    ('Lisa', 'Hoi, ik ben Lisa.')

Signals and identifiers are read from this text, and their spans index it; the crawler keeps
it with each capture so every span can be checked against the WARC record it came from.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

# Below this many characters trafilatura's answer is likely a fragment; lxml's text is used.
MIN_MAIN_TEXT = 40
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "form",
    "button",
    "nav",
    "header",
    "footer",
    "aside",
)
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)

logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PageText:
    title: str | None
    text: str
    method: str  # trafilatura | lxml | none


def _decode(html: bytes | str) -> str:
    if isinstance(html, str):
        return html
    for encoding in ("utf-8", "cp1252"):
        try:
            return html.decode(encoding)
        except UnicodeDecodeError:
            continue
    return html.decode("utf-8", errors="replace")


def _lxml_text(tree: lxml.html.HtmlElement) -> str:
    for bad in list(tree.iter(*_DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()  # keeps the text that follows the element
    for block in tree.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    body = tree.find(".//body")
    node = body if body is not None else tree
    text = node.text_content() if hasattr(node, "text_content") else "".join(node.itertext())
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def _title(source: str) -> str | None:
    m = _TITLE.search(source)
    if not m:
        return None
    return " ".join(html_lib.unescape(m.group(1)).split()) or None


def main_text(html: bytes | str) -> PageText:
    """Title and main text of an HTML page; never raises on malformed HTML."""
    source = _decode(html).replace("\x00", "")
    if not source.strip():
        return PageText(None, "", "none")
    title = _title(source)
    text: str | None = None
    try:
        import trafilatura

        text = trafilatura.extract(
            source, fast=True, include_comments=False, include_tables=True, deduplicate=False
        )
    except Exception:  # trafilatura fails in many ways on odd pages; lxml takes over
        text = None
    if text and len(text) >= MIN_MAIN_TEXT:
        return PageText(title, text.strip(), "trafilatura")
    try:
        tree = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return PageText(title, "", "none")
    return PageText(title, _lxml_text(tree), "lxml")
