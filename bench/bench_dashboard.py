"""Benchmark: the analysis dashboard warm and cold, and the analysis DOCX and PDF, at scale.

    .venv/bin/python bench/bench_dashboard.py [--centres 1000] [--years 10] [--rounds 5]

Uses a throwaway SQLite database unless DATABASE_URL is set (then a test database on that
server, ANALYZEd after loading). Loads centres × years submitted reports (with review notes and
good-practice texts), then measures in interleaved rounds: the dashboard with the chart cache
cleared (cold), the dashboard again (warm: charts from the cache), and the DOCX and PDF.
Targets: warm < 0.3 s, cold < 1.5 s, each document < 3 s (median of the rounds); exit 1 on a miss.
Requests go through Django's test client in this process (no network server), so the times
are the application's own, without HTTP overhead.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetquality.settings")
os.environ.setdefault("DEBUG", "1")
TMP = tempfile.mkdtemp(prefix="vq-bench-")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"

TARGETS = {"warm": 0.3, "cold": 1.5, "docx": 3.0, "pdf": 3.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--centres", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def load(args):
    from django.db import connection

    from centres.models import Centre, CentreKind
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA
    from reports.models import Report, ReviewNote

    rng = random.Random(7)
    regions = ["Пловдив", "Варна", "Бургас", "Русе", "София (столица)"]
    centres = Centre.objects.bulk_create(
        Centre(
            kind=CentreKind.CPO if n % 25 else CentreKind.CIPO,
            licence_number=f"9{n:08d}",
            name=f"Център {n}",
            region=regions[n % len(regions)],
            licensed_on=dt.date(2010, 1, 1),
        )
        for n in range(args.centres)
    )
    practices = ["Участие в браншови семинари.", "участие в браншови семинари", "Партньорство с работодатели.", ""]
    last_year = 2024
    for year in range(last_year - args.years + 1, last_year + 1):
        for kind, code in ((CentreKind.CPO, "CPO-2018"), (CentreKind.CIPO, "CIPO-2022")):
            framework = Framework.objects.get(code=code)
            levels = {
                c.code: [lv.points for lv in c.levels.all()] for c in framework.criteria.prefetch_related("levels")
            }
            entries = [
                SubmittedEntry(
                    centre=c,
                    submitted_at=dt.datetime(year + 1, rng.choice([1, 1, 1, 2]), rng.randint(1, 28), 12, tzinfo=SOFIA),
                    points={k: rng.choice(v) for k, v in levels.items()},
                    texts={"6": rng.choice(practices)},
                )
                for c in centres
                if c.kind == kind
            ]
            create_submitted_reports(entries, year=year, framework=framework, actor=None)
    reports = list(Report.objects.filter(year=last_year).select_related("last_submission")[:200])
    ReviewNote.objects.bulk_create(
        ReviewNote(
            report=r, submission=r.last_submission, text=rng.choice(["Липсват доказателства.", "Непълни данни."])
        )
        for r in reports
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return last_year


def run(args):
    from django.core.cache import cache
    from django.test import Client

    from accounts.models import Role, User

    start = time.perf_counter()
    year = load(args)
    print(f"loaded {args.centres} centres × {args.years} years in {time.perf_counter() - start:.1f} s")
    user = User.objects.create_user(username="bench", password="x", role=Role.EXPERT)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def timed(url):
        start = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return time.perf_counter() - start

    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        timed(f"/analysis/{year}/")
        profile = cProfile.Profile()
        profile.enable()
        timed(f"/analysis/{year}/")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return 0
    times = {k: [] for k in TARGETS}
    timed(f"/analysis/{year}/")  # warm imports, fonts and connections once
    for _round in range(args.rounds):
        # Interleaved: each round measures every kind once, so drift affects all alike.
        cache.clear()
        times["cold"].append(timed(f"/analysis/{year}/"))
        times["warm"].append(timed(f"/analysis/{year}/"))
        times["docx"].append(timed(f"/analysis/{year}/analysis.docx"))
        times["pdf"].append(timed(f"/analysis/{year}/analysis.pdf"))
    missed = []
    for key, target in TARGETS.items():
        median = statistics.median(times[key])
        ratio = median / target
        best = min(times[key])
        print(f"{key:5s} median {median:6.3f} s  best {best:6.3f} s  target {target:4.1f} s  ratio {ratio:4.2f}")
        if median > target:
            missed.append(key)
    if missed:
        print("missed:", ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
