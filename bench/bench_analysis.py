"""Benchmark: one year's national figures against bare SQL over the same rows.

    .venv/bin/python bench/bench_analysis.py --db sqlite|postgres [--centres 1000] [--years 10] [--quick]

Loads centres × years submitted reports (with a resubmitted fifth of the last year, so the
counted flag matters), ANALYZE, then interleaved rounds of `analysis.figures.national_figures`
and hand-written SQL computing the same aggregates from the same columns (the counted flag, the
stored totals, the criterion scores of the two years shown) and reading what the figures show
besides (the frameworks' structure, the validation sums): target ≤ 1.2×.
Leaves out: the multi-year series analysis.overview adds, the HTTP layer, the charts and the
documents — the dashboard and the DOCX and PDF downloads are bench_dashboard.py's (issue 14's targets).
"""

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402


def load(centres_n, years_n):
    from centres.models import Centre, CentreKind
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA
    from reports.models import Report, Submission

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
        for n in range(centres_n)
    )
    last_year = 2024
    for year in range(last_year - years_n + 1, last_year + 1):
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
    # A fifth of the last year's reports were returned and submitted again: an older version
    # exists that must not count (made here as the services leave it: a second, counted version).
    resubmitted = list(Report.objects.filter(year=last_year).select_related("last_submission")[: centres_n // 5])
    for report in resubmitted:
        first = report.last_submission
        second = Submission.objects.create(
            report=report,
            number=2,
            submitted_at=first.submitted_at,
            on_time=first.on_time,
            total=first.total,
            grade=first.grade,
            zero_value=first.zero_value,
            texts=first.texts,
            answers=first.answers,
            imported=True,
            counted=True,
            area_totals=first.area_totals,
        )
        from reports.models import SubmissionScore

        SubmissionScore.objects.bulk_create(
            SubmissionScore(submission=second, criterion_id=s.criterion_id, points=s.points) for s in first.scores.all()
        )
        Submission.objects.filter(pk=first.pk).update(counted=False)
        Report.objects.filter(pk=report.pk).update(last_submission=second)
    return last_year


def bare_queries(connection, year):
    vendor = connection.vendor

    def area(code):
        if vendor == "postgresql":
            return f"CAST((s.area_totals ->> '{code}') AS NUMERIC)"
        return f"CAST(JSON_EXTRACT(s.area_totals, '$.\"{code}\"') AS NUMERIC)"

    counted = (
        "SELECT s.id FROM reports_submission s JOIN reports_report r ON r.id = s.report_id "
        "JOIN centres_centre c ON c.id = r.centre_id WHERE s.counted AND r.year = %s AND c.kind = %s"
    )
    end = dt.date(year, 12, 31)
    prev_end = dt.date(year - 1, 12, 31)

    def run():
        with connection.cursor() as cursor:
            # What the figures show besides the aggregates, read as a hand-written version would:
            # the frameworks' structure (names, areas, levels, grade bands) and the validation sums.
            cursor.execute("SELECT id, code, kind, name, scoring, first_year, last_year FROM frameworks_framework")
            ids = [row[0] for row in cursor.fetchall()]
            marks = ", ".join(["%s"] * len(ids))
            for table in ("frameworks_gradeband", "frameworks_area"):
                cursor.execute(f"SELECT * FROM {table} WHERE framework_id IN ({marks})", ids)  # noqa: S608
                cursor.fetchall()
            cursor.execute(
                "SELECT c.id, c.code, c.name, c.max_points, a.code FROM frameworks_criterion c "
                f"JOIN frameworks_area a ON a.id = c.area_id WHERE c.framework_id IN ({marks})",  # noqa: S608
                ids,
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT l.criterion_id, l.points, l.descriptor FROM frameworks_level l "
                f"JOIN frameworks_criterion c ON c.id = l.criterion_id WHERE c.framework_id IN ({marks})",  # noqa: S608
                ids,
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT COUNT(*), SUM(v.procedures), SUM(v.persons), SUM(v.documents_issued), "
                "COUNT(DISTINCT CASE WHEN v.procedures > 0 THEN a.centre_id END) FROM activity_validationrow v "
                "JOIN activity_activityreport a ON a.id = v.activity_id JOIN centres_centre c ON c.id = a.centre_id "
                "WHERE a.year = %s AND c.kind = 'CPO'",
                [year],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT kind, "
                "SUM(CASE WHEN licensed_on <= %s AND (licence_revoked_on IS NULL OR licence_revoked_on > %s) "
                "THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN licensed_on <= %s AND (licence_revoked_on IS NULL OR licence_revoked_on > %s) "
                "THEN 1 ELSE 0 END) FROM centres_centre GROUP BY kind",
                [end, end, prev_end, prev_end],
            )
            cursor.fetchall()
            for kind in ("CPO", "CIPO"):
                for y in (year, year - 1):
                    cursor.execute(
                        "SELECT grade, COUNT(*), SUM(CASE WHEN on_time THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN zero_value THEN 1 ELSE 0 END), SUM(total) "
                        f"FROM reports_submission WHERE id IN ({counted}) GROUP BY grade",  # noqa: S608
                        [y, kind],
                    )
                    cursor.fetchall()
                    cursor.execute(
                        "SELECT criterion_id, points, COUNT(*) FROM reports_submissionscore "
                        f"WHERE submission_id IN ({counted}) GROUP BY criterion_id, points",  # noqa: S608
                        [y, kind],
                    )
                    cursor.fetchall()
            cursor.execute(
                f"SELECT r.year, COUNT(*), SUM(s.total), SUM({area('1')}), SUM({area('2')}), SUM({area('3')}) "  # noqa: S608
                "FROM reports_submission s JOIN reports_report r ON r.id = s.report_id "
                "JOIN centres_centre c ON c.id = r.centre_id "
                "WHERE s.counted AND r.year <= %s AND c.kind = 'CPO' GROUP BY r.year",
                [year],
            )
            cursor.fetchall()

    return run


def main():
    args = harness.arguments(__doc__.splitlines()[0], centres=(1000, 100), years=(10, 3))
    environment = harness.Environment(args.db)
    try:
        connection = environment.django()
        year = load(args.centres, args.years)
        harness.analyze()
        from analysis.figures import national_figures

        scale = f"{args.centres} centres × {args.years} years"
        times = harness.interleaved(
            {"figures": lambda: national_figures(year), "bare": bare_queries(connection, year)}, args.rounds
        )
        results = [
            harness.ratio_result(
                "national figures vs bare SQL",
                args.db,
                scale,
                times["figures"],
                times["bare"],
                at_most=1.2,
                note=f"figures {harness.median(times['figures']) * 1000:.0f} ms, "
                f"bare {harness.median(times['bare']) * 1000:.0f} ms",
            )
        ]
        print(f"== analysis ({environment.describe()}, {args.rounds} interleaved rounds)")
        return harness.report(args, results)
    finally:
        environment.close()


if __name__ == "__main__":
    sys.exit(main())
