"""Cron job: create due follow-up invitations, e-mail new invitations, remind once those who have not answered.

Safe to run as often as you like: nothing is sent twice (see surveys.services.send_invitations).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from surveys import services


class Command(BaseCommand):
    help = "Send survey invitations and reminders (idempotent; run it daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--remind-after", type=int, default=7, help="days after the invitation (default 7)")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "") or "http://localhost:8000",
            help="address of the site, for the links in the e-mails",
        )

    def handle(self, *args, remind_after, base_url, **options):
        issued = services.issue_due_followups()
        sent, reminded = services.send_invitations(base_url=base_url, remind_after_days=remind_after)
        self.stdout.write(
            f"follow-up invitations created: {issued}; invitations sent: {sent}; reminders sent: {reminded}"
        )
