"""Create or update centres from the national register file (CSV or XLSX)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from centres.services import CentreImportError, import_centres


class Command(BaseCommand):
    help = "Import the register of licensed centres; on any problem list them all and save nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, ',' or ';') or XLSX file with a header row")

    def handle(self, *args, file, **options):
        try:
            result = import_centres(file)
        except CentreImportError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(file)s: nothing imported (%(count)s problems)") % {"file": file, "count": len(exc.problems)}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Centres created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
