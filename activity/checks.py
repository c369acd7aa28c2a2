"""Activity data that contradicts itself blocks the report's submission (reports.checks registry).

Each gap's anchor is the URL of the activity page with the fragment of the offending field,
so the report's check page can send the person straight to it.
"""

from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.translation import gettext as _

from activity import rules
from activity.models import ActivityReport, Course
from centres.models import CentreKind


def _page(activity):
    return reverse("activity:edit", args=[activity.centre_id, activity.year])


def activity_gaps(report):
    from reports.checks import Gap

    activity = ActivityReport.objects.filter(centre_id=report.centre_id, year=report.year).first()
    if activity is None:
        return []
    page = _page(activity)
    gaps = []
    header_check = rules.cpo_header_problems if report.centre.kind == CentreKind.CPO else rules.cipo_header_problems
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
        for problem in rules.course_problems(values, report.year):
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
