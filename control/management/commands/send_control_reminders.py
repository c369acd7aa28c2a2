"""Daily: remind inspectors and centres of control deadlines (safe to run repeatedly)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from control.reminders import send_control_reminders


class Command(BaseCommand):
    help = "Send the day's control deadline reminders; a reminder already sent is never sent again."

    def handle(self, *args, **options):
        sent = send_control_reminders()
        self.stdout.write(_("%(n)s control reminders sent.") % {"n": sent})
