import datetime as dt

import pytest
from django.core.management import call_command

from conftest import make_centre
from reports import services
from reports.models import ReminderSent, ReportingYear


def run(day):
    call_command("send_deadline_reminders", "--today", day)


@pytest.fixture
def centres(centre_a, centre_b, dora, boris):
    return centre_a, centre_b


@pytest.mark.parametrize(
    "day, kind",
    [("2025-01-01", "30_days"), ("2025-01-24", "7_days"), ("2025-01-30", "1_day"), ("2025-02-01", "overdue")],
)
def test_each_reminder_day_sends(centres, mailoutbox, day, kind):
    run(day)
    assert len(mailoutbox) == 2
    assert {m.to[0] for m in mailoutbox} == {"200812001@example.bg", "200812002@example.bg"}
    assert set(ReminderSent.objects.values_list("year", "kind")) == {(2024, kind)}
    body = mailoutbox[0].body
    assert "2024" in body
    if kind == "overdue":
        assert "просрочен" in mailoutbox[0].subject
    else:
        assert "31 януари 2025" in body


@pytest.mark.parametrize("day", ["2024-12-31", "2025-01-02", "2025-01-31", "2025-02-02", "2025-06-01"])
def test_other_days_send_nothing(centres, mailoutbox, day):
    run(day)
    assert mailoutbox == [] and not ReminderSent.objects.exists()


def test_running_twice_sends_once(centres, mailoutbox):
    run("2025-01-24")
    run("2025-01-24")
    assert len(mailoutbox) == 2 and ReminderSent.objects.count() == 2


def test_centres_that_submitted_are_skipped(centres, submitted, mailoutbox):
    run("2025-01-30")
    assert [m.to[0] for m in mailoutbox] == ["200812002@example.bg"]


def test_a_draft_does_not_count_as_submitted(centres, draft, mailoutbox):
    run("2025-01-30")
    assert len(mailoutbox) == 2


def test_a_returned_report_was_submitted_so_is_skipped(centres, submitted, erin, mailoutbox):
    services.return_report(submitted, actor=erin, comment="Допълнете.")
    run("2025-02-01")
    assert [m.to[0] for m in mailoutbox] == ["200812002@example.bg"]


def test_centres_not_licensed_in_the_year_are_skipped(centres, mailoutbox):
    make_centre("200812099", "ЦПО „Нов“", licensed_on=dt.date(2025, 1, 5))
    run("2025-01-24")
    assert len(mailoutbox) == 2


def test_an_overridden_deadline_moves_the_reminders(centres, mailoutbox):
    ReportingYear.objects.create(year=2024, deadline=dt.date(2025, 2, 14))
    run("2025-01-30")
    assert mailoutbox == []
    run("2025-02-13")
    assert len(mailoutbox) == 2 and "14 февруари 2025" in mailoutbox[0].body


def test_a_bad_date_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("31.01.2025")
