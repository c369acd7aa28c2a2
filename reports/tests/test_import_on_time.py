"""The historical import (manage.py import_reports) judges timeliness by the same rule as the app:
a centre's deadline extension counts (issue 10, Build 8)."""

import datetime as dt

from django.core.management import call_command

from frameworks.models import Framework
from reports import services
from reports.deadlines import SOFIA, deadline_for, deadlines_for
from reports.models import ReportingYear, Submission

YEAR = 2024


def _row(licence, at):
    cpo = Framework.objects.for_report("CPO", YEAR)
    return ",".join([licence, at, *(format(c.max_points.normalize(), "f") for c in cpo.criteria.all())])


def _file(tmp_path, rows):
    cpo = Framework.objects.for_report("CPO", YEAR)
    header = ",".join(["licence_number", "submitted_at", *(c.code for c in cpo.criteria.all())])
    path = tmp_path / "reports.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_import_command_counts_a_centres_extension(tmp_path, adam, centre_a, centre_b, centre_c):
    services.grant_extension(centre_a, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 2, 10), reason="Наводнение.")
    late_for_others = "2025-02-05T12:00"  # after 31 January, within centre A's extension
    path = _file(
        tmp_path, [_row(centre_a.licence_number, late_for_others), _row(centre_b.licence_number, late_for_others)]
    )
    call_command("import_reports", str(path), year=YEAR, kind="CPO")
    on_time = dict(Submission.objects.values_list("report__centre__licence_number", "on_time"))
    assert on_time == {centre_a.licence_number: True, centre_b.licence_number: False}


def test_a_submission_after_the_extension_is_late(tmp_path, adam, centre_a):
    services.grant_extension(centre_a, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 2, 10), reason="Ремонт.")
    path = _file(tmp_path, [_row(centre_a.licence_number, "2025-02-11T00:00")])  # Sofia time: the day after
    call_command("import_reports", str(path), year=YEAR, kind="CPO")
    assert Submission.objects.get().on_time is False


def test_many_centres_and_one_centre_are_judged_by_one_rule(adam, centre_a, centre_b):
    ReportingYear.objects.create(year=YEAR, deadline=dt.date(YEAR + 1, 2, 3))
    services.grant_extension(centre_b, YEAR, actor=adam, last_day=dt.date(YEAR + 1, 2, 20), reason="Болест.")
    many = deadlines_for(YEAR, [centre_a, centre_b])
    assert many == {centre_a.pk: deadline_for(YEAR, centre_a), centre_b.pk: deadline_for(YEAR, centre_b)}
    assert many[centre_a.pk] == dt.datetime(YEAR + 1, 2, 4, tzinfo=SOFIA)  # the year's own deadline
    assert many[centre_b.pk] == dt.datetime(YEAR + 1, 2, 21, tzinfo=SOFIA)
