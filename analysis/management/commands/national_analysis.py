"""manage.py national_analysis --year Y --format json|docx|pdf|xlsx --out FILE [--region NAME]"""

import json

from django.core.management.base import BaseCommand, CommandError

from analysis import document, export
from analysis.serialize import analysis_data
from centres.regions import Region


class Command(BaseCommand):
    help = "Write the national analysis of a year's self-assessment reports as JSON, DOCX, PDF or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", choices=["json", "docx", "pdf", "xlsx"], required=True)
        parser.add_argument("--out", required=True, help="output file ('-' for standard output, JSON only)")
        parser.add_argument("--region", default="", help="limit to one region (its Bulgarian name)")

    def handle(self, *args, year, fmt, out, region, **options):
        if region and region not in Region.values:
            raise CommandError(f"Unknown region {region!r}. Regions: {', '.join(Region.values)}")
        region = region or None
        if fmt == "json":
            text = json.dumps(analysis_data(year, region), ensure_ascii=False, indent=2)
            if out == "-":
                self.stdout.write(text)
                return
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        elif fmt == "xlsx":
            export.write_reports_xlsx(year, out, region)
        else:
            content, _type, _name = document.generate(year, fmt, region)
            with open(out, "wb") as handle:
                handle.write(content)
        if out != "-":
            self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
