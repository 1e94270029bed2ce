"""Which language a text is in, offline (py3langid's bundled model).

>>> detect_language("De commandant van de kustwacht werkt nauw samen met smokkelaars.")
'nl'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Enough text to decide; langid's cost grows with length.
SAMPLE_CHARS = 5000
# Below this normalised probability we say we do not know.
MIN_PROBABILITY = 0.5


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short or mixed."""
    sample = text[:SAMPLE_CHARS].strip()
    if sum(c.isalpha() for c in sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    if prob < MIN_PROBABILITY:
        return None
    return str(lang)
