"""EQAVET reference indicators per centre and year (framework.md §6), from SQL aggregates.

A handful of queries for any number of years: the course sums grouped by year, the activity
headers, the reports with their last submission, and the submitted points of the few criteria
the indicators cite.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils.translation import gettext as _

from activity.derived import percent
from activity.models import ActivityReport
from activity.summary import summary_by_year
from reports.models import Report, SubmissionScore

CITED_CRITERIA = ("1.2", "1.6", "1.7", "1.8", "2.3")


@dataclass
class YearIndicators:
    year: int
    has_activity: bool = False
    on_time: bool | None = None  # None: not submitted
    iso_9001: bool = False
    points: dict = field(default_factory=dict)  # criterion code → Decimal points as last submitted
    trainers_total: int | None = None
    trainers_trained: int | None = None
    trainers_trained_share: Decimal | None = None
    trainer_training_hours: int | None = None
    enrolled: int = 0
    enrolled_by_kind: dict = field(default_factory=dict)
    certified: int = 0
    completion_rate: Decimal | None = None
    dropped_out: int = 0
    not_completed: int = 0
    placement_6m: Decimal | None = None
    placement_12m: Decimal | None = None
    in_occupation_share: Decimal | None = None
    vulnerable: int = 0
    vulnerable_share: Decimal | None = None
    vulnerable_completion_rate: Decimal | None = None
    priority_courses: int = 0
    courses: int = 0
    priority_share: Decimal | None = None

    # Points of the criteria the indicators cite, as last submitted (None: not submitted).
    @property
    def qa_points(self):
        return self.points.get("2.3")

    @property
    def priority_points(self):
        return self.points.get("1.2")

    @property
    def validation_points(self):
        return self.points.get("1.7")

    @property
    def forms_points(self):
        return self.points.get("1.8")

    @property
    def premises_points(self):
        return self.points.get("1.6")


def indicators(centre, years):
    """[YearIndicators] for the centre, newest year first."""
    years = sorted(set(years), reverse=True)
    sums = summary_by_year(centre, years)
    headers = {a.year: a for a in ActivityReport.objects.filter(centre=centre, year__in=years)}
    reports = {
        r.year: r for r in Report.objects.filter(centre=centre, year__in=years).select_related("last_submission")
    }
    points = {}
    scores = SubmissionScore.objects.filter(
        submission__report__centre=centre,
        submission__report__year__in=years,
        # Only the version that counts: a returned report keeps counting with what it last submitted.
        submission__report__last_submission=F("submission"),
        criterion__code__in=CITED_CRITERIA,
    ).values_list("submission__report__year", "criterion__code", "points")
    for year, code, value in scores:
        points.setdefault(year, {})[code] = value
    return [
        _for_year(centre, year, sums[year], headers.get(year), reports.get(year), points.get(year, {}))
        for year in years
    ]


def _for_year(centre, year, sums, header, report, points):
    row = YearIndicators(year=year, iso_9001=centre.iso_9001, points=points)
    row.has_activity = header is not None
    if report is not None and report.last_submission is not None:
        row.on_time = report.last_submission.on_time
    row.enrolled, row.certified = sums["enrolled"], sums["certified"]
    row.enrolled_by_kind = {
        "degree": sums["enrolled_degree"],
        "part": sums["enrolled_part"],
        "legal": sums["enrolled_legal"],
        "other": sums["enrolled_other"],
    }
    row.completion_rate = percent(sums["certified"], sums["enrolled"])
    row.dropped_out, row.not_completed = sums["dropped_out"], sums["not_completed"]
    row.vulnerable = sums["vulnerable"]
    row.vulnerable_share = percent(sums["vulnerable"], sums["enrolled"])
    row.vulnerable_completion_rate = percent(sums["vulnerable_certified"], sums["vulnerable"])
    row.courses, row.priority_courses = sums["courses"], sums["priority_courses"]
    row.priority_share = percent(sums["priority_courses"], sums["courses"])
    if header is not None:
        row.trainers_total = header.trainers_total
        trained = [v for v in (header.trainers_trained_internal, header.trainers_trained_external) if v is not None]
        # A trainer trained both in-house and outside counts once: the share is capped by the larger of the two.
        row.trainers_trained = max(trained) if trained else None
        row.trainers_trained_share = percent(row.trainers_trained or 0, header.trainers_total) if trained else None
        row.trainer_training_hours = header.trainer_training_hours
        followed = header.graduates_followed_up
        if followed:
            placed = (header.graduates_employed or 0) + (header.graduates_in_learning or 0)
            row.placement_12m = percent(placed, followed)
            if header.graduates_placed_6m is not None:
                row.placement_6m = percent(header.graduates_placed_6m, followed)
        if header.graduates_employed and header.graduates_employed_in_occupation is not None:
            row.in_occupation_share = percent(header.graduates_employed_in_occupation, header.graduates_employed)
    return row


def chart_svg(rows):
    """A line chart of the main rates over the years, as SVG text (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    rows = sorted(rows, key=lambda r: r.year)
    years = [r.year for r in rows]
    series = [
        (_("Completion rate"), [r.completion_rate for r in rows], "#0b4f8a", "o"),
        (_("Placement within 12 months"), [r.placement_12m for r in rows], "#00796b", "s"),
        (_("Vulnerable groups"), [r.vulnerable_share for r in rows], "#a4262c", "^"),
        (_("Trainers trained"), [r.trainers_trained_share for r in rows], "#8a5a00", "D"),
    ]
    figure, axes = plt.subplots(figsize=(8, 3.6), dpi=100)
    plotted = False
    for label, values, colour, marker in series:
        points = [(y, float(v)) for y, v in zip(years, values, strict=True) if v is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], label=label, color=colour, marker=marker)
            plotted = True
    axes.set_ylim(0, 105)
    axes.set_ylabel("%")
    axes.set_xticks(years)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    if not plotted:
        axes.text(0.5, 0.5, _("No data yet"), ha="center", va="center", transform=axes.transAxes, color="#4a5560")
    else:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=9)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    return buffer.getvalue()
