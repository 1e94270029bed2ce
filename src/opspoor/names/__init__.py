"""Names: normalise, transliterate, split into parts, key and compare.

>>> from opspoor.names import normalize_name, parse_name, compare_names
>>> normalize_name("Ahmad ʿUmar al-Dabbāshī")
'ahmad umar al dabbashi'
>>> compare_names(parse_name("KOSHLAF, Mohamed"), parse_name("Mohamed Kashlaf")).score > 0.8
True
"""

from opspoor.names.compare import NameComparison, compare_names, part_similarity
from opspoor.names.frequency import FrequencyModel
from opspoor.names.keys import phonetic, skeleton
from opspoor.names.normalize import normalize_name, transliterate_word
from opspoor.names.parts import NamePart, ParsedName, parse_name, schema_kind

__all__ = [
    "FrequencyModel",
    "NameComparison",
    "NamePart",
    "ParsedName",
    "compare_names",
    "normalize_name",
    "parse_name",
    "part_similarity",
    "phonetic",
    "schema_kind",
    "skeleton",
    "transliterate_word",
]
