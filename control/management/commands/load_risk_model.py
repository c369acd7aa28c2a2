"""Load a risk model version from a JSON file (the format of control/data/risk-*.json)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from control.loader import ControlFileError, load_risk_model, read_file


class Command(BaseCommand):
    help = "Validate and load a risk model file; on any problem list them all and save nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the risk model JSON file")
        parser.add_argument("--replace", action="store_true", help="reload a risk model with the same code")

    def handle(self, *args, file, replace, **options):
        try:
            model = load_risk_model(read_file(file), replace=replace)
        except ControlFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            count = len(exc.problems)
            raise CommandError(
                ngettext("%(file)s: not loaded (%(count)d problem)", "%(file)s: not loaded (%(count)d problems)", count)
                % {"file": file, "count": count}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Loaded risk model %(code)s (%(years)s): %(signals)d signals")
                % {"code": model.code, "years": model.years_label(), "signals": len(model.signals)}
            )
        )
