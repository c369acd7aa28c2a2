"""Import published national figures (one row per centre kind and year) from a CSV or XLSX file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analysis import history
from reports.importing import ImportRejected


class Command(BaseCommand):
    help = "Import published national figures from a CSV/XLSX template; nothing is saved if any row has a problem."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--template", action="store_true", help="Write an empty template to FILE instead.")
        parser.add_argument("--kind", default="CPO")
        parser.add_argument("--year", type=int)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if options["template"]:
            from formatting.csv import machine_csv

            path.write_bytes(machine_csv(history.template_rows(options["kind"], options["year"])))
            self.stdout.write(f"{path}")
            return
        try:
            records = history.parse_file(path.read_bytes(), path.name)
        except ImportRejected as exc:
            lines = [f"row {p.row or '-'}, {p.column}: {p.value!s} — {p.reason}" for p in exc.problems]
            raise CommandError("\n".join(lines)) from exc
        saved = history.save_records(records)
        self.stdout.write(f"{len(saved)} records saved.")
