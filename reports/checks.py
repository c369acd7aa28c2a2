"""Gaps that block submission, and the registry through which other apps add their own.

A gap names the HTML id of the form field to fix (`anchor`), so the check page can link
straight to it. Other apps register consistency checks at import time (in AppConfig.ready):

    from reports.checks import Gap, register_check

    @register_check
    def activity_matches_report(report):
        return [Gap("criterion-1.5", "…")] if … else []
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from formatting.numbers import format_number
from frameworks.derived import derived_levels
from frameworks.models import SectionKind

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


def _fmt(points):
    # As people read points in messages: "1,5" in Bulgarian (formatting.numbers), never "1.5".
    return format_number(points.normalize())


# ---------------------------------------------------------------- the built-in checks
def disagreements(report, answers, derived):
    """{criterion code: DerivedLevel} where the chosen points differ from what the centre's data supports."""
    if report.zero_value:
        return {}
    return {
        a.criterion.code: derived[a.criterion.code]
        for a in answers
        if a.criterion.code in derived and a.points is not None and a.points != derived[a.criterion.code].points
    }


def check_report(report):
    """What still stops the report from being submitted, each gap pointing to its field in the form."""
    gaps = []
    framework = report.framework
    for section in framework.sections.all():
        if section.kind == SectionKind.TEXT and section.required and not (report.texts.get(section.code) or "").strip():
            gaps.append(
                Gap(
                    f"section-{section.code}",
                    _("Section %(code)s “%(title)s” is empty.") % {"code": section.code, "title": section.title},
                )
            )
    answers = list(report.answers.select_related("criterion").order_by("criterion__order"))
    if not report.zero_value:
        for answer in answers:
            if answer.points is None:
                message = (
                    _("Criterion %(code)s “%(name)s” has no level chosen.")
                    if framework.is_scored
                    else _("Indicator %(code)s “%(name)s” has no answer.")
                )
                gaps.append(
                    Gap(
                        f"criterion-{answer.criterion.code}",
                        message % {"code": answer.criterion.code, "name": answer.criterion.name},
                    )
                )
        derived = derived_levels(framework, report.centre, report.year, criteria=[a.criterion for a in answers])
        for code, level in disagreements(report, answers, derived).items():
            answer = next(a for a in answers if a.criterion.code == code)
            if not answer.disagreement_reason.strip():
                gaps.append(
                    Gap(
                        f"criterion-{code}-reason",
                        _(
                            "Criterion %(code)s: your data supports %(points)s points; "
                            "explain why you chose a different level."
                        )
                        % {"code": code, "points": _fmt(level.points)},
                    )
                )
    gaps.extend(run_checks(report))
    return gaps
