"""Load units of learning outcomes from a JSON file (the format of assessment/data/)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.outcomes import OutcomesFileError, load, read_file


class Command(BaseCommand):
    help = "Validate and load a learning-outcomes file; on any problem list them all and save nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the outcomes JSON file")
        parser.add_argument(
            "--replace", action="store_true", help="reload outcomes of the same year (refused once sessions use them)"
        )

    def handle(self, *args, file, replace, **options):
        try:
            sets = load(read_file(file), replace=replace)
        except OutcomesFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            count = len(exc.problems)
            raise CommandError(
                ngettext("%(file)s: not loaded (%(count)d problem)", "%(file)s: not loaded (%(count)d problems)", count)
                % {"file": file, "count": count}
            ) from None
        for outcome_set in sets:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Loaded %(profession)s from %(year)s: %(units)d units")
                    % {
                        "profession": outcome_set.profession,
                        "year": outcome_set.first_year,
                        "units": outcome_set.units.count(),
                    }
                )
            )
