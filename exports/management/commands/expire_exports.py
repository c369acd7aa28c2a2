from django.core.management.base import BaseCommand

from exports.services import expire_old


class Command(BaseCommand):
    help = "Delete the files of exports past their keeping time (run it hourly, e.g. from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"expired {expire_old()} exports")
