"""manage.py import_reports FILE --year Y --kind CPO|CIPO: load a year's submitted reports from CSV or XLSX."""

from django.core.management.base import BaseCommand, CommandError

from centres.models import CentreKind
from reports.importing import ImportRejected, import_reports


class Command(BaseCommand):
    help = "Import submitted self-assessment reports of one year from a CSV (UTF-8) or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--kind", required=True, choices=CentreKind.values)

    def handle(self, *args, file, year, kind, **options):
        try:
            result = import_reports(file, year=year, kind=kind, actor=None)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except ImportRejected as exc:
            for p in exc.problems:
                where = f"row {p.row}" if p.row else "file"
                column = f", column {p.column}" if p.column else ""
                value = f", value {p.value!r}" if p.value else ""
                self.stderr.write(f"{where}{column}{value}: {p.reason}")
            raise CommandError(f"Nothing imported: {len(exc.problems)} problem(s).") from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {len(result.reports)} {kind} report(s) for {year}."))
