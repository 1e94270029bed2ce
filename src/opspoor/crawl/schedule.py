"""When to visit a page again: sooner when it changes, later when it does not, and a few
more times after it vanished, in case it comes back.

    >>> policy = RevisitPolicy(ad_hours=24, min_hours=1, max_hours=168)
    >>> next_visit(now, "changed", 24.0, policy, is_ad=True)
    (now + 12 h, 12.0)
    >>> next_visit(now, "gone", 24.0, policy, is_ad=True, gone_count=3)
    (None, 72.0)

Outcomes: new, changed, unchanged, gone (HTTP 404/410), error (anything else). Pure.
"""

from __future__ import annotations

import datetime as dt

from opspoor.crawl.project import RevisitPolicy

OUTCOMES = (
    "new",
    "changed",
    "unchanged",
    "gone",
    "error",
    "redirect",
    "refused",
    "skipped",
    "disallowed",
)


def next_visit(
    now: dt.datetime,
    outcome: str,
    interval_hours: float | None,
    policy: RevisitPolicy,
    is_ad: bool,
    gone_count: int = 0,
) -> tuple[dt.datetime | None, float]:
    """The next visit time (None: do not come back) and the interval it used, in hours."""
    base = policy.ad_hours if is_ad else policy.page_hours
    current = interval_hours if interval_hours and interval_hours > 0 else base
    if outcome == "new":
        hours = base
    elif outcome == "changed":
        hours = current / 2
    elif outcome in ("unchanged", "error", "redirect"):
        hours = current * 2
    elif outcome == "gone":
        if gone_count >= policy.gone_checks:
            return None, policy.gone_hours
        return now + dt.timedelta(hours=policy.gone_hours), policy.gone_hours
    else:  # refused, skipped, disallowed: a rule, not the site, keeps us away
        return None, current
    hours = min(policy.max_hours, max(policy.min_hours, hours))
    return now + dt.timedelta(hours=hours), hours
