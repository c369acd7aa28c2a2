"""Metric providers for the CPO criteria derived from activity data (1.5, 2.8, 2.9, 3.1).

The thresholds that turn a metric into points live in the framework data
(Criterion.derived_thresholds); here we only compute the percentage and say what it rests on.
"""

from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from activity.models import ActivityReport, Course
from activity.summary import QUALIFYING
from frameworks.derived import Metric, register

SOURCE = "activity"
# The functions carry an "activity_" prefix because frameworks.derived.register replaces an earlier
# provider of the same rule with the same __qualname__ (surveys also has a placement_rate_12m).
# Six places, rounded down: a share just under a bound (4.9995 %) must not round up onto it,
# and with fewer than a million people a share just over a bound stays visibly over it.
PRECISION = Decimal("0.000001")


def percent(part, whole):
    if not whole:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(PRECISION, rounding=ROUND_DOWN)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _course_sums(centre, year, **fields):
    courses = Course.objects.filter(activity__centre=centre, activity__year=year)
    filters = fields.pop("filters", {})
    if filters:
        courses = courses.filter(**filters)
    return courses.aggregate(**{name: Coalesce(Sum(field), 0) for name, field in fields.items()})


def _metric(part, whole, basis):
    value = percent(part, whole)
    return None if value is None else Metric(value=value, basis=basis, source=SOURCE)


@register("vulnerable_share")
def activity_vulnerable_share(centre, year):
    sums = _course_sums(centre, year, part="vulnerable", whole="enrolled")
    basis = _("%(part)s of %(whole)s trainees") % sums
    return _metric(sums["part"], sums["whole"], basis)


@register("state_exam_pass_rate")
def activity_state_exam_pass_rate(centre, year):
    sums = _course_sums(centre, year, part="exam_passed", whole="exam_admitted")
    basis = _("%(part)s of %(whole)s admitted to the state examination") % sums
    return _metric(sums["part"], sums["whole"], basis)


@register("validation_share")
def activity_validation_share(centre, year):
    sums = _course_sums(centre, year, part="certified_validation", whole="certified", filters={"kind__in": QUALIFYING})
    basis = _("%(part)s of %(whole)s certified for a qualification degree or part of a profession") % sums
    return _metric(sums["part"], sums["whole"], basis)


@register("placement_rate_12m", priority=50)
def activity_placement_rate_12m(centre, year):
    row = (
        ActivityReport.objects.filter(centre=centre, year=year)
        .values("graduates_followed_up", "graduates_employed", "graduates_in_learning")
        .first()
    )
    if not row or not row["graduates_followed_up"]:
        return None
    placed = (row["graduates_employed"] or 0) + (row["graduates_in_learning"] or 0)
    basis = _("%(part)s of %(whole)s graduates followed up") % {"part": placed, "whole": row["graduates_followed_up"]}
    return _metric(placed, row["graduates_followed_up"], basis)
