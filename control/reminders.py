"""Daily reminders of control deadlines: to the inspectors, and to the centre for its own steps.

Safe to run daily from cron: each (control, step, due day, kind) is recorded once in
ControlReminder under a unique constraint, so a second run sends nothing more. A reminder
whose e-mail fails is not recorded, so the next run retries it.
"""

import logging

from django.db import IntegrityError, transaction

from control import notifications, timers
from control.models import Control, ControlReminder
from reports.notifications import recipients_for

logger = logging.getLogger(__name__)

SOON_DAYS = 2  # remind this many days before a deadline
CENTRE_STEPS = ("objection", "remedy")  # the steps the centre itself takes


def due_reminders(today):
    """[(control, deadline, kind)] to send today: "soon" two days before, "overdue" once it has passed."""
    due = []
    controls = Control.objects.open().select_related("centre").prefetch_related("inspectors")
    for control in controls.order_by("pk"):
        deadline = timers.next_deadline(control, today)
        if deadline is None:
            continue
        if deadline.days_left == SOON_DAYS:
            due.append((control, deadline, "soon"))
        elif deadline.overdue:
            due.append((control, deadline, "overdue"))
    return due


def send_control_reminders(today=None):
    """Send today's reminders; return the number of e-mails sent."""
    today = today or timers.today()
    sent = 0
    for control, deadline, kind in due_reminders(today):
        to = notifications.inspector_addresses(control)
        if deadline.step in CENTRE_STEPS and kind == "soon":
            to += recipients_for(control.centre)
        if not to:
            logger.warning("Control %s has nobody to remind of %s", control.pk, deadline.step)
            continue
        try:
            with transaction.atomic():
                ControlReminder.objects.create(control=control, step=deadline.step, due_on=deadline.due, kind=kind)
                # Inside the transaction: if sending fails, the row rolls back and the next run retries.
                notifications.reminder(control, deadline, kind, to)
        except IntegrityError:
            continue  # sent already (this run or an overlapping one)
        sent += 1
    return sent
