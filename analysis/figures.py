"""The national figures for a reporting year: the one place where they are computed.

Everything is aggregated in SQL (GROUP BY through `values().annotate()`) over the
*counted* reports — those submitted at least once, through their last submitted version
(`Submission.counted`, kept equal to `Report.last_submission` by the reports services), so
a report returned for correction keeps counting with the content it was last submitted
with. Sums come back from the database; means and percentages are computed here from the
unrounded sums as Decimal, and rounded only when shown. The trend reads each version's
stored area totals (one row per report) instead of its criterion scores.
"""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, F

from analysis import counting, statements
from analysis.figure_queries import (
    TOTALS,
    answers_query,
    grade_totals_query,
    licensed_query,
    score_groups_query,
    trend_query,
)
from analysis.figure_types import (
    GRADE_ORDER,
    ZERO,
    AreaFigure,
    CipoFigures,
    CpoFigures,
    CriterionFigure,
    IndicatorFigure,
    NationalFigures,
    TrendPoint,
    mean,
    pct,
    points_key,
)
from centres.models import Centre, CentreKind
from frameworks import scoring, structure
from reports.models import Submission, SubmissionScore


def year_end(year):
    return dt.date(year, 12, 31)


class Lookups:
    """What one computation of the figures reads once: frameworks with their structure, licence counts.

    The current and the previous year, and every year of the trend, usually share a framework,
    and the licence counts of both kinds and both years come from one GROUP BY kind; reading
    them once keeps the figures within a few queries of the bare aggregates.
    """

    def __init__(self):
        self._by_kind = {}
        self._licensed = {}
        self._level_points = None

    def licensed(self, kind, year, region=None):
        key = (kind, year, region)
        if key not in self._licensed:
            for k in CentreKind.values:
                self._licensed[(k, year, region)] = self._licensed[(k, year - 1, region)] = 0
            found = statements.rows(
                Centre,
                licensed_query,
                bool(region),
                end=year_end(year),
                previous_end=year_end(year - 1),
                region=region,
            )
            for k, now, before in found:
                self._licensed[(k, year, region)] = now
                self._licensed[(k, year - 1, region)] = before
        return self._licensed[key]

    def _of_kind(self, kind):
        if not self._by_kind:
            # Every kind's frameworks, as this process keeps them (frameworks.structure).
            self._by_kind = {k: [] for k in CentreKind.values}
            for framework in structure.frameworks():
                self._by_kind.setdefault(framework.kind, []).append(framework)
        return self._by_kind.get(kind, [])

    def level_points(self, criterion_id):
        """The points of a criterion's levels, from one read of every framework's levels."""
        if self._level_points is None:
            self._level_points = structure.level_points()
        return self._level_points.get(criterion_id, ())

    def for_report(self, kind, year):
        """As `Framework.objects.for_report`, from the frameworks already read."""
        return next(
            (f for f in self._of_kind(kind) if f.first_year <= year and (f.last_year is None or f.last_year >= year)),
            None,
        )

    def area_of_criteria(self, kind):
        return {c.id: c.area.code for f in self._of_kind(kind) for c in f.criteria.all()}

    def area_codes(self, kind):
        """Every area code of the kind's frameworks, in framework and area order."""
        return list(dict.fromkeys(a.code for f in self._of_kind(kind) for a in f.areas.all()))


def counted_submissions(year, kind, region=None):
    """The submissions that count for `year`: each counted report's last submitted version."""
    qs = Submission.objects.counted().filter(report__year=year, report__centre__kind=kind)
    if region:
        qs = qs.filter(report__centre__region=region)
    if counting.on_time_only():  # the year's counting rule (analysis.counting)
        qs = qs.filter(on_time=True)
    return qs


def _shape(region):
    """What changes the counted versions' SQL besides the bound values (analysis.statements)."""
    return (counted_submissions, bool(region), counting.on_time_only())


