"""Gaps that block submission, and the registry through which other apps add their own.

A gap names the HTML id of the form field to fix (`anchor`), so the check page can link
straight to it. Other apps register consistency checks at import time (in AppConfig.ready):

    from reports.checks import Gap, register_check

    @register_check
    def activity_matches_report(report):
        return [Gap("criterion-1.5", "…")] if … else []
"""

from dataclasses import dataclass

_CHECKS = []


@dataclass(frozen=True)
class Gap:
    # An HTML id in the report form ("criterion-2.10", "section-5"), or a path to another
    # page with its fragment ("/activity/centre/5/2024/#course-17") for data kept elsewhere.
    anchor: str
    message: str


def register_check(fn):
    """Add fn(report) -> list[Gap] to the checks run before submission; usable as a decorator."""
    if fn not in _CHECKS:
        _CHECKS.append(fn)
    return fn


def unregister_check(fn):
    if fn in _CHECKS:
        _CHECKS.remove(fn)


def run_checks(report):
    gaps = []
    for check in list(_CHECKS):
        gaps.extend(check(report) or [])
    return gaps
