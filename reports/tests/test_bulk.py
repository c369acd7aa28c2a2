import datetime as dt
from decimal import Decimal

import pytest

from audit.models import AuditEntry
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Report, Status, SubmissionScore


def _max_points(framework):
    return {c.code: c.max_points for c in framework.criteria.all()}


@pytest.fixture
def cpo():
    return Framework.objects.get(code="CPO-2018")


def test_totals_grades_and_timeliness_are_computed(centre_a, centre_b, cpo, erin):
    full = _max_points(cpo)
    good = dict(full, **{"2.11": Decimal(1), "2.12": Decimal(1), "3.2": Decimal(1)})  # 100 - 18 = 82
    reports = create_submitted_reports(
        [
            SubmittedEntry(centre_a, dt.datetime(2025, 1, 31, 23, 59, 59, tzinfo=SOFIA), full),
            SubmittedEntry(centre_b, dt.datetime(2025, 2, 1, 0, 0, 0, tzinfo=SOFIA), good, status=Status.APPROVED),
        ],
        year=2024,
        framework=cpo,
        actor=erin,
    )
    a, b = (Report.objects.select_related("last_submission").get(pk=r.pk) for r in reports)
    assert (a.last_submission.total, a.last_submission.grade, a.last_submission.on_time) == (
        Decimal(100),
        "excellent",
        True,
    )
    assert (b.last_submission.total, b.last_submission.grade, b.last_submission.on_time) == (Decimal(82), "good", False)
    assert b.status == Status.APPROVED
    assert SubmissionScore.objects.filter(submission=a.last_submission).count() == 22
    assert AuditEntry.objects.filter(action="import", actor=erin).count() == 2


def test_all_zero_report_is_zero_value_and_unsatisfactory(centre_a, cpo):
    zeros = {code: Decimal(0) for code in _max_points(cpo)}
    (report,) = create_submitted_reports(
        [SubmittedEntry(centre_a, dt.datetime(2025, 1, 10, tzinfo=SOFIA), zeros)], year=2024, framework=cpo
    )
    report.refresh_from_db()
    assert report.zero_value and report.last_submission.zero_value
    assert report.last_submission.grade == "unsatisfactory"


def test_yes_no_framework_has_no_total_or_grade(centre_c):
    cipo = Framework.objects.get(code="CIPO-2022")
    answers = {c.code: Decimal(1) for c in cipo.criteria.all()}
    (report,) = create_submitted_reports(
        [SubmittedEntry(centre_c, dt.datetime(2025, 1, 10, tzinfo=SOFIA), answers)], year=2024, framework=cipo
    )
    report.refresh_from_db()
    assert report.last_submission.total is None and report.last_submission.grade == ""
    assert not report.last_submission.zero_value
