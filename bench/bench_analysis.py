"""Benchmark: one year's national figures against bare SQL GROUP BY, and the DOCX/PDF generation time.

    .venv/bin/python bench/bench_analysis.py [--centres 1000] [--years 10]

Uses a throwaway SQLite database unless DATABASE_URL is set (then a test database on that
server). Loads centres × years submitted reports, then prints timings and the ratio of the
figures code to the bare queries over the same rows (target ≤ 1.2×); DOCX and PDF < 10 s.
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetquality.settings")
os.environ.setdefault("DEBUG", "1")
TMP = tempfile.mkdtemp(prefix="vq-bench-")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"


def best_of(fn, n=5):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--centres", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import (
        get_runner,  # noqa: F401 — imported for the test-database helpers
        setup_test_environment,
    )

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        status = run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    del test_db
    return status


def run(args):
    from django.db import connection

    from analysis import document
    from analysis.figures import national_figures
    from centres.models import Centre, CentreKind
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA

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
    last_year = 2024
    years = range(last_year - args.years + 1, last_year + 1)
    start = time.perf_counter()
    for year in years:
        for kind in (CentreKind.CPO, CentreKind.CIPO):
            framework = Framework.objects.get(code="CPO-2018" if kind == CentreKind.CPO else "CIPO-2022")
            levels = {
                c.code: [lv.points for lv in c.levels.all()] for c in framework.criteria.prefetch_related("levels")
            }
            entries = [
                SubmittedEntry(
                    centre=c,
                    submitted_at=dt.datetime(year + 1, 1, rng.randint(1, 31), 12, tzinfo=SOFIA),
                    points={code: rng.choice(points) for code, points in levels.items()},
                    texts={"6": rng.choice(["Участие в семинари.", "Партньорство с работодатели.", ""])},
                )
                for c in centres
                if c.kind == kind
            ]
            create_submitted_reports(entries, year=year, framework=framework, actor=None)
    print(f"loaded {len(centres)} centres × {args.years} years in {time.perf_counter() - start:.1f} s")

    year = last_year
    with connection.cursor() as cursor:

        def bare():
            # The same aggregates the figures need, as hand-written GROUP BY queries over the same rows.
            counted = (
                "SELECT s.id FROM reports_submission s JOIN reports_report r ON r.last_submission_id = s.id "
                "JOIN centres_centre c ON c.id = r.centre_id WHERE r.year = %s AND c.kind = %s"
            )
            for kind in ("CPO", "CIPO"):
                cursor.execute(
                    "SELECT COUNT(*) FROM centres_centre WHERE kind = %s AND licensed_on <= %s "
                    "AND (licence_revoked_on IS NULL OR licence_revoked_on > %s)",
                    [kind, dt.date(year, 12, 31), dt.date(year, 12, 31)],
                )
                cursor.fetchall()
                for y in (year, year - 1):
                    cursor.execute(
                        "SELECT COUNT(*), SUM(CASE WHEN on_time THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN zero_value THEN 1 ELSE 0 END), SUM(total) "
                        f"FROM reports_submission WHERE id IN ({counted})",
                        [y, kind],
                    )
                    cursor.fetchall()
                    cursor.execute(
                        f"SELECT grade, COUNT(*) FROM reports_submission WHERE id IN ({counted}) GROUP BY grade",
                        [y, kind],
                    )
                    cursor.fetchall()
                    cursor.execute(
                        "SELECT criterion_id, points, COUNT(*) FROM reports_submissionscore "
                        f"WHERE submission_id IN ({counted}) GROUP BY criterion_id, points",
                        [y, kind],
                    )
                    cursor.fetchall()
            cursor.execute(
                "SELECT r.year, COUNT(*), SUM(s.total) FROM reports_submission s JOIN reports_report r "
                "ON r.last_submission_id = s.id JOIN centres_centre c ON c.id = r.centre_id "
                "WHERE r.year <= %s AND c.kind = 'CPO' GROUP BY r.year",
                [year],
            )
            cursor.fetchall()
            # Per (year, criterion), as the figures code groups it: the area is a criterion's property.
            cursor.execute(
                "SELECT r.year, sc.criterion_id, SUM(sc.points) FROM reports_submissionscore sc "
                "JOIN reports_submission s ON s.id = sc.submission_id "
                "JOIN reports_report r ON r.last_submission_id = s.id "
                "JOIN centres_centre c ON c.id = r.centre_id "
                "WHERE r.year <= %s AND c.kind = 'CPO' GROUP BY r.year, sc.criterion_id",
                [year],
            )
            cursor.fetchall()

        t_bare = best_of(bare)
    t_figures = best_of(lambda: national_figures(year))
    ratio = t_figures / t_bare
    print(f"bare SQL GROUP BY queries:  {t_bare * 1000:8.1f} ms")
    print(f"analysis.figures (year):    {t_figures * 1000:8.1f} ms")
    print(f"ratio:                      {ratio:8.2f}×  (target ≤ 1.2×)")

    figures = national_figures(year)
    start = time.perf_counter()
    docx = document.docx_bytes(figures)
    t_docx = time.perf_counter() - start
    print(f"DOCX: {t_docx:6.2f} s ({len(docx) // 1024} KiB)  (target < 10 s)")
    start = time.perf_counter()
    pdf = document.pdf_bytes(figures)
    t_pdf = time.perf_counter() - start
    print(f"PDF:  {t_pdf:6.2f} s ({len(pdf) // 1024} KiB)  (target < 10 s)")
    assert figures.cpo.mean_total is None or isinstance(figures.cpo.mean_total, Decimal)
    missed = [name for name, ok in (("ratio", ratio <= 1.2), ("DOCX", t_docx < 10), ("PDF", t_pdf < 10)) if not ok]
    if missed:
        print("TARGET MISSED: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
