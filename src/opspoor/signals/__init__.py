"""Trafficking signals: indicator rule sets (data files in `rules/`) and the engine that
applies them, with every flag's rule, source and span and a transparent score.

    >>> from opspoor.signals import scan_text
    >>> result = scan_text("Escort Lisa, jong meisje, 24/7 beschikbaar")
    >>> [(f.rule, f.text) for f in result.flags]
    [('nl_police.young_age', 'jong meisje'), ('nl_police.availability_24_7', '24/7'), ...]
"""

from opspoor.signals.engine import (
    Contribution,
    Flag,
    ScanResult,
    scan_text,
    scan_texts,
    score_flags,
)
from opspoor.signals.phones import PhoneMention, phone_numbers_in
from opspoor.signals.rules import Rule, RuleBook, default_rulebook, load_rulebook

__all__ = [
    "Contribution",
    "Flag",
    "PhoneMention",
    "Rule",
    "RuleBook",
    "ScanResult",
    "default_rulebook",
    "load_rulebook",
    "phone_numbers_in",
    "scan_text",
    "scan_texts",
    "score_flags",
]
