"""The counting rule of a year's analysis: whether late reports count in grades and means.

The published 2024 analysis counted only reports submitted on time (its grade counts,
64 + 645 + 84 + 5 = 798, equal its on-time count); the system's default counts every
submitted report. The rule is one setting per year (`AnalysisSetting.include_late`), stated in
the document's method paragraph, and applied to the figures through `counting_rule()`.
"""

import contextlib
from contextvars import ContextVar

_on_time_only = ContextVar("analysis_on_time_only", default=False)


def on_time_only():
    """True while figures are computed under the rule "only reports submitted on time count"."""
    return _on_time_only.get()


@contextlib.contextmanager
def counting_rule(include_late=True):
    token = _on_time_only.set(not include_late)
    try:
        yield
    finally:
        _on_time_only.reset(token)


def include_late_for(year):
    from analysis.models import AnalysisSetting

    return AnalysisSetting.include_late_for(year)