def _grade_totals(year, kind, region):
    """({submitted, on_time, zero, sum_total}, {grade: count}) from one GROUP BY grade."""
    totals = {"submitted": 0, "on_time": 0, "zero": 0, "sum_total": ZERO}
    grades = {}
    for grade, *values in statements.rows(
        Submission, grade_totals_query, _shape(region), year=year, kind=kind, region=region
    ):
        for key, value in zip(TOTALS, values, strict=True):
            totals[key] += value or 0
        if grade:
            grades[grade] = values[0]
    return totals, grades


def _score_groups(year, kind, region):
    """[(criterion id, points, count)] over the counted submissions: one GROUP BY."""
    return statements.rows(SubmissionScore, score_groups_query, _shape(region), year=year, kind=kind, region=region)


def _validation_figures(year, region):
    """Validation procedures and persons from the activity data, when that app is installed.

    The activity app offers `activity.stats.validation_figures(year, region)`; until it
    does (or for years without activity data) the analysis simply leaves the section out.
    """
    if not apps.is_installed("activity"):
        return None
    try:
        from activity import stats  # noqa: PLC0415 — optional app
    except ImportError:
        return None
    provider = getattr(stats, "validation_figures", None)
    return provider(year, region) if provider else None


def cpo_figures(year, region=None, *, with_previous=True, lookups=None):
    lookups = lookups or Lookups()
    framework = lookups.for_report(CentreKind.CPO, year)
    # Totals and grade counts from one GROUP BY grade: a handful of rows summed here.
    totals, grades = _grade_totals(year, CentreKind.CPO, region)
    submitted = totals["submitted"]
    figures = CpoFigures(
        year=year,
        region=region,
        framework=framework,
        licensed=lookups.licensed(CentreKind.CPO, year, region),
        submitted=submitted,
        submitted_on_time=totals["on_time"],
        zero_reports=totals["zero"],
        sum_total=Decimal(totals["sum_total"] or 0),
        levels={},
        grade_names={},
    )
    if framework is None:
        return figures
    bands = list(framework.grade_bands.all())
    codes = [b.code for b in sorted(bands, key=lambda b: GRADE_ORDER.index(b.code) if b.code in GRADE_ORDER else 9)]
    figures.levels = {code: grades.get(code, 0) for code in codes}
    figures.grade_names = {b.code: b.name for b in bands}

    criteria = list(framework.criteria.all())
    counts = {}  # criterion id → {Decimal points: count}
    for criterion_id, points, n in _score_groups(year, CentreKind.CPO, region):
        bucket = counts.setdefault(criterion_id, {})
        bucket[Decimal(points)] = bucket.get(Decimal(points), 0) + n
    area_sums = {}
    for c in criteria:
        dist_points = counts.get(c.id, {})
        crit_sum = sum((p * n for p, n in dist_points.items()), ZERO)
        area_sums[c.area.code] = area_sums.get(c.area.code, ZERO) + crit_sum
        keys = sorted({ZERO, *lookups.level_points(c.id), *dist_points})
        m = mean(crit_sum, submitted)
        figures.criteria.append(
            CriterionFigure(
                code=c.code,
                name=c.name,
                area_code=c.area.code,
                max_points=c.max_points,
                mean_points=m,
                pct=pct(m, c.max_points) if m is not None else None,
                distribution={points_key(k): dist_points.get(k, 0) for k in keys},
            )
        )
    for area in framework.areas.all():
        s = area_sums.get(area.code, ZERO)
        m = mean(s, submitted)
        figures.areas.append(
            AreaFigure(
                code=area.code,
                name=area.name,
                max_points=area.max_points,
                sum_points=s,
                mean_points=m,
                pct=pct(m, area.max_points) if m is not None else None,
            )
        )
    if with_previous:
        # Only the headline year shows validation; the comparison year does not need it.
        figures.validation = _validation_figures(year, region)

    if with_previous:
        previous = cpo_figures(year - 1, region, with_previous=False, lookups=lookups)
        if previous.submitted:
            figures.previous = previous
            prev_areas = {a.code: a for a in previous.areas}
            prev_criteria = {c.code: c for c in previous.criteria}
            for a in figures.areas:
                if a.code in prev_areas:
                    a.previous_mean = prev_areas[a.code].mean_points
            for c in figures.criteria:
                if c.code in prev_criteria:
                    c.previous_mean = prev_criteria[c.code].mean_points
                    c.previous_distribution = prev_criteria[c.code].distribution
    return figures


