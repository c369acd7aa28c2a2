"""E-mail centres without a submitted report 30, 7 and 1 days before the deadline and the day after.

Run it daily (cron); it never sends the same reminder twice.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "E-mail deadline reminders to centres that have not submitted their self-assessment report."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD); default: today in Sofia.")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}") from None
        else:
            day = timezone.localdate()
        sent = send_deadline_reminders(day)
        if not sent:
            self.stdout.write(f"{day}: no reminders are due.")
        for kind, count in sent.items():
            self.stdout.write(f"{day}: {kind}: {count} centre(s) e-mailed.")
