"""Documents: from text, HTML, PDF, DOCX and e-mail to names, identifiers and relations, each
with the characters and sentence it came from.

    >>> doc = read_document(Path("article.html"))
    >>> extraction = extract_document(doc)
    >>> [(m.text, m.type, m.start, m.end) for m in extraction.mentions]

See docs/documents.md.
"""

from opspoor.documents.extract import extract_document
from opspoor.documents.model import Extraction, Identifier, Mention, Relation, TextDocument
from opspoor.documents.readers import ReadLimits, read_bytes, read_document

__all__ = [
    "Extraction",
    "Identifier",
    "Mention",
    "ReadLimits",
    "Relation",
    "TextDocument",
    "extract_document",
    "read_bytes",
    "read_document",
]
