"""Load a quality framework from a JSON file (the format of frameworks/data/)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frameworks.loader import FrameworkFileError, load, read_file


class Command(BaseCommand):
    help = "Validate and load a framework file; on any problem list them all and save nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the framework JSON file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="reload a framework with the same code (refused once reports use it)",
        )
        parser.add_argument(
            "--succeed",
            action="store_true",
            help="load a new version after the current one of its kind, closing that one (see --last-year, --mapping)",
        )
        parser.add_argument(
            "--last-year", type=int, help="the last year of the current version (default: first_year - 1)"
        )
        parser.add_argument(
            "--mapping", help="a JSON mapping of criterion codes from the current version to the new one"
        )

    def handle(self, *args, file, replace, succeed=False, last_year=None, mapping=None, **options):
        from pathlib import Path

        from frameworks import succession

        try:
            if succeed or last_year is not None or mapping:
                mapping_doc = succession.read_mapping(Path(mapping).read_bytes()) if mapping else None
                result = succession.plan(read_file(file), mapping_doc, last_year=last_year)
                framework = succession.apply(result)
                for line in succession.describe(result):
                    self.stdout.write(line)
            else:
                framework = load(read_file(file), replace=replace)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        except FrameworkFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            count = len(exc.problems)
            raise CommandError(
                ngettext("%(file)s: not loaded (%(count)d problem)", "%(file)s: not loaded (%(count)d problems)", count)
                % {"file": file, "count": count}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Loaded %(code)s (%(kind)s, %(years)s): %(areas)d areas, %(criteria)d criteria")
                % {
                    "code": framework.code,
                    "kind": framework.get_kind_display(),
                    "years": framework.years_label(),
                    "areas": framework.areas.count(),
                    "criteria": framework.criteria.count(),
                }
            )
        )
