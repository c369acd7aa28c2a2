"""Activity data that is missing, incomplete or contradicts itself blocks the report's submission.

Registered in the reports.checks registry. Each gap's anchor is the URL of the activity page
with the fragment of the offending field, so the report's check page sends the person
straight to it. The data must be complete before submitting because submitting locks it,
and the derived levels (1.5, 2.8, 2.9, 3.1) and the consistency rules need it.
"""

from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.translation import gettext as _

from activity import rules
from activity.models import ActivityReport, Course
from centres.models import CentreKind

# The totals without which the year's activity information is not complete (0 is an answer; empty is not).
REQUIRED = {
    CentreKind.CPO: ("trainers_total", "graduates_followed_up"),
    CentreKind.CIPO: ("clients_total",),
}


def _page(activity):
    return reverse("activity:edit", args=[activity.centre_id, activity.year])


def completeness_gaps_for(centre, year, activity, *, zero_value=False):
    """What is missing from a centre's year of activity information (an empty list when it is complete)."""
    from reports.checks import Gap

    if activity is None:
        page = reverse("activity:edit", args=[centre.pk, year])
        return [
            Gap(
                page,
                _("The activity information for %(year)s is not entered yet; enter it before submitting the report.")
                % {"year": year},
            )
        ]
    page = _page(activity)
    gaps = []
    for name in REQUIRED.get(centre.kind, ()):
        if getattr(activity, name) is None:
            label = ActivityReport._meta.get_field(name).verbose_name
            gaps.append(
                Gap(f"{page}#id_header-{name}", _("Activity information: “%(field)s” is empty.") % {"field": label})
            )
    if centre.kind == CentreKind.CPO and not zero_value and not Course.objects.filter(activity=activity).exists():
        gaps.append(
            Gap(
                f"{page}#table-courses",
                _("Activity information: no course is entered (a year without training is a zero-value report)."),
            )
        )
    return gaps


def activity_gaps(report):
    return activity_gaps_for(report.centre, report.year, zero_value=report.zero_value)


def activity_gaps_for(centre, year, *, zero_value=False):
    """Every gap of a centre's year of activity information: what is missing and what contradicts itself."""
    activity = ActivityReport.objects.filter(centre=centre, year=year).first()
    gaps = completeness_gaps_for(centre, year, activity, zero_value=zero_value)
    if activity is None:
        return gaps
    from reports.checks import Gap

    page = _page(activity)
    header_check = rules.cpo_header_problems if centre.kind == CentreKind.CPO else rules.cipo_header_problems
    for problem in header_check(model_to_dict(activity)):
        label = ActivityReport._meta.get_field(problem.field).verbose_name
        gaps.append(
            Gap(
                f"{page}#id_header-{problem.field}",
                _("Activity information, %(field)s: %(message)s") % {"field": label, "message": problem.message},
            )
        )
    courses = Course.objects.filter(activity=activity).select_related("profession")
    for number, course in enumerate(courses, start=1):
        values = model_to_dict(course)
        for problem in rules.course_problems(values, year):
            gaps.append(
                Gap(
                    f"{page}#course-{course.pk}",
                    _("Activity information, course %(number)s (%(profession)s): %(message)s")
                    % {"number": number, "profession": course.profession, "message": problem.message},
                )
            )
    return gaps


def register():
    from reports.checks import register_check

    register_check(activity_gaps)
