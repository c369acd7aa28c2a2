"""What the national figures are made of: the numbers' helpers and the figure dataclasses.

`analysis.figures` fills them from the database; tables, charts, the narrative and the exports
read them. Means and percentages are Decimal computed from unrounded sums, rounded only when shown.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from frameworks import scoring
from frameworks.models import Framework

ZERO = Decimal(0)
HUNDRED = Decimal(100)
GRADE_ORDER = ("excellent", "good", "satisfactory", "unsatisfactory")


def pct(part, whole):
    """Percentage as an unrounded Decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def mean(total, count):
    if not count:
        return None
    return Decimal(total or 0) / Decimal(count)


def change(current, previous):
    if current is None or previous is None:
        return None
    return current - previous


def points_key(points):
    """A level's points as a distribution key without trailing zeros: "0", "0.5", "1.5", "3"."""
    text = format(Decimal(points).normalize(), "f")
    return text


@dataclass
class AreaFigure:
    code: str
    name: str
    max_points: Decimal
    sum_points: Decimal
    mean_points: Decimal | None
    pct: Decimal | None
    previous_mean: Decimal | None = None

    @property
    def change(self):
        return change(self.mean_points, self.previous_mean)


@dataclass
class CriterionFigure:
    code: str
    name: str
    area_code: str
    max_points: Decimal
    mean_points: Decimal | None
    pct: Decimal | None
    distribution: dict  # {points key: count}, "0" first, then the levels in rising order
    previous_mean: Decimal | None = None
    previous_distribution: dict | None = None

    @property
    def change(self):
        return change(self.mean_points, self.previous_mean)

    def count_at(self, points):
        return self.distribution.get(points_key(points), 0)


@dataclass
class CpoFigures:
    year: int
    region: str | None
    framework: Framework | None
    licensed: int
    submitted: int
    submitted_on_time: int
    zero_reports: int
    sum_total: Decimal
    levels: dict  # {grade code: count}
    grade_names: dict  # {grade code: name}
    areas: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    validation: dict | None = None
    previous: "CpoFigures | None" = None

    @property
    def submitted_late(self):
        return self.submitted - self.submitted_on_time

    @property
    def submitted_on_time_pct(self):
        return pct(self.submitted_on_time, self.licensed)

    @property
    def submitted_pct(self):
        return pct(self.submitted, self.licensed)

    @property
    def zero_reports_pct(self):
        # The published analysis gives this share of the licensed centres (1 of 853 = 0,12 %).
        return pct(self.zero_reports, self.licensed)

    @property
    def levels_pct(self):
        return {code: pct(n, self.submitted) for code, n in self.levels.items()}

    @property
    def mean_total(self):
        return mean(self.sum_total, self.submitted)

    @property
    def mean_grade(self):
        """The grade band the mean total falls in (the "осреднено равнище")."""
        if self.mean_total is None or self.framework is None:
            return None
        bands = [scoring.Band(b.code, b.name, b.min_points, b.max_points) for b in self.framework.grade_bands.all()]
        return scoring.grade_for(self.mean_total, bands)

    def ranked_criteria(self):
        """Criteria from the highest mean share of their maximum to the lowest (ties in framework order)."""
        scored = [c for c in self.criteria if c.pct is not None]
        return sorted(scored, key=lambda c: -c.pct)

    def highest(self, n=5):
        return self.ranked_criteria()[:n]

    def lowest(self, n=3):
        return list(reversed(self.ranked_criteria()[-n:])) if n else []

    def criterion(self, code):
        return next((c for c in self.criteria if c.code == code), None)

    def change(self, attribute):
        if self.previous is None or not self.previous.submitted:
            return None
        return change(getattr(self, attribute), getattr(self.previous, attribute))


@dataclass
class IndicatorFigure:
    code: str
    name: str
    area_code: str
    yes: int
    no: int
    previous_yes_pct: Decimal | None = None

    @property
    def answered(self):
        return self.yes + self.no

    @property
    def yes_pct(self):
        return pct(self.yes, self.answered)

    @property
    def no_pct(self):
        return pct(self.no, self.answered)

    @property
    def change(self):
        return change(self.yes_pct, self.previous_yes_pct)


@dataclass
class CipoFigures:
    year: int
    region: str | None
    framework: Framework | None
    licensed: int
    submitted: int
    submitted_on_time: int
    indicators: list = field(default_factory=list)
    previous: "CipoFigures | None" = None

    @property
    def submitted_on_time_pct(self):
        return pct(self.submitted_on_time, self.licensed)

    def all_yes(self):
        return [i for i in self.indicators if i.answered and i.no == 0]

    def most_no(self, n=3):
        with_no = [i for i in self.indicators if i.no]
        return sorted(with_no, key=lambda i: -i.no)[:n]


@dataclass
class TrendPoint:
    year: int
    submitted: int
    mean_total: Decimal | None
    grade: object  # scoring.Band or None
    area_means: dict  # {area code: Decimal}


@dataclass
class NationalFigures:
    year: int
    region: str | None
    cpo: CpoFigures
    cipo: CipoFigures
    trend: list  # [TrendPoint], CPO, every year with counted reports up to `year`
    # Filled by analysis.overview: the multi-year series (reports or published records) and the counting rule.
    cpo_series: object = None
    cipo_series: object = None
    include_late: bool = True
    late: dict = field(default_factory=dict)  # {centre kind: late reports}, counted or not
