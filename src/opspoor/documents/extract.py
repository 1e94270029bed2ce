"""From a document's text to its mentions, identifiers and relations (no I/O, no matcher).

    >>> doc = read_document(Path("article.txt"))
    >>> ex = extract_document(doc)
    >>> [(m.text, m.type) for m in ex.mentions]

Screening the mentions against the lists is a separate step (`opspoor.documents.screening`),
so extraction works without a store; a gazetteer of list names, when given, adds the names the
rules alone would miss.
"""

from __future__ import annotations

from collections import Counter

import phonenumbers

from opspoor.documents.gazetteer import Gazetteer
from opspoor.documents.identifiers import identifiers_in, phone_numbers_in
from opspoor.documents.model import Extraction, Mention, TextDocument
from opspoor.documents.names import find_names
from opspoor.documents.relations import relations_in
from opspoor.documents.text import sentences, tokenize

# Phone numbers written without +country are read as numbers of this country, by language.
LANGUAGE_REGIONS = {"nl": "NL"}


def default_region(language: str | None, text: str) -> str | None:
    """The country whose local phone numbers a document writes: NL for Dutch; otherwise the
    country most of its international (+...) numbers belong to; None when it has none."""
    if language in LANGUAGE_REGIONS:
        return LANGUAGE_REGIONS[language]
    countries: Counter[str] = Counter()
    for ident in phone_numbers_in(text, None):
        number = phonenumbers.parse(ident.normalized, None)
        region = phonenumbers.region_code_for_number(number)
        if region and region != "ZZ":
            countries[region] += 1
    if not countries:
        return None
    return countries.most_common(1)[0][0]


def extract_document(
    doc: TextDocument, gazetteer: Gazetteer | None = None, region: str | None = None
) -> Extraction:
    """Mentions, identifiers and relations of a document and of each of its attachments."""
    text = doc.text
    sents = sentences(text)
    extra: list[Mention] = []
    if gazetteer is not None and len(gazetteer):
        for hit in gazetteer.find(text, tokenize(text)):
            extra.append(Mention(hit.text, hit.type, hit.start, hit.end, source="gazetteer"))
    found = find_names(text, sents, extra=extra)
    doc_region = region or default_region(doc.language, text)
    identifiers = identifiers_in(text, doc_region, found.places)
    relations = relations_in(text, found.mentions, found.places, sents)
    return Extraction(
        document=doc,
        mentions=found.mentions,
        identifiers=identifiers,
        relations=relations,
        attachments=[extract_document(child, gazetteer, region) for child in doc.attachments],
    )