def cipo_figures(year, region=None, *, with_previous=True, lookups=None):
    lookups = lookups or Lookups()
    framework = lookups.for_report(CentreKind.CIPO, year)
    totals, _grades = _grade_totals(year, CentreKind.CIPO, region)
    figures = CipoFigures(
        year=year,
        region=region,
        framework=framework,
        licensed=lookups.licensed(CentreKind.CIPO, year, region),
        submitted=totals["submitted"],
        submitted_on_time=totals["on_time"],
    )
    if framework is None:
        return figures
    answers = {
        criterion_id: (yes, no)
        for criterion_id, yes, no in statements.rows(
            SubmissionScore, answers_query, _shape(region), year=year, kind=CentreKind.CIPO, region=region
        )
    }
    for c in framework.criteria.all():
        yes, no = answers.get(c.id, (0, 0))
        figures.indicators.append(IndicatorFigure(c.code, c.name, c.area.code, yes, no))
    if with_previous:
        previous = cipo_figures(year - 1, region, with_previous=False, lookups=lookups)
        if previous.submitted:
            figures.previous = previous
            prev = {i.code: i for i in previous.indicators}
            for i in figures.indicators:
                if i.code in prev:
                    i.previous_yes_pct = prev[i.code].yes_pct
    return figures


def cpo_trend(until_year, region=None, *, lookups=None):
    """Mean total, grade and area means for every year up to `until_year`: one GROUP BY year over
    the counted versions' stored totals (one row per report)."""
    lookups = lookups or Lookups()
    codes = tuple(lookups.area_codes(CentreKind.CPO))
    per_year, area_sums = {}, {}
    found = statements.rows(
        Submission, trend_query, (codes, bool(region)), year=until_year, kind=CentreKind.CPO, region=region
    )
    for year, n, s, *areas in found:
        per_year[year] = {"n": n, "s": Decimal(s or 0)}
        area_sums[year] = {code: Decimal(a) for code, a in zip(codes, areas, strict=True) if a is not None}
    points = []
    for year in sorted(per_year):
        framework = lookups.for_report(CentreKind.CPO, year)
        bands = (
            [scoring.Band(b.code, b.name, b.min_points, b.max_points) for b in framework.grade_bands.all()]
            if framework
            else []
        )
        n = per_year[year]["n"]
        m = mean(per_year[year]["s"], n)
        points.append(
            TrendPoint(
                year=year,
                submitted=n,
                mean_total=m,
                grade=scoring.grade_for(m, bands) if bands else None,
                area_means={code: mean(s, n) for code, s in area_sums.get(year, {}).items()},
            )
        )
    return points


def national_figures(year, region=None):
    lookups = Lookups()
    return NationalFigures(
        year=year,
        region=region or None,
        cpo=cpo_figures(year, region or None, lookups=lookups),
        cipo=cipo_figures(year, region or None, lookups=lookups),
        trend=cpo_trend(year, region or None, lookups=lookups),
    )


def status_counts(year, kind, region=None):
    """{status: number of reports} of a year, every status (drafts included)."""
    from reports.models import Report

    qs = Report.objects.for_year(year).of_kind(kind)
    if region:
        qs = qs.filter(centre__region=region)
    return dict(qs.values_list("status").annotate(n=Count("id")).order_by())


def good_practices(year, region=None, limit=8, section="6"):
    """The most frequent texts of the "achievements and good practices" section, with how many reports give each."""
    from analysis.jsonkeys import ObjectKeyText

    subs = Submission.objects.filter(report__year=year, report__last_submission_id=F("id"))
    if region:
        subs = subs.filter(report__centre__region=region)
    rows = (
        subs.annotate(practice=ObjectKeyText("texts", section))
        .exclude(practice__isnull=True)
        .exclude(practice="")
        .values("practice")
        .annotate(n=Count("id"))
        .order_by("-n", "practice")[:limit]
    )
    return [(row["practice"], row["n"]) for row in rows]
