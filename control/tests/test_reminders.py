"""send_control_reminders: due reminders sent once, the centre reminded of its own steps."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from control import timers
from control.models import Control, ControlReminder, State
from control.reminders import send_control_reminders
from control.tests.conftest import walk


def test_overdue_reminder_sent_once(planned, erin):
    walk(planned, erin, State.OBJECTION_WINDOW)
    Control.objects.filter(pk=planned.pk).update(protocol_delivered_on=timers.today() - dt.timedelta(days=30))
    mail.outbox.clear()
    assert send_control_reminders() == 1
    assert send_control_reminders() == 0
    call_command("send_control_reminders")
    assert ControlReminder.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [erin.email]
    assert "Просрочено" in mail.outbox[0].subject


def test_centre_reminded_before_its_objection_deadline(planned, erin, dora):
    # Monday 23 February 2026; delivered on Wednesday 18th, the window ends on Wednesday 25th.
    with freeze_time("2026-02-23 10:00:00"):
        walk(planned, erin, State.OBJECTION_WINDOW)
        Control.objects.filter(pk=planned.pk).update(protocol_delivered_on=dt.date(2026, 2, 18))
        mail.outbox.clear()
        assert send_control_reminders() == 1
    recipients = set(mail.outbox[0].to)
    assert erin.email in recipients and dora.email in recipients
    assert "25.02.2026" in mail.outbox[0].body
