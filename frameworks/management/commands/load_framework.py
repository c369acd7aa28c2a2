"""Load a quality framework from a JSON file (the format of frameworks/data/)."""

from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args, file, replace, **options):
        try:
            framework = load(read_file(file), replace=replace)
        except FrameworkFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{file}: not loaded ({len(exc.problems)} problem(s))") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {framework.code} ({framework.get_kind_display()}, {framework.years_label()}): "
                f"{framework.areas.count()} areas, {framework.criteria.count()} criteria"
            )
        )
