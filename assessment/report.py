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
    report.centre_rows = findings.centre_results(sessions, year, centre=centre)
    report.unit_rows = findings.unit_results(sessions, centre=centre)
    report.national_units = findings.unit_results(sessions, centre=centre, by_centre=False)
    report.weakest = findings.weakest_units(report.national_units)
    report.ratings = competences.employer_ratings(year, centre=centre)
    if centre is None:
        report.field_rows = findings.field_results(sessions, year)
        report.variants = pilot.compare(year)
    return report
