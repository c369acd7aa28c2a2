import datetime as dt

from reports import services
from reports.deadlines import SOFIA
from reports.tests.conftest import fill


def _returned(filled, dora, erin, first_at):
    services.submit_report(filled, actor=dora, declared=True, now=first_at)
    filled.refresh_from_db()
    services.return_report(filled, actor=erin, comment="Моля, допълнете раздел 7.")
    filled.refresh_from_db()
    return fill(filled, dora)


def test_correction_after_the_deadline_keeps_an_on_time_report_on_time(filled, dora, erin):
    report = _returned(filled, dora, erin, dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA))
    second = services.submit_report(report, actor=dora, declared=True, now=dt.datetime(2025, 3, 3, 9, tzinfo=SOFIA))
    assert second.number == 2 and second.on_time is True


def test_a_late_first_submission_stays_late_after_correction(filled, dora, erin):
    report = _returned(filled, dora, erin, dt.datetime(2025, 2, 5, 10, tzinfo=SOFIA))
    second = services.submit_report(report, actor=dora, declared=True, now=dt.datetime(2025, 1, 6, 10, tzinfo=SOFIA))
    assert second.on_time is False
