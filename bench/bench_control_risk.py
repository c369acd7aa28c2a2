"""Benchmark: the follow-up control risk ranking against one bare SQL pass, and the ranking page.

    .venv/bin/python bench/bench_control_risk.py --db sqlite|postgres [--centres 1000] [--years 10] [--quick]

Loads centres × years of submitted reports, activity information, reasoned disagreements, survey
campaigns of the last two years (invitations, responses, answers) and past controls with findings,
ANALYZE, then:

1. in this process, interleaved rounds of `control.risk.ranking_for_year` (the risk model, the
   facts and the scoring) and one bare SQL pass reading the same rows the ranking reads, each in the
   form fastest on the database (bare_pass): the ratio, target ≤ 3× (CPU time beside it in the note:
   on a shared machine it shows the work, not the waiting). The ranking builds its statements once
   per process and year (control.risk_data), as a server process does: interleaved()'s warm-up
   round builds them;
2. the ranking page (/control/ranking/?year=Y) served by gunicorn with production settings (one
   worker: the requests come one at a time) to a logged-in agency expert who has passed the second
   factor, fetched over HTTP from this process one request after another: target < 500 ms.

Leaves out: the plan form (POST), the exports of the ranking, and independent-assessment results
(the assessment statements run only for a year with a finished session; none is loaded).
"""

import datetime as dt
import http.client
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

LAST_YEAR = 2024
RATIO_TARGET = 3
PAGE_TARGET_MS = 500


