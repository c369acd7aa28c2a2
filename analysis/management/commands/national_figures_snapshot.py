"""manage.py national_figures_snapshot --out FILE | --compare FILE

The national figures of every year that has reports, as JSON: written next to a backup
(deploy/backup.sh) and compared after a restore (deploy/restore.sh), so a restore that lost or
changed data is noticed before anyone works on it.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from analysis.figures import national_figures
from analysis.serialize import national_data
from reports.models import Report


def snapshot():
    years = sorted(set(Report.objects.values_list("year", flat=True)))
    return {str(year): national_data(national_figures(year, None)) for year in years}


class Command(BaseCommand):
    help = "Write the national figures of every year as JSON, or compare them with a file written earlier."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--out", help="write the figures to this file")
        group.add_argument("--compare", help="compare the figures with this file; exit non-zero on a difference")

    def handle(self, *args, out=None, compare=None, **options):
        current = json.loads(json.dumps(snapshot(), ensure_ascii=False, default=str))
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                json.dump(current, handle, ensure_ascii=False, indent=1, sort_keys=True)
            self.stdout.write(self.style.SUCCESS(f"Wrote the figures of {len(current)} year(s) to {out}"))
            return
        try:
            with open(compare, encoding="utf-8") as handle:
                saved = json.load(handle)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {compare}: {exc}") from None
        differing = sorted(y for y in set(saved) | set(current) if saved.get(y) != current.get(y))
        if differing:
            raise CommandError(f"The national figures differ from {compare} for: {', '.join(differing)}")
        self.stdout.write(self.style.SUCCESS(f"The figures of {len(current)} year(s) match {compare}"))
