from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from activity.professions import STARTER_LIST, ProfessionFileError, load


class Command(BaseCommand):
    help = "Load the list of professions (СППОО) from a CSV file: code,name[,specialty_code,specialty_name[,priority]]."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(STARTER_LIST), help="CSV file (default: the bundled list)")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            professions, specialties = load(path.read_text(encoding="utf-8-sig"))
        except (ProfessionFileError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Loaded {professions} professions and {specialties} specialties."))
