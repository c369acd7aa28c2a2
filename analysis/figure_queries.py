"""The national figures' grouped queries, as builders for analysis.statements (compiled once per shape).

Each takes the shape (see `analysis.figures._shape`: the function picking the counted versions,
whether a region is set, the counting rule) and the values to bind — stand-ins when compiled.
"""

from django.db.models import Count, DecimalField, F, Func, Q, Sum

from centres.models import Centre, licence_active_q
from reports.models import Submission, SubmissionScore


class AreaPoints(Func):
    """An area's points from `Submission.area_totals`, as a number.

    Written per database because area codes such as "1" look like array indexes to Django's
    JSON key transforms; the key is a query parameter either way.
    """

    output_field = DecimalField(max_digits=12, decimal_places=2)

    def __init__(self, code):
        super().__init__(F("area_totals"))
        self.code = code

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"CAST(JSON_EXTRACT({column}, %s) AS NUMERIC)", [*params, f'$."{self.code}"']

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({column} ->> %s) AS NUMERIC)", [*params, self.code]


TOTALS = {
    "submitted": Count("id"),
    "on_time": Count("id", filter=Q(on_time=True)),
    "zero": Count("id", filter=Q(zero_value=True)),
    "sum_total": Sum("total"),
}


def _counted(shape, year, kind, region):
    pick, with_region, _rule = shape
    return pick(year, kind, region if with_region else None)


def grade_totals_query(shape, year, kind, region):
    return _counted(shape, year, kind, region).values_list("grade").annotate(**TOTALS).order_by()


def score_groups_query(shape, year, kind, region):
    subs = _counted(shape, year, kind, region)
    return (
        SubmissionScore.objects.filter(submission__in=subs)
        .values_list("criterion_id", "points")
        .annotate(n=Count("id"))
        .order_by()
    )


def answers_query(shape, year, kind, region):
    subs = _counted(shape, year, kind, region)
    return (
        SubmissionScore.objects.filter(submission__in=subs)
        .values_list("criterion_id")
        .annotate(yes=Count("id", filter=Q(points__gt=0)), no=Count("id", filter=Q(points=0)))
        .order_by()
    )


def trend_query(shape, year, kind, region):
    codes, with_region = shape
    subs = Submission.objects.counted().filter(report__year__lte=year, report__centre__kind=kind)
    if with_region:
        subs = subs.filter(report__centre__region=region)
    sums = {f"area_{i}": Sum(AreaPoints(code)) for i, code in enumerate(codes)}
    return subs.values_list("report__year").annotate(n=Count("id"), s=Sum("total"), **sums).order_by()


def licensed_query(shape, region, end, previous_end):
    """Centres with an active licence at the end of the year and of the year before, by kind."""
    centres = Centre.objects.in_region(region if shape else None)
    return (
        centres.values_list("kind")
        .annotate(
            now=Count("id", filter=licence_active_q(end)), before=Count("id", filter=licence_active_q(previous_end))
        )
        .order_by()
    )
