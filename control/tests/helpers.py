"""Builders for control tests: submitted reports as rows, a risk model file, a control in any state."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from frameworks.models import Framework
from reports.deadlines import SOFIA
from reports.models import Report, Status, Submission

YEAR = 2024


def submitted_report(centre, year=YEAR, *, total="80", status=Status.SUBMITTED, zero_value=False, when=None):
    """A report with one submitted version (no answers needed by the risk facts)."""
    framework = Framework.objects.for_report(centre.kind, year)
    report = Report.objects.create(centre=centre, year=year, framework=framework, status=status, zero_value=zero_value)
    when = when or dt.datetime(year + 1, 1, 20, 12, tzinfo=SOFIA)
    submission = Submission.objects.create(
        report=report,
        number=1,
        submitted_at=when,
        on_time=when < dt.datetime(year + 1, 2, 1, tzinfo=SOFIA),
        total=None if total is None else Decimal(total),
        grade="",
        zero_value=zero_value,
    )
    report.last_submission = submission
    report.save(update_fields=["last_submission"])
    return report


def risk_model_data(code="RISK-TEST", **weights):
    """A risk model document with every signal; weights override the defaults by signal code."""
    from control.loader import BUNDLED_DIR, read_file

    data = read_file(BUNDLED_DIR / "risk-RISK-2025.json")
    data["code"] = code
    data["first_year"], data["last_year"] = 2030, None
    for signal in data["signals"]:
        if signal["code"] in weights:
            signal["weight"] = weights[signal["code"]]
    return data


def now():
    return timezone.now()
