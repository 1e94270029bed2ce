"""Find listed parties that match a name or an entity, with scores and reasons.

    >>> from opspoor.match import MatchIndex, DEFAULT_THRESHOLD
    >>> idx = MatchIndex.from_store(store)
    >>> [r.to_dict() for r in idx.match_name("DABBASHI, Ahmed", schema="Person")]

See docs/matching.md for how scores are made and how the threshold was chosen.
"""

from opspoor.match.index import DEFAULT_THRESHOLD, MIN_SCORE, MatchIndex, make_query
from opspoor.match.result import MatchResult
from opspoor.match.scorer import score_profiles

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_SCORE",
    "MatchIndex",
    "MatchResult",
    "make_query",
    "score_profiles",
]