# ---------------------------------------------------------------- loading
def load(centres, years):
    from django.contrib.auth import get_user_model

    from activity.models import ActivityReport
    from centres.models import Centre, CentreKind
    from control.models import Control, ControlKind, ControlType, Finding, RiskModel, State
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA
    from reports.models import Answer

    rng = random.Random(12)
    regions = ["Пловдив", "Варна", "Бургас", "Русе", "София (столица)"]
    rows = Centre.objects.bulk_create(
        Centre(
            kind=CentreKind.CPO if n % 25 else CentreKind.CIPO,
            licence_number=f"8{n:08d}",
            name=f"Център {n}",
            region=regions[n % len(regions)],
            licensed_on=dt.date(rng.randint(2005, 2023), 3, 1),
        )
        for n in range(centres)
    )
    first_year = LAST_YEAR - years + 1
    for year in range(first_year, LAST_YEAR + 1):
        for kind in (CentreKind.CPO, CentreKind.CIPO):
            framework = Framework.objects.get(code="CPO-2018" if kind == CentreKind.CPO else "CIPO-2022")
            levels = {
                c.code: [lv.points for lv in c.levels.all()] for c in framework.criteria.prefetch_related("levels")
            }
            entries = [
                SubmittedEntry(
                    centre=c,
                    submitted_at=dt.datetime(year + 1, rng.choice([1, 1, 1, 2, 3]), rng.randint(1, 28), tzinfo=SOFIA),
                    points={code: rng.choice(points) for code, points in levels.items()},
                )
                for c in rows
                if c.kind == kind and rng.random() < 0.93  # some reports missing
            ]
            create_submitted_reports(entries, year=year, framework=framework, actor=None)
        ActivityReport.objects.bulk_create(
            ActivityReport(
                centre=c,
                year=year,
                graduates_followed_up=(followed := rng.randint(0, 80)),
                graduates_employed=rng.randint(0, followed),
                graduates_in_learning=0,
            )
            for c in rows
            if c.kind == CentreKind.CPO
        )
    _surveys(rows, rng)
    # Some centres keep levels their data does not support (with a reason, as submission requires).
    chosen = list(Answer.objects.filter(report__year=LAST_YEAR).values_list("pk", flat=True)[::37])
    Answer.objects.filter(pk__in=chosen).update(disagreement_reason="Данните са непълни.")
    expert = get_user_model().objects.create_user(
        "bench-expert", role="expert", password="unused-" + os.urandom(6).hex()
    )
    model = RiskModel.objects.for_year(LAST_YEAR)
    controls = Control.objects.bulk_create(
        Control(
            centre=c,
            year=rng.randint(first_year, LAST_YEAR - 1),
            state=State.CLOSED,
            kind=ControlKind.PERIODIC,
            type=ControlType.COMPLEX,
            risk_model=model,
            ordered_on=dt.date(rng.randint(first_year, LAST_YEAR - 1), 5, 1),
            check_ended_on=None,
        )
        for c in rng.sample(rows, len(rows) // 5)
    )
    Finding.objects.bulk_create(
        Finding(
            control=control,
            klass=rng.choice(["irregularity", "violation", "substantial"]),
            text="Констатация",
            recommendation="Препоръка",
            deadline=control.ordered_on + dt.timedelta(days=60),
            fulfilled=rng.choice([True, True, False, None]),
        )
        for control in controls
        for _ in range(rng.randint(0, 3))
    )
    return expert


def _surveys(centres, rng, responses=30, invitations=40):
    """Survey campaigns of the ranked year and the one before, at every CPO centre: invitations, personal
    and open-link responses with five Likert answers each (1,000 centres: ~60,000 responses, 300,000
    answers), so the ranking's three survey counts read real rows, as they do in January."""
    from surveys.models import Answer, Campaign, Invitation, Questionnaire, Response

    version = Questionnaire.objects.get(code="trainee").current_version()
    questions = list(version.questions.filter(type="likert")[:5])
    cpo = [c for c in centres if c.kind == "CPO"]
    for year in (LAST_YEAR - 1, LAST_YEAR):
        campaigns = Campaign.objects.bulk_create(
            Campaign(
                centre=c,
                version=version,
                label=f"Курсисти {year}",
                year=year,
                opens_on=dt.date(year, 2, 1),
                closes_on=dt.date(year, 12, 31),
                mode="personal",
                open_token=f"risk-{year}-{c.pk}",
            )
            for c in cpo
        )
        if campaigns and campaigns[0].pk is None:  # databases that do not return ids from bulk_create
            campaigns = list(Campaign.objects.filter(year=year, open_token__startswith="risk-"))
        Invitation.objects.bulk_create(
            (
                Invitation(campaign=c, email=f"r{c.pk}-{n}@example.bg", token=f"r{c.pk}-{n}")
                for c in campaigns
                for n in range(invitations)
            ),
            batch_size=5000,
        )
        for start in range(0, len(campaigns), 100):
            chunk = campaigns[start : start + 100]
            made = Response.objects.bulk_create(
                (
                    Response(campaign=c, channel="personal" if n % 3 else "open")
                    for c in chunk
                    for n in range(rng.randint(responses // 3, responses))
                ),
                batch_size=5000,
            )
            if made and made[0].pk is None:
                made = list(Response.objects.filter(campaign__in=chunk))
            Answer.objects.bulk_create(
                (
                    Answer(response=r, question=q, question_code=q.code, value=str(v), number=v)
                    for r in made
                    for q in questions
                    for v in (rng.choice((2, 3, 4, 4, 5, 5)),)
                ),
                batch_size=5000,
            )


# ---------------------------------------------------------------- measuring
# The assessment statements of bare_pass(), run only when the year has a finished session (as the ranking).
ASSESSMENT_STATEMENTS = [
    (
        "SELECT g.centre_id, g.profession_id, COUNT(p.id), SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM assessment_mark m "
        "WHERE m.participant_id = p.id AND m.assessor_id IS NULL AND NOT m.passed) THEN 1 ELSE 0 END) "
        "FROM assessment_participant p JOIN assessment_sampledgraduate g ON g.id = p.member_id "
        "WHERE p.status = 'accepted' AND p.session_id IN (SELECT s.id FROM assessment_session s "
        "JOIN assessment_sample m ON m.id = s.sample_id "
        "WHERE m.year = %(year)s AND s.state IN ('finished', 'published')) GROUP BY g.centre_id, g.profession_id"
    ),
    (
        "SELECT a.centre_id, c.profession_id, SUM(c.exam_admitted), SUM(c.exam_passed) FROM activity_course c "
        "JOIN activity_activityreport a ON a.id = c.activity_id WHERE c.end_date BETWEEN %(start)s AND %(end)s "
        "GROUP BY a.centre_id, c.profession_id"
    ),
]


def _report_statements(vendor):
    """The centre's own rows of the year, in the form that is fastest on the database at hand (measured at
    1,000 × 10; the ranking reads the same rows in one statement of LEFT JOINs, 4–8 % slower as SQL):
    separate statements, and the disagreements grouped over a join on SQLite but as a per-report subquery
    on PostgreSQL (which otherwise scans every answer of every year: 3× slower)."""
    # The first submission's time only when late, as the ranking reads it.
    late = "CASE WHEN s1.submitted_at >= %(deadline)s THEN s1.submitted_at END"
    disagreements = (
        ", CASE WHEN r.last_submission_id IS NOT NULL THEN (SELECT COUNT(*) FROM reports_answer x "
        "WHERE x.report_id = r.id AND x.disagreement_reason <> '') ELSE 0 END"
        if vendor == "postgresql"
        else ""
    )
    statements = [
        "SELECT id, licence_number, name, kind, region, licensed_on FROM centres_centre "
        "WHERE licensed_on <= %(end)s AND (licence_revoked_on IS NULL OR licence_revoked_on > %(end)s) "
        "ORDER BY licence_number",
        f"SELECT r.centre_id, r.id, r.status, r.last_submission_id, s.zero_value, s.total, f.total_points, "
        f"f.scoring, s1.id, {late}{disagreements} FROM reports_report r "
        "LEFT JOIN reports_submission s ON s.id = r.last_submission_id "
        "JOIN frameworks_framework f ON f.id = r.framework_id "
        "LEFT JOIN reports_submission s1 ON s1.report_id = r.id AND s1.number = 1 WHERE r.year = %(year)s",
        "SELECT r.centre_id, s.total FROM reports_report r JOIN reports_submission s ON s.id = r.last_submission_id "
        "WHERE r.year = %(previous)s",
        "SELECT centre_id, graduates_followed_up, graduates_employed, graduates_in_learning "
        "FROM activity_activityreport WHERE year = %(year)s",
    ]
    if vendor != "postgresql":
        statements.append(
            "SELECT a.report_id, COUNT(a.id) FROM reports_answer a JOIN reports_report r ON r.id = a.report_id "
            "WHERE r.year = %(year)s AND r.last_submission_id IS NOT NULL AND a.disagreement_reason <> '' "
            "GROUP BY a.report_id"
        )
    return statements


def bare_pass(cursor, year, vendor, deadline):
    """The rows the ranking reads, read by hand-written SQL and fetched, nothing converted or built.

    The same rows as the ranking's statements, each source read in the form fastest on this database
    (_report_statements): the risk model; the centres, their year's report with its last and first
    submission, last year's submitted total, the activity information and the disagreements per report;
    the three survey counts; the controls with their findings; whether the year has an independent
    assessment (and if so its two grouped statements); the deadline (`deadline` is that row's first late
    instant, which the late-submission comparison needs as the ranking's does).
    """
    end = dt.date(year, 12, 31)
    params = {"year": year, "previous": year - 1, "start": dt.date(year, 1, 1), "end": end, "deadline": deadline}
    statements = [
        "SELECT id, code, name, first_year, last_year, signals, loaded_at FROM control_riskmodel "
        "WHERE first_year <= %(year)s AND (last_year IS NULL OR last_year >= %(year)s) "
        "ORDER BY first_year DESC LIMIT 1",
        "SELECT deadline FROM reports_reportingyear WHERE year = %(year)s",
        *_report_statements(vendor),
        "SELECT c.centre_id, COUNT(x.id), SUM(CASE WHEN x.channel = 'personal' THEN 1 ELSE 0 END) "
        "FROM surveys_response x JOIN surveys_campaign c ON c.id = x.campaign_id WHERE c.year = %(year)s "
        "GROUP BY c.centre_id",
        "SELECT c.centre_id, COUNT(i.id) FROM surveys_invitation i JOIN surveys_campaign c ON c.id = i.campaign_id "
        "WHERE c.year = %(year)s GROUP BY c.centre_id",
        "SELECT c.centre_id, COUNT(a.id), SUM(CASE WHEN a.number >= 4 THEN 1 ELSE 0 END) FROM surveys_answer a "
        "JOIN surveys_response x ON x.id = a.response_id JOIN surveys_campaign c ON c.id = x.campaign_id "
        "WHERE c.year = %(year)s AND a.number IS NOT NULL GROUP BY c.centre_id",
        "SELECT c.id, c.centre_id, COALESCE(c.check_ended_on, c.ordered_on), f.klass, f.fulfilled "
        "FROM control_control c "
        "LEFT JOIN control_finding f ON f.control_id = c.id "
        "WHERE c.state NOT IN ('planned', 'cancelled') AND c.ordered_on <= %(end)s "
        "ORDER BY c.year DESC, c.created_at DESC, c.id DESC",
        "SELECT 1 FROM assessment_session s JOIN assessment_sample m ON m.id = s.sample_id "
        "WHERE m.year = %(year)s AND s.state IN ('finished', 'published') LIMIT 1",
    ]
    for sql in statements:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if sql.startswith("SELECT 1 FROM assessment_session") and rows:
            for assessed in ASSESSMENT_STATEMENTS:
                cursor.execute(assessed, params)
                cursor.fetchall()


def cpu_timed(fn, into):
    """fn, recording the CPU time of every call into `into` (beside the wall time interleaved() keeps)."""

    def run():
        start = time.process_time()
        fn()
        into.append(time.process_time() - start)

    return run


def page_times(server, session, rounds):
    """Wall times of GET /control/ranking/ from this process, one request at a time, after a warm-up."""
    path = f"/control/ranking/?year={LAST_YEAR}"
    times = []
    for i in range(rounds + 1):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}", "Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        conn.close()
        if response.status != 200:
            raise SystemExit(f"ranking page answered {response.status}: {body[:300]!r}")
        if i:  # the first request warms the worker up (imports, connection, the model's plan)
            times.append(elapsed)
    return times


def main():
    args = harness.arguments(__doc__.splitlines()[0], centres=(1000, 100), years=(10, 3))
    environment = harness.Environment(args.db)
    server = None
    try:
        connection = environment.django()
        start = time.perf_counter()
        expert = load(args.centres, args.years)
        harness.analyze()
        print(f"   loaded in {time.perf_counter() - start:.0f} s")
        from control import risk
        from reports.deadlines import deadline_for

        deadline = deadline_for(LAST_YEAR)

        scale = f"{args.centres} centres × {args.years} years"
        cpu = {"ranking": [], "bare": []}
        with connection.cursor() as cursor:
            times = harness.interleaved(
                {
                    "ranking": cpu_timed(lambda: risk.ranking_for_year(LAST_YEAR), cpu["ranking"]),
                    "bare": cpu_timed(lambda: bare_pass(cursor, LAST_YEAR, connection.vendor, deadline), cpu["bare"]),
                },
                args.rounds,
            )
        ranked = len(risk.ranking_for_year(LAST_YEAR)[1])
        # The first CPU time of each is interleaved()'s warm-up call.
        cpu_ratio = harness.ratios(cpu["ranking"][1:], cpu["bare"][1:])[0]
        results = [
            harness.ratio_result(
                "risk ranking vs bare SQL",
                args.db,
                scale,
                times["ranking"],
                times["bare"],
                at_most=RATIO_TARGET,
                note=f"ranking {harness.median(times['ranking']) * 1000:.0f} ms, "
                f"bare {harness.median(times['bare']) * 1000:.0f} ms, {ranked} centres ranked; "
                f"CPU time {cpu_ratio:.2f}×",
            )
        ]
        session = harness.agency_session(expert)
        server = harness.Server(environment, workers=1)
        results.append(
            harness.timed_result(
                "risk ranking page over HTTP",
                args.db,
                scale,
                page_times(server, session, args.rounds),
                limit_ms=PAGE_TARGET_MS,
            )
        )
    finally:
        if server is not None:
            server.stop()
        environment.close()
    print(f"== control risk ({environment.describe()}, {args.rounds} interleaved rounds)")
    return harness.report(args, results)


if __name__ == "__main__":
    sys.exit(main())
