"""What the inspectors may pick as objects to check: the centre's rows in the activity data.

Courses, premises and validated persons come from the activity information; trainers and
consultants are only counted there, so they (and anything else) are entered as free text.
"""

from django.utils.translation import gettext as _


def choices_for(centre, years):
    """{key: (kind, ref, label)} for the centre's activity rows in the given years, newest first."""
    from activity.models import Course, MaterialBase, ValidationRow

    choices = {}
    courses = (
        Course.objects.filter(activity__centre=centre, activity__year__in=years)
        .select_related("profession")
        .order_by("-start_date", "id")[:50]
    )
    for course in courses:
        label = _("Course: %(profession)s, %(start)s – %(end)s (%(n)s enrolled)") % {
            "profession": course.profession.name,
            "start": course.start_date.strftime("%d.%m.%Y"),
            "end": course.end_date.strftime("%d.%m.%Y"),
            "n": course.enrolled,
        }
        choices[f"course-{course.pk}"] = ("course", str(course.pk), label)
    premises = MaterialBase.objects.filter(activity__centre=centre, activity__year__in=years).select_related(
        "profession"
    )
    for row in premises.order_by("-activity__year", "id")[:30]:
        label = _("Premises for %(profession)s (%(ownership)s)") % {
            "profession": row.profession.name,
            "ownership": row.get_ownership_display(),
        }
        choices[f"premises-{row.pk}"] = ("premises", str(row.pk), label)
    validations = ValidationRow.objects.filter(activity__centre=centre, activity__year__in=years).select_related(
        "profession"
    )
    for row in validations.order_by("-activity__year", "id")[:30]:
        label = _("Validation: %(profession)s, %(n)s persons") % {"profession": row.profession.name, "n": row.persons}
        choices[f"validation-{row.pk}"] = ("validation", str(row.pk), label)
    return choices
