"""Deadline reminders: e-mail centres that have not submitted their report, at fixed points around the deadline.

Safe to run daily from cron: each (centre, year, kind) is recorded once in ReminderSent,
under a unique constraint, so a second run on the same day (or two overlapping runs)
sends nothing more. A reminder whose e-mail fails is not recorded, so the next run retries it.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse

from reports.models import ReminderKind, ReminderSent

# Days from the last on-time day to the day the reminder goes out (negative: before it).
SCHEDULE = {-30: ReminderKind.DAYS_30, -7: ReminderKind.DAYS_7, -1: ReminderKind.DAYS_1, 1: ReminderKind.OVERDUE}

logger = logging.getLogger(__name__)


def due_reminders(today):
    """[(year, kind, last on-time day)] that fall on `today`; a year's deadline may be overridden."""
    from reports.deadlines import last_on_time_day

    due = []
    # The deadline of year Y is normally in January of Y+1; an override may move it, even into December of Y.
    for year in (today.year - 1, today.year):
        deadline_day = last_on_time_day(year)
        kind = SCHEDULE.get((today - deadline_day).days)
        if kind:
            due.append((year, kind, deadline_day))
    return due


def centres_to_remind(year, kind):
    """Centres licensed in the year, without a submitted report for it and not yet sent this reminder."""
    from centres.models import Centre
    from reports.models import DeadlineExtension, Report

    submitted = Report.objects.filter(centre=OuterRef("pk"), year=year, last_submission__isnull=False)
    sent = ReminderSent.objects.filter(centre=OuterRef("pk"), year=year, kind=kind)
    # A centre with its own later deadline is not chased on the year's schedule.
    extended = DeadlineExtension.objects.filter(centre=OuterRef("pk"), year=year)
    return (
        Centre.objects.licensed_on(dt.date(year, 12, 31))
        .filter(~Exists(submitted), ~Exists(sent), ~Exists(extended))
        .order_by("name", "pk")
    )


def send_deadline_reminders(today):
    """Send today's reminders; return {kind: number of centres e-mailed}."""
    from django.conf import settings

    from reports import notifications

    sent = {}
    for year, kind, deadline_day in due_reminders(today):
        count = 0
        for centre in centres_to_remind(year, kind):
            recipients = notifications.recipients_for(centre)
            if not recipients:
                logger.warning("Centre %s has no e-mail address for the %s reminder", centre.pk, kind)
                continue
            context = {
                "centre": centre,
                "year": year,
                "kind": kind,
                "deadline_day": deadline_day,
                "overdue": kind == ReminderKind.OVERDUE,
                "days_left": (deadline_day - today).days,
                "url": settings.SITE_URL + reverse("reports:list"),
            }
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(centre=centre, year=year, kind=kind)
                    # Sent here, not queued: inside the transaction, a failed send rolls the row back and the
                    # next run retries (the cron command waits for SMTP; no request does).
                    notifications.message("reminder", context, recipients).send()
            except IntegrityError:
                continue  # another run sent it meanwhile
            count += 1
        sent[kind] = sent.get(kind, 0) + count
    return sent
