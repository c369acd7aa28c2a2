"""Deterministic demo data: centres, users, reports, activity, surveys.

Each app that has demo data offers `<app>/demo.py` with `seed(ctx)`; they run in the
order of SEEDERS, sharing one DemoContext (one random generator, so a seed number
always gives the same data).
"""

import importlib
import importlib.util
import random
import sys
import time
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

SEEDERS = [
    "centres.demo",
    "accounts.demo",
    "reports.demo",
    "activity.demo",
    "reports.demo_workflow",
    "surveys.demo",
    "assessment.demo",
    "control.demo",
    "public.demo",
]
FIRST_DEMO_YEAR = 2021


@dataclass
class DemoContext:
    """Shared by the seeders. The demo follows the calendar: `current_year` is the year being
    reported on today (see vetquality.home_data.reporting_year) and `years` are the finished
    years before it, from 2021; the same seed on the same date gives the same data."""

    rng: random.Random
    stdout: object
    current_year: int = 0
    years: tuple = ()
    data: dict = field(default_factory=dict)  # what one seeder leaves for the next (e.g. "demo_centres")

    def __post_init__(self):
        if not self.current_year:
            from django.utils import timezone

            from reports.deadlines import reporting_year

            self.current_year = reporting_year(timezone.localdate())
        if not self.years:
            self.years = tuple(range(FIRST_DEMO_YEAR, self.current_year))

    def progress(self, label, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(f"\r  {label:<28} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if done >= total:
            self.stdout.write("")
        self.stdout.flush()


class Command(BaseCommand):
    help = "Load deterministic demo data (≈850 CPO, ≈36 CIPO, reports 2021–2024, demo users)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024, help="random seed (same seed, same data)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if centres exist already")

    def handle(self, *args, seed, if_empty, **options):
        from centres.models import Centre

        if Centre.objects.exists():
            if if_empty:
                self.stdout.write("Demo data: the database already has centres; nothing loaded.")
                return
            self.stderr.write("The database already has centres; seed_demo loads into an empty database only.")
            sys.exit(1)
        started = time.monotonic()
        ctx = DemoContext(rng=random.Random(seed), stdout=self.stdout)
        # The demo walks reports through the real services, which e-mail centres on commit;
        # keep those e-mails in memory instead of printing hundreds of them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            for module_name in SEEDERS:
                package = module_name.split(".")[0]
                if importlib.util.find_spec(package) is None or importlib.util.find_spec(module_name) is None:
                    continue  # an app without demo data (yet)
                module = importlib.import_module(module_name)
                self.stdout.write(f"{module_name}:")
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s."))
