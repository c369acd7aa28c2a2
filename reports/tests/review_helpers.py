"""Helpers for the review tests: many centres with submitted reports, made in bulk."""

import datetime as dt
from decimal import Decimal

from centres.models import CentreKind
from conftest import make_centre
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA


def points_for(framework, each):
    """Every criterion at `each` points, capped at its maximum (a level that exists: 0 or the max works everywhere)."""
    return {c.code: min(Decimal(each), c.max_points) for c in framework.criteria.all()}


def many_submitted(count, *, year=2024, kind=CentreKind.CPO, region="Варна", start=0, late=False, points="max"):
    framework = Framework.objects.for_report(kind, year)
    submitted_at = dt.datetime(year + 1, 3 if late else 1, 10, 10, tzinfo=SOFIA)
    entries = []
    for i in range(start, start + count):
        centre = make_centre(f"9{i:08d}", f"ЦПО „Център {i:03d}“", kind=kind, region=region)
        if points == "max":
            values = {c.code: c.max_points for c in framework.criteria.all()}
        else:
            values = points_for(framework, points)
        entries.append(SubmittedEntry(centre=centre, submitted_at=submitted_at, points=values))
    return create_submitted_reports(entries, year=year, framework=framework, imported=False, action="submit")
