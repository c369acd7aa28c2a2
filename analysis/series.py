"""Multi-year series: every year's national figures, from per-centre reports or from the published record.

For each year of the window (default: the headline year and the three before it) a `YearPoint`
holds what the analysis compares across years. A year with counted reports takes its figures
from them (under that year's counting rule); a year without takes the agency's `NationalRecord`;
a year with neither is a gap (None) — charts leave it out and tables show "–". Where both exist
and disagree, `differences` lists them for the analyst (the reports win). Region analyses use
reports only: the published records are national.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from analysis import counting, figures
from analysis.figure_types import GRADE_ORDER, mean, pct
from analysis.models import NationalRecord
from centres.models import CentreKind
from frameworks import scoring

WINDOW = 4
REPORTS, RECORD = "reports", "record"


def D(value):
    return None if value in (None, "") else Decimal(str(value))


@dataclass
class YearPoint:
    year: int
    kind: str
    source: str  # REPORTS or RECORD
    licensed: int | None = None
    submitted: int | None = None
    on_time: int | None = None
    on_time_pct: Decimal | None = None
    zero_value: int | None = None
    non_conforming_pct: Decimal | None = None
    mean_total: Decimal | None = None
    grade: object = None  # scoring.Band of the mean total
    grade_counts: dict = field(default_factory=dict)
    grade_shares: dict = field(default_factory=dict)
    area_means: dict = field(default_factory=dict)
    criterion_means: dict = field(default_factory=dict)
    distributions: dict = field(default_factory=dict)  # {criterion code: {points key: count}} (reports only)
    indicator_no_pct: dict = field(default_factory=dict)
    validation: dict = field(default_factory=dict)  # procedures, centres, persons
    include_late: bool = True
    differences: list = field(default_factory=list)  # [(what, from reports, as recorded)]

    @property
    def unsatisfactory(self):
        return self.grade_counts.get("unsatisfactory")


@dataclass
class Series:
    kind: str
    years: list  # the window, oldest first
    points: dict  # {year: YearPoint | None}

    def values(self, getter):
        """[(year, value or None)] over the window."""
        out = []
        for year in self.years:
            point = self.points.get(year)
            out.append((year, getter(point) if point is not None else None))
        return out

    def known(self, getter):
        return [(y, v) for y, v in self.values(getter) if v is not None]

    def latest_before(self, year, getter):
        earlier = [(y, v) for y, v in self.known(getter) if y < year]
        return earlier[-1] if earlier else (None, None)

    def with_differences(self):
        return [p for p in self.points.values() if p is not None and p.differences]


def change(current, previous):
    """(change in points, change in per cent of the previous value), either None when unknown."""
    if current is None or previous is None:
        return None, None
    delta = Decimal(current) - Decimal(previous)
    return delta, (delta * 100 / Decimal(previous) if previous else None)


def window(year, years=WINDOW):
    return list(range(year - years + 1, year + 1))


def _bands(framework):
    if framework is None:
        return []
    return [scoring.Band(b.code, b.name, b.min_points, b.max_points) for b in framework.grade_bands.all()]


def from_cpo(cpo, include_late=True):
    shares = {code: v for code, v in cpo.levels_pct.items() if v is not None}
    point = YearPoint(
        year=cpo.year,
        kind=CentreKind.CPO,
        source=REPORTS,
        licensed=cpo.licensed,
        submitted=cpo.submitted,
        on_time=cpo.submitted_on_time,
        on_time_pct=cpo.submitted_on_time_pct,
        zero_value=cpo.zero_reports,
        mean_total=cpo.mean_total,
        grade=cpo.mean_grade,
        grade_counts=dict(cpo.levels),
        grade_shares=shares,
        area_means={a.code: a.mean_points for a in cpo.areas if a.mean_points is not None},
        criterion_means={c.code: c.mean_points for c in cpo.criteria if c.mean_points is not None},
        distributions={c.code: c.distribution for c in cpo.criteria},
        include_late=include_late,
    )
    if cpo.validation:
        point.validation = {k: cpo.validation.get(k) for k in ("procedures", "centres", "persons")}
    return point


def from_cipo(cipo, include_late=True):
    return YearPoint(
        year=cipo.year,
        kind=CentreKind.CIPO,
        source=REPORTS,
        licensed=cipo.licensed,
        submitted=cipo.submitted,
        on_time=cipo.submitted_on_time,
        on_time_pct=cipo.submitted_on_time_pct,
        indicator_no_pct={i.code: i.no_pct for i in cipo.indicators if i.no_pct is not None},
        include_late=include_late,
    )


def from_record(record, framework=None):
    coded = lambda d: {k: D(v) for k, v in (d or {}).items() if v not in (None, "")}  # noqa: E731
    counts = {k: int(v) for k, v in (record.grade_counts or {}).items()}
    shares = coded(record.grade_shares)
    if record.submitted and counts and not shares and set(counts) >= set(GRADE_ORDER):
        shares = {k: pct(n, record.submitted) for k, n in counts.items()}
    on_time_pct = D(record.on_time_pct)
    if on_time_pct is None and record.on_time is not None and record.licensed:
        on_time_pct = pct(record.on_time, record.licensed)
    mean_total = D(record.mean_total)
    bands = _bands(framework)
    return YearPoint(
        year=record.year,
        kind=record.kind,
        source=RECORD,
        licensed=record.licensed,
        submitted=record.submitted,
        on_time=record.on_time,
        on_time_pct=on_time_pct,
        zero_value=record.zero_value,
        non_conforming_pct=D(record.non_conforming_pct),
        mean_total=mean_total,
        grade=scoring.grade_for(mean_total, bands) if bands and mean_total is not None else None,
        grade_counts=counts,
        grade_shares=shares,
        area_means=coded(record.area_means),
        criterion_means=coded(record.criterion_means),
        indicator_no_pct=coded(record.indicator_no_pct),
        validation={
            k: v
            for k, v in {
                "procedures": record.validation_procedures,
                "centres": record.validation_centres,
                "persons": record.validation_persons,
            }.items()
            if v is not None
        },
    )


def _at_precision(computed, recorded):
    """The computed value rounded as the record states it (33 % against 33,33 % is no difference)."""
    exponent = Decimal(recorded).as_tuple().exponent
    return Decimal(computed).quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def differences(point, recorded):
    """[(what, from reports, as recorded)] where the record states a figure the reports give otherwise."""
    out = []

    def compare(what, computed, stated):
        if stated is None or computed is None:
            return
        if isinstance(stated, Decimal):
            if _at_precision(computed, stated) != stated:
                out.append((what, computed, stated))
        elif computed != stated:
            out.append((what, computed, stated))

    for name in ("licensed", "submitted", "on_time", "zero_value", "on_time_pct", "mean_total"):
        compare(name, getattr(point, name), getattr(recorded, name))
    for code, n in recorded.grade_counts.items():
        compare(f"grade:{code}", point.grade_counts.get(code, 0), n)
    for code, v in recorded.area_means.items():
        compare(f"area:{code}", point.area_means.get(code), v)
    for code, v in recorded.criterion_means.items():
        compare(f"criterion:{code}", point.criterion_means.get(code), v)
    for code, v in recorded.indicator_no_pct.items():
        compare(f"no_pct:{code}", point.indicator_no_pct.get(code), v)
    for key, v in recorded.validation.items():
        compare(f"validation:{key}", point.validation.get(key), v)
    return out


def build(kind, year, region=None, *, years=WINDOW, current=None, lookups=None, rules=None):
    """The Series of a centre kind over the window ending at `year`.

    `current`: the headline year's CpoFigures/CipoFigures already computed (not computed again);
    `rules`: {year: include_late} already read (otherwise read here).
    """
    lookups = lookups or figures.Lookups()
    span = window(year, years)
    records = {} if region else {r.year: r for r in NationalRecord.objects.of_kind(kind).between(span[0], span[-1])}
    compute = figures.cpo_figures if kind == CentreKind.CPO else figures.cipo_figures
    convert = from_cpo if kind == CentreKind.CPO else from_cipo
    if rules is None:
        from analysis.models import AnalysisSetting

        rules = dict(AnalysisSetting.objects.filter(year__in=span).values_list("year", "include_late"))
    points = {}
    for y in span:
        include_late = rules.get(y, True)
        if current is not None and y == year:
            computed = current
        elif (
            current is not None
            and y == year - 1
            and current.previous is not None
            and include_late == rules.get(year, True)
        ):
            computed = current.previous  # computed with the headline year, under the same rule
        else:
            with counting.counting_rule(include_late):
                computed = compute(y, region, with_previous=False, lookups=lookups)
        record = records.get(y)
        framework = lookups.for_report(kind, y)
        if computed.submitted:
            point = convert(computed, include_late)
            if record is not None:
                point.differences = differences(point, from_record(record, framework))
        elif record is not None:
            point = from_record(record, framework)
        else:
            point = None
        points[y] = point
    return Series(kind=kind, years=span, points=points)


def mean_of(point, attribute):
    return getattr(point, attribute) if point is not None else None


__all__ = ["RECORD", "REPORTS", "Series", "YearPoint", "build", "change", "mean", "window"]
