import datetime as dt

import pytest

from reports.deadlines import reporting_year
from reports.models import ReportingYear


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2025, 1, 15), 2024),  # January: last year's report is due
        (dt.date(2025, 1, 31), 2024),
        (dt.date(2025, 2, 28), 2024),  # late filers still chased for a few weeks
        (dt.date(2025, 3, 1), 2025),
        (dt.date(2025, 11, 21), 2025),
        (dt.date(2025, 12, 31), 2025),
    ],
)
def test_reporting_year_follows_the_deadline(db, today, expected):
    assert reporting_year(today) == expected


def test_a_later_deadline_set_by_the_agency_moves_the_reporting_year(db):
    ReportingYear.objects.create(year=2024, deadline=dt.date(2025, 3, 15))
    assert reporting_year(dt.date(2025, 3, 20)) == 2024
    assert reporting_year(dt.date(2025, 4, 15)) == 2025
