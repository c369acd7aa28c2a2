"""Everything the agency reads about one year's independent assessment, gathered once for the page,
the exports and the documents (so they always show the same numbers)."""

from dataclasses import dataclass, field

from assessment import competences, findings, pilot
from assessment.models import Sample


@dataclass
class YearReport:
    year: int
    centre: object = None  # set when a centre reads its own (published) results
    centre_rows: list = field(default_factory=list)
    unit_rows: list = field(default_factory=list)
    weakest: list = field(default_factory=list)
    ratings: list = field(default_factory=list)
    field_rows: list = field(default_factory=list)
    variants: list = field(default_factory=list)
    national_units: list = field(default_factory=list)
    national_ratings: list = field(default_factory=list)

    @property
    def rating_summary(self):
        """Per centre and profession: employers' answers, the mean over the units and the lowest-rated unit."""
        groups = {}
        for rating in self.ratings:
            groups.setdefault((rating.centre, rating.profession), []).append(rating)
        summary = []
        for (centre, profession), rows in groups.items():
            rated = [r for r in rows if r.average is not None]
            summary.append(
                {
                    "centre": centre,
                    "profession": profession,
                    "answers": max(r.answers for r in rows),
                    "enough": rows[0].enough,
                    "average": findings.mean(sum(r.average for r in rated) / len(rated)) if rated else None,
                    "lowest": min(rated, key=lambda r: (r.average, r.unit_code)) if rated else None,
                }
            )
        return summary

    @property
    def units_by_group(self):
        """{(centre id, profession id): [UnitResult]} for the per-centre tables."""
        groups = {}
        for row in self.unit_rows:
            groups.setdefault((row.centre_id, row.profession_id), []).append(row)
        return groups


def years():
    return list(Sample.objects.order_by("-year").values_list("year", flat=True).distinct())


def build(year, *, centre=None):
    """The agency's whole year (centre None) or one centre's published results."""
    sessions = findings.result_sessions(year, published_only=centre is not None)
    report = YearReport(year=year, centre=centre)
    # The largest gap first: that is what the agency reads the table for.
    report.centre_rows = sorted(
        findings.centre_results(sessions, year, centre=centre),
        key=lambda r: (r.gap is None, -(r.gap or 0), r.centre, r.profession),
    )
    report.unit_rows = findings.unit_results(sessions, centre=centre)
    report.national_units = findings.unit_results(sessions, centre=centre, by_centre=False)
    report.weakest = findings.weakest_units(report.national_units)
    report.ratings = competences.employer_ratings(year, centre=centre)
    if centre is None:
        report.field_rows = findings.field_results(sessions, year)
        report.national_ratings = competences.employer_ratings(year, national=True)
        report.variants = pilot.compare(year)
    return report
