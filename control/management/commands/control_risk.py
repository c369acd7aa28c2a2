"""Write the risk ranking of a year: each centre's licence number, score, rank and signals with their reasons."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from control import risk
from control.exports import ranking_csv


class Command(BaseCommand):
    help = "Rank the centres of a year by risk (JSON or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args, year, format, out, **options):
        model, ranking = risk.ranking_for_year(year)
        if model is None:
            raise CommandError(_("No risk model applies to %(year)s.") % {"year": year})
        if format == "json":
            payload = {"year": year, "risk_model": model.code, "centres": risk.as_rows(ranking)}
            text = json.dumps(payload, ensure_ascii=False, indent=1)
            data = text.encode("utf-8")
        else:
            data = ranking_csv(ranking, machine=True)
        if out:
            with open(out, "wb") as handle:
                handle.write(data)
            self.stderr.write(_("%(n)s centres written to %(file)s") % {"n": len(ranking), "file": out})
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
