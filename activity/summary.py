"""The summary counts of a year's activity, aggregated in SQL from the course rows (never typed twice)."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from activity.models import Course, CourseKind

QUALIFYING = (CourseKind.DEGREE, CourseKind.PART)


def _sum(field, **condition):
    return Coalesce(Sum(field, filter=Q(**condition) if condition else None), 0)


SUMMARY = {
    "courses": Count("id"),
    "enrolled": _sum("enrolled"),
    "certified": _sum("certified"),
    "degree_obtained": _sum("certified", kind=CourseKind.DEGREE),
    "part_obtained": _sum("certified", kind=CourseKind.PART),
    "degree_by_validation": _sum("certified_validation", kind=CourseKind.DEGREE),
    "part_by_validation": _sum("certified_validation", kind=CourseKind.PART),
    "qualifying_certified": _sum("certified", kind__in=QUALIFYING),
    "qualifying_by_validation": _sum("certified_validation", kind__in=QUALIFYING),
    "legal_capacity": _sum("certified", kind=CourseKind.LEGAL),
    "continuing": _sum("continuing"),
    "not_completed": _sum("not_completed"),
    "dropped_out": _sum("dropped_out"),
    "vulnerable": _sum("vulnerable"),
    "vulnerable_certified": _sum("vulnerable_certified"),
    "disadvantaged": _sum("disadvantaged"),
    "early_leavers": _sum("early_leavers"),
    "exam_admitted": _sum("exam_admitted"),
    "exam_passed": _sum("exam_passed"),
    "enrolled_degree": _sum("enrolled", kind=CourseKind.DEGREE),
    "enrolled_part": _sum("enrolled", kind=CourseKind.PART),
    "enrolled_legal": _sum("enrolled", kind=CourseKind.LEGAL),
    "enrolled_other": _sum("enrolled", kind=CourseKind.OTHER),
    "priority_courses": Count("id", filter=Q(profession__priority=True)),
}


# Aggregates may not share a name with a model field ("certified" is both), so they run under
# prefixed aliases and come back under the plain names.
_ALIASED = {f"sum_{key}": value for key, value in SUMMARY.items()}


def _plain(row):
    return {key.removeprefix("sum_"): value for key, value in row.items()}


def summary_for(activity):
    """Summary counts for one ActivityReport (zeros when it has no courses or does not exist)."""
    if activity is None or activity.pk is None:
        return dict.fromkeys(SUMMARY, 0)
    return _plain(Course.objects.filter(activity=activity).aggregate(**_ALIASED))


def summary_by_year(centre, years):
    """{year: summary} for a centre, in one query."""
    rows = (
        Course.objects.filter(activity__centre=centre, activity__year__in=years)
        .order_by()  # the model's ordering would otherwise split the groups
        .values("activity__year")
        .annotate(**_ALIASED)
    )
    result = {year: dict.fromkeys(SUMMARY, 0) for year in years}
    for row in rows:
        result[row.pop("activity__year")] = _plain(row)
    return result
